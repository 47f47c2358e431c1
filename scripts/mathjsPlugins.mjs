// How bundles reach the one module that imports mathjs (src/core/maths/mathjs.ts, which owns the one instance).
import * as esbuild from 'esbuild';
import path from 'node:path';

/** Resolves imports of the owner module (`../maths/mathjs` from anywhere) to `target`; others resolve as usual. */
function ownerResolvedTo(root, target) {
  const owner = path.join(root, 'src/core/maths/mathjs');
  return (build) => build.onResolve({ filter: /\/mathjs$/ }, (args) => (path.resolve(args.resolveDir, args.path) === owner ? target : undefined));
}

/**
 * The Node host's lazy chunks share one copy of mathjs (a third of each chunk): they require dist/lazy/mathjs.js,
 * built from the owner module, instead of bundling it three times.
 */
export function sharedMathjs(root) {
  return { name: 'shared-mathjs', setup: ownerResolvedTo(root, { path: './mathjs.js', external: true }) };
}

/**
 * The web worker host gets one file, in which `import('./lazy')` is bundled: a module reached that way is wrapped to
 * run on first use, and esbuild then keeps every module mathjs' index re-exports (617 of 1,296 KB minified). So the
 * owner module is bundled alone first, where tree-shaking works (276 KB), and that bundle stands in for it.
 * test/unit/package/webBundle.test.ts checks the difference. `common` holds the build's shared options.
 */
export function prebuiltMathjs(common, root) {
  return {
    name: 'prebuilt-mathjs',
    setup(build) {
      ownerResolvedTo(root, { path: 'mathjs', namespace: 'prebuilt-mathjs' })(build);
      build.onLoad({ filter: /.*/, namespace: 'prebuilt-mathjs' }, async () => {
        const alone = await esbuild.build({ ...common, absWorkingDir: root, entryPoints: [path.join(root, 'src/core/maths/mathjs.ts')], platform: 'browser', format: 'cjs', write: false, sourcemap: false, outfile: 'mathjs.js' });
        return { contents: alone.outputFiles?.[0]?.text ?? '', loader: 'js', resolveDir: root };
      });
    },
  };
}
