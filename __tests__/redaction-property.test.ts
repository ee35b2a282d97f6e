// Redaction as a property: for every built-in rule, keys generated from the rule's own
// true-positive templates (fast-check picks the seeds, the file and the company they keep) are
// scanned and the findings rendered through every output in every locale (fuzz/render-all.ts).
// No output may hold 8 or more consecutive characters of a key's random part: the characters the
// template's generators produced, located by expanding the template alongside (fuzz/secrets.ts).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { secretOf, Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import type { Source } from '../src/scan/types.js';
import { renderAll } from '../fuzz/render-all.js';
import { expandTracked, findLeak, PLANTS, sensitiveIn, WINDOW, type Tracked } from '../fuzz/secrets.js';

const scanner = new Scanner(builtinRules);

// Paths in every language the suggested fix knows, and some it does not: the inline comment's
// ```suggestion block is the one output that copies the rest of the line.
const PATHS = [
  'src/app.py',
  'src/config.ts',
  'web/index.js',
  'cmd/main.go',
  'src/main/java/App.java',
  'app/build.gradle.kts',
  'Program.cs',
  'config/settings.rb',
  'public/index.php',
  'src/lib.rs',
  'deploy.sh',
  'infra/main.tf',
  '.github/workflows/ci.yml',
  'docker-compose.yml',
  '.env',
  'README.md',
  'config.json',
];

const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? 1) || 1;
const RUNS = Math.max(1, Math.round(32 * scale));

// Other keys in the same file, as (template, seed) pairs: expanded inside the property so a
// counterexample prints seeds, not key-shaped text.
const otherLine = fc.record({ plant: fc.nat(PLANTS.length - 1), seed: fc.integer() });

describe('redaction', () => {
  it('expandTracked expands exactly as expandTemplate does', () => {
    fc.assert(
      fc.property(fc.nat(PLANTS.length - 1), fc.integer(), (i, seed) => {
        const { template } = PLANTS[i]!;
        const tracked = expandTracked(template, seededRandom(seed));
        expect(tracked.text).toBe(expandTemplate(template, seededRandom(seed)));
        // Outside the random runs is exactly the template's literal text.
        const literal = template.replace(/\{[A-Za-z0-9]+(?::\d+)?\}/g, (m) =>
          expandTemplate(m, () => 0) === m ? m : '',
        );
        let outside = '';
        let from = 0;
        for (const [start, end] of tracked.random) {
          outside += tracked.text.slice(from, start);
          from = end;
        }
        expect(outside + tracked.text.slice(from)).toBe(literal);
      }),
      { numRuns: 300 },
    );
  });

  const detected = new Map<string, { runs: number; hits: number }>();

  it.each(builtinRules.filter((r) => r.samples.truePositives.length).map((r) => [r.id, r] as const))(
    '%s: no output repeats the random part of a key',
    (_id, rule) => {
      const tally = { runs: 0, hits: 0 };
      detected.set(rule.id, tally);
      fc.assert(
        fc.property(
          fc.nat(rule.samples.truePositives.length - 1),
          fc.integer(),
          fc.constantFrom(...PATHS),
          fc.array(otherLine, { maxLength: 2 }),
          fc.nat(2),
          fc.constantFrom<Source>('diff', 'diff', 'diff', 'pull-request', 'comment'),
          fc.constantFrom('high', 'medium', 'low', 'never' as const),
          (t, seed, path, others, position, source, failOn) => {
            const own = expandTracked(rule.samples.truePositives[t]!, seededRandom(seed));
            const lines: Tracked[] = others.map((o) =>
              expandTracked(PLANTS[o.plant]!.template, seededRandom(o.seed)),
            );
            lines.splice(Math.min(position, lines.length), 0, own);
            const findings = scanner.scanFile({
              path,
              lines: lines.map((l, k) => ({ line: k + 1, text: l.text })),
              commit: 'fedcba9876543210fedcba9876543210fedcba98',
              source,
            });
            tally.runs++;
            if (findings.some((f) => f.ruleId === rule.id)) tally.hits++;

            const sensitive: string[] = [];
            for (const f of findings) {
              const line = lines[f.line - 1]!;
              const start = f.column - 1;
              const end = f.endColumn - 1;
              expect(line.text.slice(start, end)).toBe(secretOf(f));
              sensitive.push(...sensitiveIn(line.text, line.random, start, end));
            }
            const outputs = renderAll(findings, { rules: builtinRules, failOn });
            const leak = findLeak(outputs, sensitive);
            // On failure, say where without printing the key.
            expect(leak && { ...leak, window: WINDOW }).toBeNull();
          },
        ),
        { numRuns: RUNS },
      );
    },
  );

  it('the generated keys were found, so the property above was not vacuous', () => {
    const weak = [...detected].filter(([, t]) => t.runs > 0 && t.hits < t.runs * 0.9).map(([id]) => id);
    expect(weak).toEqual([]);
  });
});
