// Runs in the webview. Colours come from VS Code's CSS variables, read when drawing, so a theme
// switch (body class and variables change) only needs a redraw.

const SERIES_VARS: readonly [string, string][] = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-yellow', '#cca700'],
  ['--vscode-terminal-ansiCyan', '#11a8cd'],
  ['--vscode-terminal-ansiMagenta', '#bc3fbc'],
];

/** The colours the canvas plots need, resolved from the current theme. */
export interface Theme {
  readonly kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  readonly foreground: string;
  readonly background: string;
  readonly grid: string;
  readonly saturated: string;
  readonly dead: string;
  readonly font: string;
  series(i: number): string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

/** Reads the theme now (cheap; call again after a theme change). */
export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const cls = document.body.classList;
  const kind = cls.contains('vscode-high-contrast-light') ? 'high-contrast-light' : cls.contains('vscode-high-contrast') ? 'high-contrast' : cls.contains('vscode-light') ? 'light' : 'dark';
  const light = kind === 'light' || kind === 'high-contrast-light';
  const colours = SERIES_VARS.map(([name, fb]) => cssVar(style, name, fb));
  const family = cssVar(style, '--vscode-font-family', 'system-ui, sans-serif');
  return {
    kind,
    foreground: cssVar(style, '--vscode-foreground', light ? '#333333' : '#cccccc'),
    background: cssVar(style, '--vscode-editor-background', light ? '#ffffff' : '#1e1e1e'),
    grid: cssVar(style, '--vscode-editorWidget-border', light ? '#c8c8c8' : '#454545'),
    saturated: light ? 'rgba(209,134,22,0.10)' : 'rgba(209,134,22,0.13)',
    dead: light ? 'rgba(241,76,76,0.10)' : 'rgba(241,76,76,0.13)',
    font: `12px ${family}`,
    series: (i) => colours[i % colours.length],
  };
}

/** Calls `onChange` when VS Code switches theme (it rewrites the body class and the html style). */
export function watchTheme(onChange: () => void): void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
}
