/**
 * `selu-init` for PyTorch modules: SELU after Linear/Conv layers left at PyTorch's default initialisation
 * (`kaiming_uniform_(a=sqrt(5))`, variance 1/(3 fan_in), a third of LeCun's 1/fan_in), so the self-normalising fixed
 * point is missed. The fix is one insertion at the end of `__init__`: a loop over `self.modules()` that draws each
 * such layer's weights with `kaiming_normal_(nonlinearity='linear')`, which is LeCun normal. The signal prediction
 * follows that loop, so the model reads as initialised for SELU once the fix is applied.
 */
import { inStream } from '../fixes/units';
import { tokenIs, tokenText } from '../python/tokenizer';
import type { RuleContext } from './context';
import type { Sequence } from './model';
import { blockStatements, lineIndentAt, statementEnd } from './model/resolve';

/**
 * A PyTorch module applying SELU. Every model of the file is asked: indexed loops, no closure (a callback, or a
 * `for...of` before the loop is optimised, allocates per model and per layer).
 */
function seluModule(seq: Sequence): boolean {
  if (seq.framework !== 'torch' || seq.source !== 'module' || !seq.ordered) return false;
  for (let i = 0; i < seq.layers.length; i++) if (seq.layers[i].kind === 'activation' && seq.layers[i].activation?.name === 'selu') return true;
  return false;
}

export function seluTorchInit(ctx: RuleContext): void {
  const sequences = ctx.model.sequences;
  for (let s = 0; s < sequences.length; s++) {
    const seq = sequences[s];
    if (!seluModule(seq) || !seq.module || seq.module.classTok < 0) continue;
    const weights = seq.layers.filter((l) => l.kind === 'dense' || l.kind === 'conv');
    // Any initialiser the code sets (or one it sets that we could not attribute): trust the author.
    if (!weights.length || weights.some((l) => seq.inits?.has(l))) continue;
    const unit = ctx.parsed.units[seq.module.unit];
    if (!unit) continue;
    const ts = unit.ts;
    const init = blockStatements(ts, seq.module.classTok).find((s) => tokenIs(ts, s, 'def') && tokenIs(ts, s + 1, '__init__'));
    if (init === undefined) continue;
    const body = blockStatements(ts, init);
    if (!body.length) continue;
    const last = statementEnd(ts, body[body.length - 1]) - 1;
    const classes = [...new Set(weights.map((l) => l.written))];
    const prefix = classes[0].includes('.') ? classes[0].slice(0, classes[0].lastIndexOf('.')) : undefined;
    const selu = seq.layers.find((l) => l.kind === 'activation' && l.activation?.name === 'selu')!;
    const at = ts.end[last];
    const indent = lineIndentAt(unit.text, ts.start[body[0]]);
    const step = indent.includes('\t') ? '\t' : '    ';
    const guard = classes.length === 1 ? classes[0] : `(${classes.join(', ')})`;
    const fixes = prefix && classes.every((c) => c.includes('.')) && at !== undefined
      ? [{
        title: "Initialise the weights for SELU (LeCun normal: kaiming_normal_(nonlinearity='linear'))",
        preferred: true,
        edits: [inStream(ts, {
          start: at, end: at,
          newText: `\n${indent}for m in self.modules():\n${indent}${step}if isinstance(m, ${guard}):\n${indent}${step}${step}${prefix}.init.kaiming_normal_(m.weight, nonlinearity='linear')`,
        })],
      }]
      : [];
    ctx.report({
      code: 'selu-init', unit: selu.unit, start: selu.start, end: selu.end,
      message: `SELU self-normalises only with LeCun normal weights (variance 1/fan_in); ${tokenText(ts, seq.module.classTok + 1)} leaves its ${classes.join(', ')} layers at PyTorch's default, a third of that variance.`,
      fixes,
    });
  }
}
