// Runs in the extension host: diagnostics, quick fixes and the layer refactoring, wired in one call.
import * as vscode from 'vscode';
import type { AnalysisService } from '../analysisService';
import { ActivationCodeActions } from './codeActions';
import { DiagnosticsController } from './controller';
import type { WorkspaceModules } from '../workspaceModules';

/**
 * Registers the diagnostics for Python files and notebook cells. Checking only reads text (no code runs, no
 * interpreter is started), so it is safe in untrusted workspaces too.
 */
export function registerDiagnostics(context: vscode.ExtensionContext, services: { readonly analysis: AnalysisService; readonly log?: vscode.LogOutputChannel; readonly modules?: WorkspaceModules }): DiagnosticsController {
  const controller = new DiagnosticsController(services.analysis, services.log, services.modules);
  context.subscriptions.push(
    controller,
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, new ActivationCodeActions(controller), ActivationCodeActions.metadata),
  );
  return controller;
}
