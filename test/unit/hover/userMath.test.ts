// Formulas from user code typeset at run time through the editor's renderer (the TexPort), with MathJax from the
// tex chunk's own source; without a renderer, over its budgets or with a hostile result, the text form stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTexToSvg } from '../../../src/extension/tex/mathjax';
import { isInertSvg, MAX_USER_TEX, typesetUserTex, type TexRenderer } from '../../../src/core/hover/userMath';
import { HoverMemo } from '../../../src/core/hover/atOffset';
import { documentView } from '../../../src/core/scan/documentAnalysis';
import { analyzePython, DEFAULT_ANALYSIS_OPTIONS } from '../../../src/core/analysis';
import { DEFAULT_OPTIONS } from '../../../src/core/hover';
import { FIXTURE, hover, images, svgOf, usageOn } from './helpers';

const mathjax: TexRenderer = createTexToSvg();

test('with the renderer, a user-defined swish hover typesets f and f′ with MathJax in its image, not as mathjs text', () => {
  const md = hover(usageOn('dense_custom', 'custom'), { texRenderer: mathjax });
  const imgs = images(md);
  assert.equal(imgs.length, 1);
  const svg = svgOf(imgs[0].uri);
  assert.match(svg, /<path class="f"/, 'the curve is still drawn');
  assert.match(svg, /id="MJX-\d+-TEX-I-1D453"/, 'italic f from MathJax');
  assert.match(svg, /MJX-\d+-TEX-V-2032|MJX-\d+-TEX-N-2032/, 'the prime of f′: the derivative is typeset too');
  assert.doesNotMatch(svg, /currentColor/, 'drawn in the theme colour');
  assert.ok(!md.includes('f(x) = `'), md);
  assert.ok(md.includes('With `beta = 1` (defaults as written)'), md);
  assert.match(imgs[0].alt.replace(/\\(.)/g, '$1'), /swish\(x\) = x \* \(1 \/ \(1 \+ exp\(-\(beta \* x\)\)\)\)/, 'the alt text keeps the formula');
});

test('without a renderer (command line, language server, before the chunk loads) the formula is the mathjs text', () => {
  const md = hover(usageOn('dense_custom', 'custom'));
  assert.ok(md.includes('f(x) = `x * (1 / (1 + exp(-(beta * x))))` with `beta = 1` (defaults as written)'), md);
  assert.doesNotMatch(svgOf(images(md)[0].uri), /TEX-I-1D453/);
  // No images at all: text, whether or not a renderer is there.
  assert.ok(hover(usageOn('dense_custom', 'custom'), { images: false, texRenderer: mathjax }).includes('f(x) = `x * (1 / (1 + exp(-(beta * x))))`'));
});

test('built-in hovers never ask the renderer; a custom hover asks for it only while it has none', () => {
  let calls = 0;
  const counting: TexRenderer = (tex) => { calls++; return mathjax(tex); };
  const builtIn = hover(usageOn('nn.LeakyReLU(0.2, True)'), { texRenderer: counting });
  assert.match(svgOf(images(builtIn)[0].uri), /TEX-/, 'the built-in formula is the build-time image');
  assert.equal(calls, 0);
  const analysis = documentView(analyzePython(FIXTURE, DEFAULT_ANALYSIS_OPTIONS));
  const memo = new HoverMemo();
  const at = (marker: string) => FIXTURE.indexOf(marker);
  assert.equal(memo.at(analysis, at('nn.LeakyReLU(0.2, True)') + 3, DEFAULT_OPTIONS)?.wantsTex, false);
  const customOffset = usageOn('dense_custom', 'custom').start + 1;
  const before = memo.at(analysis, customOffset, DEFAULT_OPTIONS);
  assert.equal(before?.wantsTex, true);
  const after = memo.at(analysis, customOffset, { ...DEFAULT_OPTIONS, texRenderer: counting });
  assert.equal(after?.wantsTex, false);
  assert.ok(calls > 0 && after?.markdown !== before?.markdown, 'the same hover typeset once the renderer is given');
});

test('typesetting is bounded: long or multi-line TeX, errors, throwing and slow renderers give the text form', () => {
  assert.equal(typesetUserTex('f(x)', 'x+'.repeat(MAX_USER_TEX), mathjax), undefined, 'over the size budget');
  assert.equal(typesetUserTex('f(x)', 'x\n+1', mathjax), undefined, 'not one line (the hover text gate would change it)');
  assert.equal(typesetUserTex('f(x)', 'x\u202e+1', mathjax), undefined, 'bidi override');
  assert.equal(typesetUserTex('f(x)', '\\frac{', mathjax), undefined, 'MathJax error');
  assert.equal(typesetUserTex('f(x)', '\\href{https://example.com}{x}', mathjax), undefined, 'no link macro in the packages');
  assert.equal(typesetUserTex('f(x)', 'x', () => { throw new Error('boom'); }), undefined);
  let calls = 0;
  const slow: TexRenderer = (tex) => {
    calls++;
    const until = Date.now() + 300;
    while (Date.now() < until) { /* a renderer over its time budget */ }
    return mathjax(tex);
  };
  assert.equal(typesetUserTex('f(x)', 'x+1', slow), undefined, 'over the time budget: not shown');
  assert.equal(typesetUserTex('f(x)', 'x+2', slow), undefined);
  assert.equal(typesetUserTex('f(x)', 'x+3', slow), undefined);
  assert.equal(calls, 2, 'a renderer slow twice is not asked again');
  assert.match(typesetUserTex('f(x)', 'x', mathjax) ?? '', /^<svg [^>]*width="[\d.]+" height="[\d.]+"/);
});

test('only an inert SVG comes back from a renderer: no script, link, remote image, style or handler', () => {
  const wrap = (inner: string): string => `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${inner}</svg>`;
  for (const hostile of [
    wrap('<script>alert(1)</script>'),
    wrap('<image href="https://example.com/x.png"/>'),
    wrap('<use xlink:href="https://example.com/font.svg#g"/>'),
    wrap('<a href="javascript:alert(1)"><path d="M0 0"/></a>'),
    wrap('<path onload="alert(1)" d="M0 0"/>'),
    wrap('<foreignObject><div/></foreignObject>'),
    wrap('<path style="fill:url(https://example.com/p)" d="M0 0"/>'),
    '<div>not an svg</div>',
  ]) {
    assert.equal(isInertSvg(hostile), false, hostile);
    assert.equal(typesetUserTex('f(x)', `x+${hostile.length}`, () => hostile), undefined, hostile);
  }
  assert.ok(isInertSvg(mathjax('f(x) = x\\cdot\\left(\\frac{1}{1+\\exp\\left(-x\\right)}\\right)')));
});

test('a hostile definition name and body stay escaped text around the typeset image', () => {
  const src = 'import tensorflow as tf\nfrom tensorflow.keras import layers\n\ndef _evil_x(x, a_b=2.0):\n    return x * tf.sigmoid(a_b * x)  # ](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>\n\nlayer = layers.Dense(4, activation=_evil_x)\n';
  const analysis = documentView(analyzePython(src, DEFAULT_ANALYSIS_OPTIONS));
  const hit = new HoverMemo().at(analysis, src.lastIndexOf('_evil_x') + 2, { ...DEFAULT_OPTIONS, texRenderer: mathjax });
  assert.ok(hit, 'custom hover');
  assert.ok(hit.markdown.startsWith('**\\_evil\\_x**'), hit.markdown.slice(0, 80));
  assert.doesNotMatch(hit.markdown, /<img|onerror|command:workbench/);
  const svg = svgOf(images(hit.markdown)[0].uri);
  assert.match(svg, /TEX-I-1D453/, 'typeset');
  assert.ok(isInertSvg(svg.replace(/^[\s\S]*?(<svg x="[^"]*" y="[^"]*" [\s\S]*?<\/svg>)[\s\S]*$/, '$1')));
});
