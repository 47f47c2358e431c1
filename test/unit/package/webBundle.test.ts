// The web worker host's one-file bundle keeps mathjs tree-shaken (scripts/mathjsPlugins.mjs), and the prebuilt
// module still works when reached, as the hover and panel reach it, through a dynamic import.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = process.cwd();
const common: esbuild.BuildOptions = { bundle: true, absWorkingDir: root, minify: true, target: 'es2022', mainFields: ['module', 'main'], logLevel: 'silent', write: false };
// What the extension does: the lazy features, and mathjs with them, are imported on first use.
const stdin: esbuild.StdinOptions = { contents: "export const load = () => import('./src/core/maths/mathjs');", resolveDir: root, loader: 'ts' };

async function bundle(plugins: esbuild.Plugin[]): Promise<string> {
  const out = await esbuild.build({ ...common, stdin, platform: 'browser', format: 'cjs', plugins });
  return out.outputFiles![0].text;
}

test('one-file bundles keep only the parser and derivative of mathjs, and they still work through a dynamic import', async () => {
  const { prebuiltMathjs } = (await import(pathToFileURL(path.join(root, 'scripts/mathjsPlugins.mjs')).href)) as { prebuiltMathjs: (c: esbuild.BuildOptions, r: string) => esbuild.Plugin };
  const plain = await bundle([]);
  const prebuilt = await bundle([prebuiltMathjs(common, root)]);
  assert.ok(prebuilt.length < plain.length * 0.6, `prebuilt ${prebuilt.length} bytes, plain ${plain.length}`);
  const module = { exports: {} as { load: () => Promise<{ parseMath(t: string): unknown; derivativeInX(n: unknown): { toString(): string } }> } };
  new Function('module', 'exports', 'require', prebuilt)(module, module.exports, require);
  const maths = await module.exports.load();
  assert.equal(maths.derivativeInX(maths.parseMath('x^2')).toString(), '2 * x');
});
