// The signal CodeLens and the "Signal through this model" view in a real extension host: lenses from the provider
// VS Code calls, the view opened by the lens's own command, what-if predictions and refused arguments.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, lineOf, openFixture, openNotebookFixture, waitFor, withSetting } from '../helpers';

interface ViewModel {
  readonly title: string;
  readonly verdict: string;
  readonly summary: string;
  readonly rows: readonly { readonly name: string; readonly std: number; readonly grad?: number }[];
  readonly whatIf: { readonly activation: string | null; readonly init: string | null };
}
interface ShowResult { readonly opened: boolean; readonly model?: ViewModel; readonly problem?: string }

function signalTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('activationLens.signal'));
}

/** The lenses VS Code gets from the providers for the fixture, ours only, once they are there. */
async function signalLenses(): Promise<vscode.CodeLens[]> {
  return waitFor('the signal CodeLenses', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fixtureUri('signal_models.py'));
    const ours = (lenses ?? []).filter((l) => l.command?.command === 'activationLens.showSignal');
    return ours.length ? ours : undefined;
  }, 20_000);
}

suite('signal CodeLens and view', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('one lens above each model, with the one-line verdict', async () => {
    const editor = await openFixture('signal_models.py');
    const lenses = await signalLenses();
    const byLine = new Map(lenses.map((l) => [l.range.start.line, l.command?.title ?? '']));
    assert.strictEqual(lenses.length, 3, [...byLine.values()].join('\n'));
    const tanh = byLine.get(lineOf(editor.document, 'tanh_stack = nn.Sequential('));
    assert.match(tanh ?? '', /^Signal: 20 layers · activations [\d.]+ → [\d.]+ · first-layer gradient \de-\d of the last: vanishing$/);
    assert.match(byLine.get(lineOf(editor.document, 'relu_he = keras.Sequential(')) ?? '', /: stable$/);
    assert.match(byLine.get(lineOf(editor.document, 'recurrent = nn.Sequential(')) ?? '', /stops at nn\.LSTM \(line \d+\): unknown$/);
  });

  test("the lens's command opens the view on that model", async () => {
    await openFixture('signal_models.py');
    const lens = (await signalLenses()).find((l) => /vanishing/.test(l.command?.title ?? ''));
    assert.ok(lens?.command);
    const result = await vscode.commands.executeCommand<ShowResult>(lens.command.command, ...(lens.command.arguments ?? []));
    assert.strictEqual(result.opened, true);
    assert.strictEqual(result.model?.title, 'tanh_stack');
    assert.strictEqual(result.model?.verdict, 'vanishing');
    assert.strictEqual(result.model?.rows.length, 39);
    assert.ok((result.model?.rows[0].grad ?? 1) < 1e-3);
    const tab = await waitFor('the signal view tab', () => (signalTabs().length === 1 ? signalTabs()[0] : undefined));
    assert.strictEqual(tab.label, 'Signal through this model');
  });

  test('what-if: ReLU with He initialisation makes the same stack stable, in the same view', async () => {
    await openFixture('signal_models.py');
    const lens = (await signalLenses()).find((l) => /vanishing/.test(l.command?.title ?? ''));
    const args = lens?.command?.arguments ?? [];
    const swapped = await vscode.commands.executeCommand<ShowResult>('activationLens.showSignal', args[0], args[1], { activation: 'relu', init: 'he' });
    assert.strictEqual(swapped.model?.verdict, 'stable');
    assert.deepStrictEqual(swapped.model?.whatIf, { activation: 'relu', init: 'he' });
    assert.ok(swapped.model?.rows.some((r) => r.name === 'nn.Tanh'), 'rows keep the code names');
    await waitFor('one signal view tab', () => (signalTabs().length === 1 ? true : undefined));
  });

  test("a notebook cell's model gets its lens in the cell, and the lens opens the view on it", async () => {
    const editor = await openNotebookFixture('notebook.ipynb');
    const cell = editor.notebook.cellAt(1).document;
    const lenses = await waitFor('the notebook cell lens', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', cell.uri);
      const ours = (all ?? []).filter((l) => l.command?.command === 'activationLens.showSignal');
      return ours.length ? ours : undefined;
    }, 20_000);
    assert.strictEqual(lenses.length, 1);
    assert.strictEqual(lenses[0].range.start.line, lineOf(cell, 'head = nn.Sequential('));
    assert.match(lenses[0].command?.title ?? '', /^Signal: 2 layers · activations [\d.]+ → [\d.]+ · first-layer gradient [\d.e+-]+ of the last: stable$/);
    const result = await vscode.commands.executeCommand<ShowResult>(lenses[0].command!.command, ...(lenses[0].command!.arguments ?? []));
    assert.strictEqual(result.opened, true);
    assert.strictEqual(result.model?.title, 'head');
    assert.deepStrictEqual(result.model?.rows.map((r) => r.name), ['nn.Linear', 'nn.ReLU', 'nn.Linear', 'nn.Sigmoid']);
    await waitFor('the signal view tab', () => (signalTabs().length === 1 ? true : undefined));
  });

  test('malformed arguments are refused without opening anything', async () => {
    const bad = await vscode.commands.executeCommand<ShowResult>('activationLens.showSignal', fixtureUri('signal_models.py').toString(), 0, { activation: 'relu"><script>', init: null });
    assert.strictEqual(bad.opened, false);
    const badId = await vscode.commands.executeCommand<ShowResult>('activationLens.showSignal', fixtureUri('signal_models.py').toString(), 'x');
    assert.strictEqual(badId.opened, false);
    assert.strictEqual(signalTabs().length, 0);
  });

  test('activationLens.signal.codeLens turns the lenses off', async () => {
    await openFixture('signal_models.py');
    await signalLenses();
    await withSetting('signal.codeLens', false, async () => {
      await waitFor('no signal lenses', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fixtureUri('signal_models.py'));
        return (lenses ?? []).some((l) => l.command?.command === 'activationLens.showSignal') ? undefined : true;
      });
    });
  });
});
