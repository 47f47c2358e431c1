import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readNotebook, scanNotebook, scanPython } from '../../../src/core/scan';
import { expectationsOf, key, missingFrom } from './annotated';

const dir = path.join(__dirname, '../../../../test/fixtures/scan');
const files = readdirSync(dir).filter((f) => f.endsWith('.py') || f.endsWith('.ipynb'));

for (const file of files) {
  test(`finds exactly the annotated usages in ${file}`, () => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const notebook = file.endsWith('.ipynb');
    const expected = notebook
      ? readNotebook(text).cells.flatMap((c) => expectationsOf(c.text, c.index))
      : expectationsOf(text);
    const found = (notebook ? scanNotebook(text) : scanPython(text)).usages;
    const want = expected.map(key);
    const got = found.map(key);
    assert.deepEqual({ missed: missingFrom(want, got), unexpected: missingFrom(got, want) }, { missed: [], unexpected: [] });
  });
}
