// Runs in the extension host: reads the hover settings into one immutable snapshot.
import * as vscode from 'vscode';
import type { HoverOptions } from '../../core/hover';
import { hoverSettingsFrom } from '../../core/settings';
import type { ThemeKind } from '../../core/plot/palette';

interface HoverSettings {
  /** Our hover and the editor's hover both on. */
  readonly enabled: boolean;
  readonly options: HoverOptions;
}

function themeKind(kind: vscode.ColorThemeKind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light: return 'light';
    case vscode.ColorThemeKind.HighContrast: return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight: return 'highContrastLight';
    default: return 'dark';
  }
}

/** A snapshot of the settings for a document (language-scoped `editor.hover.enabled` is honoured). */
export function readHoverSettings(document?: vscode.TextDocument): HoverSettings {
  const own = vscode.workspace.getConfiguration('activationLens', document);
  const editor = vscode.workspace.getConfiguration('editor', document);
  const editorHover = editor.get<unknown>('hover.enabled', true);
  // `editor.hover.enabled` became an enum ('on' | 'off' | 'onKeyboardModifier') in newer VS Code builds.
  const editorOn = editorHover !== false && editorHover !== 'off';
  const values = hoverSettingsFrom((key) => own.get(key), themeKind(vscode.window.activeColorTheme.kind));
  return { enabled: editorOn && values.enabled, options: values.options };
}
