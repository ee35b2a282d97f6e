// The config file `.github/api-key-guard.yml`: schema, loading and how it shapes a scan.
import { Ajv, type ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { credentialFileKinds } from './scan/credential-files.js';
import { Scanner, type ScanPolicy } from './scan/engine.js';
import { printable, ruleNoteText } from './scan/rule-notes.js';
import { expandTemplate, seededRandom } from './scan/samples.js';
import { builtinRules } from './scan/rules/index.js';
import { SEVERITIES, type Rule, type Severity } from './scan/types.js';

export const DEFAULT_CONFIG_PATH = '.github/api-key-guard.yml';

export interface GuardConfig {
  allow?: { paths?: string[]; values?: string[] };
  disable?: string[];
  severity?: Record<string, Severity>;
  'ignore-fingerprints'?: string[];
  rules?: CustomRuleInput[];
}

/** A custom rule as written in the config: the built-in shape with friendlier defaults. */
export type CustomRuleInput = Pick<Rule, 'id' | 'description' | 'pattern'> &
  Partial<Omit<Rule, 'id' | 'description' | 'pattern' | 'samples' | 'custom'>> & {
    samples?: Partial<Rule['samples']>;
  };

export class ConfigError extends Error {
  constructor(source: string, message: string) {
    // Config text reaches logs and terminals: every control character is shown escaped, even in
    // a message that forgot to `quote` what it cites.
    super(`config ${printable(source)}: ${printable(message)}`);
    this.name = 'ConfigError';
  }
}

/** Config text as a ConfigError cites it: in quotes, control characters escaped, cut at `max`. */
function quote(text: string, max = 80): string {
  return `'${printable(text, max)}'`;
}

const severity = { enum: [...SEVERITIES] };
const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };

const ruleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'description', 'pattern'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' },
    provider: { type: 'string' },
    description: { type: 'string' },
    severity,
    keywords: stringList,
    pattern: { type: 'string', minLength: 1, maxLength: 1000 },
    flags: { type: 'string', pattern: '^i?$' },
    prefixes: stringList,
    validators: { type: 'array', items: { enum: ['not-placeholder', 'entropy', 'not-doc-example'] } },
    minEntropy: { type: 'number', minimum: 0, maximum: 8 },
    allow: stringList,
    envVar: { type: 'string', pattern: '^[A-Z_][A-Z0-9_]*$' },
    samples: {
      type: 'object',
      additionalProperties: false,
      properties: { truePositives: stringList, falsePositives: stringList },
    },
  },
} as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    allow: {
      type: 'object',
      additionalProperties: false,
      properties: { paths: stringList, values: stringList },
    },
    disable: stringList,
    severity: { type: 'object', additionalProperties: severity },
    'ignore-fingerprints': { type: 'array', items: { type: 'string', pattern: '^[0-9a-f]{32}$' } },
    rules: { type: 'array', items: ruleSchema },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile<GuardConfig>(configSchema);

function describeError(e: ErrorObject): string {
  const where = printable(e.instancePath, 80) || '(top level)';
  if (e.keyword === 'additionalProperties')
    return `${where}: unknown key ${quote(String(e.params.additionalProperty))}`;
  if (e.keyword === 'enum')
    return `${where}: must be one of ${(e.params.allowedValues as string[]).join(', ')}`;
  return `${where}: ${e.message ?? 'is invalid'}`;
}

/** Schema errors, the first few of them: a mangled file can have hundreds. */
function describeErrors(errors: readonly ErrorObject[]): string {
  const shown = errors.slice(0, 8).map(describeError);
  if (errors.length > shown.length) shown.push(`and ${errors.length - shown.length} more`);
  return shown.join('; ');
}

/** Why a custom regex is refused at load: the offending fragment and what to write instead. */
export interface PatternRisk {
  kind: 'repeated-group' | 'backreference' | 'lookaround';
  /** The part of the pattern at fault, e.g. `(x|x)*`. */
  fragment: string;
}

interface GroupFrame {
  start: number;
  lookaround: boolean;
  /** Holds `|`, at any depth. */
  alternation: boolean;
  /** Holds a quantifier that lets the match length vary (`?`, `*`, `+`, `{n,m}`), at any depth. */
  quantifier: boolean;
  /** Holds `*`, `+` or `{n,}`, at any depth. */
  unbounded: boolean;
}

/** The quantifier at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy), if any. */
function quantifierAt(pattern: string, i: number): { length: number; min: number; max: number } | null {
  const lazy = (q: { length: number; min: number; max: number }) =>
    pattern[i + q.length] === '?' ? { ...q, length: q.length + 1 } : q;
  const ch = pattern[i];
  if (ch === '*') return lazy({ length: 1, min: 0, max: Infinity });
  if (ch === '+') return lazy({ length: 1, min: 1, max: Infinity });
  if (ch === '?') return lazy({ length: 1, min: 0, max: 1 });
  if (ch !== '{') return null;
  // Outside unicode mode a `{` that does not form a quantifier is a literal.
  const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 40));
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
  return lazy({ length: m[0].length, min, max });
}

/**
 * The first construct of a (valid) regex source that can make matching super-linear, or null.
 * The rule is deliberately simple and conservative, since custom key patterns need none of these:
 * - a group repeated by `*`, `+`, `{n}`, `{n,}` or `{n,m}` (n or m > 1) must hold neither `|`
 *   nor a quantifier other than an exact `{n}`: `(a+)+`, `(x|x)*y`, `(a|ab)*`, `(a|a){30}` can each match one text in
 *   exponentially many ways, and a line that almost matches tries them all;
 * - no backreference (`\1`, `\k<name>`);
 * - no lookaround holding `*`, `+` or `{n,}`: it rescans the rest of the line at every position.
 * Adjacent unbounded runs (`\w*\w*x`) stay allowed: polynomial, and bounded at run time by the
 * engine's per-file budget and line-length cap for custom rules (engine.ts).
 */
export function patternRisk(pattern: string): PatternRisk | null {
  const root: GroupFrame = {
    start: 0,
    lookaround: false,
    alternation: false,
    quantifier: false,
    unbounded: false,
  };
  const stack: GroupFrame[] = [];
  const top = () => stack[stack.length - 1] ?? root;
  const noteQuantifier = (frame: GroupFrame, q: { min: number; max: number }) => {
    if (q.min !== q.max) frame.quantifier = true;
    if (q.max === Infinity) frame.unbounded = true;
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    let atomEnd = i;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) {
        const end = next === 'k' ? pattern.indexOf('>', i) + 1 || i + 2 : i + 2;
        return { kind: 'backreference', fragment: pattern.slice(i, end) };
      }
      atomEnd = i + 1;
    } else if (ch === '[') {
      // A class ends at the first unescaped `]` (in JavaScript `[]` is an empty class).
      let j = i + 1;
      if (pattern[j] === '^') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      atomEnd = j;
    } else if (ch === '(') {
      const lookaround = /^\(\?<?[=!]/.test(pattern.slice(i, i + 4));
      stack.push({ start: i, lookaround, alternation: false, quantifier: false, unbounded: false });
      continue;
    } else if (ch === '|') {
      top().alternation = true;
      continue;
    } else if (ch === ')') {
      const group = stack.pop();
      if (!group) continue;
      if (group.lookaround && group.unbounded)
        return { kind: 'lookaround', fragment: pattern.slice(group.start, i + 1) };
      const parent = top();
      parent.alternation ||= group.alternation;
      parent.quantifier ||= group.quantifier;
      parent.unbounded ||= group.unbounded;
      const q = quantifierAt(pattern, i + 1);
      if (q && q.max > 1 && (group.alternation || group.quantifier))
        return { kind: 'repeated-group', fragment: pattern.slice(group.start, i + 1 + q.length) };
      if (q) {
        noteQuantifier(parent, q);
        i += q.length;
      }
      continue;
    }
    const q = quantifierAt(pattern, atomEnd + 1);
    if (q) noteQuantifier(top(), q);
    i = atomEnd + (q?.length ?? 0);
  }
  return null;
}

/**
 * Nested quantifiers (`(a+)+`, `(\w*)*`) and repeated alternations (`(x|x)*`) can backtrack
 * exponentially; a custom pattern with one is refused so a config cannot stall the scan.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  return patternRisk(pattern)?.kind === 'repeated-group';
}

/** What is wrong with `fragment` (quoted) and what to write instead. */
const RISK_ADVICE: Record<PatternRisk['kind'], (fragment: string) => string> = {
  'repeated-group': (f) =>
    `repeats the group ${f}, which holds | or a quantifier: it can match the same text in exponentially many ` +
    'ways (a nested quantifier like (a+)+ is the classic case), and a line that almost matches stalls the scan. ' +
    'A custom pattern may not repeat (*, +, {n}, {n,}, {n,m}) a group holding | or a quantifier: write the ' +
    'repeated part as one character class with one quantifier, e.g. (a|b)+ → [ab]+, (\\w+-)+ → [\\w-]+',
  backreference: (f) =>
    `uses the backreference ${f}, which can make matching take exponential time; match the text itself instead`,
  lookaround: (f) =>
    `has the lookaround ${f} holding *, + or {n,}, which rescans the rest of the line at every position; ` +
    'bound it (e.g. {0,40}) or drop the lookaround',
};

/** Refuses a custom regex source that `patternRisk` flags; `where` names it (`rule 'x': pattern`). */
function checkPatternRisk(pattern: string, where: string, source: string): void {
  const risk = patternRisk(pattern);
  if (risk)
    throw new ConfigError(
      source,
      `${where} ${quote(pattern)} ${RISK_ADVICE[risk.kind](quote(risk.fragment, 40))}`,
    );
}

/** Compiles a regex source from the config, or throws a ConfigError naming it (`where`). */
function compileChecked(pattern: string, flags: string, where: string, source: string): RegExp {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (err) {
    // The engine's message repeats the pattern raw: keep only its reason.
    const reason = (err as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
    throw new ConfigError(
      source,
      `${where} ${quote(pattern)} is not a valid regular expression: ${printable(reason, 120)}`,
    );
  }
  checkPatternRisk(pattern, where, source);
  return regex;
}

function checkCustomRule(input: CustomRuleInput, source: string): Rule {
  const rule: Rule = {
    ...input,
    provider: input.provider ?? 'Custom',
    severity: input.severity ?? 'medium',
    keywords: (input.keywords ?? []).map((k) => k.toLowerCase()),
    samples: {
      truePositives: input.samples?.truePositives ?? [],
      falsePositives: input.samples?.falsePositives ?? [],
    },
    // Marks the rule for the engine's per-file time budget (engine.ts).
    custom: true,
  };
  const where = `rule ${quote(rule.id)}`;
  compileChecked(rule.pattern, `${rule.flags ?? ''}gd`, `${where}: pattern`, source);
  (rule.allow ?? []).forEach((a, i) => compileChecked(a, '', `${where}: allow[${i}]`, source));
  checkSamples(rule, source);
  return rule;
}

/** The generator tokens a sample may use (src/scan/samples.ts); a config test keeps them in step. */
export const SAMPLE_TOKEN_NAMES = [
  'alnum',
  'b64u',
  'b64',
  'hex',
  'HEX',
  'upper',
  'lower',
  'digits',
  'base32',
  'upnum',
  'lownum',
] as const;
const SAMPLE_TOKEN = new RegExp(`\\{(${SAMPLE_TOKEN_NAMES.join('|')}|crc36bad|crc36)(?::(\\d+))?\\}`, 'g');
const MAX_SAMPLE_TOKEN_LENGTH = 10_000;
const TOKEN_FORMS = `{NAME:N} (N characters of NAME: ${SAMPLE_TOKEN_NAMES.join(', ')}; N up to ${MAX_SAMPLE_TOKEN_LENGTH}), {crc36} or {crc36bad}`;

/** Expands a sample, or throws a ConfigError naming the rule and the sample it cannot expand. */
function expandSample(rule: Rule, kind: string, template: string, source: string): string {
  const bad = (why: string) =>
    new ConfigError(
      source,
      `rule ${quote(rule.id)}: ${kind} sample ${quote(template)}: ${why}; the generator tokens are ${TOKEN_FORMS}`,
    );
  for (const [token, name, length] of template.matchAll(SAMPLE_TOKEN)) {
    if (name!.startsWith('crc36')) continue;
    if (length === undefined) throw bad(`token ${quote(token)} needs a length, e.g. {${name}:20}`);
    if (Number(length) > MAX_SAMPLE_TOKEN_LENGTH) throw bad(`token ${quote(token)} is too long`);
  }
  try {
    return expandTemplate(template, seededRandom(1));
  } catch (err) {
    throw bad(printable((err as Error).message, 120));
  }
}

/** A custom rule's own samples are its test: a true positive it misses is a config error. */
function checkSamples(rule: Rule, source: string): void {
  const scanner = new Scanner([rule]);
  const hits = (kind: string, template: string) => {
    const text = expandSample(rule, kind, template, source);
    const found = scanner.scanFile({ path: 'sample', lines: [{ line: 1, text }] }).length;
    // A rule that runs past its time budget on its own sample would be stopped on real files.
    if (scanner.notes.length)
      throw new ConfigError(
        source,
        `rule ${quote(rule.id)}: ${kind} sample ${quote(template)}: ${printable(ruleNoteText(scanner.notes[0]!), 200)}`,
      );
    return found;
  };
  for (const tp of rule.samples.truePositives)
    if (hits('true-positive', tp) === 0)
      throw new ConfigError(
        source,
        `rule ${quote(rule.id)}: true-positive sample is not matched: ${quote(tp)}`,
      );
  for (const fp of rule.samples.falsePositives)
    if (hits('false-positive', fp) > 0)
      throw new ConfigError(source, `rule ${quote(rule.id)}: false-positive sample is matched: ${quote(fp)}`);
}

export interface EffectiveScan {
  rules: Rule[];
  policy: ScanPolicy;
}

/** Parses and validates config text; `source` names the file in error messages. */
export function parseConfig(text: string, source = DEFAULT_CONFIG_PATH): GuardConfig {
  let data: unknown;
  try {
    // logLevel 'error': warnings (an unresolved `!tag`) must not be printed to stderr by the parser.
    data = parseYaml(text, { logLevel: 'error' }) ?? {};
  } catch (err) {
    throw new ConfigError(
      source,
      `not valid YAML: ${printable((err as Error).message.split('\n')[0]!, 200)}`,
    );
  }
  if (!validate(data)) throw new ConfigError(source, describeErrors(validate.errors ?? []));
  return data;
}

/** Turns a config into the rule list and policy the scanner runs with. */
export function resolveScan(config: GuardConfig, source = DEFAULT_CONFIG_PATH): EffectiveScan {
  const known = new Set([...builtinRules, ...credentialFileKinds].map((r) => r.id));
  const seen = new Map<string, number>();
  (config.rules ?? []).forEach((r, i) => {
    const first = seen.get(r.id);
    if (first !== undefined)
      throw new ConfigError(
        source,
        `rules: ${quote(r.id)} is defined twice (rules[${first}] and rules[${i}])`,
      );
    if (known.has(r.id)) throw new ConfigError(source, `rules: ${quote(r.id)} is already a built-in rule id`);
    seen.set(r.id, i);
  });
  const custom = (config.rules ?? []).map((r) => checkCustomRule(r, source));
  for (const r of custom) known.add(r.id);
  for (const id of [...(config.disable ?? []), ...Object.keys(config.severity ?? {})]) {
    if (!known.has(id))
      throw new ConfigError(source, `unknown rule id ${quote(id)} (see \`api-key-guard rules\`)`);
  }
  const disabled = new Set(config.disable ?? []);
  const rules = [...builtinRules, ...custom]
    .filter((r) => !disabled.has(r.id))
    .map((r) => (config.severity?.[r.id] ? { ...r, severity: config.severity[r.id]! } : r));
  // Credential-file kinds are not line rules, but the config names them by id all the same.
  const fileKinds = credentialFileKinds
    .filter((k) => !disabled.has(k.id))
    .map((k) => (config.severity?.[k.id] ? { ...k, severity: config.severity[k.id]! } : k));
  const pathGlobs = config.allow?.paths ?? [];
  const isPathAllowed = pathGlobs.length ? picomatch(pathGlobs, { dot: true }) : undefined;
  return {
    rules,
    policy: {
      // These run on every candidate of every rule, built-in ones included: same checks as a pattern.
      allowValues: (config.allow?.values ?? []).map((v, i) =>
        compileChecked(v, '', `allow.values[${i}]`, source),
      ),
      isPathAllowed,
      ignoreFingerprints: new Set(config['ignore-fingerprints'] ?? []),
      fileKinds,
    },
  };
}
