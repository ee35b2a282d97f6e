// Lays the remediation catalogue out for each output: the review body's "do now" steps (one per
// situation among the findings, with the providers' key pages) and "afterwards" list, the two or
// three steps of one finding (inline comment, annotation, CLI line), and a suggestion's note.
// Every step ends with its citation. The facts a step quotes (paths, variable names, commands)
// come from the finding and are escaped here, never by the catalogue.
import {
  AFTERWARD_CITATIONS,
  AFTERWARDS,
  CITATIONS,
  type Citation,
  type Format,
  type Guidance,
  type LineFacts,
  type NowFacts,
} from '../guidance/catalogue.js';
import { envVarFor } from '../guidance/advice.js';
import {
  buildSecretMount,
  ciSecretReference,
  gitignoreEntry,
  runtimeEnvironment,
  untrackCommand,
} from '../guidance/commands.js';
import { keyPageFor } from '../guidance/key-pages.js';
import {
  ciSystemOf,
  isDotenvFinding,
  isTextSource,
  isWholeFileFinding,
  situationsAmong,
  situationsOf,
  type CiSystem,
  type Situation,
} from '../guidance/situations.js';
import type { SuggestionNote } from '../guidance/suggestion.js';
import type { Finding, Rule } from '../scan/types.js';
import { secretNameFor, type BodyReason } from './context.js';
import { codeSpan, escapeText, link, trusted } from './markdown-escape.js';
import { ARTICLE_TITLE, ARTICLE_URL, type Catalogue } from './messages.js';
import { tableHead, tableRow } from './sections.js';

/** How facts and citations are written: markdown for GitHub, plain text for annotations and the CLI. */
interface Style {
  format: Format;
  code(text: string): string;
  text(text: string): string;
  link(label: string, url: string): string;
  citeLink(label: string): string;
}

const MARKDOWN: Style = {
  format: { code: (text) => codeSpan(text), strong: (text) => `**${text}**` },
  code: (text) => codeSpan(text),
  text: (text) => escapeText(text),
  link: (label, url) => link(escapeText(label), url),
  citeLink: (label) => link(trusted(label), ARTICLE_URL),
};

const PLAIN: Style = {
  format: { code: (text) => text, strong: (text) => text },
  code: (text) => text,
  text: (text) => text,
  link: (_label, url) => url,
  citeLink: (label) => label,
};

/** At most this many providers in the key-page table, and names in a step's list. */
const MAX_PROVIDERS = 20;
const MAX_LISTED = 6;

/** `(article §1, §3)`, linked to the article in markdown; the project's own reasoning unlinked. */
function citation(citations: readonly Citation[], g: Guidance, style: Style): string {
  const article = citations.filter((c): c is Exclude<Citation, 'project'> => c !== 'project');
  const parts = article.length ? [style.citeLink(g.cite(article))] : [];
  if (citations.includes('project')) parts.push(g.projectCite);
  return `(${parts.join('; ')})`;
}

function distinct<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** Names as a list of code spans, the first few of them. */
function codeList(names: readonly string[], style: Style): string {
  const shown = names.slice(0, MAX_LISTED).map((n) => style.code(n));
  return shown.join(', ') + (names.length > MAX_LISTED ? ', …' : '');
}

function lineFacts(
  finding: Finding,
  rule: Rule | undefined,
  style: Style,
  reason: BodyReason | undefined,
): LineFacts {
  const envVar = envVarFor(finding, rule);
  const page = keyPageFor(finding.provider);
  const dotenv = isDotenvFinding(finding);
  // Outside a CI file, the example is GitHub Actions: the pull request runs there.
  const reference = (system: CiSystem) =>
    style.code(ciSecretReference(system, envVar, secretNameFor(envVar)));
  return {
    revoke: {
      provider: style.text(finding.provider),
      keyPage: page ? style.link(page.label, page.url) : undefined,
      exposure: isTextSource(finding)
        ? 'text'
        : finding.source === 'file' || reason === 'removed-later'
          ? 'none'
          : 'commit',
      wholeFile: isWholeFileFinding(finding),
    },
    discussion: {},
    'untrack-file': {
      file: style.code(finding.path),
      command: style.code(untrackCommand([finding.path])),
      ignoreEntry: style.code(gitignoreEntry(finding.path, dotenv)),
      dotenv,
    },
    'ci-secret': { reference: reference(ciSystemOf(finding.path) ?? 'github') },
    'docker-build': {
      buildSecret: style.code(buildSecretMount(envVar)),
      runtime: style.code(runtimeEnvironment(envVar)),
    },
    environment: { envVar: style.code(envVar), reference: reference('github') },
    history: {},
  };
}

// The catalogue's steps are keyed by situation; these keep each step paired with its own facts.
function lineStep<S extends Situation>(g: Guidance, s: S, f: Format, facts: LineFacts[S]): string {
  return g.line[s](f, facts);
}

function nowStep<S extends Situation>(g: Guidance, s: S, f: Format, facts: NowFacts[S]): string {
  return g.now[s](f, facts);
}

/** The steps for one finding, each with its citation: revoke, then the one that fits the line. */
function stepsFor(
  finding: Finding,
  rule: Rule | undefined,
  t: Catalogue,
  style: Style,
  reason?: BodyReason,
): string[] {
  const facts = lineFacts(finding, rule, style, reason);
  return situationsOf(finding, reason).map(
    (s) => `${lineStep(t.guidance, s, style.format, facts[s])} ${citation(CITATIONS[s], t.guidance, style)}`,
  );
}

/** The numbered steps of an inline comment. */
export function inlineSteps(
  finding: Finding,
  rule: Rule | undefined,
  t: Catalogue,
  reason?: BodyReason,
): string[] {
  return stepsFor(finding, rule, t, MARKDOWN, reason).map((step, i) => `${i + 1}. ${step}`);
}

/** The same steps as one line of plain text, for annotations, SARIF and the CLI. */
export function plainAdvice(
  finding: Finding,
  rule: Rule | undefined,
  t: Catalogue,
  reason?: BodyReason,
): string {
  return stepsFor(finding, rule, t, PLAIN, reason).join(' ');
}

/** What else a suggested change needs, in the reader's language. */
export function suggestionNoteText(note: SuggestionNote, t: Catalogue): string {
  return t.guidance.suggestionNote(MARKDOWN.format, note);
}

/**
 * The key-page table: one row per provider among the findings. A committed credential file
 * holds keys of unknown providers, so it has no row (its own step says where to revoke); with
 * nothing else the table is left out.
 */
function providersTable(findings: readonly Finding[], t: Catalogue): string {
  const providers = distinct(findings.filter((f) => !isWholeFileFinding(f)).map((f) => f.provider));
  if (providers.length === 0) return '';
  const rows = providers.slice(0, MAX_PROVIDERS).map((provider) => {
    const page = keyPageFor(provider);
    return tableRow([
      escapeText(provider),
      page ? link(escapeText(page.label), page.url) : escapeText(t.noKeyPage),
    ]);
  });
  if (providers.length > MAX_PROVIDERS)
    rows.push(tableRow([escapeText(t.moreProviders(providers.length - MAX_PROVIDERS)), '']));
  return [tableHead(t.revokeTableHeader), ...rows].join('\n');
}

/** A finding, and why the review lists it in its body when it does. */
export interface GuidedFinding {
  finding: Finding;
  reason?: BodyReason;
}

/**
 * The numbered "do this now" steps for the situations among the findings, in order: revoke (with
 * the providers' key pages), edit discussions, untrack committed files, CI secrets, Docker build
 * secrets, environment variables, then the history.
 */
export function doNowSteps(
  items: readonly GuidedFinding[],
  rules: ReadonlyMap<string, Rule>,
  t: Catalogue,
): string {
  const f = MARKDOWN.format;
  const withSituations = items.map((item) => ({
    ...item,
    situations: situationsOf(item.finding, item.reason),
  }));
  const findingsIn = (s: Situation) =>
    withSituations.filter((x) => x.situations.includes(s)).map((x) => x.finding);
  const envVarOf = (finding: Finding) => envVarFor(finding, rules.get(finding.ruleId));

  const untracked = findingsIn('untrack-file');
  const untrackPaths = distinct(untracked.map((x) => x.path));
  const inCi = findingsIn('ci-secret');
  const inDocker = findingsIn('docker-build');
  const ciVar = inCi[0] ? envVarOf(inCi[0]) : '';
  const dockerVar = inDocker[0] ? envVarOf(inDocker[0]) : '';
  const facts: NowFacts = {
    revoke: { inCommits: items.some((x) => !isTextSource(x.finding)) },
    discussion: {},
    'untrack-file': {
      command:
        codeSpan(untrackCommand(untrackPaths.slice(0, MAX_LISTED))) +
        (untrackPaths.length > MAX_LISTED ? ' …' : ''),
      files: untrackPaths.length,
      dotenv: untracked.some(isDotenvFinding),
    },
    'ci-secret': {
      files: codeList(distinct(inCi.map((x) => x.path)), MARKDOWN),
      reference: codeSpan(
        ciSecretReference(ciSystemOf(inCi[0]?.path ?? '') ?? 'github', ciVar, secretNameFor(ciVar)),
      ),
    },
    'docker-build': {
      buildSecret: codeSpan(buildSecretMount(dockerVar)),
      runtime: codeSpan(runtimeEnvironment(dockerVar)),
    },
    environment: { envVars: codeList(distinct(findingsIn('environment').map(envVarOf)), MARKDOWN) },
    history: {},
  };

  const indent = (text: string) =>
    text
      .split('\n')
      .map((line) => (line ? `   ${line}` : line))
      .join('\n');
  const steps = situationsAmong(items).map((s) => {
    const step = `${nowStep(t.guidance, s, f, facts[s])} ${citation(CITATIONS[s], t.guidance, MARKDOWN)}`;
    const table = s === 'revoke' ? providersTable(distinct(items.map((x) => x.finding)), t) : '';
    return table ? `${step}\n\n${indent(table)}` : step;
  });
  // Blank lines between the steps: the table inside step 1 must end before step 2 starts.
  return steps.map((s, i) => `${i + 1}. ${s}`).join('\n\n');
}

/** The practices to keep afterwards, each cited, then the article. */
export function afterwardsList(t: Catalogue): string {
  const items = AFTERWARDS.map(
    (a) => `- ${t.guidance.afterwards[a]} ${citation(AFTERWARD_CITATIONS[a], t.guidance, MARKDOWN)}`,
  );
  return `### ${t.checklistHeading}\n\n${items.join('\n')}\n\n${t.source(link(escapeText(ARTICLE_TITLE), ARTICLE_URL))}`;
}
