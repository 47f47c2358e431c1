// Runs in the extension host: target framework versions per workspace folder, from its dependency files.
import * as vscode from 'vscode';
import { DEPENDENCY_FILE_GLOB, resolveVersions, type TargetVersions } from '../../core/versions';

interface FolderFiles {
  readonly files: readonly { readonly name: string; readonly text: string }[];
}

/**
 * Reads requirements*.txt, pyproject.toml, Pipfile and environment.yml of each workspace folder (top two levels),
 * caches them, and re-reads when one changes. Works on virtual file systems (vscode.dev) through workspace.fs.
 */
export class WorkspaceVersions implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<FolderFiles>>();
  private readonly watcher: vscode.FileSystemWatcher | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a dependency file changes, so open documents are checked again. */
  readonly onDidChange = this.changed.event;

  constructor() {
    try {
      this.watcher = vscode.workspace.createFileSystemWatcher(`**/${DEPENDENCY_FILE_GLOB}`);
      const reset = (): void => { this.cache.clear(); this.changed.fire(); };
      this.watcher.onDidChange(reset);
      this.watcher.onDidCreate(reset);
      this.watcher.onDidDelete(reset);
    } catch {
      this.watcher = undefined; // some virtual workspaces cannot watch: versions are then read once
    }
  }

  /** The versions for a document: the setting unless `auto`, else its folder's dependency files. */
  async forDocument(uri: vscode.Uri, setting: { keras: string; torch: string }): Promise<TargetVersions> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const files = folder ? await this.read(folder) : { files: [] };
    return resolveVersions(files.files, setting);
  }

  private read(folder: vscode.WorkspaceFolder): Promise<FolderFiles> {
    const key = folder.uri.toString();
    let hit = this.cache.get(key);
    if (!hit) {
      hit = readFolder(folder);
      this.cache.set(key, hit);
    }
    return hit;
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
    this.cache.clear();
  }
}

async function readFolder(folder: vscode.WorkspaceFolder): Promise<FolderFiles> {
  try {
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `{,*/}${DEPENDENCY_FILE_GLOB}`), '**/node_modules/**', 20);
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
