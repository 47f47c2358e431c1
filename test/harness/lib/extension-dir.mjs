// Installs the working tree as an extension the way a person's VS Code finds one: a folder (here a symlink)
// named `publisher.name-version` inside --extensions-dir. No vsix, no flag; it loads like any installed extension.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './paths.mjs';
import { onCleanup } from './processes.mjs';

/** A temporary extensions dir holding only this extension (removed at cleanup); returns its path. */
export function extensionsDirWithThisExtension() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'activation-lens-extensions-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(dir, { recursive: true });
  symlinkSync(root, path.join(dir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  return dir;
}
