// Runs in the extension host: the dependency files of each workspace folder, read for `auto` versions.
import * as vscode from 'vscode';
import { DEPENDENCY_FILE_GLOB } from '../core/versions';

export type DependencyFile = { readonly name: string; readonly text: string };

interface FolderFiles {
  readonly files: readonly DependencyFile[];
}

/**
 * Reads requirements*.txt, pyproject.toml, Pipfile and environment.yml of each workspace folder (top two levels),
 * caches them, and re-reads when one changes. Works on virtual file systems (vscode.dev) through workspace.fs.
 */
export class DependencyFiles implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<FolderFiles>>();
  /** Folders whose files have been read, for answers without waiting. */
  private readonly settled = new Map<string, FolderFiles>();
  private readonly watcher: vscode.FileSystemWatcher | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a dependency file changes, so open documents are analysed again. */
  readonly onDidChange = this.changed.event;

  constructor() {
    try {
      this.watcher = vscode.workspace.createFileSystemWatcher(`**/${DEPENDENCY_FILE_GLOB}`);
      const reset = (): void => { this.cache.clear(); this.settled.clear(); this.changed.fire(); };
      this.watcher.onDidChange(reset);
      this.watcher.onDidCreate(reset);
      this.watcher.onDidDelete(reset);
    } catch {
      this.watcher = undefined; // some virtual workspaces cannot watch: versions are then read once
    }
  }

  /** Forgets what was read (a settings change re-reads, in case a change went unwatched). */
  refresh(): void {
    this.cache.clear();
    this.settled.clear();
  }

  /** The dependency files of a document's workspace folder (none outside a folder). */
  async forDocument(uri: vscode.Uri): Promise<readonly DependencyFile[]> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? (await this.read(folder)).files : [];
  }

  /** The same, when they have been read already; undefined while they are being read. */
  forDocumentNow(uri: vscode.Uri): readonly DependencyFile[] | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return [];
    return this.settled.get(folder.uri.toString())?.files;
  }

  private read(folder: vscode.WorkspaceFolder): Promise<FolderFiles> {
    const key = folder.uri.toString();
    const hit = this.cache.get(key);
    if (hit) return hit;
    const reading: Promise<FolderFiles> = readFolder(folder).then((files) => {
      // A change while reading started a new read: only the newest is kept.
      if (this.cache.get(key) === reading) this.settled.set(key, files);
      return files;
    });
    this.cache.set(key, reading);
    return reading;
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
    this.cache.clear();
    this.settled.clear();
  }
}

/** Dependency files looked up by name at a folder's root. */
const ROOT_NAMES = ['requirements.txt', 'pyproject.toml', 'Pipfile', 'environment.yml', 'environment.yaml'];

async function readFolder(folder: vscode.WorkspaceFolder): Promise<FolderFiles> {
  try {
    // The folder's own files and its sub-folders' ones, as two plain patterns: a glob with an empty alternative
    // (`{,*/}...`) finds nothing in some hosts' file search.
    const search = (glob: string): Thenable<vscode.Uri[]> => vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**', 20).then((u) => u, () => []);
    const found = await Promise.all([search(DEPENDENCY_FILE_GLOB), search(`*/${DEPENDENCY_FILE_GLOB}`)]);
    // The root's own files are also looked up by name: a file search can miss them (a busy or partial index).
    const root = (await Promise.all(ROOT_NAMES.map((name) => {
      const uri = vscode.Uri.joinPath(folder.uri, name);
      return Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => uri, () => undefined);
    }))).filter((u): u is vscode.Uri => u !== undefined);
    const uris = [...new Map([...root, ...found.flat()].map((u) => [u.toString(), u])).values()];
    // Shallowest first: the root's requirements win over a sub-project's.
    uris.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
    const decoder = new TextDecoder();
    const files = await Promise.all(uris.map(async (uri) => {
      try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        return { name: uri.path.split('/').pop() ?? uri.path, text: decoder.decode(bytes.slice(0, 256 * 1024)) };
      } catch {
        return undefined;
      }
    }));
    return { files: files.filter((f): f is { name: string; text: string } => f !== undefined) };
  } catch {
    return { files: [] };
  }
}
