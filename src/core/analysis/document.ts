/**
 * Analyses of one document through its versions: a Python file kept current edit by edit (only the statements
 * around an edit are scanned again), or a notebook's code cells analysed together.
 */
import { parseCells, parsePython, type ScanContext } from '../scan';
import { IncrementalScan, type TextChange } from '../scan/incremental';
import { blankCells } from '../scan/notebook';
import { analysisOf, type Analysis } from './analysis';
import { ReadResume } from '../rules/model/resume';
import type { AnalysisOptions } from './options';

export type { TextChange } from '../scan/incremental';

/** A notebook code cell: its index in the notebook's `cells` array and its text. */
export interface CellText {
  readonly index: number;
  readonly text: string;
}

/** Analyses one Python source. */
export function analyzePython(text: string, options: AnalysisOptions, context?: ScanContext): Analysis {
  return analysisOf(parsePython(text, context), options);
}

/**
 * Analyses notebook code cells as one program in document order (imports in any cell apply to all; a later cell
 * sees an earlier cell's model). IPython magics and shell lines are blanked, keeping every offset.
 */
export function analyzeCells(cells: readonly CellText[], options: AnalysisOptions, context?: ScanContext): Analysis {
  return analysisOf(parseCells(blankCells(cells.map((c) => ({ index: c.index, text: c.text }))), context), options);
}

/**
 * One Python document through its versions. `edit` brings the analysis to the next version from the change alone
 * (equal to a full analysis of the new text, which tests check); `setOptions` re-derives findings without parsing.
 */
export class PythonDocument {
  private readonly scan: IncrementalScan;
  /** The model reader's checkpoint where the user last edited: the next version is read from there on. */
  private readonly resume = new ReadResume();
  private current: Analysis;

  /** `context` says where the text lives (its file and how to read the project's modules), when known. */
  constructor(text: string, options: AnalysisOptions, context?: ScanContext) {
    this.scan = new IncrementalScan(text, context);
    this.current = analysisOf(this.scan.parsed, options);
  }

  get analysis(): Analysis {
    return this.current;
  }

  get text(): string {
    return this.scan.text;
  }

  /** The token the last model read of this document started from (0: the whole text), for tests. */
  get modelReadFrom(): number {
    return this.resume.lastFrom;
  }

  /** How many versions took their call sites from the version before (model/callSites.ts), for tests. */
  get splicedCallSites(): number {
    return this.resume.splicedCallSites;
  }

  /** The analysis of `newText`, which is the previous text with `changes` applied (one change is incremental). */
  edit(newText: string, changes: readonly TextChange[]): Analysis {
    this.scan.update(newText, changes);
    this.resume.next(this.scan.parsed, this.scan.lastSplice, this.scan.lastKeptUsages);
    this.current = analysisOf(this.scan.parsed, this.current.options, this.resume);
    return this.current;
  }

  /** Same text, other options: the parse is kept. */
  setOptions(options: AnalysisOptions): Analysis {
    this.current = this.current.withOptions(options);
    return this.current;
  }
}
