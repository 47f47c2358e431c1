// `activation-lens eval` through runCli.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; }, cwd: process.cwd() });
  return { code, out, err };
}

describe('activation-lens eval', () => {
  it('prints JSON with resolved parameters, f and f\' in full precision', async () => {
    const r = await run('eval', 'leaky_relu', '--framework', 'torch', '--x=-3,-1,0,1,3', '--format', 'json');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), {
      name: 'leaky_relu', framework: 'torch', params: { negative_slope: 0.01, inplace: false },
      x: [-3, -1, 0, 1, 3], y: [-0.03, -0.01, 0, 1, 3], dy: [0.01, 0.01, 0.01, 1, 1],
    });
  });

  it('uses the Keras version and spelling: tf.keras \'LeakyReLU\' is slope 0.3, Keras 3 leaky_relu 0.2', async () => {
    const k2 = JSON.parse((await run('eval', 'LeakyReLU', '--framework', 'keras', '--keras', '2', '--x=-1', '--format=json')).out);
    assert.deepEqual([k2.params, k2.y], [{ alpha: 0.3 }, [-0.3]]);
    const k3 = JSON.parse((await run('eval', 'leaky_relu', '--framework', 'keras', '--keras', '3', '--x=-1', '--format=json')).out);
    assert.deepEqual([k3.params, k3.y], [{ negative_slope: 0.2 }, [-0.2]]);
  });

  it('hard_sigmoid(1) is 0.7 in Keras 2 and 2/3 in Keras 3', async () => {
    assert.deepEqual(JSON.parse((await run('eval', 'hard_sigmoid', '--framework', 'keras', '--keras', '2', '--x=1', '--format', 'json')).out).y, [0.7]);
    assert.deepEqual(JSON.parse((await run('eval', 'hard_sigmoid', '--framework', 'keras', '--keras', '3', '--x=1', '--format', 'json')).out).y, [2 / 3]);
  });

  it('takes --param KEY=VALUE with Python literals and writes NaN/infinities as null', async () => {
    const r = JSON.parse((await run('eval', 'gelu', '--framework', 'torch', '--param', 'approximate=tanh', '--x=-0.75,nan,inf', '--format', 'json')).out);
    assert.equal(r.params.approximate, 'tanh');
    assert.ok(Math.abs(r.y[0] - -0.17004) < 1e-5);
    assert.deepEqual([r.y[1], r.dy[1]], [null, null]);
    const relu = JSON.parse((await run('eval', 'relu', '--framework', 'keras', '--param', 'max_value=None', '--param=negative_slope=0.5', '--x=-2,100', '--format', 'json')).out);
    assert.deepEqual([relu.params, relu.y], [{ negative_slope: 0.5, max_value: null, threshold: 0 }, [-1, 100]]);
  });

  it('prints a text table by default', async () => {
    const r = await run('eval', 'sigmoid', '--framework', 'tf', '--x', '0,1');
    assert.equal(r.code, 0);
    assert.match(r.out, /^sigmoid \(tf\)/);
    assert.match(r.out, /\n0\t0\.5\t0\.25\n1\t0\.7310585786300049\t0\.19661193324148185/);
  });

  it('accepts a range a:b:n', async () => {
    assert.deepEqual(JSON.parse((await run('eval', 'relu', '--framework', 'torch', '--x=-1:1:5', '--format', 'json')).out).x, [-1, -0.5, 0, 0.5, 1]);
  });

  it('exits 2 with close matches for an unknown name', async () => {
    const r = await run('eval', 'leaky_rellu', '--framework', 'torch', '--x=1');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown activation 'leaky_rellu'; did you mean leaky_relu/);
    assert.equal(r.out, '');
  });

  it('exits 2 for bad parameters, naming the known ones', async () => {
    const r = await run('eval', 'leaky_relu', '--framework', 'tf', '--param', 'negative_slope=0.1', '--x=1');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown parameter 'negative_slope'.*known: alpha/);
    assert.equal((await run('eval', 'elu', '--framework', 'torch', '--param', 'alpha=abc', '--x=1')).code, 2);
    assert.equal((await run('eval', 'threshold', '--framework', 'torch', '--x=1')).code, 2);
  });

  it('exits 2 for usage mistakes', async () => {
    assert.equal((await run('eval', 'relu', '--x=1')).code, 2, 'missing --framework');
    assert.equal((await run('eval', 'relu', '--framework', 'jax', '--x=1')).code, 2);
    assert.equal((await run('eval', 'relu', '--framework', 'torch')).code, 2, 'missing --x');
    assert.equal((await run('eval', 'relu', '--framework', 'torch', '--x=a,b')).code, 2);
    assert.equal((await run('eval', 'softmin', '--framework', 'keras', '--x=1')).code, 2, 'not in Keras');
    assert.equal((await run('eval', 'relu', '--framework', 'torch', '--x=1', '--format', 'xml')).code, 2);
  });
});
