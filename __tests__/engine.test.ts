import { describe, expect, it } from '@jest/globals';
import { IGNORE_MARKER, Scanner, secretOf, wholeFile } from '../src/scan/engine.js';
import { fingerprint, redact } from '../src/scan/redact.js';
import { anthropicRules } from '../src/scan/rules/anthropic.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
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
