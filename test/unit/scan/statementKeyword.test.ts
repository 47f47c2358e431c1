// The statement keyword reader the flow and the model readers share (python/statements.ts), against the plain
// definition: every keyword it knows, the names that share a first letter and length with one, and other tokens.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statementKeyword } from '../../../src/core/python/statements';
import { tokenText, tokenize } from '../../../src/core/python/tokenizer';

const KEYWORDS = ['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'match', 'case', 'def', 'class', 'async', 'global', 'nonlocal'];

describe('statementKeyword', () => {
  it('tells every statement keyword, and nothing else, by its whole token', () => {
    const others = ['i', 'id', 'iff', 'el', 'elf', 'exceptions', 'excep', 'fo', 'fort', 'final', 'finale', 'whiles', 'wit', 'tr', 'mat', 'cas', 'clas', 'de', 'asyn', 'glob', 'nonlocals', 'return', 'x', 'lambda', 'import', 'self', 'Else', 'IF'];
    const source = [...KEYWORDS, ...others].map((w) => `${w}\n`).join('') + `'if'\n"for"\n1.5\n(x)\n`;
    const ts = tokenize(source);
    const seen: string[] = [];
    for (let t = 0; t < ts.count; t++) {
      if (ts.indent[t] < 0) continue;
      const text = tokenText(ts, t);
      seen.push(text);
      assert.equal(statementKeyword(ts, t), KEYWORDS.includes(text) ? text : '', `token ${JSON.stringify(text)}`);
    }
    assert.equal(seen.length, KEYWORDS.length + others.length + 4, 'every line was read');
  });
});
