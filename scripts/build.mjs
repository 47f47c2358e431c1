// Builds every bundle with esbuild. Flags pick extra targets:
//   --tests   unit tests (plain Node) into out/test/unit
//   --bench   benchmarks into out/bench
//   --host    in-host integration suites (Node and web worker) into out/test/host
//   --webview-tests  plot panel client tests (Chromium) into out/test/webview
//   --release minify, no source maps
//   --cli-only only the command line (dist/cli.js): what `npm pack` ships
//   --dist=DIR  write the extension, CLI and webview bundles to DIR instead of dist/ (packaging stages there)
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostTargets } from '../test/harness/build-host.mjs';
import { prebuiltMathjs, sharedMathjs } from './mathjsPlugins.mjs';
import { texChunkTarget } from './texChunk.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const args = new Set(process.argv.slice(2));
const release = args.has('--release');
const distArg = [...args].find((a) => a.startsWith('--dist='));
const dist = distArg ? path.resolve(distArg.slice('--dist='.length)) : 'dist';
/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  absWorkingDir: root,
  sourcemap: release ? false : 'linked',
  minify: release,
  logLevel: 'warning',
  target: 'es2022',
  // mathjs and friends ship ESM and CJS; prefer the module entry so esbuild can tree-shake.
  mainFields: ['module', 'main'],
};

/**
 * Node extension host: what loads on first use (src/extension/<feature>/lazy.ts) is bundled into its own file,
 * dist/lazy/<feature>.js, and `import('./lazy')` becomes a `require` of it, so activation parses only what it runs.
 * (In one file, esbuild would keep such code unevaluated but still parsed, and could not tree-shake mathjs in it.)
 */
const LAZY_CHUNKS = ['hover', 'panel', 'signal'];
/** @type {esbuild.Plugin} */
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^\.\/lazy$/ }, (args) => {
      const feature = path.basename(args.resolveDir);
      if (args.kind !== 'dynamic-import' || !LAZY_CHUNKS.includes(feature)) return undefined;
      return { path: feature, namespace: 'lazy-chunk' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-chunk' }, (args) => ({ contents: `module.exports = require('./lazy/${args.path}.js');`, loader: 'js' }));
    build.onResolve({ filter: /^\.\/lazy\/\w+\.js$/ }, (args) => (args.namespace === 'lazy-chunk' ? { path: args.path, external: true } : undefined));
  },
};

/** @type {esbuild.BuildOptions[]} */
const targets = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: `${dist}/extension.js`, platform: 'node', format: 'cjs', external: ['vscode'], plugins: [lazyChunks] },
  ...LAZY_CHUNKS.map((feature) => /** @type {esbuild.BuildOptions} */ ({ ...common, entryPoints: [`src/extension/${feature}/lazy.ts`], outfile: `${dist}/lazy/${feature}.js`, platform: 'node', format: 'cjs', external: ['vscode'], plugins: [sharedMathjs(root)] })),
  { ...common, entryPoints: ['src/core/maths/mathjs.ts'], outfile: `${dist}/lazy/mathjs.js`, platform: 'node', format: 'cjs' },
  // The web worker extension host loads one CommonJS file and has no Node built-ins.
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: `${dist}/web/extension.js`, platform: 'browser', format: 'cjs', external: ['vscode'], define: { 'process.env.NODE_ENV': '"production"' }, plugins: [prebuiltMathjs(common, root)] },
  // MathJax for formulas from user code, in its own file shared by both hosts (loaded on first need).
  texChunkTarget(common, dist),
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: `${dist}/cli.js`, platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' }, define: { VERSION: JSON.stringify(pkg.version) } },
];

/** Files under dir (relative to the root) whose names end with suffix. */
function filesEndingWith(dir, suffix) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f));
}

if (args.has('--cli-only')) targets.splice(0, targets.length, ...targets.filter((t) => t.outfile === `${dist}/cli.js`));
else if (existsSync(path.join(root, 'src/webview/main.ts'))) {
  targets.push({ ...common, entryPoints: ['src/webview/main.ts'], outfile: `${dist}/webview/main.js`, platform: 'browser', format: 'iife' });
}
if (existsSync(path.join(root, 'src/webview/signal/main.ts'))) {
  targets.push({ ...common, entryPoints: ['src/webview/signal/main.ts'], outfile: `${dist}/webview/signal.js`, platform: 'browser', format: 'iife' });
}

if (args.has('--tests')) {
  const entries = filesEndingWith('test/unit', '.test.ts');
  targets.push({ ...common, sourcemap: 'inline', entryPoints: entries, outdir: 'out/test/unit', outbase: 'test/unit', platform: 'node', format: 'cjs', external: ['vscode', 'esbuild'] });
}
if (args.has('--host')) targets.push(...hostTargets(common, root));
if (args.has('--webview-tests')) {
  // Plot panel client tests in Chromium (playwright-core stays external: it loads its own files).
  const entries = filesEndingWith('test/webview', '.test.ts');
  targets.push({ ...common, sourcemap: 'inline', entryPoints: entries, outdir: 'out/test/webview', outbase: 'test/webview', platform: 'node', format: 'cjs', external: ['vscode', 'playwright-core'] });
}
if (args.has('--bench')) {
  for (const entry of ['run', 'cold']) {
    targets.push({ ...common, sourcemap: false, entryPoints: [`bench/${entry}.ts`], outfile: `out/bench/${entry}.js`, platform: 'node', format: 'cjs', external: ['@astral-sh/ruff-wasm-nodejs', 'playwright-core'] });
  }
}

// Hover formula images are rendered from the catalog's TeX at build time; this is quick when nothing changed.
const gen = spawnSync(process.execPath, [path.join(root, 'scripts/gen-math-svgs.mjs'), '--if-stale'], { stdio: 'inherit' });
if (gen.status !== 0) process.exit(gen.status ?? 1);

const started = Date.now();
await Promise.all(targets.map((t) => esbuild.build(t)));
if (!args.has('--quiet')) console.log(`built ${targets.length} bundles in ${Date.now() - started} ms`);
