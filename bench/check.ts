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

/**
 * Median time of `run` after `warm` untimed runs. Check and scan are each timed warm (as an editor re-checks) and in
 * their own block, so each pays for collecting its own garbage. A check's first runs in a process are several
 * times slower while the JIT compiles the rules (263, 215, 93, 105, 76, then 30 to 40 ms on this file); timing
 * the check from its second run, as this bench once did, compared a warming check with a scan the checks had warmed.
 */
function timedWarm(run: () => void, rounds: number, warm: number): number {
  for (let i = 0; i < warm; i++) run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return median(times);
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
 * findings of the new version from the shared analysis: what the Problems view waits for after the debounce.
 */
function reanalyzeEdit(text: string): number {
  const doc = new PythonDocument(text, DEFAULT_ANALYSIS_OPTIONS);
  void doc.analysis.findings;
  const at = text.indexOf('Dense(', text.length >> 1) + 'Dense('.length;
  let current = text;
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const digit = String(i % 10);
    const next = current.slice(0, at) + digit + current.slice(at + 1);
    const t = performance.now();
    void doc.edit(next, [{ offset: at, deleted: 1, inserted: digit }]).findings;
    times.push(performance.now() - t);
    current = next;
  }
  return median(times);
}

/** Measures check.median_ms and check_over_scan (how many scans one check costs). */
export function checkBench(): Figure[] {
  const text = tenThousandLines();
  const findings = checkPython(text).findings.length;
  const check = timedWarm(() => checkPython(text), 9, 5);
  const scan = timedWarm(() => scanPython(text), 9, 5);
  console.log(`10,000 lines, ${findings} findings: check ${check.toFixed(1)} ms, scan alone ${scan.toFixed(1)} ms (medians of 9, each after 5 untimed runs)`);
  const modules = sixteenThousandModules();
  const checkModules = timedWarm(() => checkPython(modules), 5, 3);
  const scanModules = timedWarm(() => scanPython(modules), 5, 3);
  console.log(`16,000 nn.Module classes: check ${checkModules.toFixed(1)} ms, scan alone ${scanModules.toFixed(1)} ms (medians of 5, each after 3 untimed runs)`);
  const reanalyze = reanalyzeEdit(text);
  console.log(`one-line edit in 10,000 lines: findings of the new version in ${reanalyze.toFixed(2)} ms (median of 21; incremental parse, then every rule)`);
  return [
    { name: 'check.median_ms', value: check, unit: 'ms' },
    { name: 'check.reanalyze_edit_ms', value: reanalyze, unit: 'ms' },
    { name: 'check.over_scan', value: check / scan, unit: 'x' },
    { name: 'check.modules_16k_over_scan', value: checkModules / scanModules, unit: 'x' },
  ];
}
