/**
 * The `activationLens.*` settings as plain, validated options for the core. Each editor adapter supplies a getter
 * (VS Code's configuration, the language server's `workspace/configuration` answer); bad values fall back to
 * defaults, never throw.
 */
import type { HoverOptions } from '../hover/model';
import type { ThemeKind } from '../plot/palette';
import { isRuleCode, type RuleCode, type Severity } from '../rules/codes';
import type { CheckOptions } from '../rules';

/** Reads one setting below `activationLens.` (e.g. `hover.plotSize`); undefined when unset. */
export type SettingGetter = (key: string) => unknown;

export interface HoverSettingValues {
  /** `activationLens.hover.enabled` (the editor's own hover switch is the adapter's business). */
  readonly enabled: boolean;
  readonly options: HoverOptions;
}

export interface DiagnosticsSettings {
  readonly enabled: boolean;
  readonly delay: number;
  readonly rules: NonNullable<CheckOptions['rules']>;
  /** `auto`, `2`, `3`. */
  readonly kerasVersion: string;
  readonly torchVersion: string;
  /** `vanishing-signal` / `exploding-signal` thresholds on the first-layer gradient ratio. */
  readonly signalThresholds: NonNullable<CheckOptions['signalThresholds']>;
}

const LEVELS = new Set(['off', 'error', 'warning', 'information', 'hint']);

function bool(get: SettingGetter, key: string, fallback: boolean): boolean {
  const v = get(key);
  return typeof v === 'boolean' ? v : fallback;
}

function num(get: SettingGetter, key: string, fallback: number, min: number, max: number): number {
  const v = get(key);
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

function str(get: SettingGetter, key: string, fallback: string): string {
  const v = get(key);
  return typeof v === 'string' ? v : fallback;
}

/** The hover settings for one document. */
export function hoverSettingsFrom(get: SettingGetter, theme: ThemeKind): HoverSettingValues {
  const keras = str(get, 'kerasVersion', '3');
  return {
    enabled: bool(get, 'hover.enabled', true),
    options: {
      sections: {
        formula: bool(get, 'hover.formula', true),
        plot: bool(get, 'hover.plot', true),
        properties: bool(get, 'hover.properties', true),
        guidance: bool(get, 'hover.guidance', true),
        versions: bool(get, 'hover.versions', true),
        links: bool(get, 'hover.links', true),
      },
      plotWidth: Math.round(num(get, 'hover.plotSize', 200, 120, 600)),
      theme,
      kerasMajor: keras === '2' ? 2 : 3,
    },
  };
}

/** The diagnostics settings for one document (unknown rule codes and levels are ignored). */
export function diagnosticsSettingsFrom(get: SettingGetter): DiagnosticsSettings {
  const raw = get('diagnostics.rules');
  const rules: Partial<Record<RuleCode, Severity | 'off'>> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [code, level] of Object.entries(raw as Record<string, unknown>)) {
      if (isRuleCode(code) && typeof level === 'string' && LEVELS.has(level)) rules[code] = level as Severity | 'off';
    }
  }
  return {
    enabled: bool(get, 'diagnostics.enabled', true),
    delay: num(get, 'diagnostics.delay', 300, 0, 5000),
    rules,
    kerasVersion: String(get('kerasVersion') ?? 'auto'),
    torchVersion: String(get('torchVersion') ?? 'auto'),
    signalThresholds: { vanishing: num(get, 'signal.vanishingThreshold', 1e-3, 1e-300, 1), exploding: num(get, 'signal.explodingThreshold', 1e3, 1, 1e300) },
  };
}

/** The signal view's settings: `signal.codeLens` shows a verdict above every model (thresholds are diagnostics'). */
export function signalSettingsFrom(get: SettingGetter): { readonly codeLens: boolean } {
  return { codeLens: bool(get, 'signal.codeLens', true) };
}

/** A getter over a plain settings object, nested (`{ hover: { plot: false } }`) or dotted (`{ "hover.plot": false }`). */
export function objectGetter(settings: unknown): SettingGetter {
  return (key) => {
    if (!settings || typeof settings !== 'object') return undefined;
    const flat = (settings as Record<string, unknown>)[key];
    if (flat !== undefined) return flat;
    let at: unknown = settings;
    for (const part of key.split('.')) {
      if (!at || typeof at !== 'object' || Array.isArray(at)) return undefined;
      at = (at as Record<string, unknown>)[part];
    }
    return at;
  };
}
