// What the per-rule sample harness (rules.test.ts) cannot express: checksums, AWS pairing across
// lines, git SHAs next to access key ids, and the redacted form of every family's findings.
import { describe, expect, it } from '@jest/globals';
import { Scanner, secretOf } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { openaiRules } from '../src/scan/rules/openai.js';
import { googleRules } from '../src/scan/rules/google.js';
import { awsRules } from '../src/scan/rules/aws.js';
import { githubRules } from '../src/scan/rules/github.js';
import { gitlabRules } from '../src/scan/rules/gitlab.js';
import { npmRules } from '../src/scan/rules/npm.js';
import { pypiRules } from '../src/scan/rules/pypi.js';
import { slackRules } from '../src/scan/rules/slack.js';
import { stripeRules } from '../src/scan/rules/stripe.js';
import { expandTemplate, randomString, seededRandom } from '../src/scan/samples.js';
import type { AddedLine, Finding } from '../src/scan/types.js';

const scanner = new Scanner(builtinRules);
const FAMILIES = [
  ...openaiRules,
  ...googleRules,
  ...awsRules,
  ...githubRules,
  ...gitlabRules,
  ...npmRules,
  ...pypiRules,
  ...slackRules,
  ...stripeRules,
];
const FAMILY_IDS = new Set(FAMILIES.map((r) => r.id));
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function scanText(text: string): Finding[] {
  return scanner.scanFile({ path: 'sample.txt', lines: [{ line: 1, text }] });
}

/** A file whose added lines are `lines` (line number → text); every other line is unchanged. */
function scanLines(lines: Record<number, string>): Finding[] {
  const added: AddedLine[] = Object.entries(lines).map(([n, text]) => ({ line: Number(n), text }));
  return scanner.scanFile({ path: 'config/credentials.txt', lines: added });
}

/** Rule ids of the findings from the families under test (other rules, e.g. generic, are not judged here). */
function idsOf(findings: Finding[]): string[] {
  return findings.filter((f) => FAMILY_IDS.has(f.ruleId)).map((f) => f.ruleId);
}

/** Replaces the character at `index` with a different base62 character. */
function flipAt(token: string, index: number): string {
  const ch = token[index]!;
  const other = BASE62[(BASE62.indexOf(ch) + 1) % BASE62.length]!;
  return token.slice(0, index) + other + token.slice(index + 1);
}

describe.each([
  ['github-pat', 'ghp_'],
  ['github-oauth-token', 'gho_'],
  ['github-app-user-token', 'ghu_'],
  ['github-app-installation-token', 'ghs_'],
  ['github-refresh-token', 'ghr_'],
  ['npm-access-token', 'npm_'],
])('%s checksum', (ruleId, prefix) => {
  it('reports a token whose CRC32 checksum is valid', () => {
    for (const seed of SEEDS) {
      const token = expandTemplate(`${prefix}{crc36}`, seededRandom(seed));
      expect(idsOf(scanText(`token: ${token}`))).toEqual([ruleId]);
    }
  });

  it('stays quiet when any one checksum character is flipped', () => {
    for (const seed of SEEDS) {
      const token = expandTemplate(`${prefix}{crc36}`, seededRandom(seed));
      for (let i = token.length - 6; i < token.length; i++) {
        const broken = flipAt(token, i);
        expect({ broken, found: idsOf(scanText(`token: ${broken}`)) }).toEqual({ broken, found: [] });
      }
    }
  });

  it('stays quiet when a body character is flipped (the checksum no longer matches)', () => {
    for (const seed of SEEDS) {
      const token = expandTemplate(`${prefix}{crc36}`, seededRandom(seed));
      const broken = flipAt(token, prefix.length + 3);
      expect(idsOf(scanText(`token: ${broken}`))).toEqual([]);
    }
  });
});

describe('AWS secret access key paired with an access key id', () => {
  const PAIRED = 'aws-secret-access-key-near-id';

  function keyId(seed: number): string {
    return expandTemplate('AKIA{base32:16}', seededRandom(seed));
  }

  function secretKey(seed: number): string {
    // Random base64 with at least one lower, upper and digit, like every real key.
    const rand = seededRandom(1000 + seed);
    for (;;) {
      const value = randomString(rand, B64, 40);
      if (/[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value)) return value;
    }
  }

  it('reports a bare secret two lines below the id', () => {
    for (const seed of SEEDS) {
      const secret = secretKey(seed);
      const findings = scanLines({
        10: `access_key = "${keyId(seed)}"`,
        11: '# rotated by ops',
        12: `secret = "${secret}"`,
      });
      const paired = findings.filter((f) => f.ruleId === PAIRED);
      expect(paired.map((f) => [f.line, secretOf(f)])).toEqual([[12, secret]]);
      expect(idsOf(findings)).toContain('aws-access-key-id');
    }
  });

  it('reports a secret above the id too, and exactly at the 5-line limit', () => {
    const secret = secretKey(1);
    const above = scanLines({ 5: `secret = "${secret}"`, 10: `id = "${keyId(1)}"` });
    expect(above.filter((f) => f.ruleId === PAIRED).map((f) => f.line)).toEqual([5]);
    const atLimit = scanLines({ 10: `id = "${keyId(1)}"`, 15: `secret = "${secret}"` });
    expect(atLimit.filter((f) => f.ruleId === PAIRED).map((f) => f.line)).toEqual([15]);
  });

  it('does not report a bare secret far from any access key id', () => {
    for (const seed of SEEDS) {
      const findings = scanLines({ 10: `access_key = "${keyId(seed)}"`, 40: `value = "${secretKey(seed)}"` });
      expect(idsOf(findings)).toEqual(['aws-access-key-id']);
    }
    const alone = scanLines({ 40: `value = "${secretKey(2)}"` });
    expect(idsOf(alone)).toEqual([]);
  });

  it('does not report one line beyond the limit', () => {
    const findings = scanLines({ 10: `id = "${keyId(3)}"`, 16: `value = "${secretKey(3)}"` });
    expect(idsOf(findings)).toEqual(['aws-access-key-id']);
  });

  it('does not pair with a documentation access key id', () => {
    const docId = expandTemplate('AKIA{base32:9}EXAMPLE', seededRandom(4));
    expect(docId).toHaveLength(20);
    const findings = scanLines({ 1: `id = ${docId}`, 2: secretKey(4) });
    expect(idsOf(findings)).toEqual([]);
  });

  it('reports the secret once when the keyword rule already has it', () => {
    const secret = secretKey(5);
    const findings = scanLines({
      1: `aws_access_key_id = ${keyId(5)}`,
      2: `aws_secret_access_key = ${secret}`,
    });
    expect(findings.filter((f) => FAMILY_IDS.has(f.ruleId)).map((f) => [f.ruleId, f.line])).toEqual([
      ['aws-access-key-id', 1],
      ['aws-secret-access-key', 2],
    ]);
  });

  it('reports both halves of a one-line credentials CSV row', () => {
    const secret = secretKey(6);
    const findings = scanLines({ 1: 'Access key ID,Secret access key', 2: `${keyId(6)},${secret}` });
    expect(findings.filter((f) => FAMILY_IDS.has(f.ruleId)).map((f) => [f.ruleId, f.line])).toEqual([
      ['aws-access-key-id', 2],
      [PAIRED, 2],
    ]);
  });
});

describe('git SHAs and other 40-character non-secrets', () => {
  it('never reports a 40-hex commit SHA next to an access key id', () => {
    for (const seed of SEEDS) {
      const rand = seededRandom(seed);
      const id = expandTemplate('AKIA{base32:16}', rand);
      const sha = randomString(rand, '0123456789abcdef', 40);
      const findings = scanLines({
        1: `aws_access_key_id = ${id}`,
        2: `commit ${sha}`,
        3: `  "sha": "${sha}",`,
        4: `pinned: actions/checkout@${sha}`,
        5: `aws_secret_access_key = ${sha}`,
        6: `aws_secret_access_key = ${sha.toUpperCase()}`,
      });
      expect(idsOf(findings)).toEqual(['aws-access-key-id']);
    }
  });

  it('does not report single-case, digit-free or low-entropy values next to an id', () => {
    const rand = seededRandom(9);
    const id = expandTemplate('AKIA{base32:16}', rand);
    const findings = scanLines({
      1: id,
      2: `upper = ${randomString(rand, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 40)}`,
      3: `lower = ${randomString(rand, 'abcdefghijklmnopqrstuvwxyz0123456789/', 40)}`,
      4: `letters = ${randomString(rand, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 40)}`,
      5: `repeat = ${'Ab1Cd2'.repeat(7).slice(0, 40)}`,
    });
    expect(idsOf(findings)).toEqual(['aws-access-key-id']);
  });
});

describe('redaction', () => {
  it.each(FAMILIES.map((r) => [r.id, r] as const))(
    '%s keeps its prefix and at most 4 random characters',
    (_id, rule) => {
      for (const template of rule.samples.truePositives) {
        for (const seed of SEEDS) {
          const line = expandTemplate(template, seededRandom(seed));
          const finding = scanText(line).find((f) => f.ruleId === rule.id)!;
          const secret = secretOf(finding)!;
          const prefix = (rule.prefixes ?? [])
            .filter((p) => secret.startsWith(p))
            .sort((a, b) => b.length - a.length)[0];
          if (rule.prefixes?.length) expect(prefix).toBeDefined();
          const [kept, tail] = finding.redacted.split('…');
          expect(kept).toBe(prefix ?? '');
          expect(tail!.length).toBeLessThanOrEqual(4);
          expect(secret.endsWith(tail!)).toBe(true);
          expect(finding.redacted.length).toBeLessThanOrEqual((prefix ?? '').length + 5);
        }
      }
    },
  );
});
