/** Findings and fixes as plain data: offsets into the scanned text (or cell), plus 0-based lines and columns. */
import type { RuleCode, Severity } from './codes';

/** One replacement. `start`/`end` are offsets into the unit's text; line/col are filled in by the runner. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface PositionedEdit extends TextEdit {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** One quick fix: a set of edits applied together as one undoable change. */
export interface Fix<E extends TextEdit = TextEdit> {
  readonly title: string;
  readonly edits: readonly E[];
  readonly preferred?: boolean;
}

/** What a rule reports, before positions and settings are applied. */
export interface RawFinding {
  readonly code: RuleCode;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Overrides the rule's default severity (e.g. LogSoftmax before CrossEntropyLoss is only redundant). */
  readonly severity?: Severity;
  readonly fixes?: readonly Fix[];
  /** Index of the unit (file or notebook cell) the offsets refer to. */
  readonly unit: number;
}

export interface Finding {
  readonly code: RuleCode;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  readonly start: number;
  readonly end: number;
  readonly cell?: number;
  readonly docs: string;
  readonly fixes: readonly Fix<PositionedEdit>[];
}
