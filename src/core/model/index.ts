/**
 * The model graph: every model a file or notebook builds (Keras Sequential, add chains, functional chains;
 * PyTorch nn.Sequential and nn.Module classes), its layers in execution order with kinds, activations, widths,
 * kernel sizes and initialisers, and where each is written. See types.ts for the data and build.ts for how.
 */
export type * from './types';
export { buildGraph, graphFromInfo, graphOfCells, graphOfPython, innerSequence, modelOfSequence, sequenceOf } from './build';
export { StructureMemo } from './structureMemo';
