// Every rule on annotated fixtures: `# expect: code` marks each finding's line; the `good` files must stay silent.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, checkPython, RULE_CODES, type Finding } from '../../../src/core/rules';
import { resolveVersions } from '../../../src/core/versions';
import { cpythonParse } from './pyparse';

const DIR = path.join(process.cwd(), 'test/fixtures/rules');
const files = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

/** `tf_keras2_*` fixtures target tf.keras 2; the rest Keras 3. */
function optionsFor(file: string): Parameters<typeof checkPython>[1] {
  return { versions: resolveVersions([], { keras: file.startsWith('tf_keras2') ? '2' : '3' }) };
}

function expected(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /# expect: ([a-z, -]+)$/.exec(line);
    if (m) for (const code of m[1].split(',')) out.push(`${i + 1}:${code.trim()}`);
  });
  return out.sort();
}

function found(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.line + 1}:${f.code}`).sort();
}

describe('rules on annotated fixtures', () => {
  for (const file of files) {
    it(`${file}: exactly the expected findings`, () => {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      const result = checkPython(text, optionsFor(file));
      assert.deepEqual(found(result.findings), expected(text));
      if (file.includes('good')) assert.equal(result.findings.length, 0);
    });
  }

  it('every rule code has at least one positive fixture', () => {
    const all = new Set(files.flatMap((f) => expected(readFileSync(path.join(DIR, f), 'utf8')).map((e) => e.split(':')[1])));
    assert.deepEqual(RULE_CODES.filter((c) => !all.has(c)), []);
  });

  it('each finding with fixes has exactly one preferred fix, and every edit set is sorted and non-overlapping', () => {
    for (const file of files) {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      for (const f of checkPython(text, optionsFor(file)).findings) {
        if (!f.fixes.length) continue;
        assert.equal(f.fixes.filter((x) => x.preferred).length, 1, `${file}:${f.line + 1} ${f.code}`);
        for (const fix of f.fixes) {
          for (let i = 1; i < fix.edits.length; i++) assert.ok(fix.edits[i].start >= fix.edits[i - 1].end, `${file}:${f.line + 1} ${fix.title}: overlapping edits`);
        }
      }
    }
  });

  it('every fix leaves code CPython parses, and the preferred fix removes its finding', () => {
    const sources: string[] = [];
    const labels: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      const options = optionsFor(file);
      for (const f of checkPython(text, options).findings) {
        for (const fix of f.fixes) {
          const fixed = applyEdits(text, fix.edits);
          assert.notEqual(fixed, text, `${file}:${f.line + 1} ${fix.title} changes nothing`);
          sources.push(fixed);
          labels.push(`${file}:${f.line + 1} ${f.code}: ${fix.title}`);
          if (!fix.preferred) continue;
          const after = checkPython(fixed, options).findings;
          const sameSpot = after.filter((g) => g.code === f.code && g.start === f.start);
          assert.deepEqual(sameSpot.map((g) => g.message), [], `${file}:${f.line + 1} ${fix.title} left its finding`);
        }
      }
    }
    assert.ok(sources.length > 40, `only ${sources.length} fixes`);
    const parsed = cpythonParse(sources);
    if (!parsed) return; // no python3 on this machine: the structural checks above still ran
    const broken = parsed.map((e, i) => (e ? `${labels[i]} -> ${e}` : '')).filter(Boolean);
    assert.deepEqual(broken, []);
  });

  it('the fixtures themselves are valid Python', () => {
    const parsed = cpythonParse(files.map((f) => readFileSync(path.join(DIR, f), 'utf8')));
    if (parsed) assert.deepEqual(parsed, files.map(() => null));
  });
});

describe('the editor fixtures the in-host tests rely on', () => {
  const ws = (f: string): string => readFileSync(path.join(process.cwd(), 'test/fixtures/workspace', f), 'utf8');
  it('are unchanged: the clean file is silent, the others hold their mistakes', () => {
    assert.deepEqual(found(checkPython(ws('diagnostics_clean.py')).findings), []);
    assert.deepEqual(found(checkPython(ws('diagnostics_torch.py')).findings), ['8:softmax-before-cross-entropy']);
    assert.deepEqual(found(checkPython(ws('diagnostics_keras.py')).findings), ['7:invalid-activation-string', '9:output-loss-mismatch']);
  });
});
