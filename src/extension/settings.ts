// Runs in the extension host: the one place that reads Activation Lens settings, as typed snapshots.
import * as vscode from 'vscode';
import type { RuleOverrides } from '../core/analysis';
import type { HoverSections } from '../core/hover';
import type { CheckOptions } from '../core/rules';
import { diagnosticsSettingsFrom, hoverSettingsFrom, signalSettingsFrom } from '../core/settings';

/** Everything the extension reads from settings for one document (or folder), validated. */
export interface Settings {
  readonly hover: {
    /** Our hover and the editor's hover (`editor.hover.enabled`, language-scoped) both on. */
    readonly enabled: boolean;
    readonly sections: HoverSections;
    /** Plot width in pixels, 120 to 600. */
    readonly plotSize: number;
  };
  readonly diagnostics: {
    readonly enabled: boolean;
    /** Milliseconds after the last keystroke, 0 to 5000. */
    readonly delay: number;
    readonly rules: RuleOverrides;
    readonly signalThresholds: NonNullable<CheckOptions['signalThresholds']>;
  };
  readonly signal: {
    /** A CodeLens with the predicted signal above each model. */
    readonly codeLens: boolean;
  };
  /** The chosen versions and where they were chosen (named as the reason when not `auto`). */
  readonly versions: { readonly keras: string; readonly torch: string; readonly kerasFrom: string; readonly torchFrom: string };
}

/**
 * A per-file source of settings that wins over VS Code's (a project configuration file such as
 * `activation-lens.toml`). Overrides are read synchronously (a layer caches what it reads) and a change is announced
 * through `onDidChange`, after which every snapshot is read again.
 */
export interface SettingsLayer {
  readonly onDidChange?: vscode.Event<void>;
  overridesFor(uri: vscode.Uri): SettingsOverrides | undefined;
  /** Settles once the layer has read what applies to `uri`, so a first answer can already include it. */
  ready?(uri: vscode.Uri): Promise<void>;
}

export interface SettingsOverrides {
  /** Per-rule levels; merged over the `activationLens.diagnostics.rules` setting, rule by rule. */
  readonly rules?: RuleOverrides;
  readonly keras?: string;
  /** Named as the reason for `keras` (e.g. `activation-lens.toml sets keras-version`). */
  readonly kerasFrom?: string;
  readonly torch?: string;
  readonly torchFrom?: string;
}

const SECTION = 'activationLens';
/** Reads VS Code's settings for a scope into a snapshot, validated by the core's reader (bad values fall back). */
function readSettings(scope: vscode.ConfigurationScope | undefined): Settings {
  const own = vscode.workspace.getConfiguration(SECTION, scope);
  const get = (key: string): unknown => own.get(key);
  const editorHover = vscode.workspace.getConfiguration('editor', scope).get<unknown>('hover.enabled', true);
  // `editor.hover.enabled` became an enum ('on' | 'off' | 'onKeyboardModifier') in newer VS Code builds.
  const editorOn = editorHover !== false && editorHover !== 'off';
  const hover = hoverSettingsFrom(get, 'dark');
  const diagnostics = diagnosticsSettingsFrom(get);
  return {
    hover: { enabled: editorOn && hover.enabled, sections: hover.options.sections, plotSize: hover.options.plotWidth },
    diagnostics: { enabled: diagnostics.enabled, delay: diagnostics.delay, rules: diagnostics.rules, signalThresholds: diagnostics.signalThresholds },
    signal: signalSettingsFrom(get),
    versions: { keras: diagnostics.kerasVersion, torch: diagnostics.torchVersion, kerasFrom: `${SECTION}.kerasVersion`, torchFrom: `${SECTION}.torchVersion` },
  };
}

function withOverrides(base: Settings, o: SettingsOverrides | undefined): Settings {
  if (!o) return base;
  return {
    ...base,
    diagnostics: { ...base.diagnostics, rules: { ...base.diagnostics.rules, ...o.rules } },
    versions: {
      keras: o.keras ?? base.versions.keras, kerasFrom: o.keras === undefined ? base.versions.kerasFrom : o.kerasFrom ?? base.versions.kerasFrom,
      torch: o.torch ?? base.versions.torch, torchFrom: o.torch === undefined ? base.versions.torchFrom : o.torchFrom ?? base.versions.torchFrom,
    },
  };
}

/**
 * Settings snapshots per document, read once and kept until a change that affects them (`affectsConfiguration`
 * on our section and `editor.hover.enabled`, or a layer's change). Every feature reads settings through this.
 */
export class SettingsStore implements vscode.Disposable {
  private readonly cache = new Map<string, Settings>();
  private readonly layers: SettingsLayer[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  /** Fires after any change that may alter a snapshot. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION) || e.affectsConfiguration('editor.hover.enabled')) this.reset();
    }));
  }

  /** The snapshot for a document (language-scoped settings honoured) or a resource; global without one. */
  for(scope?: vscode.TextDocument | vscode.Uri): Settings {
    const uri = scope === undefined ? undefined : scope instanceof vscode.Uri ? scope : scope.uri;
    const key = scope === undefined ? '' : scope instanceof vscode.Uri ? scope.toString() : `${scope.uri.toString()}|${scope.languageId}`;
    let hit = this.cache.get(key);
    if (!hit) {
      const configScope: vscode.ConfigurationScope | undefined = scope instanceof vscode.Uri ? scope : scope === undefined ? undefined : { uri: scope.uri, languageId: scope.languageId };
      hit = readSettings(configScope);
      if (uri) for (const layer of this.layers) hit = withOverrides(hit, safeOverrides(layer, uri));
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** Settles when every layer has read what applies to a resource (a layer that fails counts as read). */
  async ready(uri: vscode.Uri): Promise<void> {
    await Promise.all(this.layers.map((layer) => layer.ready?.(uri).catch(() => undefined)));
  }

  /** Adds a per-file source whose settings win over VS Code's. */
  addLayer(layer: SettingsLayer): vscode.Disposable {
    this.layers.push(layer);
    const listener = layer.onDidChange?.(() => this.reset());
    this.reset();
    return new vscode.Disposable(() => {
      listener?.dispose();
      const i = this.layers.indexOf(layer);
      if (i >= 0) this.layers.splice(i, 1);
      this.reset();
    });
  }

  private reset(): void {
    this.cache.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.cache.clear();
  }
}

function safeOverrides(layer: SettingsLayer, uri: vscode.Uri): SettingsOverrides | undefined {
  try {
    return layer.overridesFor(uri);
  } catch {
    return undefined; // a broken configuration source must not take the editor's settings down with it
  }
}
