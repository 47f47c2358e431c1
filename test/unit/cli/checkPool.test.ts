// The worker pool through the built command line (dist/cli.js): the same report from 1 and 2 workers, and Ctrl-C
// during --fix stops cleanly: exit 130, every file either untouched or fully fixed, no temporary file left.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const CLI = path.join(process.cwd(), 'dist/cli.js');
const BAD = (i: number): string => `from keras import layers\n# model ${i}\nhead = layers.Dense(${i % 7 + 1}, activation='Relu')\nbody = layers.Dense(4, activation='Sigmoid')\n`;
const FIXED = (i: number): string => BAD(i).replace("'Relu'", "'relu'").replace("'Sigmoid'", "'sigmoid'");
const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function tree(n: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'al-pool-'));
  dirs.push(dir);
  for (let i = 0; i < n; i++) writeFileSync(path.join(dir, `m${String(i).padStart(5, '0')}.py`), i % 3 === 2 ? 'import torch\n' : BAD(i));
  return dir;
}

describe('check on worker threads', () => {
  it('1 and 2 workers give the same report, in file order', () => {
    const dir = tree(240);
    const one = spawnSync(process.execPath, [CLI, 'check', '--jobs', '1', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    const two = spawnSync(process.execPath, [CLI, 'check', '--jobs', '2', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(one.status, 1);
    assert.equal(two.status, 1);
    assert.equal(one.stdout.trim().split('\n').length, 320);
    assert.equal(two.stdout, one.stdout);
  });

  it('Ctrl-C during --fix: exit 130, files untouched or fully fixed, none half-written, no temporary files', async () => {
    const n = 3000;
    const dir = tree(n);
    const child = spawn(process.execPath, [CLI, 'check', '--fix', '--jobs', '2', '.'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait for the first write (the handler is in place by then), then interrupt.
    const first = path.join(dir, 'm00000.py');
    for (let i = 0; i < 3000 && readFileSync(first, 'utf8') === BAD(0); i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    const code = await exited;
    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted; \d+ file\(s\) fixed, \d+ not touched, none half-written/);
    let fixed = 0;
    let untouched = 0;
    for (let i = 0; i < n; i++) {
      if (i % 3 === 2) continue;
      const text = readFileSync(path.join(dir, `m${String(i).padStart(5, '0')}.py`), 'utf8');
      if (text === FIXED(i)) fixed++;
      else if (text === BAD(i)) untouched++;
      else assert.fail(`file ${i} is neither the original nor the fixed text: ${JSON.stringify(text)}`);
    }
    assert.ok(fixed >= 1, 'the first file was fixed before the interrupt');
    assert.ok(untouched >= 1, `the interrupt stopped the run early (fixed ${fixed})`);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });
});
