// Runs in the extension host: core findings and fixes -> VS Code diagnostics and workspace edits.
import * as vscode from 'vscode';
import type { Finding, Fix, PositionedEdit, Severity } from '../../core/rules';

export const DIAGNOSTIC_SOURCE = 'Activation Lens';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function rangeOf(f: { line: number; col: number; endLine: number; endCol: number }): vscode.Range {
  return new vscode.Range(f.line, f.col, f.endLine, f.endCol);
}

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(rangeOf(f), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.code, target: vscode.Uri.parse(f.docs) };
  if (f.code === 'deprecated-activation-api') d.tags = [vscode.DiagnosticTag.Deprecated];
  return d;
}

/** One fix as one WorkspaceEdit: applied (and undone) as a single step. */
export function toWorkspaceEdit(uri: vscode.Uri, fix: Fix<PositionedEdit>): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(uri, rangeOf(e), e.newText);
  return edit;
}
