// The fuzz harness's core on a few hundred cases, so `npm test` keeps it working; the real run is
// `npm run fuzz` (100,000 cases, about a minute, not part of the tests).
import { describe, expect, it } from '@jest/globals';
import { caseSeed, inputFor, runFuzz, selectTargets } from '../fuzz/core.js';
import { findLeak, WINDOW } from '../fuzz/secrets.js';
import { TARGETS } from '../fuzz/targets.js';

describe('fuzz harness', () => {
  it('runs 500 cases over every target without a failure', async () => {
    const report = await runFuzz({ seed: 20240601, cases: 500, timeMs: 60_000 });
    expect(report.failures.map((f) => `${f.kind} ${f.target}:${f.index} ${f.detail}`)).toEqual([]);
    expect(report.stoppedBy).toBe('cases');
    for (const target of TARGETS) {
      const figures = report.targets[target.name]!;
      expect(figures.cases).toBe(125);
      expect(figures.slowest?.hash).toMatch(/^[0-9a-f]{12}$/);
      // Both ways of ending are exercised: the input was read, or refused with the documented error.
      expect(Object.keys(figures.outcomes).length).toBeGreaterThan(1);
    }
  });

  it('replays a case from its seed and index', () => {
    const [diff] = selectTargets(['diff']);
    expect(diff!.text(inputFor(diff!, 5, 17))).toBe(diff!.text(inputFor(diff!, 5, 17)));
    expect(caseSeed(5, 'diff', 17)).not.toBe(caseSeed(5, 'diff', 18));
    expect(caseSeed(5, 'diff', 17)).not.toBe(caseSeed(5, 'config', 17));
  });

  it('reports a leak of any window, raw or escaped, and nothing shorter', () => {
    const secret = 'PlainTextWindow0123';
    expect(findLeak([{ name: 'raw', text: `x ${secret.slice(3, 3 + WINDOW)} y` }], [secret])).toMatchObject({
      output: 'raw',
      offset: 2,
      escaped: false,
    });
    const escaped = secret.slice(0, WINDOW).replace(/(.)/g, '\\$1');
    expect(findLeak([{ name: 'md', text: escaped }], [secret])).toMatchObject({
      output: 'md',
      escaped: true,
    });
    expect(findLeak([{ name: 'short', text: secret.slice(0, WINDOW - 1) }], [secret])).toBeNull();
  });
});
