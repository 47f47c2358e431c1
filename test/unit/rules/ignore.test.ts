// Ignore directives are read only on the lines that mention them: same lines as a split of the whole text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignoredLines, isIgnored } from '../../../src/core/rules/ignore';

const plain = (m: Map<number, Set<string> | 'all'>): [number, string[] | 'all'][] => [...m].map(([line, codes]) => [line, codes === 'all' ? 'all' : [...codes].sort()]);

describe('ignore directives', () => {
  it('finds each directive on its own line whatever the line ends (\\n, \\r\\n, lone \\r)', () => {
    const lines = [
      'x = 1',
      "a = f('relu')  # activation-lens: ignore[invalid-activation-string, softmax-without-dim]",
      'b = 2  # activation-lens: ignore',
      "s = '# activation-lens: ignore'",
      'c = 3  # see activation-lens docs',
      '# activation-lens: ignore[no-such-code, sigmoid-bce] # activation-lens: ignore[double-sigmoid] (already a comment: not read)',
      'd = 4 # activation-lens: ignore',
    ];
    const expected: [number, string[] | 'all'][] = [[1, ['invalid-activation-string', 'softmax-without-dim']], [2, 'all'], [5, ['sigmoid-bce']], [6, 'all']];
    for (const eol of ['\n', '\r\n', '\r']) {
      assert.deepEqual(plain(ignoredLines(lines.join(eol))), expected, JSON.stringify(eol));
      assert.deepEqual(plain(ignoredLines(lines.join(eol) + eol)), expected, JSON.stringify(eol));
    }
  });

  it('a directive silences its own line and the next one only', () => {
    const ignored = ignoredLines('a = 1\n# activation-lens: ignore[sigmoid-bce]\nb = 2\nc = 3\n');
    assert.deepEqual([0, 1, 2, 3].map((line) => isIgnored(ignored, 'sigmoid-bce', line)), [false, true, true, false]);
    assert.equal(isIgnored(ignored, 'double-sigmoid', 2), false);
  });

  it('a file without directives has none', () => assert.equal(ignoredLines('import torch\n# activation lens\n').size, 0));
});
