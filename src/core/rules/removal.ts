/** Edits that take an activation out of a model: a Sequential entry, an `add` line, a call in `forward`, an argument. */
import { removeArgument } from '../fixes/edits';
import { lineStartBefore, pastLineBreak } from '../python/lineIndex';
import { inStream, inUnit } from '../fixes/units';
import type { ParsedSource } from '../scan';
import { lineEndAt } from './model/resolve';
import type { LayerNode } from './model/types';
import type { TextEdit } from './types';

/** Deletes whole physical lines from the one holding `start` to the one holding `end`, line break included. */
function deleteLines(text: string, start: number, end: number): TextEdit {
  const from = lineStartBefore(text, start);
  return { start: from, end: pastLineBreak(text, lineEndAt(text, end)), newText: '' };
}

/**
 * Removes an activation: the activation layer itself, or a Dense/Conv layer's activation argument.
 * Undefined when the code around it is not a shape we can edit safely.
 */
export function removeActivationEdits(parsed: ParsedSource, layer: LayerNode): TextEdit[] | undefined {
  const edits = removalIn(parsed, layer);
  return edits && inUnit(layer.unit, edits);
}

function removalIn(parsed: ParsedSource, layer: LayerNode): TextEdit[] | undefined {
  const text = parsed.units[layer.unit].text;
  if (layer.kind !== 'activation') {
    const act = layer.activation;
    if (!act?.arg || act.argIndex === undefined) return undefined;
    return removeArgument(layer.ts, layer.args, act.argIndex);
  }
  const p = layer.placement;
  switch (p.kind) {
    case 'list': {
      let i = p.itemStart - 1;
      while (i >= 0 && /\s/.test(text[i])) i--;
      if (text[i] === ',' && !text.slice(i, p.itemStart).includes('#')) return [{ start: i, end: p.itemEnd, newText: '' }];
      let j = p.itemEnd;
      while (j < text.length && /[ \t]/.test(text[j])) j++;
      if (text[j] === ',') {
        let k = j + 1;
        while (k < text.length && /\s/.test(text[k])) k++;
        return [{ start: p.itemStart, end: text.slice(j + 1, k).includes('#') ? j + 1 : k, newText: '' }];
      }
      return undefined;
    }
    case 'add':
    case 'functional':
      // A functional layer's target may differ from its input (`out = Softmax()(x)`): rebind rather than delete.
      if (p.kind === 'functional') {
        const input = /\(\s*([A-Za-z_][A-Za-z_0-9]*)\s*\)\s*$/.exec(text.slice(p.statementStart, p.statementEnd));
        if (!input) return undefined;
        if (input[1] !== p.target) return [{ start: p.statementStart, end: p.statementEnd, newText: `${p.target} = ${input[1]}` }];
      }
      return [deleteLines(text, p.statementStart, p.statementEnd)];
    case 'forward': {
      if (p.argText === undefined) return undefined;
      const statement = text.slice(p.statementStart, p.statementEnd);
      const assign = /^([A-Za-z_][A-Za-z_0-9]*)\s*=\s*/.exec(statement);
      if (assign && assign[1] === p.argText.trim() && p.statementStart + assign[0].length === p.callStart && p.callEnd === p.statementEnd) {
        return [deleteLines(text, p.statementStart, p.statementEnd)];
      }
      return [{ start: p.callStart, end: p.callEnd, newText: p.argText }];
    }
    default:
      return undefined;
  }
}

/** Edits that swap an activation layer or call for another of the same shape (`nn.Softmax` -> `nn.LogSoftmax`). */
export function renameCallee(layer: LayerNode, from: RegExp, to: string): TextEdit | undefined {
  const text = layer.ts.text;
  const calleeEnd = layer.ts.start[layer.open];
  const written = text.slice(layer.start, calleeEnd);
  if (!from.test(written)) return undefined;
  return inStream(layer.ts, { start: layer.start, end: calleeEnd, newText: written.replace(from, to) });
}
