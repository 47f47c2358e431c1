// The walkthrough's path as a new user walks it: open the sample, hover, plot, quick fix. Its screenshots are the
// README's and the walkthrough's: `node test/harness/run-vsix.mjs --update-screenshots walkthrough` copies them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The sample's text, read from its source so the check follows edits to it. */
const sampleSource = /SAMPLE_MODEL = `([\s\S]*?)`;/.exec(readFileSync(path.join(root, 'src/extension/walkthrough/sample.ts'), 'utf8'));
if (!sampleSource) throw new Error('src/extension/walkthrough/sample.ts no longer defines SAMPLE_MODEL as a template string');
const sample = sampleSource[1];

/** 1-based line and column of `text` in the sample. */
function at(text) {
  const lines = sample.split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  return { line: line + 1, column: lines[line].indexOf(text) + 1 };
}

/** A screenshot of the part of the page around `boxes` (with a margin), for the README. */
async function shot(ui, name, boxes, margin = 24) {
  const b = boxes.filter(Boolean);
  const x = Math.max(0, Math.min(...b.map((r) => r.x)) - margin);
  const y = Math.max(0, Math.min(...b.map((r) => r.y)) - margin);
  const size = ui.page.viewportSize();
  const width = Math.min(size.width - x, Math.max(...b.map((r) => r.x + r.width)) + margin - x);
  const height = Math.min(size.height - y, Math.max(...b.map((r) => r.y + r.height)) + margin - y);
  const file = await ui.screenshot(ui.page, name);
  await ui.page.screenshot({ path: file, clip: { x, y, width, height } });
  return file;
}

async function openSample(ui) {
  // Contributed commands reach the palette once the extension host has scanned extensions: slow on a loaded machine.
  for (let attempt = 1; ; attempt++) {
    try {
      await ui.runCommand(ui.page, 'Activation Lens: Open a Sample Model');
      break;
    } catch (error) {
      if (attempt >= 4) throw error;
      await ui.page.keyboard.press('Escape');
    }
  }
  await ui.activeEditor(ui.page).locator('.view-lines', { hasText: 'LeakyReLU' }).waitFor({ state: 'visible', timeout: 30_000 });
}

/** Leaves the untitled sample without a save prompt. */
async function closeSample(ui) {
  await ui.runCommand(ui.page, 'View: Revert and Close Editor').catch(() => {});
}

/** @type {{ name: string, run: (ui: any) => Promise<void> }[]} */
export default [
  {
    name: 'the walkthrough sample opens untitled and its LeakyReLU shows a hover with formula and plot',
    async run(ui) {
      await openSample(ui);
      const p = at('nn.LeakyReLU(0.2)');
      let hover = null;
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
        hover = await ui.hoverAt(ui.page, p.line, p.column + 4, 10_000);
        if (hover && /Leaky ReLU/.test(hover.text)) break;
        await ui.page.keyboard.press('Escape');
      }
      ui.assert.ok(hover && /Leaky ReLU/.test(hover.text), `no Leaky ReLU hover: ${hover?.text}`);
      ui.assert.ok(hover.images.some((s) => s.startsWith('data:image/svg+xml')), 'the plot and formula images are missing');
      const line = ui.activeEditor(ui.page).locator('.view-line', { hasText: 'nn.LeakyReLU(0.2)' }).first();
      await shot(ui, 'walkthrough-hover', [await hover.element.boundingBox(), await line.boundingBox()]);
      await ui.page.keyboard.press('Escape');
      await closeSample(ui);
    },
  },
  {
    name: 'plotting the activation at the cursor opens the panel with its curve',
    async run(ui) {
      await openSample(ui);
      const p = at('nn.LeakyReLU(0.2)');
      await ui.goTo(ui.page, p.line, p.column + 4);
      await ui.runCommand(ui.page, 'Activation Lens: Plot the Activation at the Cursor');
      const frame = await ui.waitForWebview(ui.page, 'Leaky', 60_000);
      ui.assert.ok(await frame.locator('canvas, svg').count() > 0, 'the panel shows no plot');
      await ui.page.waitForTimeout(1_000);
      await shot(ui, 'walkthrough-panel', [await ui.page.locator('.part.editor').first().boundingBox()], 0);
      // The sample first (focus stays in it: the panel opens beside without taking focus), then the panel.
      await closeSample(ui);
      await ui.runCommand(ui.page, 'View: Close All Editors').catch(() => {});
    },
  },
  {
    name: 'the misspelt Keras string gets a quick fix that replaces it in one edit',
    async run(ui) {
      await openSample(ui);
      const p = at('activation="rleu"');
      await ui.goTo(ui.page, p.line, p.column + 13);
      const editor = ui.activeEditor(ui.page);
      await editor.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
      await ui.page.keyboard.press('Control+.');
      const fix = ui.page.locator('.action-widget .monaco-list-row', { hasText: /relu/ }).first();
      await fix.waitFor({ state: 'visible', timeout: 30_000 });
      const line = editor.locator('.view-line', { hasText: 'rleu' }).first();
      const comment = editor.locator('.view-line', { hasText: 'Keras rejects' }).first();
      await shot(ui, 'walkthrough-quick-fix', [await ui.page.locator('.action-widget').first().boundingBox(), await line.boundingBox(), await comment.boundingBox()], 24);
      await fix.click();
      await editor.locator('.view-lines', { hasText: 'activation="relu"' }).waitFor({ state: 'visible', timeout: 15_000 });
      ui.assert.doesNotMatch(await ui.visibleText(ui.page), /rleu/);
      await closeSample(ui);
    },
  },
];
