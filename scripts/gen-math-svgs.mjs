// Renders every TeX formula of the activation catalog to SVG with MathJax, once, at build time, and writes
// src/core/hover/generated/mathSvgs.ts. The extension bundle then carries small SVG strings, not MathJax.
//   node scripts/gen-math-svgs.mjs          regenerate
//   node scripts/gen-math-svgs.mjs --check  exit 1 when the generated file is out of date
//   node scripts/gen-math-svgs.mjs --if-stale  regenerate only when a catalog file is newer (the build runs this)
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'package.json'));
const outFile = path.join(root, 'src/core/hover/generated/mathSvgs.ts');
const EM_PX = 15;

/** Every catalog entry (objects with `formulas`) exported by the entry files. */
async function catalogEntries() {
  const dir = path.join(root, 'src/core/catalog/entries');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  const contents = files.map((f) => `require(${JSON.stringify(`./src/core/catalog/entries/${f}`)})`).join(',\n');
  const result = await esbuild.build({
    stdin: { contents: `module.exports = [${contents}];`, resolveDir: root, loader: 'js' },
    bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'error', mainFields: ['module', 'main'],
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(mod, mod.exports, require);
  const entries = [];
  for (const exportsOfFile of mod.exports) {
    for (const value of Object.values(exportsOfFile)) {
      const list = Array.isArray(value) ? value : [value];
      for (const v of list) if (v && typeof v === 'object' && v.formulas && typeof v.name === 'string') entries.push(v);
    }
  }
  return entries;
}

function mathjaxRenderer() {
  const { mathjax } = require('mathjax-full/js/mathjax.js');
  const { TeX } = require('mathjax-full/js/input/tex.js');
  const { SVG } = require('mathjax-full/js/output/svg.js');
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js');
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js');
  const { AllPackages } = require('mathjax-full/js/input/tex/AllPackages.js');
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', { InputJax: new TeX({ packages: AllPackages }), OutputJax: new SVG({ fontCache: 'local' }) });
  return (tex) => {
    const svg = adaptor.innerHTML(doc.convert(tex, { display: true }));
    if (/data-mjx-error|merror/.test(svg)) throw new Error(`MathJax could not render: ${tex}`);
    // Pixel sizes (an <img> has no surrounding font to size ex units by); no inline style needed in an image.
    const box = /viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/.exec(svg);
    const w = ((Number(box[3]) / 1000) * EM_PX).toFixed(1);
    const h = ((Number(box[4]) / 1000) * EM_PX).toFixed(1);
    return svg
      .replace(/ style="[^"]*"/, '')
      .replace(/ width="[^"]*"/, ` width="${w}"`)
      .replace(/ height="[^"]*"/, ` height="${h}"`)
      .replace(/ data-(mml-node|c|mjx-texclass)="[^"]*"/g, '')
      .replace(/ focusable="false"/, '')
      .replace(/><\/(path|use|rect)>/g, '/>')
      .replace(/<g>(<use [^>]*\/>)<\/g>/g, '$1')
      .replace(/(\d\.\d{2})\d+/g, '$1');
  };
}

/** Glyph outlines repeat across formulas: store each once and refer to it as {GLYPH-ID} in the SVGs. */
const glyphs = {};
function shareGlyphs(svg) {
  return svg
    .replace(/id="MJX-\d+-(TEX-[\w-]+)" d="([^"]*)"/g, (_, id, d) => {
      if (glyphs[id] !== undefined && glyphs[id] !== d) throw new Error(`glyph ${id} differs between formulas`);
      glyphs[id] = d;
      return `id="${id}" d="{${id}}"`;
    })
    .replace(/xlink:href="#MJX-\d+-(TEX-[\w-]+)"/g, 'xlink:href="#$1"');
}

/** Newest modification time of the catalog sources and this script. */
function newestInput() {
  const dir = path.join(root, 'src/core/catalog');
  const files = existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.ts')).map((f) => path.join(dir, String(f))) : [];
  return Math.max(...[...files, fileURLToPath(import.meta.url)].map((f) => statSync(f).mtimeMs));
}

if (process.argv.includes('--if-stale') && existsSync(outFile) && statSync(outFile).mtimeMs >= newestInput()) process.exit(0);

const entries = await catalogEntries();
const baseRender = mathjaxRenderer();
const render = (tex) => shareGlyphs(baseRender(tex));
const svgs = {};
for (const entry of entries) {
  for (const formula of Object.values(entry.formulas)) {
    if (formula.tex) svgs[`f(x)=${formula.tex}`] ??= render(`f(x) = ${formula.tex}`);
    if (formula.derivativeTex) svgs[`f'(x)=${formula.derivativeTex}`] ??= render(`f'(x) = ${formula.derivativeTex}`);
  }
}
const keys = Object.keys(svgs).sort();
const body = keys.map((k) => `  ${JSON.stringify(k)}:\n    ${JSON.stringify(svgs[k])},`).join('\n');
const glyphBody = Object.keys(glyphs).sort().map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(glyphs[k])},`).join('\n');
const text = [
  `// Generated by scripts/gen-math-svgs.mjs from the catalog's TeX (${keys.length} formulas). Do not edit.`,
  '/** SVG renderings keyed by `lhs=tex` (see mathKey); `{GLYPH}` stands for a path from MATH_GLYPHS. */',
  `export const MATH_SVGS: Readonly<Record<string, string>> = {\n${body}\n};`,
  '/** Glyph outlines shared by the formulas. */',
  `export const MATH_GLYPHS: Readonly<Record<string, string>> = {\n${glyphBody}\n};`,
  '',
].join('\n');
if (process.argv.includes('--check')) {
  const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  if (current !== text) {
    console.error('src/core/hover/generated/mathSvgs.ts is out of date: run node scripts/gen-math-svgs.mjs');
    process.exit(1);
  }
  console.log(`math svgs up to date (${keys.length} formulas)`);
} else {
  writeFileSync(outFile, text);
  console.log(`wrote ${keys.length} formula images (${(text.length / 1024).toFixed(0)} KB) to ${path.relative(root, outFile)}`);
}
