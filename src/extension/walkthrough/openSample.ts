// Runs in the extension host: the walkthrough's first step opens a sample model in an untitled editor.
import * as vscode from 'vscode';
import { COMMANDS } from '../../core/commandIds';
import { SAMPLE_MODEL } from './sample';

/** Opens the sample as an untitled Python document (no file is created) and puts the cursor on LeakyReLU. */
export async function openSample(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'python', content: SAMPLE_MODEL });
  const editor = await vscode.window.showTextDocument(document);
  const offset = SAMPLE_MODEL.indexOf('LeakyReLU(0.2)');
  const at = document.positionAt(offset + 2);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** Registers the walkthrough's commands. */
export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.openSample, openSample));
}
