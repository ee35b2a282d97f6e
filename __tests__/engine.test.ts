import { describe, expect, it } from '@jest/globals';
import { IGNORE_MARKER, Scanner, secretOf, wholeFile } from '../src/scan/engine.js';
import { ruleNoteText } from '../src/scan/rule-notes.js';
import { fingerprint, redact } from '../src/scan/redact.js';
import { anthropicRules } from '../src/scan/rules/anthropic.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import { parseConfig, resolveScan } from '../src/config.js';
import type { Rule } from '../src/scan/types.js';

const rand = seededRandom(42);
const key = () => expandTemplate('sk-ant-api03-{b64u:93}AA', rand);

const generic: Rule = {
  id: 'test-generic',
  provider: 'Generic',
  description: 'secret assigned to a secret-like name',
  severity: 'low',
  keywords: ['key'],
  pattern: `key\\s*=\\s*"(?<secret>[^"]{8,200})"`,
  generic: true,
  samples: { truePositives: [], falsePositives: [] },
};

function lines(...texts: string[]) {
  return texts.map((text, i) => ({ line: i + 1, text }));
}

describe('Scanner', () => {
  it('reports line, 1-based columns and the exact secret span', () => {
    const k = key();
    const text = `client = Anthropic(api_key="${k}")`;
    const [f] = new Scanner(anthropicRules).scanFile({ path: 'a.py', lines: [{ line: 7, text }] });
    expect(f).toMatchObject({
      ruleId: 'anthropic-api-key',
      line: 7,
      column: text.indexOf(k) + 1,
      source: 'diff',
    });
    expect(text.slice(f!.column - 1, f!.endColumn - 1)).toBe(k);
    expect(secretOf(f!)).toBe(k);
  });

  it('never lets the secret reach JSON or inspection of a finding', async () => {
    const k = key();
    const [f] = new Scanner(anthropicRules).scanFile({ path: 'a', lines: lines(`x = "${k}"`) });
    const { inspect } = await import('node:util');
    expect(JSON.stringify(f)).not.toContain(k.slice(13, 40));
    expect(inspect(f, { showHidden: true, depth: 5 })).not.toContain(k.slice(13, 40));
  });

  it('skips a line carrying the inline ignore marker in any comment syntax', () => {
    const scanner = new Scanner(anthropicRules);
    for (const comment of [
      `# ${IGNORE_MARKER}`,
      `// ${IGNORE_MARKER}`,
      `/* ${IGNORE_MARKER} */`,
      `<!-- ${IGNORE_MARKER} -->`,
    ]) {
      expect(scanner.scanFile({ path: 'a', lines: lines(`k = "${key()}" ${comment}`) })).toHaveLength(0);
    }
    expect(
      scanner.scanFile({ path: 'a', lines: lines(`k = "${key()}" # api-key-guard: ignore-me-not`) }),
    ).toHaveLength(1);
  });

  it('drops a generic hit that overlaps a provider hit, keeps it alone', () => {
    const scanner = new Scanner([...anthropicRules, generic]);
    const both = scanner.scanFile({ path: 'a', lines: lines(`key = "${key()}"`) });
    expect(both.map((f) => f.ruleId)).toEqual(['anthropic-api-key']);
    const alone = scanner.scanFile({ path: 'a', lines: lines(`key = "Zq8#pL2!vR9x"`) });
    expect(alone.map((f) => f.ruleId)).toEqual(['test-generic']);
  });

  it('finds several keys on one line and in several lines, in order', () => {
    const scanner = new Scanner(anthropicRules);
    const found = scanner.scanFile({
      path: 'a',
      lines: lines(`a="${key()}" b="${key()}"`, 'nothing', `c=${key()}`),
    });
    expect(found.map((f) => [f.line, f.column])).toEqual([
      [1, 4],
      [1, 4 + 108 + 5],
      [3, 3],
    ]);
  });

  it('keeps every one of many separate keys on one long line, and still de-duplicates overlaps', () => {
    const keys = Array.from({ length: 400 }, () => key());
    const text = keys.map((k) => `key = "${k}"`).join('; ');
    const found = new Scanner([...anthropicRules, generic]).scanFile({ path: 'a', lines: lines(text) });
    expect(found).toHaveLength(400);
    expect(new Set(found.map((f) => f.ruleId))).toEqual(new Set(['anthropic-api-key']));
    expect(found.map((f) => f.column)).toEqual(keys.map((_, i) => 8 + i * (keys[0]!.length + 10)));
  });

  it('applies value and path allowlists and ignored fingerprints', () => {
    const k = key();
    const file = { path: 'test/fixtures/keys.txt', lines: lines(`x = ${k}`) };
    expect(
      new Scanner(anthropicRules, { allowValues: [new RegExp(k.slice(20, 30))] }).scanFile(file),
    ).toHaveLength(0);
    expect(
      new Scanner(anthropicRules, { isPathAllowed: (p) => p.startsWith('test/') }).scanFile(file),
    ).toHaveLength(0);
    const fp = fingerprint('anthropic-api-key', file.path, k);
    expect(new Scanner(anthropicRules, { ignoreFingerprints: new Set([fp]) }).scanFile(file)).toHaveLength(0);
    expect(new Scanner(anthropicRules).scanFile(file)).toHaveLength(1);
  });

  it('gives a fingerprint that survives moving the line but changes with path or secret', () => {
    const k = key();
    const scanner = new Scanner(anthropicRules);
    const a = scanner.scanFile({ path: 'p', lines: [{ line: 3, text: k }] })[0]!;
    const b = scanner.scanFile({
      path: 'p',
      lines: [{ line: 90, text: `  moved: ${k}` }],
      commit: 'abc',
    })[0]!;
    const c = scanner.scanFile({ path: 'q', lines: [{ line: 3, text: k }] })[0]!;
    const d = scanner.scanFile({ path: 'p', lines: [{ line: 3, text: key() }] })[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(c.fingerprint);
    expect(a.fingerprint).not.toBe(d.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('selects rules on the right line when lower-casing changes the text length', () => {
    const k = key();
    // 'İ' lower-cases to two UTF-16 units, which would shift every later offset.
    const change = { path: 'a', lines: lines('İstanbul İzmir', 'plain line', `k = "${k}" # İ`, 'tail') };
    const found = new Scanner(anthropicRules).scanFile(change);
    expect(found.map((f) => [f.line, f.column])).toEqual([[3, 6]]);
  });

  it('keyword selection is case-blind but the rule pattern decides', () => {
    const k = key();
    const found = new Scanner(anthropicRules).scanFile({
      path: 'a',
      lines: lines('SK-ANT-API03-nothing', `x=${k}`),
    });
    expect(found.map((f) => f.line)).toEqual([2]);
  });

  it('treats a whole file as added lines numbered from 1, with CRLF', () => {
    const change = wholeFile('x.env', `A=1\r\nKEY=${key()}\r\n`);
    expect(new Scanner(anthropicRules).scanFile(change).map((f) => [f.line, f.source])).toEqual([
      [2, 'file'],
    ]);
  });
});

describe('redact', () => {
  it('keeps the prefix and at most 4 characters of the random part', () => {
    const k = key();
    const r = redact(k, ['sk-ant-api03-']);
    expect(r).toBe(`sk-ant-api03-…${k.slice(-4)}`);
    expect(redact('abcdefgh', [])).toBe('…gh');
    expect(redact('abc', [])).toBe('…');
  });
});

describe('custom rules run on a time budget', () => {
  const acme: Rule = {
    id: 'acme-token',
    provider: 'Acme',
    description: 'Acme token',
    severity: 'high',
    keywords: ['acme_'],
    pattern: 'acme_[a-z]{12}',
    custom: true,
    samples: { truePositives: [], falsePositives: [] },
  };
  const acmeLine = () => expandTemplate(`t = acme_{lower:12}; k = "sk-ant-api03-{b64u:93}AA"`, rand);
  /** A clock that moves 1 ms at every reading: each timed run of a custom rule costs 1 ms. */
  const tickingClock = () => {
    let t = 0;
    const now = () => ++t;
    return { now, readings: () => t };
  };
  const ids = (found: { ruleId: string; line: number }[], id: string) =>
    found.filter((f) => f.ruleId === id).map((f) => f.line);

  it('stops a custom rule past its budget in a file, notes it, and keeps every other finding', () => {
    const clock = tickingClock();
    const scanner = new Scanner([...anthropicRules, acme], { customRuleBudgetMs: 3, now: clock.now });
    const file = (path: string) => ({ path, lines: lines(...Array.from({ length: 10 }, acmeLine)) });
    const first = scanner.scanFile(file('a.py'));
    // 1 ms per line: past 3 ms on line 4, whose findings stand; lines 5-10 are not run.
    expect(ids(first, 'acme-token')).toEqual([1, 2, 3, 4]);
    expect(ids(first, 'anthropic-api-key')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(scanner.notes).toEqual([
      {
        kind: 'rule-timeout',
        ruleId: 'acme-token',
        path: 'a.py',
        spentMs: 4,
        budgetMs: 3,
        per: 'file',
        forScan: false,
      },
    ]);
    // A fresh budget in the next file; a second strike turns the rule off for the scan.
    expect(ids(scanner.scanFile(file('b.py')), 'acme-token')).toEqual([1, 2, 3, 4]);
    expect(scanner.notes[1]).toMatchObject({ path: 'b.py', forScan: true });
    const readings = clock.readings();
    const third = scanner.scanFile(file('c.py'));
    expect(ids(third, 'acme-token')).toEqual([]);
    expect(ids(third, 'anthropic-api-key')).toHaveLength(10);
    expect(clock.readings()).toBe(readings);
    expect(scanner.notes).toHaveLength(2);
    expect(ruleNoteText(scanner.notes[0]!)).toBe(
      "custom rule 'acme-token' was stopped in a.py after 4 ms (budget 3 ms per file); the rest of that file " +
        'was not scanned by it. Check its pattern for ways to match the same text more than once.',
    );
    expect(ruleNoteText(scanner.notes[1]!)).toContain('and it is off for the rest of the scan');
  });

  it('turns a custom rule off past the scan budget even when no single file is slow', () => {
    const scanner = new Scanner([acme], {
      customRuleBudgetMs: 100,
      customRuleScanBudgetMs: 5,
      now: tickingClock().now,
    });
    const file = (path: string) => ({ path, lines: lines(acmeLine(), acmeLine(), acmeLine()) });
    expect(scanner.scanFile(file('a'))).toHaveLength(3);
    expect(scanner.scanFile(file('b'))).toHaveLength(3);
    expect(scanner.scanFile(file('c'))).toHaveLength(0);
    expect(scanner.notes).toEqual([
      {
        kind: 'rule-timeout',
        ruleId: 'acme-token',
        path: 'b',
        spentMs: 6,
        budgetMs: 5,
        per: 'scan',
        forScan: true,
      },
    ]);
    expect(ruleNoteText(scanner.notes[0]!)).toMatch(/spent 6 ms on this scan \(budget 5 ms per scan\)/);
  });

  it('never times or stops a built-in rule', () => {
    let readings = 0;
    const now = () => ++readings * 1e9;
    const scanner = new Scanner(anthropicRules, { customRuleBudgetMs: 0, customRuleMaxLineLength: 10, now });
    for (const path of ['a', 'b', 'c'])
      expect(scanner.scanFile({ path, lines: lines(acmeLine(), acmeLine()) })).toHaveLength(2);
    expect(readings).toBe(0);
    expect(scanner.notes).toEqual([]);
  });

  it('keeps custom rules off lines longer than the cap and says so once per file', () => {
    const other: Rule = { ...acme, id: 'acme-other', keywords: [], pattern: 'zz_[0-9]{4}' };
    const scanner = new Scanner([...anthropicRules, acme, other], { customRuleMaxLineLength: 200 });
    const long = `${acmeLine()} zz_1234 ${'x'.repeat(200)}`;
    const found = scanner.scanFile({ path: 'min.js', lines: lines(acmeLine(), long, long, 'zz_5678') });
    expect(ids(found, 'acme-token')).toEqual([1]);
    expect(ids(found, 'acme-other')).toEqual([4]);
    expect(ids(found, 'anthropic-api-key')).toEqual([1, 2, 3]);
    expect(scanner.notes).toEqual([
      {
        kind: 'rule-long-lines',
        ruleIds: ['acme-other', 'acme-token'],
        path: 'min.js',
        lines: 2,
        maxLength: 200,
      },
    ]);
    expect(ruleNoteText(scanner.notes[0]!)).toMatch(
      /^custom rules 'acme-other', 'acme-token' skipped 2 line\(s\) of min\.js longer than 200 characters/,
    );
  });

  it('stops a genuinely slow custom rule from the config on the real clock', () => {
    // Three adjacent runs of one class pass the load-time check (polynomial, not exponential),
    // but a failing line of n letters costs about n^4/24 steps: tens of ms at 80 letters.
    const { rules, policy } = resolveScan(
      parseConfig(`rules:
  - id: slow-letters
    description: Letters then a bang
    pattern: '[a-z]*[a-z]*[a-z]*!'
    samples: { truePositives: ['abc!'] }
  - id: fast-bang
    description: A bang token
    keywords: [bang_]
    pattern: 'bang_[0-9]{6}'
`),
    );
    const scanner = new Scanner(rules, { ...policy, customRuleBudgetMs: 5 });
    const slowLine = `${'a'.repeat(80)} bang_123456 ${acmeLine()}`;
    const file = (path: string) => ({ path, lines: lines(...Array.from({ length: 20 }, () => slowLine)) });
    const started = performance.now();
    const found = [...scanner.scanFile(file('a.txt')), ...scanner.scanFile(file('b.txt'))];
    const later = scanner.scanFile(file('c.txt'));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(scanner.notes.map((n) => n.kind === 'rule-timeout' && [n.ruleId, n.path, n.forScan])).toEqual([
      ['slow-letters', 'a.txt', false],
      ['slow-letters', 'b.txt', true],
    ]);
    expect(found.filter((f) => f.ruleId === 'fast-bang')).toHaveLength(40);
    expect(found.filter((f) => f.ruleId === 'anthropic-api-key')).toHaveLength(40);
    expect(ids(later, 'fast-bang')).toHaveLength(20);
    expect(ids(later, 'slow-letters')).toEqual([]);
  });
});

describe('printable', () => {
  it('escapes control characters JSON-style and cuts long text', async () => {
    const { printable } = await import('../src/scan/rule-notes.js');
    expect(printable('a\nb\r\t\u001b[31m\u009b\u202ez')).toBe('a\\nb\\r\\t\\u001b[31m\\u009b\\u202ez');
    expect(printable('x'.repeat(10), 4)).toBe('xxxx…');
    expect(printable('😀😀😀', 2)).toBe('😀😀…');
  });
});

describe('wholeFile', () => {
  it('counts the lines a file has: a final newline ends the last line', () => {
    expect(wholeFile('a.txt', 'one\ntwo\n').lines.map((l) => l.text)).toEqual(['one', 'two']);
    expect(wholeFile('a.txt', 'one\r\ntwo').lines.map((l) => l.line)).toEqual([1, 2]);
    expect(wholeFile('a.txt', 'one\n\n').lines.map((l) => l.text)).toEqual(['one', '']);
    expect(wholeFile('a.txt', '').lines).toEqual([{ line: 1, text: '' }]);
  });
});
