// The plot panel in the real code-server workbench: opened from the Command Palette on a fixture file, its
// curves drawn, a parameter slider and a typed formula going through the real webview messaging.

/** Coloured, opaque pixels on the main chart's canvas (the curves; grid and axes are grey). */
function colouredPixels(frame) {
  return frame.locator('#chart canvas').evaluate((canvas) => {
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      const max = Math.max(d[i], d[i + 1], d[i + 2]);
      const min = Math.min(d[i], d[i + 1], d[i + 2]);
      if (d[i + 3] > 200 && max - min > 60) n++;
    }
    return n;
  });
}

function draws(frame) {
  return frame.locator('#chart').evaluate((el) => Number(el.getAttribute('data-draws') ?? 0));
}

/** @type {{ name: string, run: (ui: any) => Promise<void> }[]} */
export default [
  {
    name: 'the plot panel draws every activation of the file, redraws on a slider and plots a typed formula',
    async run(ui) {
      await ui.openFile(ui.page, 'torch_model.py');
      await ui.runCommand(ui.page, 'Activation Lens: Plot All Activations in This File');
      const frame = await ui.waitForWebview(ui.page, 'Softmax', 60_000);
      await frame.locator('.curve-card').nth(2).waitFor({ state: 'visible', timeout: 30_000 });
      ui.assert.equal(await frame.locator('.curve-card').count(), 3, 'ReLU, GELU and Softmax');
      ui.assert.ok((await colouredPixels(frame)) > 500, 'curves drawn on the chart');
      await frame.locator('.usages-file', { hasText: 'torch_model.py' }).waitFor({ state: 'visible', timeout: 30_000 });
      await ui.screenshot(ui.page, 'plot-panel');

      // Softmax is drawn along one logit; its logit count is a slider. The host resamples through postMessage.
      const before = await draws(frame);
      await frame.locator('input[type=range][aria-label^="logits"]').fill('8');
      await frame.locator('#chart').waitFor({ state: 'attached' });
      for (const deadline = Date.now() + 20_000; (await draws(frame)) <= before && Date.now() < deadline; ) await ui.page.waitForTimeout(200);
      ui.assert.ok((await draws(frame)) > before, 'the chart redrew after the slider moved');

      await frame.locator('#formula').fill('x^2 / 4');
      await frame.locator('#formula').press('Enter');
      await frame.locator('.curve-card').nth(3).waitFor({ state: 'visible', timeout: 20_000 });
      await frame.locator('#formula').fill('import({a: 1})');
      await frame.locator('#formula').press('Enter');
      await frame.locator('#formula-error', { hasText: /not allowed/i }).waitFor({ state: 'visible', timeout: 20_000 });
      await ui.screenshot(ui.page, 'plot-panel-formula');
    },
  },
];
