/** Imports that only exist in one Keras major decide the version for that file, whatever the setting says. */
import type { ParsedSource } from '../scan';
import type { TargetVersions } from '../versions/types';

/** tf_keras and the Keras 2 module layout (`keras.layers.advanced_activations`, `keras.layers.core`, `keras.engine`). */
const KERAS2_IMPORT = /^[ \t]*(?:from|import)[ \t]+(tf_keras\b|keras\.(?:layers\.(?:advanced_activations|core)|engine|utils\.generic_utils|legacy)\b|tensorflow\.python\.keras\b)/m;
/**
 * The names alone, anywhere: every match of KERAS2_IMPORT holds one, and this unanchored search is five times faster
 * on a 10,000-line file than the line-anchored one, which then runs only on files that name one at all.
 */
const KERAS2_NAME = /tf_keras|keras\.(?:layers\.(?:advanced_activations|core)|engine|utils\.generic_utils|legacy)|tensorflow\.python\.keras/;

export function versionsForSource(parsed: ParsedSource, versions: TargetVersions): TargetVersions {
  if (versions.kerasMajor === 2) return versions;
  for (const unit of parsed.units) {
    const m = KERAS2_NAME.test(unit.text) ? KERAS2_IMPORT.exec(unit.text) : null;
    if (m) return { ...versions, keras: '2', kerasMajor: 2, kerasReason: `the file imports ${m[1]}, which only tf.keras 2 has` };
  }
  return versions;
}
