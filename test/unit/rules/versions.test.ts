// Target versions from dependency files handed in as text, and the setting that overrides them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRequirements, resolveVersions } from '../../../src/core/versions';

const keras = (name: string, text: string): string => {
  const v = resolveVersions([{ name, text }]);
  return `${v.keras}|${v.kerasMajor}`;
};

describe('target versions', () => {
  it('requirements.txt: keras pins, TensorFlow before/after 2.16, tf-keras, comments and extras', () => {
    assert.equal(keras('requirements.txt', 'numpy\nkeras==3.3.3  # pinned\n'), '3.3|3');
    assert.equal(keras('requirements.txt', 'tensorflow==2.15.1\n'), '2|2');
    assert.equal(keras('requirements.txt', 'tensorflow[and-cuda]>=2.16\n'), '3|3');
    assert.equal(keras('requirements.txt', 'tensorflow<2.16\n'), '2|2');
    assert.equal(keras('requirements.txt', 'tensorflow==2.17\ntf-keras\n'), '2|2');
    assert.equal(keras('requirements-dev.txt', 'keras<3\n'), '2|2');
    assert.equal(keras('requirements.txt', '-r base.txt\n# keras==2.0\n'), '3|3');
  });

  it('pyproject (PEP 621 and Poetry), Pipfile and environment.yml', () => {
    assert.equal(keras('pyproject.toml', '[project]\ndependencies = [\n  "keras>=3.7",\n  "torch==2.3.1",\n]\n'), '3.7|3');
    assert.equal(keras('pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.10"\ntensorflow = "~2.13"\n'), '2|2');
    assert.equal(keras('Pipfile', '[packages]\nkeras = "==2.15.0"\n'), '2.15|2');
    assert.equal(keras('environment.yml', 'dependencies:\n  - python=3.10\n  - conda-forge::tensorflow=2.12\n  - pip:\n    - torch>=2.1\n'), '2|2');
    const v = resolveVersions([{ name: 'environment.yml', text: 'dependencies:\n  - pip:\n    - torch>=2.1\n' }]);
    assert.equal(v.torch, '2.1');
    assert.match(v.torchReason ?? '', /environment\.yml lists torch>=2\.1/);
  });

  it('the setting wins over files; auto and garbage fall back to Keras 3', () => {
    const files = [{ name: 'requirements.txt', text: 'keras==3.1\n' }];
    assert.deepEqual([resolveVersions(files, { keras: '2' }).kerasMajor, resolveVersions(files, { keras: '2' }).kerasReason], [2, 'activationLens.kerasVersion']);
    assert.equal(resolveVersions(files, { keras: 'auto' }).keras, '3.1');
    assert.equal(resolveVersions([{ name: 'requirements.txt', text: '\0\0\0' }]).keras, '3');
    assert.equal(resolveVersions([{ name: 'notes.md', text: 'keras==2.4' }]).keras, '3');
    assert.match(resolveVersions([]).kerasReason, /default/);
  });

  it('reads only the packages that matter', () => {
    assert.deepEqual(readRequirements('requirements.txt', 'Keras_Preprocessing==1.1\nTensorFlow-CPU==2.9.0\nscipy\n').map((r) => [r.name, r.spec]), [['tensorflow', '==2.9.0']]);
  });
});
