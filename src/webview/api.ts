// Runs in the webview. The typed handle on VS Code's webview API (posting and persisted state).
import type { FromWebview, PanelState } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The only way the client talks to the extension host: typed messages and persisted state. */
export interface HostApi {
  post(message: FromWebview): void;
  saveState(state: PanelState): void;
  loadState(): unknown;
}

/** Wraps `acquireVsCodeApi()`; it may be called once per page, so main.ts calls this once. */
export function connectHost(): HostApi {
  const api = acquireVsCodeApi();
  return {
    post: (m) => api.postMessage(m),
    saveState: (s) => api.setState(s),
    loadState: () => api.getState(),
  };
}
