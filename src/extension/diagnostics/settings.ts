// Runs in the extension host: the diagnostics settings for one document, as plain options for the core.
import * as vscode from 'vscode';
import { isRuleCode, type CheckOptions, type RuleCode, type Severity } from '../../core/rules';

interface DiagnosticsSettings {
  readonly enabled: boolean;
  readonly delay: number;
  readonly rules: NonNullable<CheckOptions['rules']>;
  /** `auto`, `2`, `3`. */
  readonly kerasVersion: string;
  readonly torchVersion: string;
}

const LEVELS = new Set(['off', 'error', 'warning', 'information', 'hint']);

/** Reads and validates the settings (unknown codes and values are ignored, never thrown on). */
export function readDiagnosticsSettings(scope?: vscode.ConfigurationScope): DiagnosticsSettings {
  const own = vscode.workspace.getConfiguration('activationLens', scope);
  const raw = own.get<Record<string, unknown>>('diagnostics.rules', {}) ?? {};
  const rules: Partial<Record<RuleCode, Severity | 'off'>> = {};
  for (const [code, level] of Object.entries(raw)) {
    if (isRuleCode(code) && typeof level === 'string' && LEVELS.has(level)) rules[code] = level as Severity | 'off';
  }
  const delay = own.get<number>('diagnostics.delay', 300);
  return {
    enabled: own.get<boolean>('diagnostics.enabled', true),
    delay: Number.isFinite(delay) ? Math.min(5000, Math.max(0, delay)) : 300,
    rules,
    kerasVersion: String(own.get<string>('kerasVersion', 'auto') ?? 'auto'),
    torchVersion: String(own.get<string>('torchVersion', 'auto') ?? 'auto'),
  };
}
