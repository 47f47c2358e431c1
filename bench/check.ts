/**
 * Rules speed: `checkPython` (scan + model structure + every rule + fixes) on the 10,000-line corpus file, against
 * the scan alone, so the cost the rules add per keystroke (after the debounce) is visible.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_ANALYSIS_OPTIONS, PythonDocument } from '../src/core/analysis';
import { checkPython } from '../src/core/rules';
import { scanPython } from '../src/core/scan';
import { median, type Figure } from './report';

const root = process.env.AL_ROOT ?? path.resolve(__dirname, '../..');

function tenThousandLines(): string {
  const seeds = ['bench/corpus/keras_models.py', 'bench/corpus/torch_resnet.py', 'test/fixtures/rules/keras_bad.py', 'test/fixtures/rules/torch_good.py'].map((f) => readFileSync(path.join(root, f), 'utf8'));
  const lines: string[] = [];
  for (let copy = 0; lines.length < 10_000; copy++) {
    for (const seed of seeds) lines.push(...seed.replace(/\b(class|def) ([A-Za-z_]\w*)/g, `$1 $2_${copy}`).split('\n'));
  }
  return lines.slice(0, 10_000).join('\n');
}

/** The time of each of `runs` consecutive runs of `run`. */
function series(run: () => void, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return times;
}

/**
 * Median time of `rounds` runs of `run` after `warm` untimed runs. Check and scan are each timed warm (as an editor
 * re-checks) and in their own block, so each pays for collecting its own garbage. A check's first runs in a process
 * are several times slower while the JIT compiles the analysis: on the 10,000-line file 250 to 280 ms, then 100 to
 * 170, and 30 to 70 ms up to the tenth to twelfth run, 20 to 27 ms from there on. The bench once timed runs 6 to 14,
 * half of them in that tail, so the median swung by a quarter from one process to the next; the first check is its
 * own figure (`check.first_ms`).
 */
function timedWarm(run: () => void, rounds: number, warm: number): { median: number; warmup: number[] } {
  const warmup = series(run, warm);
  return { median: median(series(run, rounds)), warmup };
}

/** 16,000 small nn.Module classes (each with __init__, forward and an activation): check must stay linear in classes. */
function sixteenThousandModules(): string {
  const parts = ['import torch.nn as nn', 'import torch.nn.functional as F', ''];
  for (let i = 0; i < 16_000; i++) {
    parts.push(`class M${i}(nn.Module):`, '    def __init__(self):', '        super().__init__()', `        self.fc = nn.Linear(${i % 64 + 1}, 8)`, '', '    def forward(self, x):', '        return F.relu(self.fc(x))', '');
  }
  return parts.join('\n');
}

/**
 * A one-line edit in the middle of the 10,000-line file (a layer's width typed over, as a user does), then the
 * findings of the new version from the shared analysis: what the Problems view waits for after the debounce. The
 * new text is made as VS Code's extension host makes a document's text, its lines joined (`getText()`), inside the
 * timed part since the editor pays for it on each edit. (The bench once made it by concatenating slices outside:
 * a rope that the analysis then flattened and read through an indirection, about 1 ms of each edit that the
 * editor's flat text does not cost.) As the check, timed warm: the first edits after a document opens are slower
 * while the edit path compiles, so the first is its own figure and the median is of 61 edits after 20 untimed ones.
 * The first edit keeps the model reader's state where it began, and the later ones, typed at the same place, read
 * the model on from there (src/core/rules/model/resume.ts). About one edit in four meets a young collection, which
 * adds 2 to 4 ms to it; with 21 edits, the median once fell among those whenever 11 of them did.
 */
function reanalyzeEdit(text: string): { first: number; median: number } {
  const doc = new PythonDocument(text, DEFAULT_ANALYSIS_OPTIONS);
  void doc.analysis.findings;
  const at = text.indexOf('Dense(', text.length >> 1) + 'Dense('.length;
  const lines = text.split('\n');
  const row = text.slice(0, at).split('\n').length - 1;
  const col = at - (text.lastIndexOf('\n', at - 1) + 1);
  const line = lines[row];
  let edits = 0;
  const edit = (): void => {
    const digit = String(edits++ % 10);
    lines[row] = line.slice(0, col) + digit + line.slice(col + 1);
    void doc.edit(lines.join('\n'), [{ offset: at, deleted: 1, inserted: digit }]).findings;
  };
  const [first] = series(edit, 1);
  series(edit, 20);
  return { first, median: median(series(edit, 61)) };
}

const ms = (times: readonly number[]): string => times.map((t) => t.toFixed(0)).join(', ');

/** Measures check.median_ms and check_over_scan (how many scans one check costs), the first check and the edit. */
export function checkBench(): Figure[] {
  const text = tenThousandLines();
  const [first] = series(() => checkPython(text), 1);
  const findings = checkPython(text).findings.length;
  const check = timedWarm(() => checkPython(text), 15, 15);
  const scan = timedWarm(() => scanPython(text), 15, 5);
  console.log(`10,000 lines, ${findings} findings: first check in this process ${first.toFixed(0)} ms; warm-up ${ms(check.warmup)} ms`);
  console.log(`  check ${check.median.toFixed(1)} ms, scan alone ${scan.median.toFixed(1)} ms (medians of 15, the check's after 15 untimed runs, the scan's after 5)`);
  const modules = sixteenThousandModules();
  const checkModules = timedWarm(() => checkPython(modules), 5, 3);
  const scanModules = timedWarm(() => scanPython(modules), 5, 3);
  console.log(`16,000 nn.Module classes: check ${checkModules.median.toFixed(1)} ms, scan alone ${scanModules.median.toFixed(1)} ms (medians of 5, each after 3 untimed runs)`);
  const reanalyze = reanalyzeEdit(text);
  console.log(`one-line edit in 10,000 lines: findings of the new version in ${reanalyze.median.toFixed(2)} ms (median of 61 after 20 untimed edits; the first edit after opening ${reanalyze.first.toFixed(1)} ms; incremental parse, then every rule)`);
  return [
    { name: 'check.median_ms', value: check.median, unit: 'ms' },
    { name: 'check.first_ms', value: first, unit: 'ms' },
    { name: 'check.reanalyze_edit_ms', value: reanalyze.median, unit: 'ms' },
    { name: 'check.first_edit_ms', value: reanalyze.first, unit: 'ms' },
    { name: 'check.over_scan', value: check.median / scan.median, unit: 'x' },
    { name: 'check.modules_16k_over_scan', value: checkModules.median / scanModules.median, unit: 'x' },
  ];
}
