// The reply to a comment or an issue that holds a key: which keys (provider, redacted value, rule
// id: never the key or the comment's text), where to revoke each, then "revoke first, edit
// second". Pure: findings in, markdown out.
import { keyPageFor } from '../guidance/key-pages.js';
import type { Finding } from '../scan/types.js';
import { bySeverity } from './context.js';
import { fingerprintMarker, replyMarker } from './markers.js';
import { codeSpan, escapeText, link, trusted, type Markdown } from './markdown-escape.js';
import { catalogue, type Locale, type ReplyWhere } from './messages.js';
import { tableHead, tableRow } from './sections.js';

/** Rows shown in the table; the rest are counted (the job summary lists them all). */
export const MAX_REPLY_ROWS = 20;
/** Fingerprints marked in the body, so a re-run knows every key was answered. */
const MAX_REPLY_MARKERS = 500;

export interface ReplyInput {
  findings: readonly Finding[];
  /** What the reply answers, for its marker (see replyMarker), e.g. `issue-comment-123`. */
  subject: string;
  where: ReplyWhere;
  /** The login of the text's author (untrusted): mentioned when it is a valid user login. */
  author?: string | null;
  /** True when the comment was minimized before this reply. */
  hidden?: boolean;
  /** The workflow run, where the job summary is. */
  runUrl?: string;
  locale?: Locale;
}

// A GitHub user login: letters, digits and single inner hyphens, at most 39 characters. Bots
// (`name[bot]`) and anything else are not mentioned, only shown.
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** `@login` for a valid user login; the login as escaped text otherwise; undefined when unknown. */
export function authorRef(login: string | null | undefined): Markdown | undefined {
  if (!login) return undefined;
  return LOGIN.test(login) ? trusted(`@${login}`) : escapeText(login, 60);
}

function keyRow(finding: Finding, noKeyPage: string): string {
  const page = keyPageFor(finding.provider);
  return tableRow([
    escapeText(finding.provider),
    codeSpan(finding.redacted, { table: true }),
    codeSpan(finding.ruleId, { table: true }),
    page ? link(escapeText(page.label), page.url) : escapeText(noKeyPage),
  ]);
}

export function renderReply(input: ReplyInput): string {
  const t = catalogue(input.locale);
  const findings = bySeverity(input.findings, (f) => f);
  const total = findings.length;
  const shown = findings.slice(0, MAX_REPLY_ROWS);
  const table = [tableHead(t.replyTableHeader), ...shown.map((f) => keyRow(f, t.noKeyPage))].join('\n');
  const run = input.runUrl ? link(escapeText(t.workflowRunLink), input.runUrl) : undefined;
  const steps = [t.replyStepRevoke(total), t.replyStepEdit(input.where), t.replyStepNeverShare]
    .map((s, i) => `${i + 1}. ${s}`)
    .join('\n');
  const markers = findings.slice(0, MAX_REPLY_MARKERS).map((f) => fingerprintMarker(f.fingerprint));
  return (
    [
      replyMarker(input.subject),
      `### ${t.replyHeading(total, input.where)}`,
      t.replyLead(authorRef(input.author), total, input.where),
      table,
      ...(total > shown.length
        ? [
            t.replyMore(
              total - shown.length,
              run ? link(escapeText(t.jobSummaryLink), input.runUrl) : trusted(t.jobSummaryLink),
            ),
          ]
        : []),
      steps,
      ...(input.hidden ? [t.replyHidden] : []),
      `<sub>${t.replyFooter(run)}</sub>`,
      markers.join('\n'),
    ].join('\n\n') + '\n'
  );
}
