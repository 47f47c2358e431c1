/** Findings and fixes as plain data: offsets into the scanned text (or cell), plus 0-based lines and columns. */
import type { Placed } from '../scan/types';
import type { RuleCode, Severity } from './codes';

export type { Placed };

/**
 * One replacement. `start`/`end` are offsets into the text of unit `unit` (a file, or one notebook cell); line/col
 * are filled in by the runner. Without `unit` the edit belongs to its finding's unit. The builders of
 * `core/fixes` fill `unit` from the token stream they edit, so a fix that touches another cell stays in that cell.
 */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
  readonly unit?: number;
}

/** An edit placed in its own unit's text; `cell` names the notebook cell it changes (absent for plain files). */
export interface PositionedEdit extends TextEdit, Placed {}

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
  /** Other places the finding pairs this one with (the loss, the call that connects them). */
  readonly related?: readonly RawRelated[];
}

export interface RawRelated {
  readonly unit: number;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** Another place a finding refers to, positioned like the finding. */
export interface RelatedLocation extends Placed {
  readonly message: string;
}

export interface Finding extends Placed {
  readonly code: RuleCode;
  readonly severity: Severity;
  readonly message: string;
  readonly docs: string;
  readonly fixes: readonly Fix<PositionedEdit>[];
  /** Other places the finding pairs this one with; empty when it stands alone. */
  readonly related?: readonly RelatedLocation[];
}
