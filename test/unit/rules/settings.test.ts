// The settings the editor offers match the rules the core has, so a code can be turned off by name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RULES, RULE_CODES } from '../../../src/core/rules';

const pkg = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties;

describe('diagnostics settings in package.json', () => {
  it('one per-rule entry for every code, accepting off and every severity', () => {
    const rules = props['activationLens.diagnostics.rules'];
    assert.deepEqual(Object.keys(rules.properties).sort(), [...RULE_CODES].sort());
    for (const code of RULE_CODES) assert.deepEqual(rules.properties[code].enum, ['default', 'off', 'error', 'warning', 'information', 'hint']);
  });

  it('target versions default to auto', () => {
    assert.equal(props['activationLens.kerasVersion'].default, 'auto');
    assert.deepEqual(props['activationLens.kerasVersion'].enum, ['auto', '3', '2']);
    assert.equal(props['activationLens.torchVersion'].default, 'auto');
  });

  it('every rule has a one-line title and an https docs link', () => {
    for (const code of RULE_CODES) {
      assert.match(RULES[code].docs, /^https:\/\//);
      assert.ok(RULES[code].title.length > 10 && !RULES[code].title.includes('\n'));
    }
  });
});
