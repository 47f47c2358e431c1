/** The model graph of an analysis: every model the code builds, with source ranges (src/core/model). */
import { buildGraph as buildProgramGraph, type ProgramGraph } from '../model';
import type { ParsedSource } from '../scan';

/** The model graph of one file or notebook. */
export type ModelGraph = ProgramGraph;

/** Builds the graph of parsed source (never throws: a reader failure yields no models). */
export function buildGraph(parsed: ParsedSource): ModelGraph {
  return buildProgramGraph(parsed);
}
