// `npm run package`: builds activation-lens-<version>.vsix with @vscode/vsce from production bundles only.
// The release bundles (minified, no source maps) are built into a staging folder together with the files the
// allow-list .vscodeignore admits, so a development build running at the same time in dist/ cannot slip in.
// Prints the packaged files and `package: <file> <KB> KB`. Options: --out=FILE (default: the repository root).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outArg = process.argv.slice(2).find((a) => a.startsWith('--out='));
const out = path.resolve(outArg ? outArg.slice('--out='.length) : path.join(root, `${pkg.name}-${pkg.version}.vsix`));

/** Files and folders copied into the stage; .vscodeignore still decides what of them is packed. */
const STAGED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'media'];

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

const stage = mkdtempSync(path.join(os.tmpdir(), 'activation-lens-package-'));
try {
  for (const entry of STAGED) {
    if (existsSync(path.join(root, entry))) cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
  }
  run(process.execPath, [path.join(root, 'scripts/build.mjs'), '--release', '--quiet', `--dist=${path.join(stage, 'dist')}`], root);
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  // Everything is bundled, so no dependency walk. README links stay relative: its images ship inside the package
  // for the Extensions view, and no repository URL exists yet to rewrite them against.
  const common = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];
  run(process.execPath, [vsce, 'ls', ...common.slice(0, 1)], stage);
  run(process.execPath, [vsce, 'package', ...common, '--out', out], stage);
  console.log(`package: ${path.relative(process.cwd(), out) || out} ${Math.round(statSync(out).size / 1024)} KB`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
