import { describe, expect, it, jest } from '@jest/globals';
import {
  ConfigError,
  hasNestedQuantifier,
  parseConfig,
  patternRisk,
  resolveScan,
  SAMPLE_TOKEN_NAMES,
} from '../src/config.js';
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
    [
      'rules:\n  - {id: acme, description: d, pattern: "a"}\n  - {id: acme, description: e, pattern: "b"}',
      /rules: 'acme' is defined twice \(rules\[0\] and rules\[1\]\)/,
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

const rule = (pattern: string, extra = '') =>
  `rules:\n  - id: acme-key\n    description: Acme key\n    pattern: '${pattern}'\n${extra}`;
const messageOf = (yaml: string): string => {
  try {
    resolveScan(parseConfig(yaml, 'cfg.yml'), 'cfg.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loaded');
};

describe('config errors (formerly known issues)', () => {
  it('sampleTokenWithoutLength: a sample token without a length is a ConfigError naming rule and sample', () => {
    const message = messageOf(
      rule('acme_[a-z]{10}', "    samples: { truePositives: ['k = acme_{lower}'] }\n"),
    );
    expect(message).toMatch(/^config cfg\.yml: rule 'acme-key': true-positive sample 'k = acme_\{lower\}'/);
    expect(message).toContain("token '{lower}' needs a length, e.g. {lower:20}");
    expect(message).toMatch(/\{NAME:N\} .*alnum, b64u.*\{crc36\} or \{crc36bad\}/);
    expect(messageOf(rule('a', "    samples: { falsePositives: ['{hex:99999}'] }\n"))).toMatch(
      /false-positive sample '\{hex:99999\}': token '\{hex:99999\}' is too long/,
    );
  });

  it('lists every sample token the generator knows', () => {
    for (const name of SAMPLE_TOKEN_NAMES)
      expect(expandTemplate(`{${name}:3}`, seededRandom(1))).toHaveLength(3);
  });

  it('customPatternBacktracking: a quantified group of overlapping alternatives is refused', () => {
    // 2^24 backtracking steps for this sample if it ran: hours at 40 characters.
    const yaml = [
      'rules:',
      '  - id: slow',
      '    description: Slow pattern',
      "    keywords: ['x']",
      "    pattern: '(?<secret>(x|x)*y)'",
      `    samples: { truePositives: ['xxy'], falsePositives: ['${'x'.repeat(24)}'] }`,
    ].join('\n');
    const message = messageOf(yaml);
    expect(message).toMatch(
      /^config cfg\.yml: rule 'slow': pattern '\(\?<secret>\(x\|x\)\*y\)' repeats the group '\(x\|x\)\*'/,
    );
    expect(message).toContain('[ab]+');
  });

  it.each([
    ['(a|ab)*c', 'repeats the group'],
    ['(?:[a-z]|\\d)+', 'repeats the group'],
    ['(a?){2,}', 'repeats the group'],
    ['(x)\\1', 'backreference'],
    ['(?<q>x)\\k<q>', 'backreference'],
    ['k(?=.*z)', 'lookaround'],
  ])('refuses the custom pattern %s (%s)', (pattern, what) => {
    expect(messageOf(rule(pattern))).toContain(what);
  });

  it('checks allow.values and a rule’s allow list the same way', () => {
    const values = messageOf('allow:\n  values: ["^ok$", "(a|ab)*c"]\n');
    expect(values).toMatch(/^config cfg\.yml: allow\.values\[1\] '\(a\|ab\)\*c' repeats the group/);
    expect(values).toContain('[ab]+');
    expect(messageOf(rule('acme_[a-z]{4}', "    allow: ['(\\w+)+x']\n"))).toMatch(
      /rule 'acme-key': allow\[0\] '\(\\w\+\)\+x' repeats the group/,
    );
    expect(messageOf(rule('acme_[a-z]{4}', "    allow: ['(']\n"))).toMatch(
      /rule 'acme-key': allow\[0\] '\(' is not a valid regular expression: Unterminated group/,
    );
    expect(
      load('allow:\n  values: ["^test-[a-z]+$", "(abc)+", "x{3}(y)?"]\n').policy.allowValues,
    ).toHaveLength(3);
  });

  it('configErrorControlChars: a ConfigError shows control characters escaped', () => {
    const message = messageOf('"ke\\u001b[31my\\rx": 1\n');
    expect(message).toContain("unknown key 'ke\\u001b[31my\\rx'");
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('escapes and shortens every piece of config text it quotes', () => {
    const long = `acme_${'q'.repeat(200)}\u009b\u202e`;
    const messages = [
      messageOf(`disable: ["no\\nsuch\\u009b"]\n`),
      messageOf(`severity:\n  "\\u001b]0;x\\u0007": high\n`),
      messageOf('rules:\n  - id: acme\n    description: d\n    pattern: "\\u001b(a|b)+"\n'),
      messageOf(rule('acme_[a-z]{4}', `    samples: { truePositives: ["\\r\\u001b[2J{lower}"] }\n`)),
      messageOf(rule('acme_[a-z]{4}', `    samples: { truePositives: ["\\u001b[2Jnone"] }\n`)),
      messageOf(`allow:\n  values: ["\\u001b(x"]\n`),
      messageOf(`"\\u001b": [\n`),
    ];
    expect(messages[0]).toContain("unknown rule id 'no\\nsuch\\u009b'");
    expect(messages[2]).toContain("pattern '\\u001b(a|b)+' repeats the group '(a|b)+'");
    expect(messages[3]).toContain("'\\r\\u001b[2J{lower}'");
    expect(messages[4]).toContain("true-positive sample is not matched: '\\u001b[2Jnone'");
    expect(messages[5]).toMatch(/allow\.values\[0\] '\\u001b\(x' is not a valid regular expression/);
    for (const m of messages) {
      // eslint-disable-next-line no-control-regex
      expect(m).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
      expect(m.length).toBeLessThan(1200);
    }
    const quoted = messageOf(
      rule(`acme_${'[a-z]'.repeat(40)}`, `    samples: { truePositives: ["${long}"] }\n`),
    );
    expect(quoted).toContain(`'acme_${'q'.repeat(75)}…'`);
  });

  it('keeps the YAML parser’s warnings off stderr', () => {
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(parseConfig('allow: !custom {}\ndisable: !!str []\n')).toBeDefined();
      expect(emit).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      emit.mockRestore();
      warn.mockRestore();
    }
  });

  it('marks custom rules for the engine’s time budget', () => {
    const { rules } = load('rules:\n  - {id: acme, description: d, pattern: "acme_[a-z]{8}"}\n');
    expect(rules.filter((r) => r.custom).map((r) => r.id)).toEqual(['acme']);
  });

  it('lists only the first schema errors of a mangled file', () => {
    const yaml = Array.from({ length: 40 }, (_, i) => `k${i}: 1`).join('\n');
    expect(messageOf(yaml)).toMatch(/unknown key 'k7'; and 32 more$/);
  });
});

describe('patternRisk', () => {
  it.each([
    ['(x|x)*y', 'repeated-group', '(x|x)*'],
    ['a(b|c){2}', 'repeated-group', '(b|c){2}'],
    ['((ab)+c)*', 'repeated-group', '((ab)+c)*'],
    ['(a{2,3})+', 'repeated-group', '(a{2,3})+'],
    ['(?<n>x)\\k<n>', 'backreference', '\\k<n>'],
    ['(?<=k\\s*)v', 'lookaround', '(?<=k\\s*)'],
  ])('flags %s', (pattern, kind, fragment) => expect(patternRisk(pattern)).toEqual({ kind, fragment }));
  it.each([
    '(a|b)?',
    '(?:ab|cd)',
    '(\\d{3})+',
    '(?:ab)+',
    '[(a|b)+]+',
    '[\\](a|b)]+',
    '\\(a|b\\)+',
    '(?<![A-Za-z0-9_])(?<secret>acme_[a-z0-9]{24})(?![A-Za-z0-9_])',
    '(?=[a-z]{0,5}\\d)x',
    '\\w+\\w+x',
  ])('accepts %s', (p) => expect(patternRisk(p)).toBeNull());
});
