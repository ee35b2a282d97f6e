// The config file `.github/api-key-guard.yml`: schema, loading and how it shapes a scan.
import { Ajv, type ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { credentialFileKinds } from './scan/credential-files.js';
import { compileRule, Scanner, type ScanPolicy } from './scan/engine.js';
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
  Partial<Omit<Rule, 'id' | 'description' | 'pattern' | 'samples'>> & {
    samples?: Partial<Rule['samples']>;
  };

export class ConfigError extends Error {
  constructor(source: string, message: string) {
    super(`config ${source}: ${message}`);
    this.name = 'ConfigError';
  }
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
  const where = e.instancePath || '(top level)';
  if (e.keyword === 'additionalProperties')
    return `${where}: unknown key '${String(e.params.additionalProperty)}'`;
  if (e.keyword === 'enum')
    return `${where}: must be one of ${(e.params.allowedValues as string[]).join(', ')}`;
  return `${where}: ${e.message ?? 'is invalid'}`;
}

/**
 * Nested quantifiers (`(a+)+`, `(\w*)*`) can backtrack exponentially; a custom pattern with one
 * is refused so a config cannot stall the scan.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  const stack: boolean[] = [];
  let quantified = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      i = close < 0 ? pattern.length : close;
      continue;
    }
    if (ch === '(') {
      stack.push(quantified);
      quantified = false;
    } else if (ch === ')') {
      const inner: boolean = quantified;
      quantified = stack.pop() ?? false;
      if (inner && /^[*+{]/.test(pattern.slice(i + 1))) return true;
      quantified ||= inner;
    } else if (ch === '*' || ch === '+' || ch === '{') {
      quantified = true;
    }
  }
  return false;
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
  };
  const where = `rule '${rule.id}'`;
  if (hasNestedQuantifier(rule.pattern))
    throw new ConfigError(
      source,
      `${where}: pattern has a nested quantifier such as (a+)+, which can run for ever`,
    );
  try {
    compileRule(rule);
  } catch (err) {
    throw new ConfigError(
      source,
      `${where}: pattern is not a valid regular expression: ${(err as Error).message}`,
    );
  }
  checkSamples(rule, source);
  return rule;
}

/** A custom rule's own samples are its test: a true positive it misses is a config error. */
function checkSamples(rule: Rule, source: string): void {
  const scanner = new Scanner([rule]);
  const hits = (template: string) =>
    scanner.scanFile({
      path: 'sample',
      lines: [{ line: 1, text: expandTemplate(template, seededRandom(1)) }],
    }).length;
  for (const tp of rule.samples.truePositives)
    if (hits(tp) === 0)
      throw new ConfigError(source, `rule '${rule.id}': true-positive sample is not matched: ${tp}`);
  for (const fp of rule.samples.falsePositives)
    if (hits(fp) > 0)
      throw new ConfigError(source, `rule '${rule.id}': false-positive sample is matched: ${fp}`);
}

function compileValueRegex(source: string, configSource: string): RegExp {
  try {
    return new RegExp(source);
  } catch (err) {
    throw new ConfigError(
      configSource,
      `allow.values: '${source}' is not a valid regular expression: ${(err as Error).message}`,
    );
  }
}

export interface EffectiveScan {
  rules: Rule[];
  policy: ScanPolicy;
}

/** Parses and validates config text; `source` names the file in error messages. */
export function parseConfig(text: string, source = DEFAULT_CONFIG_PATH): GuardConfig {
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (err) {
    throw new ConfigError(source, `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!validate(data)) throw new ConfigError(source, (validate.errors ?? []).map(describeError).join('; '));
  return data;
}

/** Turns a config into the rule list and policy the scanner runs with. */
export function resolveScan(config: GuardConfig, source = DEFAULT_CONFIG_PATH): EffectiveScan {
  const known = new Set([...builtinRules, ...credentialFileKinds].map((r) => r.id));
  const custom = (config.rules ?? []).map((r) => checkCustomRule(r, source));
  for (const r of custom) {
    if (known.has(r.id)) throw new ConfigError(source, `rules: '${r.id}' is already a built-in rule id`);
    known.add(r.id);
  }
  for (const id of [...(config.disable ?? []), ...Object.keys(config.severity ?? {})]) {
    if (!known.has(id))
      throw new ConfigError(source, `unknown rule id '${id}' (see \`api-key-guard rules\`)`);
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
      allowValues: (config.allow?.values ?? []).map((v) => compileValueRegex(v, source)),
      isPathAllowed,
      ignoreFingerprints: new Set(config['ignore-fingerprints'] ?? []),
      fileKinds,
    },
  };
}
