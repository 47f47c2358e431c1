// The web worker host gets one file, in which `import('./lazy')` is bundled: a module reached that way is wrapped to
// run on first use, and esbuild then keeps every module mathjs' index re-exports (617 of 1,296 KB minified). So
// src/core/maths/mathjs.ts (the one module that imports mathjs) is bundled alone first, where tree-shaking works
// (276 KB), and that bundle stands in for the module. test/unit/package/webBundle.test.ts checks the difference.
import * as esbuild from 'esbuild';
import path from 'node:path';

/** An esbuild plugin for a one-file bundle; `common` holds the build's shared options, `root` the repository. */
export function prebuiltMathjs(common, root) {
  const owner = path.join(root, 'src/core/maths/mathjs');
  return {
    name: 'prebuilt-mathjs',
    setup(build) {
      build.onResolve({ filter: /\/mathjs$/ }, (args) => (path.resolve(args.resolveDir, args.path) === owner ? { path: 'mathjs', namespace: 'prebuilt-mathjs' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'prebuilt-mathjs' }, async () => {
        const alone = await esbuild.build({ ...common, absWorkingDir: root, entryPoints: [`${owner}.ts`], platform: 'browser', format: 'cjs', write: false, sourcemap: false, outfile: 'mathjs.js' });
        return { contents: alone.outputFiles?.[0]?.text ?? '', loader: 'js', resolveDir: root };
      });
    },
  };
}
