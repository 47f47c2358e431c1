// Runs in the extension host. The commands that open the plot panel: from a hover link, the cursor,
// the whole file, a pick from the catalog, or a typed formula.
import * as vscode from 'vscode';
import { listActivations } from '../../core/catalog';
import { parseSource, type CurveSource, type PlotFramework } from '../../shared/protocol';
import { frameworkLabel } from '../../core/panel/curves';
import { PlotPanel, type PanelServices } from './plotPanel';
import { isPlottable } from '../../core/panel/usages';
import type { TargetVersions } from '../../core/versions';
import { linkOf, sourceInFile, type CodeLink } from './codeLinks';


/** What a command returns: whether a panel shows curves, for callers and tests. */
export interface PlotResult {
  readonly opened: boolean;
  readonly curves: number;
  readonly problems: readonly string[];
  /** For curves from a file: the Keras version they were plotted for and why (the file's analysis says). */
  readonly keras?: { readonly version: string; readonly reason: string };
}

function open(services: PanelServices, sources: readonly CurveSource[], links?: readonly (CodeLink | undefined)[], versions?: TargetVersions): PlotResult {
  const { panel, problems } = PlotPanel.createOrShow(services, sources, undefined, links);
  if (problems.length) void vscode.window.showWarningMessage(`Activation Lens: could not plot ${problems.join('; ')}`);
  return { opened: true, curves: panel.curveCount, problems, ...(versions ? { keras: { version: String(versions.kerasMajor), reason: versions.kerasReason } } : {}) };
}

function pythonEditor(): vscode.TextEditor | undefined {
  const e = vscode.window.activeTextEditor;
  return e && e.document.languageId === 'python' ? e : undefined;
}

/** Hover-link arguments `{ name, framework, params, kerasVersion?, formula? }` as a curve source, or undefined. */
function sourceOfArgs(args: unknown): CurveSource | undefined {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return undefined;
  const a = args as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  if (typeof a.params === 'object' && a.params !== null) {
    // Lists and other shapes have no slider and no effect on the curve here: leave them out.
    for (const [k, v] of Object.entries(a.params)) if (v === null || ['number', 'string', 'boolean'].includes(typeof v)) params[k] = v;
  }
  if (typeof a.formula === 'string') {
    const numeric = Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'number'));
    return parseSource({ kind: 'formula', text: a.formula, name: a.name, params: numeric });
  }
  return parseSource({ kind: 'activation', name: a.name, framework: a.framework, params, kerasVersion: a.kerasVersion });
}

/** `activationLens.showPlot`: hover links pass `{ name, framework, params }`; without args, the cursor. */
export async function showPlot(services: PanelServices, args?: unknown): Promise<PlotResult> {
  if (args === undefined) return plotAtCursor(services);
  const source = sourceOfArgs(args);
  if (!source) {
    void vscode.window.showErrorMessage('Activation Lens: the plot link is malformed.');
    return { opened: false, curves: 0, problems: ['malformed arguments'] };
  }
  return open(services, [source]);
}

/** `activationLens.plotAtCursor`: the activation under the cursor in the active Python editor. */
export async function plotAtCursor(services: PanelServices): Promise<PlotResult> {
  const editor = pythonEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('Activation Lens: open a Python file or notebook and place the cursor on an activation.');
    return { opened: false, curves: 0, problems: ['no Python editor'] };
  }
  await services.analysis.analyze(editor.document);
  const hit = services.analysis.usageAt(editor.document, editor.selection.active);
  const usage = hit?.usage;
  if (!hit || !usage || !isPlottable(usage)) {
    void vscode.window.showInformationMessage('Activation Lens: no activation the catalog knows at the cursor.');
    return { opened: false, curves: 0, problems: ['no activation at the cursor'] };
  }
  const versions = hit.analysis.analysis?.versions;
  return open(services, [sourceInFile(usage, versions)], [linkOf(editor.document.uri.toString(), usage)], versions);
}

/** `activationLens.plotAllInFile`: every distinct activation of the active file. */
export async function plotAllInFile(services: PanelServices): Promise<PlotResult> {
  const editor = pythonEditor();
  const view = editor ? await services.analysis.analyze(editor.document) : undefined;
  const versions = view?.analysis?.versions;
  // Every distinct plottable usage (same activation, framework and parameters once), at most 16.
  const seen = new Set<string>();
  const sources: CurveSource[] = [];
  const links: CodeLink[] = [];
  for (const u of view?.usages ?? []) {
    if (!isPlottable(u) || sources.length >= 16) continue;
    const source = sourceInFile(u, versions);
    const key = JSON.stringify(source);
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push(source);
    links.push(linkOf(editor!.document.uri.toString(), u));
  }
  if (!sources.length) {
    void vscode.window.showInformationMessage('Activation Lens: no activations found in this file.');
    return { opened: false, curves: 0, problems: ['no activations in the file'] };
  }
  return open(services, sources, links, versions);
}

interface Pick extends vscode.QuickPickItem {
  readonly source: CurveSource;
}

/** Quick-pick items: one per activation and framework that has it. */
function catalogPicks(): Pick[] {
  const picks: Pick[] = [];
  for (const e of listActivations()) {
    const frameworks = [...new Set(e.variants.map((v) => v.framework))] as PlotFramework[];
    for (const f of frameworks) picks.push({ label: e.title, description: frameworkLabel(f), detail: e.summary, source: { kind: 'activation', name: e.name, framework: f, params: {} } });
  }
  return picks;
}

/**
 * `activationLens.compare`: pick activations from the catalog (searchable) and plot them together.
 * From a hover link (`{ name, framework, params }`) the hovered one is plotted with the picks; a list
 * of `"name:framework"` strings skips the picker (keybindings, tests).
 */
export async function compare(services: PanelServices, arg?: unknown): Promise<PlotResult> {
  if (Array.isArray(arg)) {
    const sources = arg
      .filter((p): p is string => typeof p === 'string')
      .map((p) => parseSource({ kind: 'activation', name: p.split(':')[0], framework: p.split(':')[1] ?? 'torch', params: {} }))
      .filter((s): s is CurveSource => !!s);
    return open(services, sources);
  }
  const base = sourceOfArgs(arg);
  const chosen = await vscode.window.showQuickPick(catalogPicks(), {
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    title: base ? 'Compare with…' : 'Compare activations',
    placeHolder: 'Type to search; pick up to 8',
  });
  if (!chosen?.length) return { opened: false, curves: 0, problems: [] };
  return open(services, [...(base ? [base] : []), ...chosen.slice(0, 8).map((c) => c.source)]);
}

/** `activationLens.plotFormula`: a typed formula (restricted mathjs), added to the open panel. */
export async function plotFormula(services: PanelServices, preset?: string): Promise<PlotResult> {
  const text =
    preset ??
    (await vscode.window.showInputBox({
      title: 'Plot a formula',
      prompt: 'f(x) in mathjs syntax, e.g. x * tanh(log(1 + exp(x)))',
      validateInput: (t) => {
        if (!t.trim()) return undefined;
        const r = services.compileFormula(t.trim());
        return 'error' in r ? r.error : undefined;
      },
    }));
  if (!text?.trim()) return { opened: false, curves: 0, problems: [] };
  const existing = PlotPanel.active;
  if (existing) {
    const ok = existing.addFormula(text.trim());
    existing.panel.reveal(undefined, true);
    return { opened: true, curves: existing.curveCount, problems: ok ? [] : ['formula did not compile'] };
  }
  return open(services, [{ kind: 'formula', text: text.trim() }]);
}
