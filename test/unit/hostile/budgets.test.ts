// The live-check budget: documents up to the limit are checked as you type; past it, one plain sentence says why
// not and what to run instead (the editor shows it; see the hostile-workspace in-host test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIVE_CHECK_MAX_CHARS, liveCheckNotice } from '../../../src/core/budgets';

describe('live-check budget', () => {
  it('is silent within the limit and names the size, the limit and the command past it', () => {
    assert.equal(liveCheckNotice(LIVE_CHECK_MAX_CHARS), undefined);
    assert.equal(liveCheckNotice(0), undefined);
    const notice = liveCheckNotice(80_000_000);
    assert.match(notice ?? '', /this file \(80\.0 MB\) is over the 1\.0 MB live-check limit, so only hovers are shown as you type; run `activation-lens check`/);
  });
});
