// The scanning engine: keyword pass → regexes → validators → allowlists → de-duplication.
// Rules are data (src/scan/rules); this file knows nothing about any provider.
import {
  credentialFileFinding,
  credentialFileKinds,
  type CheckedFile,
  type CredentialFileKind,
} from './credential-files.js';
import { fingerprint, longestPrefix, redact } from './redact.js';
import { isPlaceholder, runValidator } from './validators.js';
import {
  SEVERITY_ORDER,
  type AddedLine,
  type FileChange,
  type Finding,
  type Rule,
  type Source,
} from './types.js';

/** The text that tells the scanner to skip a line, in any comment syntax. */
export const IGNORE_MARKER = 'api-key-guard:ignore';

export interface ScanPolicy {
  /** Secrets matching any of these are not reported. */
  allowValues?: RegExp[];
  /** Paths for which this returns true are not scanned. */
  isPathAllowed?: (path: string) => boolean;
  ignoreFingerprints?: ReadonlySet<string>;
  /** Credential-file kinds to flag (config `disable` and `severity` applied); all when absent. */
  fileKinds?: readonly CredentialFileKind[];
}

interface CompiledRule {
  rule: Rule;
  regex: RegExp;
  allow: RegExp[];
}

interface Candidate {
  compiled: CompiledRule;
  secret: string;
  start: number;
  end: number;
}

// Raw secrets stay inside the process: renderers only see `redacted`, and JSON.stringify or
// util.inspect of a finding cannot reach this map.
const rawSecrets = new WeakMap<Finding, string>();

/** The raw secret behind a finding, for masking (`core.setSecret`) and in-line fixes only. */
export function secretOf(finding: Finding): string | undefined {
  return rawSecrets.get(finding);
}

// The added line a finding sits on holds the secret too, so it is kept the same way.
const lineTexts = new WeakMap<Finding, string>();

/** The full text of the finding's line, for building a suggested fix; never for output. */
export function lineTextOf(finding: Finding): string | undefined {
  return lineTexts.get(finding);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileRule(rule: Rule): CompiledRule {
  const flags = new Set(`${rule.flags ?? ''}gd`);
  return {
    rule,
    regex: new RegExp(rule.pattern, [...flags].join('')),
    allow: (rule.allow ?? []).map((source) => new RegExp(source)),
  };
}

export class Scanner {
  private readonly compiled: CompiledRule[];
  private readonly keywordRegex: RegExp | null;
  private readonly keywordRegexCaseBlind: RegExp | null;
  private readonly rulesByKeyword = new Map<string, CompiledRule[]>();
  private readonly alwaysRun: CompiledRule[] = [];
  private readonly paired: CompiledRule[] = [];
  private readonly genericIds: ReadonlySet<string>;

  constructor(
    rules: readonly Rule[],
    private readonly policy: ScanPolicy = {},
  ) {
    this.compiled = rules.map(compileRule);
    this.genericIds = new Set(rules.filter((r) => r.generic).map((r) => r.id));
    for (const c of this.compiled) {
      if (c.rule.near) this.paired.push(c);
      else if (c.rule.keywords.length === 0) this.alwaysRun.push(c);
      else
        for (const kw of c.rule.keywords) {
          const key = kw.toLowerCase();
          const list = this.rulesByKeyword.get(key) ?? [];
          list.push(c);
          this.rulesByKeyword.set(key, list);
        }
    }
    // One pass over every keyword: longest first so the alternation reports the most
    // specific keyword at a position. A match consumes its text, so a keyword also selects the
    // rules of every shorter keyword inside it (`secret_access_key` selects the `secret` rules).
    const keywords = [...this.rulesByKeyword.keys()].sort((a, b) => b.length - a.length);
    const own = new Map([...this.rulesByKeyword].map(([k, list]) => [k, [...list]]));
    for (const k of keywords) {
      const merged = new Set(own.get(k));
      for (const [inner, list] of own)
        if (inner !== k && k.includes(inner)) for (const c of list) merged.add(c);
      this.rulesByKeyword.set(k, [...merged]);
    }
    const alternation = keywords.map(escapeRegex).join('|');
    this.keywordRegex = keywords.length ? new RegExp(alternation, 'g') : null;
    this.keywordRegexCaseBlind = keywords.length ? new RegExp(alternation, 'gi') : null;
  }

  get rules(): Rule[] {
    return this.compiled.map((c) => c.rule);
  }

  /** Scans the added lines of one file and returns its findings in line order. */
  scanFile(change: FileChange): Finding[] {
    if (this.policy.isPathAllowed?.(change.path)) return [];
    const findings: Finding[] = [];
    const selected = this.candidateRulesByLine(change.lines);
    change.lines.forEach((added, i) => {
      const rules = selected[i];
      if (rules || this.alwaysRun.length)
        this.scanLine(change, added, rules ?? new Set(this.alwaysRun), findings);
    });
    if (this.paired.length && findings.length) this.scanPaired(change, findings);
    return findings;
  }

  /**
   * The finding for a committed credential file (a .env, a private key…), judged by the file as
   * a whole. Binary files count too (a .p12), so callers run it before skipping them.
   */
  scanCredentialFile(file: CheckedFile): Finding | null {
    return credentialFileFinding(file, this.policy.fileKinds ?? credentialFileKinds, this.policy);
  }

  /**
   * The keyword pass: one regex run over the file's added lines joined together (a run per line
   * costs more in call overhead than in matching), lower-cased once so the regex needs no `i`.
   * Returns, per line index, the rules its keywords select; lines without any stay empty.
   */
  private candidateRulesByLine(lines: readonly AddedLine[]): Array<Set<CompiledRule> | undefined> {
    const selected: Array<Set<CompiledRule> | undefined> = new Array(lines.length);
    if (!this.keywordRegex || lines.length === 0) return selected;
    const text = lines.map((l) => l.text).join('\n');
    const lower = text.toLowerCase();
    // Lower-casing can change the length of a few Unicode characters; then match case-blind.
    const [haystack, kw] =
      lower.length === text.length ? [lower, this.keywordRegex] : [text, this.keywordRegexCaseBlind!];
    kw.lastIndex = 0;
    let lineIndex = 0;
    let lineEnd = lines[0]!.text.length;
    for (let m = kw.exec(haystack); m; m = kw.exec(haystack)) {
      while (m.index > lineEnd) lineEnd += 1 + lines[++lineIndex]!.text.length;
      const rules = (selected[lineIndex] ??= new Set(this.alwaysRun));
      for (const c of this.rulesByKeyword.get(m[0].toLowerCase()) ?? []) rules.add(c);
    }
    return selected;
  }

  private scanLine(change: FileChange, added: AddedLine, rules: Set<CompiledRule>, out: Finding[]): void {
    if (rules.size === 0 || added.text.includes(IGNORE_MARKER)) return;
    const candidates: Candidate[] = [];
    for (const compiled of rules) this.match(compiled, added.text, candidates);
    for (const c of dropShadowed(candidates)) {
      const finding = this.toFinding(change, added, c);
      if (finding) out.push(finding);
    }
  }

  private match(compiled: CompiledRule, text: string, out: Candidate[]): void {
    const { regex } = compiled;
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const span = m.indices?.groups?.secret ?? m.indices?.[0];
      if (!span) continue;
      const secret = text.slice(span[0], span[1]);
      if (this.accepts(compiled, secret)) out.push({ compiled, secret, start: span[0], end: span[1] });
    }
  }

  private accepts(compiled: CompiledRule, secret: string): boolean {
    const { rule } = compiled;
    if (isPlaceholder(secret.slice(longestPrefix(secret, rule.prefixes).length))) return false;
    for (const v of rule.validators ?? []) if (!runValidator(v, rule, secret)) return false;
    if (compiled.allow.some((re) => re.test(secret))) return false;
    return !(this.policy.allowValues ?? []).some((re) => re.test(secret));
  }

  private toFinding(change: FileChange, added: AddedLine, c: Candidate): Finding | null {
    const { line, text } = added;
    const { rule } = c.compiled;
    const fp = fingerprint(rule.id, change.path, c.secret);
    if (this.policy.ignoreFingerprints?.has(fp)) return null;
    const finding: Finding = {
      ruleId: rule.id,
      provider: rule.provider,
      severity: rule.severity,
      description: rule.description,
      path: change.path,
      line,
      column: c.start + 1,
      endColumn: c.end + 1,
      redacted: redact(c.secret, rule.prefixes),
      fingerprint: fp,
      commit: change.commit ?? null,
      source: change.source ?? 'diff',
    };
    rawSecrets.set(finding, c.secret);
    lineTexts.set(finding, text);
    return finding;
  }

  /** Second pass for paired rules, only on lines near a finding of the rule they pair with. */
  private scanPaired(change: FileChange, findings: Finding[]): void {
    const firstPass = [...findings];
    for (const compiled of this.paired) {
      const near = compiled.rule.near!;
      const anchors = firstPass.filter((f) => f.ruleId === near.ruleId);
      if (!anchors.length) continue;
      for (const added of change.lines) {
        if (!anchors.some((a) => Math.abs(a.line - added.line) <= near.lines)) continue;
        const taken = findings.filter((f) => f.line === added.line);
        const fresh: Finding[] = [];
        this.scanLine(change, added, new Set([compiled]), fresh);
        for (const f of fresh) {
          const overlapping = taken.filter((t) => t.column < f.endColumn && f.column < t.endColumn);
          // A paired provider hit beats a generic hit on the same text, as in dropShadowed.
          if (!overlapping.every((t) => this.genericIds.has(t.ruleId))) continue;
          for (const t of overlapping) findings.splice(findings.indexOf(t), 1);
          findings.push(f);
        }
      }
    }
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
  }
}

/**
 * De-duplication on one line: a generic hit inside a provider hit is dropped, and where two
 * provider rules claim overlapping text the more severe, then longer, one wins.
 */
function dropShadowed(candidates: Candidate[]): Candidate[] {
  if (candidates.length < 2) return candidates;
  // Only candidates chained by overlaps compete, so rank within each such cluster: a long line
  // of many separate hits stays linear instead of comparing every pair.
  const byStart = [...candidates].sort((a, b) => a.start - b.start);
  const kept: Candidate[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  for (const c of byStart) {
    if (c.start >= clusterEnd && cluster.length) {
      kept.push(...resolveCluster(cluster));
      cluster = [];
    }
    cluster.push(c);
    clusterEnd = Math.max(clusterEnd, c.end);
  }
  kept.push(...resolveCluster(cluster));
  return kept;
}

function resolveCluster(cluster: Candidate[]): Candidate[] {
  if (cluster.length < 2) return cluster;
  const ranked = [...cluster].sort(
    (a, b) =>
      Number(a.compiled.rule.generic ?? false) - Number(b.compiled.rule.generic ?? false) ||
      SEVERITY_ORDER[b.compiled.rule.severity] - SEVERITY_ORDER[a.compiled.rule.severity] ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of ranked) {
    if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Convenience for callers with whole files: every line is "added". */
export function wholeFile(path: string, text: string, source: Source = 'file'): FileChange {
  const lines = text.split(/\r?\n/).map((t, i) => ({ line: i + 1, text: t }));
  return { path, lines, source };
}
