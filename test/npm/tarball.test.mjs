// The npm package: `npm pack` (which builds dist/cli.js), installed alone and offline into a fresh project, checks and
// fixes a temporary Python project through its `activation-lens` bin. The package has no runtime dependencies.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = process.cwd();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'al-npm-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env } });
  if (r.error) throw r.error;
  return r;
}

describe('npm package', () => {
  let bin = '';
  it('npm pack makes a tarball with the command line and no dependencies', () => {
    // As for a release: the minified command line first (npm pack runs no build: pre-commit reads its output).
    assert.equal(run(process.execPath, ['scripts/build.mjs', '--cli-only', '--release', '--quiet'], root).status, 0);
    const r = run('npm', ['pack', '--pack-destination', tmp], root);
    assert.equal(r.status, 0, r.stderr);
    const tarball = path.join(tmp, r.stdout.trim().split('\n').pop() ?? '');
    const list = run('tar', ['-tzf', tarball], tmp).stdout.trim().split('\n').sort();
    assert.deepEqual(list, ['package/.pre-commit-hooks.yaml', 'package/CHANGELOG.md', 'package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/package.json']);
    const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], tmp).stdout);
    assert.equal(manifest.dependencies, undefined, 'dist/cli.js bundles every library');
    assert.equal(manifest.bin['activation-lens'], './dist/cli.js');

    const project = path.join(tmp, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'python-project-tools', private: true }));
    const install = run('npm', ['install', '--offline', '--no-save', tarball], project);
    assert.equal(install.status, 0, install.stderr);
    assert.deepEqual(readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.')), ['activation-lens']);
    bin = path.join(project, 'node_modules', '.bin', 'activation-lens');
  });

  it('the installed bin checks and fixes a Python project', () => {
    const py = path.join(tmp, 'pyproject-demo');
    mkdirSync(path.join(py, 'src'), { recursive: true });
    writeFileSync(path.join(py, 'pyproject.toml'), '[project]\nname = "demo"\ndependencies = ["keras==3.3.3"]\n\n[tool.activation-lens]\nignore = ["softmax-without-dim"]\n');
    writeFileSync(path.join(py, 'src', 'model.py'), "import torch.nn.functional as F\nfrom keras import layers\nhead = layers.Dense(10, activation='Softmax')\ny = F.softmax(x)\n");
    const version = run(bin, ['--version'], py);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    const check = run(bin, ['check', '.'], py);
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /^src\/model\.py:3:36: error invalid-activation-string: /m);
    assert.doesNotMatch(check.stdout, /softmax-without-dim/, 'pyproject.toml [tool.activation-lens] applies');
    assert.match(check.stdout, /Keras 3\.3 assumed \(pyproject\.toml/);
    const fix = run(bin, ['check', '--fix', '.'], py);
    assert.equal(fix.status, 0, fix.stdout + fix.stderr);
    assert.match(readFileSync(path.join(py, 'src', 'model.py'), 'utf8'), /activation='softmax'/);
  });
});
