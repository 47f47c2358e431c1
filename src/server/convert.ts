/** Core findings, fixes and offsets -> Language Server Protocol diagnostics, edits and ranges. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, PositionedEdit, Severity } from '../core/rules';

export const DIAGNOSTIC_SOURCE = 'Activation Lens';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function rangeOf(f: { line: number; col: number; endLine: number; endCol: number }): Range {
  return { start: { line: f.line, character: f.col }, end: { line: f.endLine, character: f.endCol } };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Whether two ranges share at least a point. */
export function touches(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * A finding as a diagnostic. `uriFor` gives the document of a related place (the loss that a model's output reaches):
 * the file itself, or in a notebook the cell it is in.
 */
export function toDiagnostic(f: Finding, uriFor?: (cell: number | undefined) => string | undefined): Diagnostic {
  const related = (f.related ?? []).flatMap((r) => {
    const uri = uriFor?.(r.cell);
    return uri ? [{ location: { uri, range: rangeOf(r) }, message: r.message }] : [];
  });
  return {
    ...(related.length ? { relatedInformation: related } : {}),
    range: rangeOf(f),
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.code,
    codeDescription: { href: f.docs },
    message: f.message,
    ...(f.code === 'deprecated-activation-api' ? { tags: [DiagnosticTag.Deprecated] } : {}),
  };
}

/**
 * One fix as one workspace edit (applied, and undone, as a single step); versioned where the client allows. In a
 * notebook each edit goes to the cell it names (a fix found in the model's cell may change the `compile` cell);
 * when such a cell cannot be found there is no edit at all rather than one applied to the wrong text.
 */
export function toWorkspaceEdit(document: TextDocument, fix: Fix<PositionedEdit>, documentChanges: boolean, cellDocument?: (cell: number) => TextDocument | undefined): WorkspaceEdit | undefined {
  const byDocument = new Map<string, { document: TextDocument; edits: TextEdit[] }>();
  for (const e of fix.edits) {
    const target = e.cell === undefined ? document : cellDocument?.(e.cell);
    if (!target) return undefined;
    let group = byDocument.get(target.uri);
    if (!group) byDocument.set(target.uri, (group = { document: target, edits: [] }));
    group.edits.push({ range: rangeOf(e), newText: e.newText });
  }
  const groups = [...byDocument.values()];
  return documentChanges
    ? { documentChanges: groups.map((g) => ({ textDocument: { uri: g.document.uri, version: g.document.version }, edits: g.edits })) }
    : { changes: Object.fromEntries(groups.map((g) => [g.document.uri, g.edits])) };
}
