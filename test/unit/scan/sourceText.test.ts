/**
 * The same code written with a byte-order mark, CRLF or lone-CR line ends, tab indentation, form feeds or non-ASCII
 * identifiers gives the same usages (line, name, form, framework, parameters) as the clean file.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { scanPython, type Usage } from '../../../src/core/scan';

const dir = path.join(__dirname, '../../../../test/fixtures/scan');
const files = readdirSync(dir).filter((f) => f.endsWith('.py'));

const summary = (usages: readonly Usage[]): string[] =>
  usages.map((u) => `${u.line}:${u.name}:${u.form}:${u.framework}:${u.valid}:${JSON.stringify(u.params)}`);

const variants: Record<string, (text: string) => string> = {
  'byte-order mark': (t) => `\uFEFF${t}`,
  'CRLF line ends': (t) => t.replace(/\n/g, '\r\n'),
  'lone CR line ends': (t) => t.replace(/\n/g, '\r'),
  'tab indentation': (t) => t.replace(/^((?: {4})+)/gm, (m) => '\t'.repeat(m.length / 4)),
  'form feeds before top-level lines': (t) => t.replace(/^(?=def |class )/gm, '\f'),
  'BOM, CRLF and tabs together': (t) => `\uFEFF${t.replace(/^((?: {4})+)/gm, (m) => '\t'.repeat(m.length / 4)).replace(/\n/g, '\r\n')}`,
};

for (const [name, transform] of Object.entries(variants)) {
  test(`${name}: every fixture gives the usages of the clean file`, () => {
    let compared = 0;
    for (const file of files) {
      const clean = readFileSync(path.join(dir, file), 'utf8');
      const expected = summary(scanPython(clean).usages);
      assert.deepEqual(summary(scanPython(transform(clean)).usages), expected, file);
      compared += expected.length;
    }
    assert.ok(compared > 100, `compared ${compared} usages`);
  });
}

test('a byte-order mark before an import on line 1 keeps the import and every usage', () => {
  const found = scanPython('\uFEFFimport torch.nn as nn\nact = nn.ReLU()\n').usages;
  assert.deepEqual(found.map((u) => [u.name, u.line, u.col]), [['relu', 1, 6]]);
});

test('non-ASCII identifiers: aliases, variables and local functions', () => {
  const clean = 'import torch.nn as nn\nimport torch.nn.functional as F\ndef act(x):\n    return x\nlayer = nn.GELU()\ny = F.relu(x)\nm = nn.TransformerEncoderLayer(8, 2, activation=act)\n';
  const accented = clean
    .replace('as nn', 'as réseau').replace('nn.GELU', 'réseau.GELU').replace('nn.Transformer', 'réseau.Transformer')
    .replace('as F', 'as Φ').replace('F.relu', 'Φ.relu').replace(/\bact\b/g, 'активация').replace('layer =', '層 =');
  const strip = (u: Usage): string => `${u.line}:${u.name === 'активация' ? 'act' : u.name}:${u.form}:${u.framework}`;
  const expected = scanPython(clean).usages.map(strip);
  assert.equal(expected.length, 3);
  assert.deepEqual(scanPython(accented).usages.map(strip), expected);
});
