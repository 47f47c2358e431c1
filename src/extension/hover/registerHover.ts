// Runs in the extension host: registers the hover provider and the docs command.
import * as vscode from 'vscode';
import type { AnalysisCache } from '../analysisCache';
import { ActivationHoverProvider, HOVER_SELECTOR } from './hoverProvider';
import { OPEN_DOCS_COMMAND, openDocs } from './openDocs';

/** What the hover needs from the extension: the shared analysis cache. */
export interface HoverServices {
  readonly analysis: AnalysisCache;
}

/** Registers hovers for Python files, notebook cells and untitled documents, and `activationLens.openDocs`. */
export function registerHover(context: vscode.ExtensionContext, services: HoverServices): void {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, new ActivationHoverProvider(services.analysis)),
    vscode.commands.registerCommand(OPEN_DOCS_COMMAND, openDocs),
  );
}
