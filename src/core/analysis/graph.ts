/**
 * The slot for the model graph (every model the code builds, with source ranges). Until the graph builder is part
 * of the core, an analysis has no graph; when it is, `buildGraph` calls it once per analysis, on first read.
 */
import type { ParsedSource } from '../scan';

/** The model graph of one file or notebook. */
export type ModelGraph = never;

/** Builds the graph of parsed source, or undefined when there is no builder (yet) or it fails. */
export function buildGraph(parsed: ParsedSource): ModelGraph | undefined {
  void parsed;
  return undefined;
}
