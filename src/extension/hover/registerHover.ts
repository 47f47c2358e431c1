// Runs in the extension host: registers the hover provider and the docs command.
import * as vscode from 'vscode';
import type { AnalysisService } from '../analysisService';
import type { ActivationHoverProvider } from './lazy';
import type { TexPort } from '../../core/hover/userMath';
import { COMMANDS } from '../../core/commandIds';
import { openDocs } from './openDocs';

/** What the hover needs from the extension: the shared analysis cache and the math renderer for user formulas. */
interface HoverServices {
  readonly analysis: AnalysisService;
  readonly tex?: TexPort;
}

/** Python in any scheme: files, untitled documents, notebook cells (`vscode-notebook-cell`), remote and virtual. */
const SELECTOR: vscode.DocumentSelector = [{ language: 'python' }];

/**
 * Registers hovers for Python files, notebook cells and untitled documents, and `activationLens.openDocs`.
 * The hover code (catalog maths, formula images) is loaded on the first hover, not at activation.
 */
export function registerHover(context: vscode.ExtensionContext, services: HoverServices): void {
  let provider: Promise<ActivationHoverProvider> | undefined;
  const load = () => (provider ??= import('./lazy').then((m) => new m.ActivationHoverProvider(services.analysis, services.tex)));
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover: async (document, position) => (await load()).provideHover(document, position),
    }),
    vscode.commands.registerCommand(COMMANDS.openDocs, openDocs),
  );
}
