// Runs in the extension host: `activationLens.openDocs` opens a framework docs page the catalog knows.
import * as vscode from 'vscode';


/**
 * Opens `{ url }` in the browser, only when the URL is one of the catalog's docs pages: a crafted command
 * link cannot send the user anywhere else. Returns whether it opened.
 */
export async function openDocs(args?: { url?: unknown } | string): Promise<boolean> {
  const url = typeof args === 'string' ? args : args?.url;
  // Loaded here, not at the top: the hover code stays out of activation.
  const { knownDocsUrls } = await import('./lazy');
  if (typeof url !== 'string' || !knownDocsUrls().has(url)) {
    void vscode.window.showWarningMessage('Activation Lens opens only the framework documentation pages it knows.');
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(url, true));
}
