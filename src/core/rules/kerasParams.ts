/** `leaky-relu-alpha`: the slope's name differs between tf.keras 2 (`alpha`) and Keras 3 (`negative_slope`). */
import { callArgs } from '../python/callArgs';
import { assumedKeras, kerasLabel } from '../versions/types';
import type { RuleContext } from './context';
import { tokenAt, usagesOf } from './context';
import { isCallAt } from './model/layers';

/** Callees whose slope parameter was renamed, by the Keras 3 name of the slope. */
const RENAMED = new Set(['keras.layers.LeakyReLU', 'keras.activations.relu', 'keras.activations.leaky_relu']);

export function leakyReluAlpha(ctx: RuleContext): void {
  const major = ctx.versions.kerasMajor;
  for (const { usage, unit, index } of usagesOf(ctx, (u) => u.framework === 'keras' && u.qualified !== undefined && RENAMED.has(u.qualified))) {
    if (usage.form !== 'layer' && usage.form !== 'function') continue;
    // tf_keras imports are tf.keras 2 whatever the target says.
    const fileMajor = /(?:^|\.)tf_keras\b/.test(usage.written) ? 2 : major;
    const wrong = fileMajor === 3 ? 'alpha' : 'negative_slope';
    const right = fileMajor === 3 ? 'negative_slope' : 'alpha';
    if (fileMajor === 2 && usage.qualified === 'keras.activations.leaky_relu') continue; // not in tf.keras 2
    const nameTok = tokenAt(unit, usage.start);
    let open = nameTok;
    while (open >= 0 && open < unit.ts.count && !isCallAt(unit.ts, open)) open++;
    if (nameTok < 0 || open >= unit.ts.count) continue;
    const arg = callArgs(unit.ts, open).find((a) => a.keyword === wrong);
    if (!arg) continue;
    const kw = arg.from - 2;
    const start = unit.ts.start[kw];
    const end = unit.ts.end[kw];
    const effect = fileMajor === 3
      ? `Keras 3 renamed LeakyReLU's alpha to negative_slope; alpha still works but warns and will go`
      : `${kerasLabel(ctx.versions)} does not know negative_slope here: building the layer raises TypeError`;
    ctx.report({
      code: 'leaky-relu-alpha', unit: index, start, end, severity: fileMajor === 2 ? 'error' : undefined,
      message: `${effect}; use ${right}=. ${assumedKeras(ctx.versions)}.`,
      fixes: [{ title: `Rename ${wrong}= to ${right}=`, edits: [{ start, end, newText: right }], preferred: true }],
    });
  }
}
