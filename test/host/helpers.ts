// Shared helpers for the in-host suite. They use the `vscode` API only: the same code runs in the Node extension
// host (code-server, desktop VS Code) and in the web worker extension host (vscode.dev), where Node built-ins are absent.
import * as vscode from 'vscode';

/** The extension under test, as published: `publisher.name`. */
export const EXTENSION_ID = 'activationlens.activation-lens';

/** Activates the extension and returns its exports. Hover and command providers answer only once it is active. */
export async function activateExtension(): Promise<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this host`);
  return extension.activate();
}

/** URI of a file in the fixture workspace (test/fixtures/workspace), whichever way the host mounted it. */
export function fixtureUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder: the host was started without test/fixtures/workspace');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** Opens a fixture text file and shows it in an editor. */
export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document);
}

/** Opens a fixture notebook through the notebook API and shows it. */
export async function openNotebookFixture(relativePath: string): Promise<vscode.NotebookEditor> {
  const notebook = await vscode.workspace.openNotebookDocument(fixtureUri(relativePath));
  return vscode.window.showNotebookDocument(notebook);
}

/** 0-based line of the first line containing `text`; fails the test when it is absent, so fixtures and tests stay in step. */
export function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.includes(text)) return line;
  }
  throw new Error(`"${text}" not found in ${document.uri.toString()}`);
}

/** Polls `probe` until it returns a value other than undefined, at most `timeoutMs`; UI state in VS Code settles asynchronously. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Closes every editor so each test starts from the same workbench. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Runs `run` with one `activationLens.*` setting changed (globally), restoring it afterwards. */
export async function withSetting<T>(key: string, value: unknown, run: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('activationLens');
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await run();
  } finally {
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
}

/** Our hover (the one naming an activation) at the first occurrence of `needle` on the line containing `lineText`. */
export async function hoverAt(document: vscode.TextDocument, lineText: string, needle: string, delta = 1): Promise<vscode.MarkdownString | undefined> {
  const line = lineOf(document, lineText);
  const character = document.lineAt(line).text.indexOf(needle) + delta;
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, character));
  for (const h of hovers ?? []) {
    for (const c of h.contents) {
      if (typeof c !== 'string' && /activation|command:activationLens/i.test(c.value)) return c as vscode.MarkdownString;
    }
  }
  return undefined;
}

/** Number of SVG data-URI images in hover Markdown. */
export function imageCount(markdown: string): number {
  // Alt texts escape their brackets (`\[-4, 4\]`), so a backslash escape counts as one character.
  return (markdown.match(/!\[(?:\\.|[^\]\\])*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/g) ?? []).length;
}

/** The SVG text of the hover's first image (atob exists in Node and in web workers). */
export function firstSvg(markdown: string): string {
  const m = /\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(markdown);
  return m ? atob(m[1]) : '';
}
