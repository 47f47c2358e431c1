// Runs in the extension host (Node or web worker). Loads the math renderer, dist/tex.js (MathJax, built alone by
// scripts/texChunk.mjs), the first time a formula from user code must be typeset, and hands it to the core as its
// TexPort. Built-in formulas never need it (they were rendered at build time). When it cannot load, formulas from
// user code stay text and the log says why once.
import * as vscode from 'vscode';
import type { TexPort, TexRenderer } from '../../core/hover/userMath';

interface TexChunk {
  createTexToSvg(): TexRenderer;
}

/** Reads one of the extension's own files: through the editor's file system, else (web hosts serving it over http) fetch. */
async function readOwnFile(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (fsError) {
    if (uri.scheme === 'file') throw fsError;
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  }
}

export class TexLoader implements TexPort {
  private loading: Promise<TexRenderer | undefined> | undefined;
  private loadedRenderer: TexRenderer | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log?: vscode.LogOutputChannel,
  ) {}

  /** The renderer once loaded (undefined before, and after a failed load). */
  get renderer(): TexRenderer | undefined {
    return this.loadedRenderer;
  }

  /** Whether dist/tex.js was evaluated in this extension host. */
  get loaded(): boolean {
    return this.loadedRenderer !== undefined;
  }

  /** Loads dist/tex.js once; later calls share the first. Never rejects. */
  load(): Promise<TexRenderer | undefined> {
    return (this.loading ??= this.evaluate());
  }

  private async evaluate(): Promise<TexRenderer | undefined> {
    const started = performance.now();
    try {
      const text = await readOwnFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'tex.js'));
      const chunk = { exports: {} as Partial<TexChunk> };
      // Our own CommonJS bundle, evaluated the way the web extension host evaluates extensions (it has no
      // require of a second file); in Node the same path keeps one way of loading for both hosts.
      new Function('module', 'exports', text)(chunk, chunk.exports);
      if (typeof chunk.exports.createTexToSvg !== 'function') throw new Error('dist/tex.js has no createTexToSvg');
      this.loadedRenderer = chunk.exports.createTexToSvg();
      this.log?.info(`Math renderer for formulas from user code loaded in ${(performance.now() - started).toFixed(0)} ms`);
    } catch (e) {
      this.log?.warn(`Formulas from user code are shown as text: the math renderer (dist/tex.js) did not load: ${e instanceof Error ? e.message : String(e)}`);
    }
    return this.loadedRenderer;
  }
}
