// Command-line edges found by probing: infinite range ends, an unknown --form, a parameter named __proto__, and
// symbolic links inside a scanned folder, each now a plain message instead of NaN rows or silence.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; }, cwd });
  return { code, out, err };
}

describe('command-line edges', () => {
  it('eval --x=inf:-inf:5 is refused (its points would all be NaN); infinities are still listable', async () => {
    const r = await run(tmpdir(), 'eval', 'relu', '--framework', 'torch', '--x=inf:-inf:5');
    assert.equal(r.code, 2);
    assert.match(r.err, /range ends must be finite/);
    const ok = await run(tmpdir(), 'eval', 'relu', '--framework', 'torch', '--x=-inf,0,inf', '--format', 'json');
    assert.equal(ok.code, 0);
    assert.deepEqual(JSON.parse(ok.out).y, [0, 0, null]);
  });

  it('eval --form bogus is refused with the forms it knows', async () => {
    const r = await run(tmpdir(), 'eval', 'relu', '--framework', 'torch', '--form', 'bogus', '--x=1');
    assert.equal(r.code, 2);
    assert.match(r.err, /--form must be one of layer, function, method, string, reference, got 'bogus'/);
    assert.equal((await run(tmpdir(), 'eval', 'relu', '--framework', 'torch', '--form', 'function', '--x=1')).code, 0);
  });

  it('eval --param __proto__=1 is an unknown parameter, not silently dropped', async () => {
    const r = await run(tmpdir(), 'eval', 'relu', '--framework', 'torch', '--param', '__proto__=1', '--x=1');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown parameter '__proto__'/);
  });

  it('symbolic links inside a scanned folder are reported, not followed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'al-links-'));
    try {
      mkdirSync(path.join(dir, 'pkg'));
      mkdirSync(path.join(dir, 'elsewhere'));
      writeFileSync(path.join(dir, 'elsewhere', 'real.py'), 'import torch.nn as nn\nnn.ReLU()\n');
      writeFileSync(path.join(dir, 'pkg', 'a.py'), 'import torch.nn as nn\nnn.Tanh()\n');
      symlinkSync(path.join(dir, 'elsewhere', 'real.py'), path.join(dir, 'pkg', 'linked.py'));
      symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'pkg', 'loop'));
      for (const command of ['scan', 'check']) {
        const r = await run(dir, command, 'pkg');
        assert.match(r.err, /pkg\/linked\.py: symbolic link, not followed; skipped/, command);
        assert.match(r.err, /pkg\/loop: symbolic link to a folder, not followed; skipped/, command);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
