// Runs in the extension host: quick fixes for our diagnostics (one preferred each) and the
// "Convert to a layer with parameters" refactoring on valid string activations.
import * as vscode from 'vscode';
import type { DiagnosticsController } from './controller';
import { DIAGNOSTIC_SOURCE, rangeOf, toWorkspaceEdit } from './convert';

export class ActivationCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite],
  };

  constructor(private readonly controller: DiagnosticsController) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token?: vscode.CancellationToken): vscode.CodeAction[] {
    const stored = this.controller.resultFor(document);
    if (!stored || token?.isCancellationRequested) return [];
    const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind) || kind.contains(context.only);
    const actions: vscode.CodeAction[] = [];
    if (wants(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
        const finding = stored.findings.find((f) => f.code === code && rangeOf(f).isEqual(diagnostic.range));
        if (!finding) continue;
        for (const fix of finding.fixes) {
          const edit = toWorkspaceEdit(document.uri, fix, stored.cellTarget);
          if (!edit) continue;
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.preferred === true;
          action.edit = edit;
          actions.push(action);
        }
      }
    }
    if (wants(vscode.CodeActionKind.RefactorRewrite) && !token?.isCancellationRequested) {
      for (const r of stored.refactorsAt(document.offsetAt(range.start), document.offsetAt(range.end))) {
        const edit = toWorkspaceEdit(document.uri, r.fix, stored.cellTarget);
        if (!edit) continue;
        const action = new vscode.CodeAction(r.fix.title, vscode.CodeActionKind.RefactorRewrite);
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }
}
