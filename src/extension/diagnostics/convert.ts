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

/**
 * A finding as a diagnostic. `uriFor` gives the document of a related place: the file itself, or in a notebook the
 * cell it is in (the loss in one cell, the model in another).
 */
export function toDiagnostic(f: Finding, uriFor?: (cell: number | undefined) => vscode.Uri | undefined): vscode.Diagnostic {
  const d = new vscode.Diagnostic(rangeOf(f), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  if (f.related?.length && uriFor) {
    const related: vscode.DiagnosticRelatedInformation[] = [];
    for (const r of f.related) {
      const uri = uriFor(r.cell);
      if (uri) related.push(new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, rangeOf(r)), r.message));
    }
    if (related.length) d.relatedInformation = related;
  }
  d.code = { value: f.code, target: vscode.Uri.parse(f.docs) };
  if (f.code === 'deprecated-activation-api') d.tags = [vscode.DiagnosticTag.Deprecated];
  return d;
}

/** The document a notebook cell's edits go to: its URI while it still holds the text that was checked. */
export type CellTarget = (cell: number) => vscode.Uri | undefined;

/**
 * One fix as one WorkspaceEdit: applied (and undone) as a single step. In a notebook each edit goes to the URI of
 * the cell it names (a fix found in the model's cell may change the `compile` cell); when a cell it needs has
 * changed or gone, there is no edit at all rather than one applied to the wrong text.
 */
export function toWorkspaceEdit(uri: vscode.Uri, fix: Fix<PositionedEdit>, cellTarget?: CellTarget): vscode.WorkspaceEdit | undefined {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    const target = e.cell === undefined ? uri : cellTarget?.(e.cell);
    if (!target) return undefined;
    edit.replace(target, rangeOf(e), e.newText);
  }
  return edit;
}
