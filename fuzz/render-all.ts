// Every output the action and the CLI make from findings, rendered the way they are published:
// review body and sticky comment, inline comments (with the suggested fix publish-review.ts would
// attach), the reply to a comment, check-run annotations and workflow commands, job summary,
// SARIF, JSON and text, in every locale. Used by the fuzz harness and the redaction property test.
import { envVarFor } from '../src/guidance/advice.js';
import { suggestLine } from '../src/guidance/suggestion.js';
import { toCheckAnnotations, toWorkflowCommand } from '../src/report/annotations.js';
import { BODY_REASONS, type PlacedFinding, type RepoLinks, type ScanNote } from '../src/report/context.js';
import { renderJson } from '../src/report/json.js';
import { renderReply } from '../src/report/reply.js';
import { LOCALES, type Locale } from '../src/report/messages.js';
import { renderInlineComment, renderReviewBody } from '../src/report/review.js';
import { renderSarif } from '../src/report/sarif.js';
import type { ScanStats } from '../src/report/stats.js';
import { renderJobSummary } from '../src/report/summary.js';
import { renderText } from '../src/report/text.js';
import { isBlocking, type FailOn } from '../src/scan/collect.js';
import { lineTextOf } from '../src/scan/engine.js';
import type { Finding, Rule } from '../src/scan/types.js';

export interface Rendered {
  name: string;
  text: string;
}

export const LINKS: RepoLinks = {
  serverUrl: 'https://github.example.test',
  owner: 'octo-org',
  repo: 'octo-repo',
  headSha: '0123456789abcdef0123456789abcdef01234567',
  runUrl: 'https://github.example.test/octo-org/octo-repo/actions/runs/42',
};

export interface RenderOptions {
  rules: readonly Rule[];
  stats?: ScanStats;
  failOn?: FailOn;
  notes?: readonly ScanNote[];
  /** Locales and review markers to render; all by default (the fuzz harness picks one per case). */
  locales?: readonly Locale[];
  markers?: ReadonlyArray<'review' | 'sticky'>;
}

/** Inline where the index is even, else in the body with each reason in turn: both paths run. */
function place(findings: readonly Finding[]): PlacedFinding[] {
  return findings.map((finding, i) =>
    i % 2 === 0
      ? { finding, placement: 'inline' }
      : { finding, placement: 'body', reason: BODY_REASONS[(i >> 1) % BODY_REASONS.length]! },
  );
}

export function renderAll(findings: readonly Finding[], options: RenderOptions): Rendered[] {
  const rulesById = new Map(options.rules.map((r) => [r.id, r]));
  const failOn = options.failOn ?? 'medium';
  const stats = options.stats ?? { files: 1, addedLines: findings.length, bytes: 0, binaryFiles: 0 };
  const notes = options.notes ?? [];
  const placed = place(findings);
  const out: Rendered[] = [];
  for (const locale of options.locales ?? LOCALES) {
    for (const marker of options.markers ?? (['review', 'sticky'] as const))
      out.push({
        name: `${marker}:${locale}`,
        text: renderReviewBody({
          findings: placed,
          rules: rulesById,
          failOn,
          links: LINKS,
          notes,
          locale,
          marker,
        }),
      });
    findings.forEach((f, i) => {
      const lineText = lineTextOf(f);
      const suggestion =
        lineText === undefined
          ? null
          : suggestLine({
              path: f.path,
              lineText,
              column: f.column,
              endColumn: f.endColumn,
              envVar: envVarFor(f, rulesById.get(f.ruleId)),
              // As publish-review.ts does: the other findings of the line must not survive.
              others: findings
                .filter((g) => g !== f && g.path === f.path && g.line === f.line && g.commit === f.commit)
                .map((g) => ({ column: g.column, endColumn: g.endColumn })),
            });
      out.push({
        name: `inline[${i}]:${locale}`,
        text: renderInlineComment(f, { rules: rulesById, failOn, locale, suggestion }),
      });
      out.push({
        name: `workflow-command[${i}]:${locale}`,
        text: toWorkflowCommand(f, { blocking: isBlocking(f, failOn), rules: rulesById, locale }),
      });
    });
    out.push({
      name: `reply:${locale}`,
      text: renderReply({
        findings,
        subject: 'issue-comment-1',
        where: 'comment',
        author: 'octocat',
        runUrl: LINKS.runUrl,
        locale,
      }),
    });
    out.push({ name: `sarif:${locale}`, text: renderSarif(findings, options.rules, '0.0.0-fuzz', locale) });
    out.push({ name: `text:${locale}`, text: renderText(findings, stats, rulesById, locale) });
    out.push({
      name: `check-annotations:${locale}`,
      text: JSON.stringify(toCheckAnnotations(findings, { rules: rulesById, locale })),
    });
    out.push({
      name: `summary:${locale}`,
      text: renderJobSummary({
        findings,
        rules: rulesById,
        failOn,
        stats,
        links: LINKS,
        notes,
        version: '0.0.0-fuzz',
        locale,
      }),
    });
  }
  out.push({ name: 'json', text: renderJson(findings, stats) });
  return out;
}
