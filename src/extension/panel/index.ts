// Runs in the extension host. Registers the plot panel: its commands and its serializer.
// Only ids are registered at activation; the panel's code (catalog maths, mathjs, the webview host) is loaded on
// the first command or when VS Code restores a panel.
import * as vscode from 'vscode';
import type { AnalysisService } from '../analysisService';
import { COMMANDS, VIEW_TYPES } from '../../core/commandIds';
import type { PanelServices, PlotPanel } from './plotPanel';
import type { TexPort } from '../../core/hover/userMath';

export type { PlotPanel } from './plotPanel';

/** Registers the panel's commands and the serializer that restores it after a reload. */
export function registerPanel(context: vscode.ExtensionContext, shared: { readonly analysis: AnalysisService; readonly log?: vscode.LogOutputChannel; readonly tex?: TexPort }): void {
  let panelClass: typeof PlotPanel | undefined;
  let loaded: Promise<{ commands: typeof import('./lazy'); services: PanelServices; panel: typeof PlotPanel }> | undefined;
  const load = () =>
    (loaded ??= import('./lazy').then((lazy) => {
      panelClass = lazy.PlotPanel;
      const services: PanelServices = { extensionUri: context.extensionUri, compileFormula: lazy.compileFormula, analysis: shared.analysis, log: shared.log, tex: shared.tex };
      return { commands: lazy, services, panel: lazy.PlotPanel };
    }));
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showPlot, async (args?: unknown) => {
      const { commands, services } = await load();
      return commands.showPlot(services, args);
    }),
    vscode.commands.registerCommand(COMMANDS.plotAtCursor, async () => {
      const { commands, services } = await load();
      return commands.plotAtCursor(services);
    }),
    vscode.commands.registerCommand(COMMANDS.plotAllInFile, async () => {
      const { commands, services } = await load();
      return commands.plotAllInFile(services);
    }),
    vscode.commands.registerCommand(COMMANDS.compare, async (arg?: unknown) => {
      const { commands, services } = await load();
      return commands.compare(services, arg);
    }),
    vscode.commands.registerCommand(COMMANDS.plotFormula, async (preset?: unknown) => {
      const { commands, services } = await load();
      return commands.plotFormula(services, typeof preset === 'string' ? preset : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPES.plot, {
      deserializeWebviewPanel: async (webviewPanel, state) => {
        const { services, panel } = await load();
        panel.revive(services, webviewPanel, state);
      },
    }),
    { dispose: () => panelClass?.active?.dispose() },
  );
}
