// Runs in the webview. Keeps a few sampling requests in flight and sends only the latest values:
// a slider dragged faster than the host can sample skips stale positions instead of queueing them,
// while the pipeline hides the round trip's latency.
import type { FromWebview, ParamValues } from '../shared/protocol';

/** Requests allowed in flight at once; replies come back in order. */
const MAX_IN_FLIGHT = 3;
/** If a reply never comes (host busy or reloaded), stop waiting for it after this long. */
const STALE_MS = 1500;

export class RequestQueue {
  private seq = 0;
  /** Sequence number -> time sent. */
  private readonly inflight = new Map<number, number>();
  private readonly params = new Map<string, ParamValues>();
  private range: [number, number] | undefined;

  constructor(private readonly post: (m: FromWebview) => void) {}

  setParams(curveId: string, values: ParamValues): void {
    this.params.set(curveId, values);
    this.pump();
  }

  setRange(min: number, max: number): void {
    this.range = [min, max];
    this.pump();
  }

  /** A reply with this sequence number arrived; earlier ones are settled too (the host answers in order). */
  done(seq: number): void {
    for (const s of [...this.inflight.keys()]) if (s <= seq) this.inflight.delete(s);
    this.pump();
  }

  private pump(): void {
    const now = performance.now();
    for (const [s, at] of this.inflight) if (now - at > STALE_MS) this.inflight.delete(s);
    while (this.inflight.size < MAX_IN_FLIGHT) {
      if (this.range) {
        const [min, max] = this.range;
        this.range = undefined;
        this.send({ type: 'setRange', seq: ++this.seq, min, max });
        continue;
      }
      const next = this.params.entries().next();
      if (next.done) return;
      const [curveId, values] = next.value;
      this.params.delete(curveId);
      this.send({ type: 'setParams', seq: ++this.seq, curveId, values });
    }
  }

  private send(m: FromWebview & { seq: number }): void {
    this.inflight.set(m.seq, performance.now());
    this.post(m);
    const seq = m.seq;
    setTimeout(() => {
      if (this.inflight.has(seq)) this.pump();
    }, STALE_MS + 10);
  }
}
