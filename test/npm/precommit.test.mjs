// The pre-commit hooks (.pre-commit-hooks.yaml, language node) run by Debian's `pre-commit` against a local clone of
// this repository, offline (npm reads its cache): the check hook fails on a mistake and passes clean files; the fix
// hook fixes the staged file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = process.cwd();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'al-precommit-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const env = {
  ...process.env,
  PRE_COMMIT_HOME: path.join(tmp, 'cache'),
  npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false',
  GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1',
};

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (/** @type {NodeJS.ErrnoException | undefined} */ (r.error)?.code === 'ENOENT') throw new Error(`${cmd} is not installed: sudo apt-get install ${cmd}`);
  if (r.error) throw r.error;
  return r;
}

/** A local clone of the working tree as it is now (tracked and new files), committed: what `repo:` points at. */
function hookRepository() {
  const repo = path.join(tmp, 'activation-lens');
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root).stdout.split('\0').filter(Boolean);
  for (const f of files) {
    try { cpSync(path.join(root, f), path.join(repo, f)); } catch { /* deleted in the working tree */ }
  }
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-q', '-m', 'snapshot']]) assert.equal(run('git', args, repo).status, 0);
  return { repo, rev: run('git', ['rev-parse', 'HEAD'], repo).stdout.trim() };
}

describe('pre-commit hooks', () => {
  const { repo, rev } = hookRepository();
  const project = path.join(tmp, 'project');
  mkdirSync(project);
  run('git', ['init', '-q', '-b', 'main'], project);
  writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${repo}\n    rev: ${rev}\n    hooks:\n      - id: activation-lens\n      - id: activation-lens-fix\n        stages: [manual]\n`);
  writeFileSync(path.join(project, 'good.py'), 'import torch.nn as nn\nact = nn.ReLU()\n');
  writeFileSync(path.join(project, 'bad.py'), "from keras import layers\nhead = layers.Dense(10, activation='Relu')\n");
  writeFileSync(path.join(project, 'notes.txt'), "activation='Relu'\n");
  writeFileSync(path.join(project, 'nb.ipynb'), JSON.stringify({ cells: [{ cell_type: 'code', source: ['import torch.nn as nn\n', 'nn.Relu()'], metadata: {}, outputs: [], execution_count: null }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1));
  run('git', ['add', '-A'], project);

  it('the check hook fails on staged mistakes (files and notebooks) and names them', () => {
    const r = run('pre-commit', ['run', '--all-files', 'activation-lens'], project);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /bad\.py:2:36: error invalid-activation-string/);
    assert.match(r.stdout, /nb\.ipynb:cell 1:2:\d+: error unknown-activation-api/);
    assert.doesNotMatch(r.stdout, /notes\.txt/);
  });

  it('the check hook passes clean files', () => {
    const r = run('pre-commit', ['run', 'activation-lens', '--files', 'good.py'], project);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /activation-lens\.+Passed/);
  });

  it('the fix hook fixes the files and pre-commit reports them modified', () => {
    const r = run('pre-commit', ['run', '--hook-stage', 'manual', 'activation-lens-fix', '--files', 'bad.py', 'nb.ipynb'], project);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /files were modified by this hook/);
    assert.match(readFileSync(path.join(project, 'bad.py'), 'utf8'), /activation='relu'/);
    assert.deepEqual(JSON.parse(readFileSync(path.join(project, 'nb.ipynb'), 'utf8')).cells[0].source, ['import torch.nn as nn\n', 'nn.ReLU()']);
    assert.equal(run('pre-commit', ['run', '--all-files', 'activation-lens'], project).status, 0);
  });
});
