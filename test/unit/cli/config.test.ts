// The configuration parser: every key, errors naming file, line and key, unknown keys warned about, discovery
// walking up to the closest file, and rule selection as ruff does it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigFinder, formatProblem, parseConfig, ruleLevels } from '../../../src/core/config';
import { RULE_CODES } from '../../../src/core/rules';

const FULL = `[project]
name = "demo"

[tool.activation-lens]
select = ["invalid-activation-string", "softmax-without-dim", "saturating-stack"]
ignore = ["saturating-stack"]
extend-select = ["selu-init"]
keras-version = "2"
torch-version = "2.3"
exclude = ["generated/**", "*_pb2.py"]
extend-exclude = ["legacy"]
respect-gitignore = false

[tool.activation-lens.severity]
softmax-without-dim = "error"
selu-init = "off"
`;

describe('configuration parser', () => {
  it('reads every key of [tool.activation-lens] in pyproject.toml', () => {
    const r = parseConfig(FULL, '/p/pyproject.toml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.config, {
      file: '/p/pyproject.toml', dir: '/p',
      select: ['invalid-activation-string', 'softmax-without-dim', 'saturating-stack'], ignore: ['saturating-stack'], extendSelect: ['selu-init'],
      exclude: ['generated/**', '*_pb2.py'], extendExclude: ['legacy'], kerasVersion: '2', torchVersion: '2.3', respectGitignore: false,
      severity: { 'softmax-without-dim': 'error', 'selu-init': 'off' },
    });
  });

  it('reads activation-lens.toml at the top level, with ALL and inline severity tables', () => {
    const r = parseConfig('select = ["ALL"]\nseverity = { saturating-stack = "warning", double-activation = "default" }\nkeras-version = 3\n', '/p/activation-lens.toml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.config?.select, [...RULE_CODES]);
    assert.deepEqual(r.config?.severity, { 'saturating-stack': 'warning' });
    assert.equal(r.config?.kerasVersion, '3');
  });

  it('a pyproject.toml without the table is no configuration', () => {
    assert.deepEqual(parseConfig('[tool.ruff]\nline-length = 100\n', '/p/pyproject.toml'), { problems: [] });
  });

  it('TOML syntax errors name the file and line, never throw', () => {
    const r = parseConfig('[tool.activation-lens]\nselect = ["relu",\nignore = 3\n', '/p/pyproject.toml');
    assert.equal(r.config, undefined);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'error');
    assert.match(formatProblem(r.problems[0]), /^\/p\/pyproject\.toml:\d+: error: not valid TOML: /);
  });

  it('wrong types and unknown codes are errors on the key\'s line, with suggestions', () => {
    const text = '# comment\n[tool.activation-lens]\nselect = ["sofmax-without-dim"]\nkeras-version = "4"\nrespect-gitignore = "yes"\nexclude = "build"\n\n[tool.activation-lens.severity]\nsaturating-stack = "loud"\n';
    const r = parseConfig(text, 'pyproject.toml');
    assert.equal(r.config, undefined);
    const lines = r.problems.map(formatProblem);
    assert.deepEqual(lines, [
      "pyproject.toml:3: error: 'select' names an unknown rule 'sofmax-without-dim' (did you mean 'softmax-without-dim'?)",
      'pyproject.toml:6: error: \'exclude\' must be a list of glob patterns, e.g. exclude = ["generated/**"]',
      'pyproject.toml:4: error: \'keras-version\' must be "auto", "2", "3" or a version such as "3.7", not "4"',
      "pyproject.toml:5: error: 'respect-gitignore' must be true or false",
      'pyproject.toml:9: error: severity of \'saturating-stack\' must be one of error, warning, information, hint, off, default, not "loud"',
    ]);
    assert.deepEqual(r.problems.map((p) => p.key), ['select', 'exclude', 'keras-version', 'respect-gitignore', 'severity.saturating-stack']);
  });

  it('unknown keys are warnings: the rest of the file still applies', () => {
    const r = parseConfig('ignore = ["selu-init"]\nselct = ["ALL"]\n', '.activation-lens.toml');
    assert.deepEqual(r.config?.ignore, ['selu-init']);
    assert.deepEqual(r.problems.map(formatProblem), [".activation-lens.toml:2: warning: unknown key 'selct' in the file (did you mean 'select'?); ignored"]);
  });

  it('a huge file is refused with a message, not parsed', () => {
    const r = parseConfig(`# ${'x'.repeat(1024 * 1024 + 10)}`, 'activation-lens.toml');
    assert.match(r.problems[0].message, /larger than/);
  });
});

describe('rule selection', () => {
  const config = parseConfig('select = ["softmax-without-dim", "selu-init"]\nextend-select = ["double-activation"]\nignore = ["selu-init"]\n[severity]\nsoftmax-without-dim = "error"\n', '/p/activation-lens.toml').config;

  it('select plus extend-select minus ignore; the rest off; severities kept', () => {
    const levels = ruleLevels(config);
    assert.equal(levels['softmax-without-dim'], 'error');
    assert.equal(levels['double-activation'], undefined);
    assert.equal(levels['selu-init'], 'off');
    assert.equal(levels['invalid-activation-string'], 'off');
  });

  it('--select replaces the file\'s selection; --ignore and --extend-select add to it', () => {
    const levels = ruleLevels(config, { select: ['invalid-activation-string'], extendSelect: ['selu-init'] });
    assert.deepEqual(RULE_CODES.filter((c) => levels[c] !== 'off'), ['invalid-activation-string', 'selu-init']);
    const ignored = ruleLevels(config, { ignore: ['softmax-without-dim'] });
    assert.equal(ignored['softmax-without-dim'], 'off');
    assert.equal(ignored['double-activation'], undefined);
  });

  it('editor settings are the base and the file wins over them', () => {
    const levels = ruleLevels(config, {}, { 'softmax-without-dim': 'hint', 'double-activation': 'warning' });
    assert.equal(levels['softmax-without-dim'], 'error');
    assert.equal(levels['double-activation'], 'warning');
    assert.equal(ruleLevels(undefined, {}, { 'selu-init': 'off' })['selu-init'], 'off');
  });
});

describe('configuration discovery', () => {
  const files = new Map<string, string>([
    ['/repo/pyproject.toml', '[tool.activation-lens]\nignore = ["selu-init"]\n'],
    ['/repo/a/pyproject.toml', '[project]\nname = "a"\n'],
    ['/repo/b/activation-lens.toml', 'select = ["softmax-without-dim"]\n'],
    ['/repo/b/.activation-lens.toml', 'select = ["double-activation"]\n'],
  ]);
  const reads: string[] = [];
  const finder = new ConfigFinder({
    read: (dir, name) => { reads.push(`${dir}/${name}`); return files.get(`${dir}/${name}`); },
    parent: (dir) => (dir === '/' ? undefined : dir.slice(0, dir.lastIndexOf('/')) || '/'),
    join: (dir, name) => `${dir}/${name}`,
  });

  it('walks up past a pyproject.toml without the table to the closest configuration', () => {
    assert.equal(finder.forDir('/repo/a/deep')?.config?.file, '/repo/pyproject.toml');
  });

  it('the closest file wins, .activation-lens.toml before activation-lens.toml', () => {
    assert.deepEqual(finder.forDir('/repo/b/x')?.config?.select, ['double-activation']);
  });

  it('reads each candidate file once however many folders ask', () => {
    const before = reads.length;
    finder.forDir('/repo/a/deep');
    finder.forDir('/repo/a');
    assert.equal(reads.length - before, 0);
    assert.equal(finder.forDir('/elsewhere'), undefined);
  });
});
