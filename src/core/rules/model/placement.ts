/** Where a layer call sits in a module's forward (`Placement` of kind `forward`), read from its tokens when asked. */
import { firstArgument } from '../../python/callArgs';
import { Tok, tokenIs, type TokenStream } from '../../python/tokenizer';
import { statementEnd } from './resolve';

/**
 * Where a layer call sits in a forward, read from its tokens when asked: every layer of a forward has one (two per
 * class of a file of thousands), the graph reads only the call's range, and only fixes and two pairing checks read
 * its statement and the text a removed activation leaves behind (`argText`). Four fields, not nine.
 */
export class ForwardPlacement {
  constructor(
    readonly ts: TokenStream, private readonly first: number, private readonly close: number,
    /** The call's `(` token, or -2 - the `.` token before a method's name (the receiver is what remains). */
    private readonly argAt: number,
  ) {}

  get kind(): 'forward' {
    return 'forward';
  }

  get callStart(): number {
    return this.ts.start[this.first];
  }

  get callEnd(): number {
    return this.ts.end[this.close];
  }

  private statementFirst(): number {
    const { ts } = this;
    let s = this.first;
    while (s > 0 && ts.kind[s - 1] !== Tok.Newline) s--;
    return s;
  }

  get statementStart(): number {
    return this.ts.start[this.statementFirst()];
  }

  get statementEnd(): number {
    return this.ts.end[statementEnd(this.ts, this.first) - 1];
  }

  get returns(): boolean {
    return tokenIs(this.ts, this.statementFirst(), 'return');
  }

  /** Its first positional argument, or the method's receiver. */
  get argText(): string | undefined {
    const { ts } = this;
    if (this.argAt < -1) return ts.text.slice(ts.start[this.first], ts.start[-2 - this.argAt]);
    const a = firstArgument(ts, this.argAt);
    return a && !a.keyword && !a.star ? ts.text.slice(ts.start[a.from], ts.end[a.to - 1]) : undefined;
  }
}
