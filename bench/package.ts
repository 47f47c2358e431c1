// bench vsix_kb: size of the .vsix that `npm run package` builds (release bundles, allow-listed files only).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Figure } from './report';

const root = process.env.AL_ROOT ?? path.resolve(__dirname, '../..');

/** Packages the extension into a temporary file and reports its size in KB (goal: at most 1,500 KB). */
export function packageBench(): Figure[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'activation-lens-vsix-'));
  try {
    const out = path.join(dir, 'activation-lens.vsix');
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/package.mjs'), `--out=${out}`], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm run package failed:\n${result.stdout}\n${result.stderr}`);
    const kb = statSync(out).size / 1024;
    console.log(`vsix: ${kb.toFixed(0)} KB (goal <= 1500 KB)`);
    return [{ name: 'vsix_kb', value: kb, unit: 'KB' }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
