/**
 * Project modules read from disk, for following an activation into a wrapper another file defines
 * (`from .blocks import conv_bn`). Only the imported module's file is read, once per file version.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ModuleSource } from '../core/scan';

/** Largest module file read (a module of wrappers is small; generated code is not followed). */
const MAX_BYTES = 2_000_000;
/** How many folders above a file an absolute import (`from mypkg.blocks import ...`) is looked for. */
const MAX_ANCESTORS = 6;

function moduleFile(base: string, module: string): { file: string; key: string } | undefined {
  const parts = module ? module.split('.') : [];
  const stem = path.join(base, ...parts);
  for (const file of parts.length ? [`${stem}.py`, path.join(stem, '__init__.py')] : [path.join(stem, '__init__.py')]) {
    try {
      const s = statSync(file);
      if (s.isFile() && s.size <= MAX_BYTES) return { file, key: `${file}@${s.mtimeMs}:${s.size}` };
    } catch {
      // not there: try the next candidate
    }
  }
  return undefined;
}

/** Reads `module` relative to the importing file (leading dots) or from the file's folder and its ancestors. */
export const diskModules: ModuleSource = {
  read(fromFile, module, level) {
    let dir = path.dirname(fromFile);
    const bases: string[] = [];
    if (level > 0) {
      for (let i = 1; i < level; i++) dir = path.dirname(dir);
      bases.push(dir);
    } else {
      for (let i = 0; i <= MAX_ANCESTORS; i++) {
        bases.push(dir);
        const up = path.dirname(dir);
        if (up === dir) break;
        dir = up;
      }
    }
    for (const base of bases) {
      const found = moduleFile(base, module);
      if (!found) continue;
      try {
        return { key: found.key, text: readFileSync(found.file, 'utf8'), file: found.file };
      } catch {
        return undefined;
      }
    }
    return undefined;
  },
};
