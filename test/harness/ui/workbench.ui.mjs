// What the workbench shows today with the extension installed. Hover and plot panel checks belong in their own
// files beside this one (e.g. hover.ui.mjs, panel.ui.mjs): the runner picks up every *.ui.mjs.

/** @type {{ name: string, run: (ui: any) => Promise<void> }[]} */
export default [
  {
    name: 'a Python fixture opens in the editor',
    async run(ui) {
      await ui.openFile(ui.page, 'torch_model.py');
      const text = await ui.visibleText(ui.page);
      ui.assert.match(text, /self\.act = nn\.ReLU\(\)/);
      await ui.screenshot(ui.page, 'python-file');
    },
  },
  {
    name: 'the hover helper sees a real hover (settings.json key)',
    async run(ui) {
      // A hover every build has (JSON settings schema), so a missing hover elsewhere means no hover, not a broken helper.
      await ui.openFile(ui.page, '.vscode/settings.json');
      const at = ui.positionOf(ui.fixture('.vscode/settings.json'), 'editor.minimap.enabled');
      const hover = await ui.hoverAt(ui.page, at.line, at.column + 3, 10_000);
      ui.assert.ok(hover, 'no hover appeared over a settings key');
      ui.assert.match(hover.text, /minimap/i);
      await ui.screenshot(ui.page, 'hover-settings');
    },
  },
  {
    name: 'hovering over an activation in a Python file',
    async run(ui) {
      await ui.openFile(ui.page, 'torch_model.py');
      const at = ui.positionOf(ui.fixture('torch_model.py'), 'nn.ReLU()');
      const hover = await ui.hoverAt(ui.page, at.line, at.column + 3);
      await ui.screenshot(ui.page, 'hover-relu');
      // The extension's hover names the activation; its formula and plot are for hover checks to assert.
      ui.assert.ok(hover, 'no hover appeared over nn.ReLU()');
      ui.assert.match(hover.text, /ReLU/);
    },
  },
  {
    name: 'a webview renders in this Chromium (Markdown preview)',
    async run(ui) {
      // Proves the profile settings webviews need (third-party cookies for their service worker) and the frame helper.
      await ui.openFile(ui.page, 'README.md');
      await ui.runCommand(ui.page, 'Markdown: Open Preview');
      const frame = await ui.waitForWebview(ui.page, 'Fixture workspace');
      ui.assert.match(await frame.locator('h1').innerText(), /Fixture workspace/);
      await ui.screenshot(ui.page, 'webview-markdown-preview');
    },
  },
];
