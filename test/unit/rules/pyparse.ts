// Re-parses Python sources with CPython's own parser, all in one process; absent python3 means no check (returns undefined).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => p === 'python3' || existsSync(p)) ?? 'python3';

const SCRIPT = `
import ast, json, sys
out = []
for src in json.load(sys.stdin):
    try:
        ast.parse(src)
        out.append(None)
    except SyntaxError as e:
        out.append(f"{e.msg} at line {e.lineno}")
print(json.dumps(out))
`;

/** For each source: null when CPython parses it, else the syntax error. Undefined when python3 cannot be run. */
export function cpythonParse(sources: readonly string[]): (string | null)[] | undefined {
  const r = spawnSync(PYTHON, ['-c', SCRIPT], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) return undefined;
  return JSON.parse(r.stdout) as (string | null)[];
}
