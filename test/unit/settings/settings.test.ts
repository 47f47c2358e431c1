// The settings readers every adapter shares: typed values, and bad values falling back instead of throwing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosticsSettingsFrom, objectGetter, signalSettingsFrom } from '../../../src/core/settings';

describe('settings readers', () => {
  it('reads the signal CodeLens switch, nested or dotted, and falls back to on for a non-boolean', () => {
    assert.equal(signalSettingsFrom(objectGetter({ signal: { codeLens: false } })).codeLens, false);
    assert.equal(signalSettingsFrom(objectGetter({ 'signal.codeLens': false })).codeLens, false);
    assert.equal(signalSettingsFrom(objectGetter({ signal: { codeLens: 'no' } })).codeLens, true);
    assert.equal(signalSettingsFrom(objectGetter({})).codeLens, true);
  });

  it('clamps thresholds and the delay, and drops unknown rules and levels', () => {
    const d = diagnosticsSettingsFrom(objectGetter({
      diagnostics: { delay: 99_999, rules: { 'sigmoid-bce': 'off', 'no-such-rule': 'error', 'double-sigmoid': 'loud' } },
      signal: { vanishingThreshold: 5, explodingThreshold: 0.5 },
    }));
    assert.equal(d.delay, 5000);
    assert.deepEqual(d.rules, { 'sigmoid-bce': 'off' });
    assert.deepEqual(d.signalThresholds, { vanishing: 1, exploding: 1 });
  });
});
