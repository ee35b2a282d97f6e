// The scanning engine: keyword pass → regexes → validators → allowlists → de-duplication.
// Rules are data (src/scan/rules); this file knows nothing about any provider.
import {
  credentialFileFinding,
  credentialFileKinds,
  type CheckedFile,
  type CredentialFileKind,
} from './credential-files.js';
import { fingerprint, longestPrefix, redact } from './redact.js';
import type { RuleNote } from './rule-notes.js';
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
  /** Time (ms) a custom rule may spend on one file before it is stopped there; default 2 s. */
  customRuleBudgetMs?: number;
  /** Time (ms) a custom rule may spend on the whole scan before it is off for the rest; default 30 s. */
  customRuleScanBudgetMs?: number;
  /** Custom rules skip lines longer than this (characters); default 16 KiB. */
  customRuleMaxLineLength?: number;
  /** After passing the budget in this many files, a custom rule is off for the scan; default 2. */
  customRuleStrikes?: number;
  /** The clock (ms) the budget is measured with; `performance.now` unless a test fakes it. */
  now?: () => number;
}

// The time budget of custom rules. A JavaScript regex cannot be interrupted once it runs, so the
// clock is read between lines: a rule is stopped at the first line that takes it past the budget,
// which bounds a file's cost to the budget plus one line. One line is bounded by the length cap:
// a pattern that is quadratic on a failing line (`[a-z]+!`) takes well under a second on 16 KiB;
// one of higher degree (`[a-z]*[a-z]*!`, cubic) can still take seconds on a line of a few KiB,
// which nothing in-process can cut short (the load-time check refuses the exponential forms).
export const CUSTOM_RULE_BUDGET_MS = 2000;
export const CUSTOM_RULE_SCAN_BUDGET_MS = 30_000;
export const CUSTOM_RULE_MAX_LINE_LENGTH = 16 * 1024;
export const CUSTOM_RULE_STRIKES = 2;

/** Per-file bookkeeping of the custom rules' time; null for a scanner without custom rules. */
interface FileBudget {
  spent: Map<CompiledRule, number>;
  stopped: Set<CompiledRule>;
  longLines: number;
  longRules: Set<string>;
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
  /** Custom rules get a time budget per file: JavaScript cannot interrupt a running regex. */
  private readonly hasCustom: boolean;
  private readonly budgetMs: number;
  private readonly maxLineLength: number;
  private readonly scanBudgetMs: number;
  private readonly strikeLimit: number;
  private readonly now: () => number;
  private readonly strikes = new Map<CompiledRule, number>();
  private readonly scanSpent = new Map<CompiledRule, number>();
  private readonly offForScan = new Set<CompiledRule>();
  /** What the scan skipped so far (custom rules stopped or held back), in order. */
  readonly notes: RuleNote[] = [];

  constructor(
    rules: readonly Rule[],
    private readonly policy: ScanPolicy = {},
  ) {
    this.compiled = rules.map(compileRule);
    this.hasCustom = rules.some((r) => r.custom);
    this.budgetMs = policy.customRuleBudgetMs ?? CUSTOM_RULE_BUDGET_MS;
    this.maxLineLength = policy.customRuleMaxLineLength ?? CUSTOM_RULE_MAX_LINE_LENGTH;
    this.scanBudgetMs = policy.customRuleScanBudgetMs ?? CUSTOM_RULE_SCAN_BUDGET_MS;
    this.strikeLimit = policy.customRuleStrikes ?? CUSTOM_RULE_STRIKES;
    this.now = policy.now ?? (() => performance.now());
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
    const budget: FileBudget | null = this.hasCustom
      ? { spent: new Map(), stopped: new Set(), longLines: 0, longRules: new Set() }
      : null;
    change.lines.forEach((added, i) => {
      const rules = selected[i];
      if (rules || this.alwaysRun.length)
        this.scanLine(change, added, rules ?? new Set(this.alwaysRun), findings, budget);
    });
    if (this.paired.length && findings.length) this.scanPaired(change, findings, budget);
    if (budget?.longLines)
      this.notes.push({
        kind: 'rule-long-lines',
        ruleIds: [...budget.longRules].sort(),
        path: change.path,
        lines: budget.longLines,
        maxLength: this.maxLineLength,
      });
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

  private scanLine(
    change: FileChange,
    added: AddedLine,
    rules: Set<CompiledRule>,
    out: Finding[],
    budget: FileBudget | null,
  ): void {
    if (rules.size === 0 || added.text.includes(IGNORE_MARKER)) return;
    const candidates: Candidate[] = [];
    let tooLong = false;
    for (const compiled of rules) {
      if (!budget || !compiled.rule.custom) this.match(compiled, added.text, candidates);
      else if (added.text.length > this.maxLineLength) {
        // One regex call cannot be interrupted, and a custom pattern may be polynomial on a long
        // line: the cap bounds what the clock checks between lines cannot.
        if (!budget.stopped.has(compiled) && !this.offForScan.has(compiled)) {
          tooLong = true;
          budget.longRules.add(compiled.rule.id);
        }
      } else this.matchTimed(change, compiled, added.text, candidates, budget);
    }
    if (tooLong) budget!.longLines++;
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

  /**
   * A custom rule's match, timed: the clock is read around each line's run. Once the rule's time
   * in this file passes the budget it is stopped for the rest of the file (after `strikeLimit`
   * such files, or past the scan budget, for the rest of the scan) and a note names it.
   */
  private matchTimed(
    change: FileChange,
    compiled: CompiledRule,
    text: string,
    out: Candidate[],
    budget: FileBudget,
  ): void {
    if (budget.stopped.has(compiled) || this.offForScan.has(compiled)) return;
    const t0 = this.now();
    this.match(compiled, text, out);
    const took = this.now() - t0;
    const spent = (budget.spent.get(compiled) ?? 0) + took;
    const total = (this.scanSpent.get(compiled) ?? 0) + took;
    budget.spent.set(compiled, spent);
    this.scanSpent.set(compiled, total);
    const note = { kind: 'rule-timeout', ruleId: compiled.rule.id, path: change.path } as const;
    if (spent > this.budgetMs) {
      budget.stopped.add(compiled);
      const strikes = (this.strikes.get(compiled) ?? 0) + 1;
      this.strikes.set(compiled, strikes);
      const forScan = strikes >= this.strikeLimit || total > this.scanBudgetMs;
      if (forScan) this.offForScan.add(compiled);
      this.notes.push({ ...note, spentMs: spent, budgetMs: this.budgetMs, per: 'file', forScan });
    } else if (total > this.scanBudgetMs) {
      this.offForScan.add(compiled);
      this.notes.push({ ...note, spentMs: total, budgetMs: this.scanBudgetMs, per: 'scan', forScan: true });
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
  private scanPaired(change: FileChange, findings: Finding[], budget: FileBudget | null): void {
    const firstPass = [...findings];
    for (const compiled of this.paired) {
      const near = compiled.rule.near!;
      const anchors = firstPass.filter((f) => f.ruleId === near.ruleId);
      if (!anchors.length) continue;
      for (const added of change.lines) {
        if (!anchors.some((a) => Math.abs(a.line - added.line) <= near.lines)) continue;
        const taken = findings.filter((f) => f.line === added.line);
        const fresh: Finding[] = [];
        this.scanLine(change, added, new Set([compiled]), fresh, budget);
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
  const parts = text.split(/\r?\n/);
  // A final newline ends the last line; it does not start another.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const lines = parts.map((t, i) => ({ line: i + 1, text: t }));
  return { path, lines, source };
}
