// Runs in the extension host: one CodeLens above each model with the one-line prediction; it opens the view.
import * as vscode from 'vscode';
import { COMMANDS } from '../../core/commandIds';
import type { AnalysisService } from '../analysisService';
import { cellIndexOf, modelsOf } from './predictions';

const MAX_TITLE = 200;

export function signalLenses(service: AnalysisService, document: vscode.TextDocument): vscode.CodeLens[] {
  const cell = cellIndexOf(document);
  return modelsOf(service, document)
    .filter((s) => s.model.range.cell === cell)
    .map((s) => {
      const line = Math.min(s.model.range.line, Math.max(document.lineCount - 1, 0));
      const title = `Signal: ${s.summary}`;
      return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title,
        command: COMMANDS.showSignal,
        tooltip: 'Predicted at initialisation for i.i.d. N(0, 1) inputs: open "Signal through this model"',
        arguments: [document.uri.toString(), s.model.id],
      });
    });
}
