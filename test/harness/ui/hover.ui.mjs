// Activation Lens hovers as a person sees them in the code-server workbench: formula and plot images rendered.

/** Size and scroll state of a hover's images and content, read in the page. */
async function measure(hover) {
  return hover.element.evaluate((el) => {
    const imgs = [...el.querySelectorAll('img')].map((img) => ({ src: img.getAttribute('src') ?? '', loaded: img.complete && img.naturalWidth > 0, width: img.naturalWidth, height: img.naturalHeight }));
    const scroller = el.querySelector('.monaco-scrollable-element') ?? el;
    const content = el.querySelector('.hover-contents, .monaco-hover-content') ?? el;
    return { imgs, height: el.getBoundingClientRect().height, scrollHeight: content.scrollHeight, clientHeight: scroller.clientHeight };
  });
}

/**
 * Hovers at a position until our hover shows (bounded): in a fresh workbench the extension host may still be
 * starting when the file opens, and VS Code shows no hover until a provider answers.
 */
async function ourHover(ui, file, text, offset, expect) {
  await ui.openFile(ui.page, file);
  const at = ui.positionOf(ui.fixture(file), text);
  const deadline = Date.now() + 50_000;
  let hover = null;
  while (Date.now() < deadline) {
    hover = await ui.hoverAt(ui.page, at.line, at.column + offset, 8_000);
    if (hover && expect.test(hover.text)) return hover;
    await ui.page.keyboard.press('Escape');
    await ui.page.waitForTimeout(1_000);
  }
  return hover;
}

/**
 * What clipping would look like, read in the page: content taller than the hover (it scrolls), a text line wider
 * than the hover, an ellipsis, or the link row outside the hover's visible box.
 */
async function clipping(hover) {
  return hover.element.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const scroller = el.querySelector('.monaco-scrollable-element') ?? el;
    const content = el.querySelector('.hover-contents, .monaco-hover-content') ?? el;
    const links = [...el.querySelectorAll('a')].filter((a) => /Plot|docs/.test(a.textContent ?? ''));
    const last = links[links.length - 1]?.getBoundingClientRect();
    const wide = [...el.querySelectorAll('p, div.hover-row, code')].filter((n) => n.scrollWidth > n.clientWidth + 1 && n.ownerDocument.defaultView?.getComputedStyle(n).overflowX !== 'visible');
    return {
      scrolls: content.scrollHeight > scroller.clientHeight + 1,
      scrollHeight: content.scrollHeight,
      clientHeight: scroller.clientHeight,
      wide: wide.length,
      ellipsis: (el.textContent ?? '').includes('…'),
      linkRow: !!last && last.bottom <= box.bottom + 1 && last.top >= box.top && last.right <= box.right + 1,
      width: Math.round(box.width),
      height: Math.round(box.height),
    };
  });
}

/** One usage per catalog family in hover_cases.py; the rest of the catalog is checked by the same layout maths in test/unit/hover/layout.test.ts. */
/** @type {[family: string, line: string, text: string, expect: RegExp][]} */
const FAMILIES = [
  ['ReLU family', 'family_relu = nn.ReLU', 'nn.ReLU', /\bReLU\b/],
  ['exponential linear', 'family_exp_linear = nn.SELU', 'nn.SELU', /SELU/],
  ['smooth', "family_smooth = nn.GELU", 'nn.GELU', /GELU/],
  ['squashing', "activation='sigmoid'", "'sigmoid", /Sigmoid/],
  ['shrink', 'family_shrink = nn.Hardshrink', 'nn.Hardshrink', /Hardshrink/],
  ['vector', 'family_vector = nn.Softmax', 'nn.Softmax', /Softmax/],
];

/** @type {{ name: string, run: (ui: any) => Promise<void> }[]} */
export default [
  {
    name: 'the hover over nn.LeakyReLU shows its figure (plot and formulas) and fits without scrolling',
    async run(ui) {
      const hover = await ourHover(ui, 'hover_cases.py', 'nn.LeakyReLU(0.2', 3, /Leaky ReLU/);
      ui.assert.ok(hover, 'no hover appeared over nn.LeakyReLU');
      ui.assert.match(hover.text, /Leaky ReLU/);
      ui.assert.match(hover.text, /nn\.LeakyReLU\(negative_slope=0\.2, inplace=True\)/);
      const m = await measure(hover);
      const svgs = m.imgs.filter((i) => i.src.startsWith('data:image/svg+xml;base64,'));
      ui.assert.equal(svgs.length, 1, 'one figure image');
      ui.assert.ok(svgs[0].loaded, 'the figure did not render');
      const svg = Buffer.from(svgs[0].src.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
      ui.assert.match(svg, /<path class="f"/, 'the plot is in the figure');
      ui.assert.equal((svg.match(/role="img"/g) ?? []).length, 2, 'formula and derivative are in the figure');
      // The 200 px plot (120 px high) sits beside the formulas.
      ui.assert.equal(svgs[0].height, 120);
      ui.assert.ok(m.scrollHeight <= m.clientHeight + 1, `the hover scrolls: ${m.scrollHeight} px of content in ${m.clientHeight} px`);
      const page = await ui.screenshot(ui.page, 'hover-leaky-relu');
      await hover.element.screenshot({ path: page.replace('.png', '-widget.png') });
      console.log(`    hover ${Math.round(m.height)} px high, content ${m.scrollHeight} px in ${m.clientHeight} px`);
    },
  },
  {
    name: 'an invalid activation string hover shows the fix and markup from the code as text',
    async run(ui) {
      const hover = await ourHover(ui, 'hover_cases.py', "'<img src=x", 2, /Invalid activation string/);
      ui.assert.ok(hover, 'no hover appeared over the string');
      ui.assert.ok(hover.text.includes("'<img src=x onerror=alert(1)>'"), hover.text);
      ui.assert.equal(hover.images.length, 0, 'the string became an image');
      await ui.screenshot(ui.page, 'hover-invalid-string');
    },
  },
  ...FAMILIES.map(([family, line, text, expect]) => ({
    name: `the ${family} hover is not clipped: no scrolling, no ellipsis, the link row visible`,
    async run(ui) {
      const source = (await import('node:fs')).readFileSync(ui.fixture('hover_cases.py'), 'utf8');
      const at = source.split('\n').find((l) => l.includes(line)) ?? '';
      ui.assert.ok(at, `hover_cases.py has no line with ${line}`);
      // The mouse rests two characters before the end of the name (positionOf finds the line's start).
      const prefix = at.slice(0, at.indexOf(text) + text.length);
      const hover = await ourHover(ui, 'hover_cases.py', prefix, prefix.length - 2, expect);
      ui.assert.ok(hover && expect.test(hover.text), `no ${family} hover appeared`);
      const c = await clipping(hover);
      console.log(`    ${family}: hover ${c.width}x${c.height} px, content ${c.scrollHeight} px in ${c.clientHeight} px`);
      ui.assert.ok(!c.scrolls, `the ${family} hover scrolls: ${c.scrollHeight} px of content in ${c.clientHeight} px`);
      ui.assert.equal(c.wide, 0, `a line of the ${family} hover is wider than the hover`);
      ui.assert.ok(!c.ellipsis, `the ${family} hover cuts text with an ellipsis`);
      ui.assert.ok(c.linkRow, `the ${family} hover's link row is not fully visible`);
      await ui.screenshot(ui.page, `hover-family-${family.replace(/\W+/g, '-').toLowerCase()}`);
    },
  })),
];
