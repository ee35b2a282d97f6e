// The data shapes shared by the rules, the engine and every renderer.

export type Severity = 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];
/** Higher is more severe; `fail-on` and de-duplication both rank by it. */
export const SEVERITY_ORDER = { low: 1, medium: 2, high: 3 } as const satisfies Record<Severity, number>;

/** Where an added line came from. */
export type Source = 'diff' | 'file' | 'pull-request' | 'comment';

/** Named checks a candidate must pass; see validators.ts. */
export type ValidatorName =
  | 'github-checksum'
  | 'npm-checksum'
  | 'not-placeholder'
  | 'entropy'
  | 'not-doc-example'
  | 'generic-value'
  | 'url-password';

/**
 * A sample line for a rule's self-test. Samples are templates, never key-shaped literals:
 * `{b64u:93}` expands to 93 random base64url characters at test time (see samples.ts).
 */
export type SampleTemplate = string;

export interface Rule {
  /** Stable kebab-case id, e.g. `anthropic-api-key`. */
  id: string;
  provider: string;
  description: string;
  severity: Severity;
  /**
   * Lower-case literals; a line must contain one of them (case-insensitively) before the
   * pattern runs. An empty list means the pattern runs on every line (custom rules only).
   */
  keywords: string[];
  /**
   * The regex source. The secret is the named group `secret` when present, else the whole match.
   * Written without nested quantifiers so it runs in linear time.
   */
  pattern: string;
  /** Extra regex flags (`i`); `g` and `d` are always added by the engine. */
  flags?: string;
  /** Literal prefixes the redacted form may keep, e.g. `sk-ant-api03-`. */
  prefixes?: string[];
  validators?: ValidatorName[];
  /** Minimum Shannon entropy (bits per character) of the secret, for the `entropy` validator. */
  minEntropy?: number;
  /** Regexes (source) for secrets that this rule must not report. */
  allow?: string[];
  /** A generic rule's hit is dropped when a provider rule's hit overlaps it. */
  generic?: boolean;
  /**
   * Pairing: the rule runs only on lines within `lines` of a finding of `ruleId` in the same
   * file (an AWS secret access key next to its access key id).
   */
  near?: { ruleId: string; lines: number };
  /**
   * Set by the config loader on rules from the config file. The built-in patterns are proven
   * linear; a custom one is not, so the engine times it and stops it past a per-file budget.
   */
  custom?: boolean;
  /** Name of the environment variable guidance suggests for this key, e.g. `ANTHROPIC_API_KEY`. */
  envVar?: string;
  samples: { truePositives: SampleTemplate[]; falsePositives: SampleTemplate[] };
}

/** One added line, as the changes layer hands it to the engine. */
export interface AddedLine {
  /** 1-based line number in the new file. */
  line: number;
  text: string;
}

export interface FileChange {
  path: string;
  lines: AddedLine[];
  commit?: string | null;
  source?: Source;
}

export interface Finding {
  ruleId: string;
  provider: string;
  severity: Severity;
  description: string;
  path: string;
  line: number;
  /** 1-based column of the first character of the secret. */
  column: number;
  /** 1-based column just past the secret. */
  endColumn: number;
  redacted: string;
  fingerprint: string;
  commit: string | null;
  source: Source;
}
