// The plot panel's commands open (or reuse) one webview panel in a real extension host: from a hover
// link's arguments, the cursor, the whole file, a catalog comparison and a typed formula.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, lineOf, openFixture, waitFor } from '../helpers';

interface PlotResult {
  readonly opened: boolean;
  readonly curves: number;
  readonly problems: readonly string[];
}

/** Tabs showing our plot panel (webview view types carry a host-specific prefix). */
function plotTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('activationLens.plot'));
}

async function run(command: string, ...args: unknown[]): Promise<PlotResult> {
  const result = await vscode.commands.executeCommand<PlotResult>(command, ...args);
  assert.ok(result && typeof result.opened === 'boolean', `${command} returned ${JSON.stringify(result)}`);
  return result;
}

/** Waits for exactly one plot tab and returns it. */
function onePlotTab(): Promise<vscode.Tab> {
  return waitFor('the plot panel tab', () => {
    const tabs = plotTabs();
    return tabs.length === 1 ? tabs[0] : undefined;
  });
}

suite('plot panel', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('its commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['activationLens.showPlot', 'activationLens.plotAtCursor', 'activationLens.plotAllInFile', 'activationLens.compare', 'activationLens.plotFormula']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  test('showPlot with a hover link’s arguments opens the panel on that activation', async () => {
    const result = await run('activationLens.showPlot', { name: 'leaky_relu', framework: 'torch', params: { negative_slope: 0.2 } });
    assert.deepStrictEqual(result, { opened: true, curves: 1, problems: [] });
    const tab = await onePlotTab();
    assert.strictEqual(tab.label, 'Activation plot');
  });

  test('showPlot refuses malformed arguments without opening anything', async () => {
    const result = await run('activationLens.showPlot', { name: 'relu"; alert(1)', framework: 'caffe' });
    assert.strictEqual(result.opened, false);
    assert.strictEqual(plotTabs().length, 0);
  });

  test('plotAtCursor plots the activation under the cursor', async () => {
    const editor = await openFixture('torch_model.py');
    const line = lineOf(editor.document, 'nn.ReLU()');
    const col = editor.document.lineAt(line).text.indexOf('ReLU');
    editor.selection = new vscode.Selection(line, col + 1, line, col + 1);
    const result = await waitFor('the scanner to find nn.ReLU', async () => {
      const r = await run('activationLens.plotAtCursor');
      return r.opened ? r : undefined;
    });
    assert.strictEqual(result.curves, 1);
    await onePlotTab();
  });

  test('plotAllInFile plots every distinct activation of the file, in one panel', async () => {
    await openFixture('torch_model.py');
    const result = await waitFor('the scanner to find the activations', async () => {
      const r = await run('activationLens.plotAllInFile');
      return r.opened ? r : undefined;
    });
    // nn.ReLU(), F.gelu and F.softmax.
    assert.strictEqual(result.curves, 3, JSON.stringify(result));
    await onePlotTab();
  });

  test('compare plots the picked catalog activations, reusing the open panel', async () => {
    await run('activationLens.showPlot', { name: 'sigmoid', framework: 'torch', params: {} });
    await onePlotTab();
    const result = await run('activationLens.compare', ['relu:torch', 'gelu:keras', 'selu:tf']);
    assert.deepStrictEqual(result, { opened: true, curves: 3, problems: [] });
    await onePlotTab();
  });

  test('plotFormula adds a typed formula to the open panel, and a forbidden one adds nothing', async () => {
    await run('activationLens.showPlot', { name: 'relu', framework: 'torch', params: {} });
    await onePlotTab();
    const ok = await run('activationLens.plotFormula', 'x * tanh(log(1 + exp(x)))');
    assert.deepStrictEqual(ok, { opened: true, curves: 2, problems: [] });
    const bad = await run('activationLens.plotFormula', 'import({a: 1})');
    assert.strictEqual(bad.curves, 2);
    assert.strictEqual(bad.problems.length, 1);
    await onePlotTab();
  });

  test('plotFormula opens the panel when none is open', async () => {
    const result = await run('activationLens.plotFormula', 'max(x, 0.1 * x)');
    assert.deepStrictEqual(result, { opened: true, curves: 1, problems: [] });
    await onePlotTab();
  });
});
