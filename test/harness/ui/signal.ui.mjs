// The signal CodeLens and the "Signal through this model" view in the real code-server workbench: the lens is
// drawn above the model, clicking it opens the view, whose what-if controls go through the real webview messaging.

/** @type {{ name: string, run: (ui: any) => Promise<void> }[]} */
export default [
  {
    name: 'the signal CodeLens opens "Signal through this model"; a what-if redraws it as stable',
    async run(ui) {
      await ui.openFile(ui.page, 'signal_models.py');
      const lens = ui.page.locator('.codelens-decoration a', { hasText: /Signal: 20 layers .*vanishing/ }).first();
      await lens.waitFor({ state: 'visible', timeout: 60_000 });
      ui.assert.match(await lens.innerText(), /first-layer gradient \de-\d of the last: vanishing/);
      await lens.click();
      const frame = await ui.waitForWebview(ui.page, 'Signal through tanh_stack', 60_000);
      await frame.locator('#chart polyline.std').waitFor({ state: 'attached', timeout: 20_000 });
      ui.assert.equal(await frame.locator('#chart polyline').count(), 2, 'std and gradient series');
      ui.assert.equal(await frame.locator('#layers tr').count(), 40, 'a header and 39 layers');
      ui.assert.match(await frame.locator('#summary').innerText(), /vanishing$/);
      await ui.screenshot(ui.page, 'signal-view');

      const draws = () => frame.locator('body').evaluate((b) => Number(b.dataset.draws ?? 0));
      const before = await draws();
      await frame.locator('#activation').selectOption('relu');
      for (const deadline = Date.now() + 20_000; (await draws()) <= before && Date.now() < deadline; ) await ui.page.waitForTimeout(200);
      ui.assert.ok((await draws()) > before, 'the view redrew after the activation changed');
      await frame.locator('#init').selectOption('he');
      await frame.locator('#summary', { hasText: /: stable$/ }).waitFor({ state: 'visible', timeout: 20_000 });
      ui.assert.equal(await frame.locator('#activation').inputValue(), 'relu', 'the control keeps its choice after the redraw');
      await ui.screenshot(ui.page, 'signal-view-what-if');
    },
  },
];
