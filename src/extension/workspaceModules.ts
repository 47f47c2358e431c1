// Runs in the extension host: the workspace index of project modules that open documents import, so an activation
// passed to a wrapper defined in another file (`from .blocks import conv_bn`) is judged by where it ends up.
//
// Only modules some analysed document imports are read, each once per version, in the background: a lookup never
// waits. A module not read yet is asked for and the lookup answers "unknown" (the usage is reported unjudged); when
// it arrives, the documents that wanted it are analysed again. Open documents are read from the editor (unsaved
// text included); other files from the workspace file system, refreshed when a watcher sees them change.
import * as vscode from 'vscode';
import type { ModuleSource } from '../core/scan';

/** Module files larger than this are not read (a wrapper module is small). */
const MAX_BYTES = 2_000_000;
/** Folders above the importing file searched for an absolute import's package. */
const MAX_ANCESTORS = 6;
/** How many module files the index keeps. */
const MAX_ENTRIES = 512;

type Entry = { readonly state: 'loaded'; readonly key: string; readonly text: string } | { readonly state: 'missing' } | { readonly state: 'loading' };

export class WorkspaceModules implements ModuleSource, vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  /** Module file URI -> URIs of the documents that asked for it. */
  private readonly wantedBy = new Map<string, Set<string>>();
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  /** Fires with the URIs of documents whose imported modules arrived or changed: analyse them again. */
  readonly onDidChange = this.changed.event;
  /** Module files read from the file system (for logs and tests). */
  reads = 0;

  constructor() {
    const ws = vscode.workspace;
    this.subscriptions.push(
      ws.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.touched(e.document.uri); }),
      ws.onDidSaveTextDocument((d) => this.invalidate(d.uri)),
      ws.onDidCloseTextDocument((d) => this.invalidate(d.uri)),
    );
    try {
      const watcher = ws.createFileSystemWatcher('**/*.py');
      this.subscriptions.push(watcher, watcher.onDidChange((u) => this.invalidate(u)), watcher.onDidCreate((u) => this.invalidate(u)), watcher.onDidDelete((u) => this.invalidate(u)));
    } catch {
      // Some hosts (virtual workspaces) have no watcher: open documents still update through their events.
    }
  }

  read(fromFile: string, module: string, level: number, requester = fromFile): { readonly key: string; readonly text: string; readonly file: string } | undefined {
    let from: vscode.Uri;
    try {
      from = vscode.Uri.parse(fromFile, true);
    } catch {
      return undefined;
    }
    if (from.scheme === 'untitled' || from.scheme === 'vscode-notebook-cell' && !from.path) return undefined;
    const list = candidates(from, module, level);
    for (const [i, candidate] of list.entries()) {
      const id = candidate.toString();
      // The document the scan is for wants it, also when a module it imports is the one importing this.
      this.want(id, requester);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
      if (open) return open.getText().length <= MAX_BYTES ? { key: `${id}@open${open.version}`, text: open.getText(), file: id } : undefined;
      const entry = this.entries.get(id);
      if (entry?.state === 'loaded') return { key: entry.key, text: entry.text, file: id };
      if (entry?.state === 'missing') continue;
      // Not known yet: read it and the candidates after it in the background, and answer "unknown" for now.
      for (const later of list.slice(i)) {
        this.want(later.toString(), requester);
        if (!this.entries.has(later.toString())) this.load(later);
      }
      return undefined;
    }
    return undefined;
  }

  private want(module: string, document: string): void {
    let set = this.wantedBy.get(module);
    if (!set) this.wantedBy.set(module, (set = new Set()));
    set.add(document);
  }

  private load(uri: vscode.Uri): void {
    const id = uri.toString();
    this.entries.set(id, { state: 'loading' });
    void (async () => {
      let entry: Entry = { state: 'missing' };
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type === vscode.FileType.File && stat.size <= MAX_BYTES) {
          const bytes = await vscode.workspace.fs.readFile(uri);
          this.reads++;
          entry = { state: 'loaded', key: `${id}@${stat.mtime}:${stat.size}`, text: new TextDecoder().decode(bytes) };
        }
      } catch {
        entry = { state: 'missing' };
      }
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(id, entry);
      this.notify(id);
    })();
  }

  /** An open module was edited: documents that import it see the new text at their next analysis. */
  private touched(uri: vscode.Uri): void {
    if (this.wantedBy.has(uri.toString())) this.notify(uri.toString());
  }

  private invalidate(uri: vscode.Uri): void {
    const id = uri.toString();
    if (!this.entries.has(id) && !this.wantedBy.has(id)) return;
    this.entries.delete(id);
    this.notify(id);
  }

  private notify(module: string): void {
    const documents = this.wantedBy.get(module);
    if (documents?.size) this.changed.fire([...documents]);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.entries.clear();
    this.wantedBy.clear();
  }
}

/** Files a module may live in: `pkg/blocks.py`, then `pkg/blocks/__init__.py`, relative to the right folders. */
function candidates(from: vscode.Uri, module: string, level: number): vscode.Uri[] {
  const parts = module ? module.split('.') : [];
  let dir = vscode.Uri.joinPath(from, '..');
  const bases: vscode.Uri[] = [];
  if (level > 0) {
    for (let i = 1; i < level; i++) dir = vscode.Uri.joinPath(dir, '..');
    bases.push(dir);
  } else {
    for (let i = 0; i <= MAX_ANCESTORS; i++) {
      bases.push(dir);
      const up = vscode.Uri.joinPath(dir, '..');
      if (up.path === dir.path) break;
      dir = up;
    }
  }
  const out: vscode.Uri[] = [];
  for (const base of bases) {
    if (parts.length) {
      const last = parts[parts.length - 1];
      out.push(vscode.Uri.joinPath(base, ...parts.slice(0, -1), `${last}.py`));
    }
    out.push(vscode.Uri.joinPath(base, ...parts, '__init__.py'));
  }
  return out;
}
