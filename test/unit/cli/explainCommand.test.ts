// `activation-lens explain` through runCli.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; }, cwd: process.cwd() });
  return { code, out, err };
}

describe('activation-lens explain', () => {
  it('prints Markdown with formula, computed properties, defaults per framework, guidance and docs', async () => {
    const r = await run('explain', 'gelu');
    assert.equal(r.code, 0);
    assert.match(r.out, /^# GELU \(`gelu`\)/);
    assert.match(r.out, /## Formula\n\n\$\$x\\,\\Phi\(x\)/);
    assert.match(r.out, /- Minimum: −0\.17 at x = −0\.7518/);
    assert.match(r.out, /### PyTorch[\s\S]*`approximate='none'`/);
    assert.match(r.out, /### Keras 3\.0\+ \(function\)[\s\S]*`keras\.ops\.gelu`[\s\S]*`approximate=True`/);
    assert.match(r.out, /0\.044715/);
    assert.match(r.out, /\[PyTorch\]\(https:\/\/pytorch\.org\/docs\/stable\/generated\/torch\.nn\.GELU\.html\)/);
  });

  it('limits to one framework and shows its defaults', async () => {
    const r = await run('explain', 'LeakyReLU', '--framework', 'keras');
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.out, /### PyTorch/);
    assert.match(r.out, /`negative_slope=0\.3`/);
    assert.match(r.out, /`alpha=0\.3`/);
    assert.match(r.out, /'LeakyReLU'/);
  });

  it('describes vector activations along one logit', async () => {
    const r = await run('explain', 'softmax', '--framework', 'torch');
    assert.match(r.out, /\*\*Vector activation\.\*\*.*logit 0/);
    assert.match(r.out, /two-class softmax/);
  });

  it('exits 2 with close matches for unknown names or frameworks without it', async () => {
    const r = await run('explain', 'sigmiod');
    assert.equal(r.code, 2);
    assert.match(r.err, /did you mean sigmoid/);
    const k = await run('explain', 'softmin', '--framework', 'keras');
    assert.equal(k.code, 2);
    assert.match(k.err, /not available in keras.*torch/);
    assert.equal((await run('explain')).code, 2);
  });
});
