// Fuzz: the scanner and the rules on Python-looking text with hostile characters and every kind of line end.
// They never throw, every position is inside the text and agrees with the line index, and every fix they offer
// is placeable (offsets in order, inside its unit) and applies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../../src/core/python/lineIndex';
import { applyEdits, checkPython } from '../../../src/core/rules';
import { scanCells, scanPython } from '../../../src/core/scan';
import { check, counts } from './budget';
import { pythonish } from './generators';

describe('fuzz: scanner and rules', () => {
  it('the scanner never throws and places every usage inside the text', (t) => {
    check('scanner', pythonish, 2500, (text) => {
      const lines = new LineIndex(text);
      for (const u of scanPython(text).usages) {
        assert.ok(u.start >= 0 && u.start <= u.end && u.end <= text.length, `usage ${u.name} at ${u.start}-${u.end}`);
        assert.deepEqual(lines.position(u.start), { line: u.line, col: u.col });
      }
      const half = text.length >> 1;
      for (const u of scanCells([{ index: 0, text: text.slice(0, half) }, { index: 2, text: text.slice(half) }]).usages) assert.ok(u.cell === 0 || u.cell === 2);
    });
    t.diagnostic(`${counts.get('scanner')} inputs, 0 failures`);
  });

  it('the rules never throw; every fix is placeable and applies', (t) => {
    let fixes = 0;
    check('rules', pythonish, 1500, (text) => {
      const lines = new LineIndex(text);
      for (const f of checkPython(text).findings) {
        assert.ok(f.start >= 0 && f.end <= text.length);
        for (const x of f.fixes) {
          fixes++;
          let last = -1;
          for (const e of x.edits) {
            assert.ok(Number.isInteger(e.start) && e.start >= last && e.start <= e.end && e.end <= text.length, `${x.title}: ${e.start}-${e.end}`);
            assert.equal(lines.offsetAt(e.line, e.col), e.start);
            last = e.end;
          }
          assert.equal(typeof applyEdits(text, x.edits), 'string');
        }
      }
    });
    t.diagnostic(`${counts.get('rules')} inputs, ${fixes} fixes applied, 0 failures`);
  });
});
