/**
 * Values remembered by model structure: two sequences with the same structure give graph models whose layers differ
 * only in source ranges (src/core/model/build.ts `graphLayer`), so whatever is computed from those layers alone (a
 * signal prediction) can be shared. The structure is every input of `graphLayer` but positions, and must follow it:
 * each node's call text (all argument literals are read from it), kind, names, framework, width, activation and its
 * parameters, Keras input width and initialiser, residual source, the nn.init calls that set its weight or bias
 * (their text), and whether the order is known.
 *
 * Looked up for every model of every check (16,000 of them in one file), so without building a key of all of that:
 * the texts make the key (one flat string), the rest is compared field by field with what was stored.
 */
import type { ParsedSource } from '../scan';
import type { LayerNode, Sequence } from '../rules/model';
import { valueKey } from './valueKey';

interface Facts {
  readonly kind: string;
  readonly framework: string;
  readonly qualified: string;
  readonly written: string;
  readonly units: number | undefined;
  readonly inputWidth: number | undefined;
  readonly kernelInitializer: string | undefined;
  readonly residualFrom: number | undefined;
  /** `-` without an activation; else its name (undefined when the code does not say). */
  readonly activation: string | undefined;
  /** The activation usage's parameters: undefined without a usage, '' when none. */
  readonly params: string | undefined;
  readonly init: string | undefined;
  readonly biasInit: string | undefined;
}

interface Entry<T> {
  readonly facts: readonly Facts[];
  readonly value: T;
}

function paramsOf(node: LayerNode): string | undefined {
  const params = node.activation?.usage?.params;
  if (!params) return undefined;
  for (const _ in params) return valueKey(params);
  return '';
}

function factsOf(seq: Sequence, node: LayerNode): Facts {
  return {
    kind: node.kind, framework: node.framework, qualified: node.qualified, written: node.written, units: node.units,
    inputWidth: node.inputWidth, kernelInitializer: node.kernelInitializer, residualFrom: node.residualFrom,
    activation: node.activation ? node.activation.name : '-', params: paramsOf(node),
    init: seq.inits?.get(node)?.name, biasInit: seq.biasInits?.get(node)?.name,
  };
}

function sameFacts(f: Facts, seq: Sequence, node: LayerNode): boolean {
  return f.kind === node.kind && f.framework === node.framework && f.qualified === node.qualified && f.written === node.written
    && f.units === node.units && f.inputWidth === node.inputWidth && f.kernelInitializer === node.kernelInitializer
    && f.residualFrom === node.residualFrom && f.activation === (node.activation ? node.activation.name : '-')
    && f.params === paramsOf(node) && f.init === seq.inits?.get(node)?.name && f.biasInit === seq.biasInits?.get(node)?.name;
}

/** The texts of a sequence's layer calls and init calls, each preceded by its length (so no two lists share one). */
function textKey(parsed: ParsedSource, seq: Sequence): string {
  const units = parsed.units;
  const parts: string[] = [seq.ordered ? 'o' : 'u'];
  for (const node of seq.layers) {
    parts.push(String(node.end - node.start), units[node.unit].text.slice(node.start, node.end));
    const init = seq.inits?.get(node);
    if (init) parts.push(`w${init.end - init.start}`, units[init.unit].text.slice(init.start, init.end));
    const biasInit = seq.biasInits?.get(node);
    if (biasInit) parts.push(`b${biasInit.end - biasInit.start}`, units[biasInit.unit].text.slice(biasInit.start, biasInit.end));
  }
  return parts.join('\u0001');
}

/** A memo by structure, bounded in entries and in the characters of its keys; the oldest texts are forgotten first. */
export class StructureMemo<T> {
  private readonly byText = new Map<string, Entry<T>[]>();
  private size = 0;
  private chars = 0;

  constructor(private readonly limit: number, private readonly maxChars = 4_000_000) {}

  /** The value stored for a sequence of the same structure; `make` computes and stores it on a miss. */
  get(parsed: ParsedSource, seq: Sequence, make: () => T): T {
    const key = textKey(parsed, seq);
    const bucket = this.byText.get(key);
    if (bucket) {
      for (const entry of bucket) if (entry.facts.every((f, i) => sameFacts(f, seq, seq.layers[i]))) return entry.value;
    }
    const value = make();
    // A model written in more text than a sixteenth of the budget is not remembered (it would push out the rest).
    if (key.length > this.maxChars / 16) return value;
    while (this.size > 0 && (this.size >= this.limit || this.chars + key.length > this.maxChars)) {
      const [oldest, entries] = this.byText.entries().next().value as [string, Entry<T>[]];
      this.byText.delete(oldest);
      this.size -= entries.length;
      this.chars -= oldest.length;
    }
    const entry = { facts: seq.layers.map((n) => factsOf(seq, n)), value };
    const current = this.byText.get(key);
    if (current) current.push(entry);
    else {
      this.byText.set(key, [entry]);
      this.chars += key.length;
    }
    this.size++;
    return value;
  }
}
