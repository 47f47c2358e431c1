// Runs in the extension host: the diagnostics settings for one document, as plain options for the core.
import * as vscode from 'vscode';
import { diagnosticsSettingsFrom, type DiagnosticsSettings } from '../../core/settings';

/** Reads and validates the settings (unknown codes and values are ignored, never thrown on). */
export function readDiagnosticsSettings(scope?: vscode.ConfigurationScope): DiagnosticsSettings {
  const own = vscode.workspace.getConfiguration('activationLens', scope);
  return diagnosticsSettingsFrom((key) => own.get(key));
}
