/** SARIF 2.1.0 for `check --format sarif`, built with node-sarif-builder (rules, results, regions and fixes). */
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { ArtifactChange, Fix as SarifFix, Log, Result } from 'sarif';
import { RULES, RULE_CODES, type Finding, type PositionedEdit, type Severity } from '../../core/rules';
import { cellNumber } from '../../core/scan';
import type { TargetVersions } from '../../core/versions';

/**
 * One artifact change per notebook cell a fix touches (the cell named in the location's properties, as results
 * name theirs), or one for a plain file: a fix's replacements never mix two cells' lines.
 */
function changesByCell(file: string, edits: readonly PositionedEdit[]): ArtifactChange[] {
  const groups = new Map<number | undefined, PositionedEdit[]>();
  for (const e of edits) {
    const list = groups.get(e.cell) ?? [];
    list.push(e);
    groups.set(e.cell, list);
  }
  return [...groups].map(([cell, list]) => ({
    artifactLocation: { uri: file, ...(cell === undefined ? {} : { properties: { cell: cellNumber(cell) } }) },
    replacements: list.map((e) => ({
      deletedRegion: { startLine: e.line + 1, startColumn: e.col + 1, endLine: e.endLine + 1, endColumn: e.endCol + 1 },
      insertedContent: { text: e.newText },
    })),
  }));
}

const LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** The SARIF log for findings grouped by file (paths relative to the root, `/` separators). */
export function sarifLog(files: readonly { file: string; findings: readonly Finding[] }[], version: string, versions: TargetVersions): Log {
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'activation-lens', toolDriverVersion: typeof version === 'string' ? version : '0.0.0' });
  for (const code of RULE_CODES) {
    const rule = new SarifRuleBuilder().initSimple({ ruleId: code, shortDescriptionText: RULES[code].title, helpUri: RULES[code].docs });
    rule.rule.defaultConfiguration = { level: LEVEL[RULES[code].severity] };
    run.addRule(rule);
  }
  for (const { file, findings } of files) {
    for (const f of findings) {
      const result = new SarifResultBuilder().initSimple({
        level: LEVEL[f.severity], messageText: f.message, ruleId: f.code, fileUri: file,
        // SARIF lines and columns are 1-based (UTF-16 code units, the default columnKind).
        startLine: f.line + 1, startColumn: f.col + 1, endLine: f.endLine + 1, endColumn: f.endCol + 1,
      });
      if (f.severity === 'information' || f.severity === 'hint') result.result.kind = 'informational';
      if (f.cell !== undefined) result.result.properties = { cell: cellNumber(f.cell) };
      if (f.related?.length) {
        result.result.relatedLocations = f.related.map((r, id) => ({
          id, message: { text: r.message },
          physicalLocation: { artifactLocation: { uri: file }, region: { startLine: r.line + 1, startColumn: r.col + 1, endLine: r.endLine + 1, endColumn: r.endCol + 1 } },
          ...(r.cell === undefined ? {} : { properties: { cell: cellNumber(r.cell) } }),
        }));
      }
      if (f.fixes.length) result.result.fixes = f.fixes.map((x): SarifFix => ({
        description: { text: x.title },
        artifactChanges: changesByCell(file, x.edits),
      }));
      run.addResult(result);
    }
  }
  run.run.properties = { kerasVersion: versions.keras, kerasVersionReason: versions.kerasReason };
  const builder = new SarifBuilder();
  builder.addRun(run);
  return builder.buildSarifOutput();
}
