// Runs in the extension host (Node on desktop, a web worker on vscode.dev): wires the core to the editor.
import * as vscode from 'vscode';
import { COMMANDS } from '../core/commandIds';
import { AnalysisService } from './analysisService';
import { registerDiagnostics } from './diagnostics/registerDiagnostics';
import { registerHover } from './hover/registerHover';
import { registerPanel } from './panel';
import { registerSignal } from './signal';
import { registerWalkthrough } from './walkthrough/openSample';
import { TexLoader } from './tex/texLoader';
import { WorkspaceModules } from './workspaceModules';

/** What the extension exports to other extensions and its in-host tests. */
export interface ActivationLensApi {
  /** Whether the math renderer for formulas from user code (dist/tex.js) was loaded in this extension host. */
  mathRendererLoaded(): boolean;
}

export function activate(context: vscode.ExtensionContext): ActivationLensApi {
  // Activation is timed (bench activate_ms reads this line): it registers providers and loads code on first use.
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Activation Lens', { log: true });
  context.subscriptions.push(log);
  // One analysis per document version, shared by every feature; settings and versions resolved in it, once.
  // Project modules that open documents import, read in the background for wrappers that pass an activation on.
  const modules = new WorkspaceModules();
  // The math renderer for formulas from user code: nothing is loaded until one must be typeset.
  const tex = new TexLoader(context.extensionUri, log);
  const services = { log, modules, tex, analysis: new AnalysisService(modules) };
  context.subscriptions.push(modules, services.analysis);
  registerHover(context, services);
  registerPanel(context, services);
  registerDiagnostics(context, services);
  registerSignal(context, services);
  registerWalkthrough(context);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.listUsages, (uri?: vscode.Uri) => {
      const document = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
      return document ? services.analysis.get(document).usages : [];
    }),
  );
  log.info(`Activation Lens activated in ${(performance.now() - started).toFixed(1)} ms`);
  return { mathRendererLoaded: () => tex.loaded };
}

export function deactivate(): void {}
