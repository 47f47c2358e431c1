// The esbuild target of dist/tex.js: MathJax (TeX input, SVG output) for formulas the build cannot render ahead,
// evaluated by the extension only when the first such formula is shown (src/extension/tex/). Kept small: the
// font variants that mathjs' TeX never selects (bold, script, fraktur, sans-serif, monospace, ...) become empty,
// and the normal variant keeps Latin, Greek, punctuation, letterlike symbols, mathematical operators and technical
// symbols, and of the mathematical alphanumerics only the italic letters (TeX's x); arrows and the rest go. A character outside the trimmed fonts still renders
// (MathJax draws unknown characters as text); one dropped from the glyphs is dropped from the metrics as well.
import { readFileSync } from 'node:fs';

/** SVG font variants drawn by the translated formulas: letters, digits, operators and stretched delimiters. */
const KEPT_VARIANTS = new Set(['normal', 'italic', 'largeop', 'smallop', 'tex-size3', 'tex-size4', 'tex-variant']);
/** Code points kept in the normal variant, as [first, last] ranges. */
const KEPT_CHARS = [[0, 0x218f], [0x2200, 0x23ff], [0x1d434, 0x1d467], [0x1d6a4, 0x1d6a5], [0x1d6e2, 0x1d71b]];

const trimFonts = {
  name: 'trim-mathjax-fonts',
  setup(build) {
    build.onLoad({ filter: /mathjax-full[\\/]js[\\/]output[\\/]svg[\\/]fonts[\\/]tex[\\/][\w-]+\.js$/ }, (args) => {
      const variant = args.path.replace(/^.*[\\/]/, '').replace(/\.js$/, '');
      if (KEPT_VARIANTS.has(variant)) return variant === 'normal' ? { contents: dropUnusedChars(readFileSync(args.path, 'utf8')), loader: 'js' } : undefined;
      const name = variant.replace(/-(\w)/g, (_, c) => c.toUpperCase());
      return { contents: `exports.${name} = {};`, loader: 'js' };
    });
    build.onLoad({ filter: /mathjax-full[\\/]js[\\/]output[\\/]common[\\/]fonts[\\/]tex[\\/]normal\.js$/ }, (args) => ({ contents: dropUnusedChars(readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

/** Removes the one-line entries `0xHHHH: ...,` outside KEPT_CHARS from a MathJax font data file. */
function dropUnusedChars(text) {
  return text.replace(/^ {4}0x([0-9A-F]+): .*\n/gm, (line, hex) => {
    const c = parseInt(hex, 16);
    return KEPT_CHARS.some(([a, b]) => c >= a && c <= b) ? line : '';
  });
}

/** The build target for dist/tex.js (always minified: it ships in the package whatever the build). */
export function texChunkTarget(common, dist) {
  return { ...common, minify: true, entryPoints: ['src/extension/tex/mathjax.ts'], outfile: `${dist}/tex.js`, platform: 'neutral', format: 'cjs', mainFields: ['module', 'main'], plugins: [trimFonts] };
}
