// Markdown pieces the review body and the job summary share: the notes and the cells of a
// findings table. The remediation steps are laid out by guidance.ts.
import { isTextSource } from '../guidance/situations.js';
import type { Finding, Severity } from '../scan/types.js';
import { findingUrl, shortSha, commitUrl, type RepoLinks, type ScanNote } from './context.js';
import { codeSpan, escapeText, link, trusted, type Markdown } from './markdown-escape.js';
import type { Catalogue } from './messages.js';

export { isTextSource };

export const SEVERITY_ICON: Record<Severity, string> = { high: '🔴', medium: '🟠', low: '🟡' };

const MAX_NOTES = 20;
const MAX_NOTE_LENGTH = 1000;

/** One row of a markdown table; cells must already be safe for a table (no raw `|`). */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function tableHead(cells: readonly string[]): string {
  return `${tableRow(cells.map((c) => escapeText(c)))}\n${tableRow(cells.map(() => '---'))}`;
}

export function notesList(notes: readonly ScanNote[], t: Catalogue): string {
  const shown = notes
    .slice(0, MAX_NOTES)
    .map((n) => (n.kind === 'text' ? escapeText(n.text, MAX_NOTE_LENGTH) : t.note(n)));
  return shown.map((n) => `- ${n}`).join('\n');
}

/** The location cell: `path:line`, linked to the file at the finding's commit when possible. */
export function locationCell(finding: Finding, links: RepoLinks, t: Catalogue): Markdown {
  if (finding.source === 'comment') return escapeText(t.commentText);
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
