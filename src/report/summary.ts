// The job summary ($GITHUB_STEP_SUMMARY): the outcome, every finding with a link to its line,
// what was scanned, notes, what to do next, and a footer. Pure: the caller writes the string.
import type { FailOn } from '../scan/collect.js';
import type { Finding, Rule } from '../scan/types.js';
import { bySeverity, isBlocking, type RepoLinks, type ScanNote } from './context.js';
import { codeSpan, escapeText } from './markdown-escape.js';
import { afterwardsList, doNowSteps } from './guidance.js';
import { catalogue, type Locale } from './messages.js';
import { commitCell, locationCell, notesList, severityCell, tableHead, tableRow } from './sections.js';
import type { ScanStats } from './stats.js';

/** GitHub's limit on one step's summary: 1 MiB, in bytes. */
export const SUMMARY_BYTE_LIMIT = 1024 * 1024;

export interface SummaryInput {
  findings: readonly Finding[];
  rules: ReadonlyMap<string, Rule>;
  failOn: FailOn;
  /** What was scanned; `commits` is the number of commits whose changes were read. */
  stats: ScanStats & { commits?: number };
  links: RepoLinks;
  notes?: readonly ScanNote[];
  /** How many GitHub API requests the run made. */
  apiCalls?: number;
  /** The tool's version (src/version.ts). */
  version: string;
  /** Findings an earlier run reported (e.g. `fingerprintsIn` of the earlier review): when none
   * remain, the summary says they are resolved but the keys must still be revoked. */
  previousFindings?: number;
  locale?: Locale;
  /** What the run scanned: a change set (default), or the text of a comment or an issue. */
  subject?: 'changes' | 'text';
  /** For tests; 1 MiB otherwise. */
  maxBytes?: number;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
// Room kept for the truncation line.
const TRUNCATION_RESERVE = 400;

export function renderJobSummary(input: SummaryInput): string {
  const t = catalogue(input.locale);
  const limit = input.maxBytes ?? SUMMARY_BYTE_LIMIT;
  const findings = bySeverity(input.findings, (f) => f);
  const blocking = findings.filter((f) => isBlocking(f, input.failOn)).length;
  const failOn = codeSpan(input.failOn);

  const lead: string[] = [`## ${t.summaryHeading(blocking > 0)}`];
  if (findings.length) lead.push(t.summaryLead(findings.length, blocking, failOn));
  else if (input.previousFindings) lead.push(t.summaryResolved(input.previousFindings));
  else lead.push(input.subject === 'text' ? t.summaryCleanText : t.summaryClean);

  const { stats } = input;
  // Files and lines mean nothing for one comment's text.
  const totals =
    input.subject === 'text'
      ? []
      : [
          `### ${t.totalsHeading}`,
          [
            tableHead(t.totalsHeader),
            tableRow([
              t.count(stats.files),
              t.count(stats.addedLines),
              t.count(stats.binaryFiles ?? 0),
              stats.commits === undefined ? '—' : t.count(stats.commits),
            ]),
          ].join('\n'),
        ];
  const rest = [
    ...totals,
    ...(input.notes?.length ? [`### ${t.notesHeading}`, notesList(input.notes, t)] : []),
    ...(findings.length
      ? [
          `### ${t.nextStepsHeading}`,
          doNowSteps(
            findings.map((finding) => ({ finding })),
            input.rules,
            t,
          ),
          afterwardsList(t),
        ]
      : input.previousFindings
        ? [`### ${t.nextStepsHeading}`, afterwardsList(t)]
        : []),
    `---\n\n<sub>${t.summaryFooter(escapeText(input.version, 40), input.apiCalls)}</sub>`,
  ];

  const rows = findings.map((f) =>
    tableRow([
      locationCell(f, input.links, t),
      escapeText(f.provider),
      severityCell(f, isBlocking(f, input.failOn), t),
      codeSpan(f.redacted, { table: true }),
      commitCell(f, input.links),
      codeSpan(f.fingerprint, { table: true }),
    ]),
  );
  const assemble = (shown: number): string => {
    const table = findings.length
      ? [[tableHead(t.summaryTableHeader), ...rows.slice(0, shown)].join('\n')]
      : [];
    if (shown < findings.length) table.push(`*${t.summaryTruncated(shown, findings.length)}*`);
    return [...lead, ...table, ...rest].join('\n\n') + '\n';
  };

  let used = bytes(assemble(0)) + TRUNCATION_RESERVE;
  let shown = 0;
  while (shown < rows.length) {
    const size = bytes(rows[shown]!) + 1;
    if (used + size > limit) break;
    used += size;
    shown++;
  }
  let summary = assemble(shown);
  while (bytes(summary) > limit && shown > 0) summary = assemble(--shown);
  return summary;
}
