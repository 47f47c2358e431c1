// The packaged extension: builds the .vsix (scripts/package.mjs) and installs it into a fresh --extensions-dir
// with code-server's own `--install-extension`, the way a person installs a downloaded .vsix.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireCodeServer } from './code-server.mjs';
import { codeServerEntry, node24, root } from './paths.mjs';
import { onCleanup } from './processes.mjs';

/** Builds the .vsix into a temporary folder (removed at cleanup) and returns its path. */
export function buildVsix() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'activation-lens-vsix-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'activation-lens.vsix');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/package.mjs'), `--out=${out}`], { cwd: root, encoding: 'utf8', timeout: 5 * 60_000 });
  if (result.status !== 0) throw new Error(`packaging failed:\n${result.stdout}\n${result.stderr}`);
  return out;
}

/**
 * Installs `vsix` with `code-server --install-extension` into a new extensions dir (removed at cleanup).
 * Returns the dir and the installed extension's folder; fails when the install did not produce exactly our
 * extension, or when the installed folder holds anything but production files.
 */
export function installVsix(vsix) {
  requireCodeServer();
  const home = mkdtempSync(path.join(os.tmpdir(), 'activation-lens-installed-'));
  onCleanup(() => rmSync(home, { recursive: true, force: true }));
  const extensionsDir = path.join(home, 'extensions');
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_CACHE_HOME: path.join(home, 'cache') };
  const args = [codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(home, 'user-data'), '--install-extension', vsix];
  const result = spawnSync(node24, args, { cwd: home, env, encoding: 'utf8', timeout: 3 * 60_000 });
  if (result.status !== 0) throw new Error(`code-server --install-extension failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}-${pkg.version}`;
  const folder = path.join(extensionsDir, id);
  if (!existsSync(path.join(folder, 'package.json'))) {
    throw new Error(`${id} is not in ${extensionsDir} after the install:\n${result.stdout}\n${result.stderr}`);
  }
  const files = readdirSync(folder, { recursive: true }).map(String);
  const stray = files.filter((f) => /\.map$|\.ts$|(^|\/)(src|test|node_modules|out|bench)(\/|$)/.test(f));
  if (stray.length) throw new Error(`the installed package holds development files: ${stray.join(', ')}`);
  return { extensionsDir, folder, files };
}
