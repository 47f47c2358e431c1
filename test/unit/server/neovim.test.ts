import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, ROOT } from './client';

interface Report {
  ok: boolean;
  error?: string;
  steps: string[];
  diagnostics?: { lnum: number; col: number; message: string; source: string; code: string; severity: number }[];
  hover?: string;
  actions?: string[];
}

test('Neovim as the client: diagnostics, hover, quick fix applied and written', () => {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    assert.fail('nvim not found: this test drives the language server from Debian\'s neovim (apt-get install neovim)');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'activation-lens-nvim-'));
  try {
    const fixture = path.join(dir, 'model.py');
    copyFileSync(path.join(ROOT, 'test/fixtures/server/model.py'), fixture);
    const out = path.join(dir, 'report.json');
    const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${path.join(ROOT, 'test/neovim/lsp_client.lua')}`], {
      encoding: 'utf8', timeout: 120_000, cwd: dir,
      env: { ...process.env, AL_NODE: process.execPath, AL_CLI: CLI, AL_FIXTURE: fixture, AL_OUT: out },
    });
    assert.ok(existsSync(out), `nvim wrote no report (status ${run.status}, signal ${run.signal}): ${run.stderr}${run.stdout}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    assert.ok(report.ok, `${report.error} (after: ${report.steps.join(', ')})`);

    const slip = report.diagnostics?.find((d) => d.code === 'invalid-activation-string');
    assert.ok(slip, JSON.stringify(report.diagnostics));
    assert.equal(slip.source, 'Activation Lens');
    assert.equal(slip.lnum, 5);
    assert.match(slip.message, /rleu/);

    // Neovim shows the Markdown as text: the hover carries the formula and the values table, not an image.
    assert.match(report.hover ?? '', /Leaky ReLU/);
    assert.match(report.hover ?? '', /f\(x\) = `x > 0 \? x : s \* x`/);
    assert.match(report.hover ?? '', /−2\s+−0\.4\s+0\.2/);
    assert.doesNotMatch(report.hover ?? '', /data:image|command:|Use:/);

    assert.ok(report.actions?.some((t) => /relu/.test(t)), JSON.stringify(report.actions));
    const written = readFileSync(fixture, 'utf8');
    const original = readFileSync(path.join(ROOT, 'test/fixtures/server/model.py'), 'utf8');
    assert.equal(written, original.replace('activation="rleu"', 'activation="relu"'));
    assert.deepEqual(report.steps, ['attached', 'diagnostics', 'hover', 'code action', 'written', 'rechecked', 'stopped']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
