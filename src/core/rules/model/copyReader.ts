/**
 * Copies of the statement reader's state (sequences.ts), for a document's next version to read on from where an edit
 * began (resume.ts).
 */
import type { TokenStream } from '../../python/tokenizer';
import { CallLayer } from './layers';
import { cloneSequence, Construction, OtherLayer, StatementPlacement, Tensor } from './records';
import { NO_APPENDS, type SequenceReader } from './sequences';
import type { LayerNode, ModelOutput, Placement, Sequence, Writable } from './types';

/**
 * Points layers the reader made (each once, as `copyReader` lists them) at another stream: one whose tokens up to
 * theirs are the same, or an empty one where they are only kept to be copied (resume.ts).
 */
export function pointAt(layers: readonly LayerNode[], ts: TokenStream): void {
  for (const l of layers) {
    (l as Writable<LayerNode>).ts = ts;
    if (l.placement instanceof StatementPlacement) l.placement.ts = ts;
  }
}

/** A layer that is not a call the reader knows (`itemLayer`, a residual addition) in `ts`, made as the reader made it. */
function cloneOther(l: LayerNode, ts: TokenStream, placement: Placement): LayerNode {
  const { unit, framework, qualified, written, open, start, end, residualFrom, inputWidth } = l;
  return l instanceof OtherLayer ? new OtherLayer(unit, ts, framework, qualified, written, open, start, end, placement, residualFrom, inputWidth) : { ...l, ts, placement };
}

/**
 * A copy of the reader's state whose layers read `ts`, to go on reading with in a version of the stream whose
 * tokens up to here are the same (resume.ts); `read` lists the layers copied. Reading goes on by changing sequences,
 * lists and blocks in place, so they are copied; each sequence and layer once, so what the reader shares (a layer
 * object applied in two chains, a branch's copied layers, a model named in `byName` and in `built`) stays shared in
 * the copy. Records that are never changed after they are made (arguments, activations, `at` ranges) are the same
 * objects.
 */
export function copyReader(reader: SequenceReader, ts: TokenStream, read?: LayerNode[]): SequenceReader {
  const layers = new Map<LayerNode, LayerNode>();
  const sequences = new Map<Sequence, Sequence>();
  const layer = <T extends LayerNode>(l: T): T => {
    let copy = layers.get(l);
    if (!copy) {
      const placement = l.placement instanceof StatementPlacement ? l.placement.inStream(ts) : l.placement;
      copy = l instanceof CallLayer ? l.copy(placement, l.inputWidth, ts) : cloneOther(l, ts, placement);
      layers.set(l, copy);
      read?.push(l);
    }
    return copy as T;
  };
  const sequence = (s: Sequence): Sequence => {
    let copy = sequences.get(s);
    if (!copy) {
      copy = cloneSequence(s, s.layers.map(layer));
      sequences.set(s, copy);
      // Outputs name chains (never the model itself), copied once each as everything else.
      if (copy.outputs) (copy.outputs as ModelOutput[]).forEach((o, i, all) => { if (o.seq) all[i] = { ...o, seq: sequence(o.seq) }; });
    }
    return copy;
  };
  const mapped = <K, V>(map: ReadonlyMap<K, V>, copy: (v: V) => V): Map<K, V> => {
    const out = new Map<K, V>();
    for (const [k, v] of map) out.set(k, copy(v));
    return out;
  };
  return {
    sequences: reader.sequences.map(sequence),
    byName: mapped(reader.byName, sequence),
    tensors: mapped(reader.tensors, (t) => new Tensor(sequence(t.seq), t.length)),
    built: reader.built.map((b) => new Construction(b.unit, b.start, sequence(b.seq))),
    layerVars: mapped(reader.layerVars, layer),
    inputs: new Map(reader.inputs),
    lists: mapped(reader.lists, (l) => ({ layers: l.layers.map(layer), valid: l.valid })),
    blocks: reader.blocks.map((b) => ({ ...b, appends: b.appends === NO_APPENDS ? NO_APPENDS : b.appends.map((a) => ({ list: a.list, node: layer(a.node) })) })),
    items: { list: [], count: 0 },
  };
}
