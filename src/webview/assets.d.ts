// Type-only: lets the webview entry import uPlot's stylesheet, which esbuild emits as main.css.
declare module '*.css';
