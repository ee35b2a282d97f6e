// The pull-request review: a body that opens with what to do now (revoke, then the steps that fit
// where the keys were found), lists the findings that cannot sit on a line, and ends with the
// practices to keep afterwards; and one short inline comment per finding that can, with the two
// or three steps that fit its line. Pure: strings in, markdown out.
import { isWholeFileFinding } from '../guidance/situations.js';
import type { Suggestion } from '../guidance/suggestion.js';
import type { FailOn } from '../scan/collect.js';
import type { Finding, Rule } from '../scan/types.js';
import {
  bySeverity,
  isBlocking,
  type BodyReason,
  type PlacedFinding,
  type RepoLinks,
  type ScanNote,
} from './context.js';
import { fingerprintMarker, RESOLVED_MARKER, REVIEW_MARKER, STICKY_MARKER } from './markers.js';
import { codeSpan, escapeText, link, trusted } from './markdown-escape.js';
import { afterwardsList, doNowSteps, inlineSteps, suggestionNoteText } from './guidance.js';
import { catalogue, type Catalogue, type Locale } from './messages.js';
import {
  commitCell,
  isTextSource,
  locationCell,
  notesList,
  severityCell,
  SEVERITY_ICON,
  tableHead,
  tableRow,
} from './sections.js';

/** GitHub's limit on a review or comment body, in characters. */
export const REVIEW_BODY_LIMIT = 65_536;

export interface ReviewInput {
  findings: readonly PlacedFinding[];
  rules: ReadonlyMap<string, Rule>;
  /** The blocking threshold (`fail-on`). */
  failOn: FailOn;
  links: RepoLinks;
  notes?: readonly ScanNote[];
  locale?: Locale;
  /** The marker that opens the body: `review` (default), or `sticky` for the sticky comment. */
  marker?: 'review' | 'sticky';
  /** For tests; GitHub's limit otherwise. */
  maxLength?: number;
}

export interface InlineContext {
  rules: ReadonlyMap<string, Rule>;
  failOn: FailOn;
  locale?: Locale;
  /** A replacement for the finding's line (src/guidance/suggestion.ts); never holds the secret. */
  suggestion?: Suggestion | null;
  /** Why the finding is not on a line of the diff, if it is not (`removed-later`: the history). */
  reason?: BodyReason;
}

// Characters a suggested line must not carry: it is posted verbatim (escaping would change the
// code), so a line with controls, bidirectional overrides or zero-width characters, which would
// hide or reorder what the reviewer reads ("Trojan source"), gets guidance without a suggestion.
// A tab is ordinary code.
const UNSHOWABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/**
 * A ```suggestion block: fenced with more backticks than the line holds, and left out when the
 * line would read as one of the action's hidden markers or holds a character it cannot show.
 */
function suggestionBlock(suggestion: Suggestion, t: Catalogue): string[] {
  if (/<!--\s*api-key-guard/i.test(suggestion.line) || UNSHOWABLE.test(suggestion.line)) return [];
  const longest = Math.max(0, ...(suggestion.line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const block = ['', t.inlineSuggestion, `${fence}suggestion`, suggestion.line, fence];
  if (suggestion.note) block.push(suggestionNoteText(suggestion.note, t));
  return block;
}

function bodyRow(finding: Finding, reason: BodyReason, input: ReviewInput, t: Catalogue): string {
  return tableRow([
    locationCell(finding, input.links, t),
    escapeText(finding.provider),
    severityCell(finding, isBlocking(finding, input.failOn), t),
    codeSpan(finding.redacted, { table: true }),
    commitCell(finding, input.links),
    escapeText(t.reason[reason]),
  ]);
}

// Room kept for the "…and N more" line, whose length depends on N and the run link.
const MORE_LINE_RESERVE = 600;

/**
 * The review body. Findings placed `body` are listed in a table, most severe first, each with a
 * fingerprint marker at the end of the body; when the body would pass `maxLength` (65,536), the
 * table keeps the first findings and says how many more are in the job summary.
 */
export function renderReviewBody(input: ReviewInput): string {
  const t = catalogue(input.locale);
  const limit = input.maxLength ?? REVIEW_BODY_LIMIT;
  const all = input.findings.map((p) => p.finding);
  const blocking = all.filter((f) => isBlocking(f, input.failOn)).length;
  const bodyItems = bySeverity(
    input.findings.filter((p): p is Extract<PlacedFinding, { placement: 'body' }> => p.placement === 'body'),
    (p) => p.finding,
  );
  const inlineCount = all.length - bodyItems.length;
  const failOn = codeSpan(input.failOn);
  const runLink = input.links.runUrl;

  const head = [
    input.marker === 'sticky' ? STICKY_MARKER : REVIEW_MARKER,
    `## ${t.reviewHeading(all.length)}`,
    t.reviewLead(all.length, blocking, failOn),
    `### ${t.doNowHeading}`,
    doNowSteps(
      bySeverity(input.findings, (p) => p.finding).map((p) =>
        p.placement === 'body' ? { finding: p.finding, reason: p.reason } : { finding: p.finding },
      ),
      input.rules,
      t,
    ),
  ];
  const tail = [
    afterwardsList(t),
    ...(input.notes?.length ? [`### ${t.notesHeading}`, notesList(input.notes, t)] : []),
    `<sub>${t.reviewFooter(runLink ? link(escapeText(t.workflowRunLink), runLink) : undefined)}</sub>`,
  ];

  const rows = bodyItems.map((p) => bodyRow(p.finding, p.reason, input, t));
  const markers = bodyItems.map((p) => fingerprintMarker(p.finding.fingerprint));
  const assemble = (shown: number): string => {
    const table: string[] = [];
    if (bodyItems.length) {
      table.push(
        `### ${t.bodyFindingsHeading}`,
        [tableHead(t.bodyTableHeader), ...rows.slice(0, shown)].join('\n'),
      );
      if (shown < bodyItems.length)
        table.push(
          t.moreInSummary(
            bodyItems.length - shown,
            runLink ? link(escapeText(t.jobSummaryLink), runLink) : trusted(t.jobSummaryLink),
          ),
        );
    }
    if (inlineCount > 0 && bodyItems.length) table.push(t.inlineElsewhere(inlineCount));
    const ids = markers.slice(0, shown);
    return [...head, ...table, ...tail, ...(ids.length ? [ids.join('\n')] : [])].join('\n\n') + '\n';
  };

  // Greedy: the fixed parts first, then rows (each with its marker) while they fit.
  let used = assemble(0).length + MORE_LINE_RESERVE;
  let shown = 0;
  while (shown < rows.length && used + rows[shown]!.length + markers[shown]!.length + 2 <= limit) {
    used += rows[shown]!.length + markers[shown]!.length + 2;
    shown++;
  }
  let body = assemble(shown);
  while (body.length > limit && shown > 0) body = assemble(--shown);
  return body;
}

/**
 * The comment on a finding's line: severity, rule id and redacted value, then the steps that fit
 * the line (revoke this key at the provider's page, then one of: an environment variable, CI
 * secrets, untracking a committed `.env`, a Docker build secret, the history), a suggested change
 * when one applies, then the finding's fingerprint marker.
 */
export function renderInlineComment(finding: Finding, ctx: InlineContext): string {
  const t = catalogue(ctx.locale);
  const lines = [
    t.inlineHeading(
      `${SEVERITY_ICON[finding.severity]} ${t.severity[finding.severity]}`,
      escapeText(finding.description),
      codeSpan(finding.redacted),
      codeSpan(finding.ruleId),
      isBlocking(finding, ctx.failOn),
    ),
    '',
    ...inlineSteps(finding, ctx.rules.get(finding.ruleId), t, ctx.reason),
  ];
  // A whole credential file has no literal to replace.
  if (ctx.suggestion && !isTextSource(finding) && !isWholeFileFinding(finding))
    lines.push(...suggestionBlock(ctx.suggestion, t));
  lines.push('', fingerprintMarker(finding.fingerprint));
  return lines.join('\n') + '\n';
}

/**
 * The body that replaces the action's earlier review or sticky comment once the pull request
 * is clean: the findings are resolved, but keys that were pushed must still be revoked.
 */
export function renderResolvedComment(
  previous: number,
  options: { links?: RepoLinks; locale?: Locale; marker?: 'review' | 'sticky' } = {},
): string {
  const t = catalogue(options.locale);
  const run = options.links?.runUrl;
  return (
    [
      options.marker === 'review' ? REVIEW_MARKER : STICKY_MARKER,
      RESOLVED_MARKER,
      `## ${t.resolvedHeading}`,
      t.resolvedBody(previous),
      `<sub>${t.reviewFooter(run ? link(escapeText(t.workflowRunLink), run) : undefined)}</sub>`,
    ].join('\n\n') + '\n'
  );
}
