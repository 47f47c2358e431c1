// Runs in the extension host. Registers the plot panel: its commands and its serializer.
import * as vscode from 'vscode';
import type { AnalysisCache } from '../analysisCache';
import { PanelCommand, compare, plotAllInFile, plotAtCursor, plotFormula, showPlot } from './commands';
import { compileFormula } from './formula';
import { PlotPanel, type PanelServices } from './plotPanel';

export { PanelCommand } from './commands';
export { PlotPanel } from './plotPanel';

/** Registers the panel's commands and the serializer that restores it after a reload. */
export function registerPanel(context: vscode.ExtensionContext, shared: { readonly analysis: AnalysisCache; readonly log?: vscode.LogOutputChannel }): void {
  const services: PanelServices = { extensionUri: context.extensionUri, compileFormula, analysis: shared.analysis, log: shared.log };
  context.subscriptions.push(
    vscode.commands.registerCommand(PanelCommand.showPlot, (args?: unknown) => showPlot(services, args)),
    vscode.commands.registerCommand(PanelCommand.plotAtCursor, () => plotAtCursor(services)),
    vscode.commands.registerCommand(PanelCommand.plotAllInFile, () => plotAllInFile(services)),
    vscode.commands.registerCommand(PanelCommand.compare, (arg?: unknown) => compare(services, arg)),
    vscode.commands.registerCommand(PanelCommand.plotFormula, (preset?: unknown) => plotFormula(services, typeof preset === 'string' ? preset : undefined)),
    vscode.window.registerWebviewPanelSerializer(PlotPanel.viewType, {
      deserializeWebviewPanel: async (panel, state) => {
        PlotPanel.revive(services, panel, state);
      },
    }),
    { dispose: () => PlotPanel.active?.dispose() },
  );
}
