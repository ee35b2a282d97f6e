// Markdown pieces the review body and the job summary share: the "do this now" steps with the
// providers' key pages, the checklist, the notes, and the cells of a findings table.
import { envVarFor } from '../guidance/advice.js';
import { keyPageFor } from '../guidance/key-pages.js';
import type { Finding, Rule, Severity } from '../scan/types.js';
import { findingUrl, secretNameFor, shortSha, commitUrl, type RepoLinks, type ScanNote } from './context.js';
import { codeSpan, escapeText, link, trusted, type Markdown } from './markdown-escape.js';
import { ARTICLE_TITLE, ARTICLE_URL, type Catalogue } from './messages.js';

export const SEVERITY_ICON: Record<Severity, string> = { high: '🔴', medium: '🟠', low: '🟡' };

/** At most this many providers in the key-page table, and env vars in step 2. */
const MAX_PROVIDERS = 20;
const MAX_ENV_VARS = 6;
const MAX_NOTES = 20;
const MAX_NOTE_LENGTH = 1000;

export function isTextSource(finding: Finding): boolean {
  return finding.source === 'pull-request' || finding.source === 'comment';
}

/** One row of a markdown table; cells must already be safe for a table (no raw `|`). */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function tableHead(cells: readonly string[]): string {
  return `${tableRow(cells.map((c) => escapeText(c)))}\n${tableRow(cells.map(() => '---'))}`;
}

function distinct<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** The key-page table: one row per provider among the findings. */
function providersTable(findings: readonly Finding[], t: Catalogue): string {
  const providers = distinct(findings.map((f) => f.provider));
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

/** `NAME: ${{ secrets.NAME }}`, the line a workflow's `env:` block needs. */
export function secretExpression(envVar: string): Markdown {
  return codeSpan(`${envVar}: \${{ secrets.${secretNameFor(envVar)} }}`);
}

/**
 * The numbered "do this now" steps: revoke (with the providers' key pages), move to secrets,
 * clean the history; for keys in pull-request text, edit the text instead.
 */
export function remediationSteps(
  findings: readonly Finding[],
  rules: ReadonlyMap<string, Rule>,
  t: Catalogue,
): string {
  const indent = (text: string) =>
    text
      .split('\n')
      .map((line) => (line ? `   ${line}` : line))
      .join('\n');
  const steps: string[] = [`${t.stepRevoke}\n\n${indent(providersTable(findings, t))}`];
  const inCode = findings.filter((f) => !isTextSource(f));
  if (inCode.length) {
    const envVars = distinct(inCode.map((f) => envVarFor(f, rules.get(f.ruleId))));
    const list = envVars.slice(0, MAX_ENV_VARS).map((v) => codeSpan(v));
    if (envVars.length > MAX_ENV_VARS) list.push(trusted('…'));
    steps.push(t.stepSecrets(trusted(list.join(', ')), secretExpression(envVars[0]!)));
    steps.push(t.stepHistory);
  }
  if (inCode.length < findings.length) steps.push(t.stepEditText);
  // Blank lines between the steps: the table inside step 1 must end before step 2 starts.
  return steps.map((s, i) => `${i + 1}. ${s}`).join('\n\n');
}

/** The checklist, with the article cited. */
export function checklist(t: Catalogue): string {
  const items = t.checklist.map((item) => `- ${item}`).join('\n');
  return `### ${t.checklistHeading}\n\n${items}\n\n${t.source(link(escapeText(ARTICLE_TITLE), ARTICLE_URL))}`;
}

export function notesList(notes: readonly ScanNote[], t: Catalogue): string {
  const shown = notes
    .slice(0, MAX_NOTES)
    .map((n) => (n.kind === 'text' ? escapeText(n.text, MAX_NOTE_LENGTH) : t.note(n)));
  return shown.map((n) => `- ${n}`).join('\n');
}

/** The location cell: `path:line`, linked to the file at the finding's commit when possible. */
export function locationCell(finding: Finding, links: RepoLinks, t: Catalogue): Markdown {
  if (isTextSource(finding)) return escapeText(t.pullRequestText);
  return link(escapeText(`${finding.path}:${finding.line}`), findingUrl(links, finding));
}

export function severityCell(finding: Finding, blocks: boolean, t: Catalogue): string {
  return `${SEVERITY_ICON[finding.severity]} ${t.severity[finding.severity]}${blocks ? ` (${t.blocksMerge})` : ''}`;
}

export function commitCell(finding: Finding, links: RepoLinks): Markdown {
  const short = shortSha(finding.commit);
  if (!short) return trusted('—');
  return link(codeSpan(short, { table: true }), commitUrl(links, finding.commit));
}
