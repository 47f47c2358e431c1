// Runs in the extension host: the project configuration (`[tool.activation-lens]` in pyproject.toml, or
// activation-lens.toml / .activation-lens.toml) that applies to a document, read with the same core parser as the
// command line. It is a settings layer: its rule levels and Keras/PyTorch versions win over the editor's settings
// for hovers, diagnostics, the panel and the signal view alike; editing it re-derives every analysis; its problems
// (file, line, key) are shown as diagnostics on the file itself.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAMES, configIn, configVersions, MAX_CONFIG_BYTES, ruleLevels, type ConfigRead, type LensConfig } from '../core/config';
import type { SettingsLayer, SettingsOverrides } from './settings';

/** Folders walked up from a document at most (a workspace is rarely deeper; this bounds the reads). */
const MAX_DEPTH = 32;

export class ProjectConfigs implements SettingsLayer, vscode.Disposable {
  private readonly cache = new Map<string, Promise<ConfigRead | undefined>>();
  /** Per document: its configuration's overrides once read (null: none applies). */
  private readonly resolved = new Map<string, SettingsOverrides | null>();
  /** Documents asked for before their configuration was read: a snapshot without it may have been taken. */
  private readonly missed = new Set<string>();
  /** Grows with every change of a configuration file: a read begun before one is not remembered. */
  private generation = 0;
  private readonly watcher: vscode.FileSystemWatcher | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly problems = vscode.languages.createDiagnosticCollection('activation-lens-config');
  /** Fires when a configuration file changes, so open documents are checked again. */
  readonly onDidChange = this.changed.event;

  constructor() {
    try {
      this.watcher = vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE_NAMES.join(',')}}`);
      const reset = (): void => { this.generation++; this.cache.clear(); this.resolved.clear(); this.missed.clear(); this.problems.clear(); this.changed.fire(); };
      this.watcher.onDidChange(reset);
      this.watcher.onDidCreate(reset);
      this.watcher.onDidDelete(reset);
    } catch {
      this.watcher = undefined; // some virtual workspaces cannot watch: the files are then read once
    }
  }

  /** The configuration for a document, or undefined (untitled documents, none found, or a file with errors). */
  async forDocument(uri: vscode.Uri): Promise<LensConfig | undefined> {
    if (uri.scheme === 'untitled') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    let dir = parentOf(uri);
    for (let depth = 0; dir && depth < MAX_DEPTH; depth++, dir = parentOf(dir)) {
      // Outside a workspace folder only file:// paths are walked; inside one, the walk stops at its root.
      if (!folder && uri.scheme !== 'file') return undefined;
      const read = await this.inFolder(dir);
      if (read) return read.config;
      if (folder && dir.toString() === folder.uri.toString()) return undefined;
    }
    return undefined;
  }

  /**
   * The overrides for a document when already read; otherwise undefined now, the file is read, and a change is
   * announced if it turns out to set anything (snapshots are then read again).
   */
  overridesFor(uri: vscode.Uri): SettingsOverrides | undefined {
    const key = uri.toString();
    const hit = this.resolved.get(key);
    if (hit !== undefined) return hit ?? undefined;
    this.missed.add(key);
    void this.ready(uri);
    return undefined;
  }

  async ready(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (this.resolved.has(key)) return;
    const generation = this.generation;
    const overrides = toOverrides(await this.forDocument(uri));
    if (generation !== this.generation) return this.ready(uri);
    if (this.resolved.has(key)) return;
    this.resolved.set(key, overrides ?? null);
    if (overrides && this.missed.delete(key)) this.changed.fire();
  }

  private inFolder(dir: vscode.Uri): Promise<ConfigRead | undefined> {
    const key = dir.toString();
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.readFolder(dir);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async readFolder(dir: vscode.Uri): Promise<ConfigRead | undefined> {
    const texts = new Map<string, string>();
    await Promise.all(CONFIG_FILE_NAMES.map(async (name) => {
      try {
        const file = vscode.Uri.joinPath(dir, name);
        const stat = await vscode.workspace.fs.stat(file);
        if (stat.type !== vscode.FileType.File) return;
        const bytes = stat.size > MAX_CONFIG_BYTES * 2 ? new Uint8Array(MAX_CONFIG_BYTES + 1).fill(32) : await vscode.workspace.fs.readFile(file);
        texts.set(name, new TextDecoder().decode(bytes));
      } catch { /* absent or unreadable: not a configuration */ }
    }));
    const read = configIn(dir.toString(), (name) => texts.get(name), (d, name) => `${d}/${name}`);
    if (read?.problems.length) {
      const file = vscode.Uri.parse(read.problems[0].file);
      this.problems.set(file, read.problems.map((p) => {
        const d = new vscode.Diagnostic(new vscode.Range(p.line - 1, 0, p.line - 1, 1000), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        d.source = 'Activation Lens';
        return d;
      }));
    }
    return read;
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
    this.problems.dispose();
    this.cache.clear();
  }
}

/** What a configuration file sets, as settings overrides; the file is named as the reason for the versions it sets. */
function toOverrides(config: LensConfig | undefined): SettingsOverrides | undefined {
  if (!config) return undefined;
  return { rules: ruleLevels(config), ...configVersions(config, vscode.workspace.asRelativePath(vscode.Uri.parse(config.file), false)) };
}

function parentOf(uri: vscode.Uri): vscode.Uri | undefined {
  const path = uri.path.replace(/\/+$/, '');
  const cut = path.lastIndexOf('/');
  if (cut < 0 || path === '') return undefined;
  return uri.with({ path: cut === 0 ? '/' : path.slice(0, cut) });
}
