// Runs in the extension host: the models of a document and their predictions, read from the document's one
// analysis (graph and predictions are cached per parse, so the lenses, the view and the signal rules share them).
import * as vscode from 'vscode';
import { liveCheckNotice } from '../../core/budgets';
import { predictModels, type ModelSignal } from '../../core/signal';
import type { AnalysisService } from '../analysisService';

/**
 * Predictions for every model of the document (for a notebook cell: of the whole notebook), with the thresholds
 * the diagnostics use. Nothing for a document over the live-check budget. Never throws.
 */
export function modelsOf(service: AnalysisService, document: vscode.TextDocument): readonly ModelSignal[] {
  try {
    const analysis = service.get(document).analysis;
    if (!analysis || liveCheckNotice(analysis.parsed.units.reduce((n, u) => n + u.text.length, 0))) return [];
    const graph = analysis.graph;
    return graph ? predictModels(analysis.parsed, graph, analysis.options.signalThresholds) : [];
  } catch {
    return [];
  }
}

/** The notebook cell index of a cell document (undefined for plain files). */
export function cellIndexOf(document: vscode.TextDocument): number | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  const notebook = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === document));
  return notebook?.getCells().find((c) => c.document === document)?.index;
}
