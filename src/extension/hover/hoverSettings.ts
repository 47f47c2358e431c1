// Runs in the extension host: reads the hover settings into one immutable snapshot.
import * as vscode from 'vscode';
import type { HoverOptions } from '../../core/hover';
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
  const size = Math.round(Math.min(600, Math.max(120, own.get<number>('hover.plotSize', 200))));
  const keras = own.get<string>('kerasVersion', '3');
  return {
    enabled: editorOn && own.get<boolean>('hover.enabled', true),
    options: {
      sections: {
        formula: own.get<boolean>('hover.formula', true),
        plot: own.get<boolean>('hover.plot', true),
        properties: own.get<boolean>('hover.properties', true),
        guidance: own.get<boolean>('hover.guidance', true),
        versions: own.get<boolean>('hover.versions', true),
        links: own.get<boolean>('hover.links', true),
      },
      plotWidth: size,
      theme: themeKind(vscode.window.activeColorTheme.kind),
      kerasMajor: keras === '2' ? 2 : 3,
    },
  };
}
