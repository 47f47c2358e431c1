// Runs in the webview. Keeps one sampling request in flight and sends only the latest values:
// a slider dragged faster than the host can sample skips the stale positions instead of queueing them.
import type { FromWebview, ParamValues } from '../shared/protocol';

/** If a reply never comes (host busy or reloaded), stop waiting after this long. */
const STALE_MS = 1500;

export class RequestQueue {
  private seq = 0;
  private inflight: number | null = null;
  private sentAt = 0;
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

  /** A reply with this sequence number arrived. */
  done(seq: number): void {
    if (seq === this.inflight) this.inflight = null;
    this.pump();
  }

  private pump(): void {
    if (this.inflight !== null && performance.now() - this.sentAt < STALE_MS) return;
    this.inflight = null;
    if (this.range) {
      const [min, max] = this.range;
      this.range = undefined;
      this.send({ type: 'setRange', seq: ++this.seq, min, max });
      return;
    }
    const next = this.params.entries().next();
    if (next.done) return;
    const [curveId, values] = next.value;
    this.params.delete(curveId);
    this.send({ type: 'setParams', seq: ++this.seq, curveId, values });
  }

  private send(m: FromWebview & { seq: number }): void {
    this.inflight = m.seq;
    this.sentAt = performance.now();
    this.post(m);
    const seq = m.seq;
    setTimeout(() => {
      if (this.inflight === seq) this.pump();
    }, STALE_MS + 10);
  }
}
