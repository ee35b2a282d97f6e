import { describe, expect, it } from '@jest/globals';
import { ConfigError, hasNestedQuantifier, parseConfig, resolveScan } from '../src/config.js';
import { Scanner } from '../src/scan/engine.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';

const key = () => expandTemplate('sk-ant-api03-{b64u:93}AA', seededRandom(7));
const load = (yaml: string) => resolveScan(parseConfig(yaml));
const scanWith = (yaml: string, path: string, text: string) => {
  const { rules, policy } = load(yaml);
  return new Scanner(rules, policy).scanFile({ path, lines: [{ line: 1, text }] });
};

describe('config file', () => {
  it('accepts an empty file and keeps every built-in rule', () => {
    expect(load('').rules.length).toBeGreaterThan(3);
    expect(scanWith('', 'a.py', `k="${key()}"`)).toHaveLength(1);
  });

  it('allows paths by glob and values by regex', () => {
    expect(scanWith('allow:\n  paths: ["test/**"]\n', 'test/deep/a.py', key())).toHaveLength(0);
    expect(scanWith('allow:\n  paths: ["test/**"]\n', 'src/a.py', key())).toHaveLength(1);
    expect(scanWith(`allow:\n  values: ["${key().slice(13, 30)}"]\n`, 'a', key())).toHaveLength(0);
  });

  it('disables rules and overrides severities', () => {
    expect(scanWith('disable: [anthropic-api-key]\n', 'a', key())).toHaveLength(0);
    expect(scanWith('severity:\n  anthropic-api-key: low\n', 'a', key())[0]!.severity).toBe('low');
  });

  it('ignores listed fingerprints', () => {
    const [f] = scanWith('', 'a', key());
    expect(scanWith(`ignore-fingerprints: ["${f!.fingerprint}"]\n`, 'a', key())).toHaveLength(0);
  });

  it('adds custom rules in the built-in shape and checks their samples at load', () => {
    const yaml = `rules:
  - id: acme-token
    provider: Acme
    description: Acme deploy token
    severity: high
    keywords: [acme_]
    pattern: "acme_(?<secret>[a-z0-9]{24})"
    samples:
      truePositives: ["ACME=acme_{lownum:24}"]
      falsePositives: ["ACME=acme_short"]
`;
    const found = scanWith(yaml, 'a', 'token: acme_q7w2e9r4t1y8u3i6o5p0a2s4');
    expect(found.map((f) => [f.ruleId, f.provider, f.severity])).toEqual([['acme-token', 'Acme', 'high']]);
    expect(() => load(yaml.replace('{lownum:24}', '{lownum:5}'))).toThrow(
      /true-positive sample is not matched/,
    );
  });

  it.each([
    ['disable: anthropic-api-key', /\/disable: must be array/],
    ['severity:\n  anthropic-api-key: critical', /must be one of high, medium, low/],
    ['disable: [no-such-rule]', /unknown rule id 'no-such-rule'/],
    ['allowed: {}', /unknown key 'allowed'/],
    ['ignore-fingerprints: ["zz"]', /ignore-fingerprints\/0/],
    ['rules:\n  - id: x\n    description: d\n    pattern: "(a+)+"', /nested quantifier/],
    ['rules:\n  - id: x\n    description: d\n    pattern: "(unclosed"', /not a valid regular expression/],
    [
      'rules:\n  - id: anthropic-api-key\n    description: d\n    pattern: "abc"',
      /already a built-in rule id/,
    ],
    ['allow: [unclosed', /not valid YAML/],
    ['allow:\n  values: ["(bad"]', /allow.values/],
  ])('rejects %j with a clear error', (yaml, message) => {
    const attempt = () => load(yaml);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/^config \.github\/api-key-guard\.yml: /);
  });
});

describe('hasNestedQuantifier', () => {
  it.each(['(a+)+', '(\\w*)*', '(x|y+){2,}', '((ab)+c)*'])('flags %s', (p) =>
    expect(hasNestedQuantifier(p)).toBe(true),
  );
  it.each(['a+b*', '(ab)+', '[a+]+', '(a)(b+)', '\\(a+\\)+', 'x{3}(y)?'])('accepts %s', (p) =>
    expect(hasNestedQuantifier(p)).toBe(false),
  );
});
