// Runs in the extension host. Registers the signal CodeLens and the "Signal through this model" view; the
// prediction code (catalog maths, quadrature, the view) loads on the first lens request or command.
import * as vscode from 'vscode';
import { COMMANDS } from '../../core/commandIds';
import type { AnalysisService } from '../analysisService';
import type * as Lazy from './lazy';

export function registerSignal(context: vscode.ExtensionContext, shared: { readonly log?: vscode.LogOutputChannel; readonly analysis: AnalysisService }): void {
  let loaded: Promise<typeof Lazy> | undefined;
  const load = (): Promise<typeof Lazy> => (loaded ??= import('./lazy'));
  const changed = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    changed,
    vscode.languages.registerCodeLensProvider({ language: 'python' }, {
      onDidChangeCodeLenses: changed.event,
      provideCodeLenses: async (document, token) => {
        if (!shared.analysis.settingsFor(document).signal.codeLens) return [];
        const lazy = await load();
        return token.isCancellationRequested ? [] : lazy.signalLenses(shared.analysis, document);
      },
    }),
    // Settings (the lens switch, versions, thresholds) or a project configuration file changed: the lenses may too.
    shared.analysis.onDidChangeOptions(() => changed.fire()),
    vscode.commands.registerCommand(COMMANDS.showSignal, async (uri?: unknown, model?: unknown, whatIf?: unknown) => {
      const lazy = await load();
      return lazy.showSignal({ extensionUri: context.extensionUri, log: shared.log, analysis: shared.analysis }, uri, model, whatIf);
    }),
    { dispose: () => void loaded?.then((l) => l.SignalView.current?.dispose()) },
  );
}
