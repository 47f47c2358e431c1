// A few of the CSS variables VS Code sets on a webview's <html>, for a dark and a light theme.
export interface FakeTheme {
  readonly bodyClass: string;
  readonly vars: Readonly<Record<string, string>>;
}

export const DARK: FakeTheme = {
  bodyClass: 'vscode-dark',
  vars: {
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-background': '#1e1e1e',
    '--vscode-editorWidget-border': '#454545',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-focusBorder': '#007fd4',
    '--vscode-font-family': 'sans-serif',
  },
};

export const LIGHT: FakeTheme = {
  bodyClass: 'vscode-light',
  vars: {
    '--vscode-foreground': '#616161',
    '--vscode-editor-background': '#ffffff',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-purple': '#652d90',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-focusBorder': '#0090f1',
    '--vscode-font-family': 'sans-serif',
  },
};
