/**
 * What the client can do (from `initialize`) and the `activationLens` settings per document: asked through
 * `workspace/configuration` where the client answers it, otherwise taken from `initializationOptions` and
 * `workspace/didChangeConfiguration`. Values are validated by the core's one settings reader; the project's
 * configuration file is read as the command line reads it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientCapabilities, Connection, InitializeParams } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { HoverOptions } from '../core/hover';
import type { ThemeKind } from '../core/plot/palette';
import { diagnosticsSettingsFrom, hoverSettingsFrom, objectGetter, type DiagnosticsSettings, type SettingGetter } from '../core/settings';
import { configVersions, ruleLevels } from '../core/config';
import type { CheckOptions } from '../core/rules';
import type { TargetVersions } from '../core/versions';
import { ProjectSettings } from '../cli/settings';
import { rootVersions } from '../cli/versions';

export interface ClientFeatures {
  readonly configuration: boolean;
  readonly pullDiagnostics: boolean;
  readonly diagnosticRefresh: boolean;
  readonly markdownHover: boolean;
  readonly documentChanges: boolean;
  readonly showDocument: boolean;
  /** Takes file watchers registered at run time (workspace/didChangeWatchedFiles). */
  readonly watchFiles: boolean;
  /** Known to draw Markdown images (data URIs) in hovers. */
  readonly imageHovers: boolean;
  readonly workspaceRoots: readonly string[];
}

/** Editors known to show images in hovers; everyone else gets text unless `hover.images` says otherwise. */
const IMAGE_CLIENTS = /^(?:visual studio code|vscode|vscodium|code - oss|code-oss|code-server|cursor)\b/i;

export function clientFeatures(params: InitializeParams): ClientFeatures {
  const c: ClientCapabilities = params.capabilities ?? {};
  const formats = c.textDocument?.hover?.contentFormat;
  const roots = [...(params.workspaceFolders ?? []).map((f) => f.uri), ...(params.rootUri ? [params.rootUri] : [])]
    .map(filePath).filter((p): p is string => p !== undefined);
  if (roots.length === 0 && typeof params.rootPath === 'string' && params.rootPath) roots.push(params.rootPath);
  return {
    configuration: c.workspace?.configuration === true,
    pullDiagnostics: c.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    markdownHover: !formats || formats.includes(MarkupKind.Markdown),
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    showDocument: c.window?.showDocument?.support === true,
    watchFiles: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    imageHovers: IMAGE_CLIENTS.test(params.clientInfo?.name ?? ''),
    workspaceRoots: [...new Set(roots)],
  };
}

/** A `file:` URI's path, or undefined for other schemes and bad URIs. */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

const THEMES: readonly ThemeKind[] = ['light', 'dark', 'highContrast', 'highContrastLight'];

export interface DocumentSettings {
  readonly hoverEnabled: boolean;
  readonly hover: HoverOptions;
  readonly diagnostics: DiagnosticsSettings;
}

export class SettingsSource {
  /** Settings pushed by the client (initializationOptions, didChangeConfiguration). */
  private pushed: unknown;
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly versionCache = new Map<string, TargetVersions>();
  /** Configuration files found so far (dropped when files change). */
  private project: ProjectSettings | undefined;

  constructor(private readonly connection: Connection, private readonly features: ClientFeatures, initializationOptions: unknown) {
    this.pushed = ownSection(initializationOptions);
  }

  /** A settings change: forget what was asked, and take pushed values when they come along. */
  changed(settings: unknown): void {
    const own = ownSection(settings);
    if (own !== undefined) this.pushed = own;
    this.cache.clear();
  }

  /** Dependency files may have changed: read them again next time. */
  filesChanged(): void {
    this.versionCache.clear();
    this.project = undefined;
  }

  async forDocument(uri: string): Promise<DocumentSettings> {
    const get = await this.getter(uri);
    const hover = hoverSettingsFrom(get, theme(get('hover.theme')));
    const images = get('hover.images');
    const showImages = typeof images === 'boolean' ? images : this.features.imageHovers;
    return {
      hoverEnabled: hover.enabled,
      hover: { ...hover.options, images: showImages && this.features.markdownHover, client: 'lsp' },
      diagnostics: diagnosticsSettingsFrom(get),
    };
  }

  /**
   * Rules and target versions for a document. The project's configuration file (`[tool.activation-lens]` or
   * `activation-lens.toml`, the closest one above the file, as `check` reads it) wins over the editor's rule
   * levels; versions come from the configuration file where it pins them (as in VS Code), else the setting, then the
   * dependency files for `auto`.
   */
  checkOptionsFor(uri: string, settings: DiagnosticsSettings): CheckOptions & { readonly versions: TargetVersions } {
    const file = filePath(uri);
    const root = (file && this.features.workspaceRoots.filter((r) => file.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0])
      ?? (file ? path.dirname(file) : this.features.workspaceRoots[0]);
    if (!root) return { versions: rootVersions('', settings.kerasVersion, settings.torchVersion), rules: settings.rules };
    this.project ??= new ProjectSettings(root, {}, (line) => this.connection.console.warn(`activation-lens: ${line}`));
    const config = file ? this.project.configFor(path.dirname(file)) : undefined;
    const key = JSON.stringify([config?.file ?? root, settings.kerasVersion, settings.torchVersion]);
    let versions = this.versionCache.get(key);
    if (!versions) {
      // As in VS Code: a version the file pins wins over the editor's setting, and the file is named as the reason.
      const pinned = configVersions(config, config ? this.project.shown(config.file) : '');
      versions = rootVersions(config ? config.dir : root, pinned.keras ?? settings.kerasVersion, pinned.torch ?? settings.torchVersion);
      if (pinned.kerasFrom) versions = { ...versions, kerasReason: pinned.kerasFrom };
      if (pinned.torchFrom && versions.torch) versions = { ...versions, torchReason: pinned.torchFrom };
      this.versionCache.set(key, versions);
    }
    return { versions, rules: ruleLevels(config, {}, settings.rules) };
  }

  private async getter(uri: string): Promise<SettingGetter> {
    if (!this.features.configuration) return objectGetter(this.pushed);
    let asked = this.cache.get(uri);
    if (!asked) {
      asked = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'activationLens' }).catch(() => undefined);
      this.cache.set(uri, asked);
    }
    const answer = await asked;
    // Clients without such a section answer null: fall back to what they pushed.
    return objectGetter(answer && typeof answer === 'object' ? answer : this.pushed);
  }
}

/** `{ activationLens: {...} }` or the section itself. */
function ownSection(settings: unknown): unknown {
  if (!settings || typeof settings !== 'object') return undefined;
  const own = (settings as Record<string, unknown>).activationLens;
  return own && typeof own === 'object' ? own : settings;
}

function theme(value: unknown): ThemeKind {
  return THEMES.includes(value as ThemeKind) ? (value as ThemeKind) : 'light';
}
