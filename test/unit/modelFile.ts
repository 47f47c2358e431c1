import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * About `lines` lines of the fixtures' Keras and PyTorch models, renamed per copy as the check bench does (`root`:
 * the repository, which each test finds from its own place once built).
 */
export function modelFile(root: string, lines: number): string {
  const seeds = ['bench/corpus/keras_models.py', 'bench/corpus/torch_resnet.py', 'test/fixtures/rules/keras_bad.py', 'test/fixtures/rules/torch_good.py'].map((f) => readFileSync(path.join(root, f), 'utf8'));
  const out: string[] = [];
  for (let copy = 0; out.length < lines; copy++) {
    for (const seed of seeds) out.push(...seed.replace(/\b(class|def) ([A-Za-z_]\w*)/g, `$1 $2_${copy}`).split('\n'));
  }
  return out.join('\n');
}
