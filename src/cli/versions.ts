/** Target versions from the dependency files of a project folder, as the editor reads them for `auto`. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDependencyFile, resolveVersions, type TargetVersions } from '../core/versions';

/** Dependency files in `root` (and in its `requirements/` folder), with the `keras`/`torch` setting on top. */
export function rootVersions(root: string, keras: string | undefined, torch?: string): TargetVersions {
  const files: { name: string; text: string }[] = [];
  for (const dir of [root, path.join(root, 'requirements')]) {
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { continue; }
    for (const name of names.sort()) {
      const full = path.join(dir, name);
      if (!isDependencyFile(full) && !(dir !== root && name.endsWith('.txt'))) continue;
      try { files.push({ name, text: readFileSync(full, 'utf8') }); } catch { /* unreadable: ignore */ }
    }
  }
  return resolveVersions(files, { keras, torch });
}
