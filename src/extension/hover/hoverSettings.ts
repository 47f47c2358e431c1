// Runs in the extension host: the hover's options from the settings snapshot, the theme and the file's versions.
import * as vscode from 'vscode';
import type { HoverOptions } from '../../core/hover';
import type { ThemeKind } from '../../core/plot/palette';
import type { TargetVersions } from '../../core/versions';
import type { Settings } from '../settings';

function themeKind(kind: vscode.ColorThemeKind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light: return 'light';
    case vscode.ColorThemeKind.HighContrast: return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight: return 'highContrastLight';
    default: return 'dark';
  }
}

/** Hover options: sections and size from settings, Keras version and its reason from the file's analysis. */
export function hoverOptions(settings: Settings, versions: TargetVersions | undefined): HoverOptions {
  return {
    sections: settings.hover.sections,
    plotWidth: settings.hover.plotSize,
    theme: themeKind(vscode.window.activeColorTheme.kind),
    kerasMajor: versions?.kerasMajor ?? 3,
    ...(versions ? { kerasReason: versions.kerasReason } : {}),
  };
}
