/** The statements of a unit as the model reader meets them: where each starts and ends, in typed lists. */

/** Statement k spans tokens [starts[k], ends[k]) (`ends[k]` is its Newline token, or the stream's count). */
export interface Statements {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/**
 * Grown by doubling: no count walk over every token first, and typed (a list of 100,000 starts grown push by push
 * left large garbage behind).
 */
export class StatementList {
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);
  count = 0;

  add(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      starts.set(this.starts);
      this.starts = starts;
      const ends = new Int32Array(this.count * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** A list of its own with the same statements (resume.ts keeps one and reads on from copies of it). */
  copy(): StatementList {
    const list = new StatementList();
    list.starts = this.starts.slice();
    list.ends = this.ends.slice();
    list.count = this.count;
    return list;
  }

  done(): Statements {
    return { starts: this.starts.subarray(0, this.count), ends: this.ends.subarray(0, this.count) };
  }
}
