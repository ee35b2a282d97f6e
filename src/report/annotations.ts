// Findings as GitHub annotations: objects for the Checks API (sent 50 per request) and
// `::error`/`::warning` workflow commands. Both are plain text; neither carries the secret.
import type { Finding, Rule, Severity } from '../scan/types.js';
import { plainAdvice } from './guidance.js';
import {
  clip,
  escapeWorkflowCommandData,
  escapeWorkflowCommandProperty,
  visible,
} from './markdown-escape.js';
import { shortSha } from './context.js';
import { catalogue, type Locale } from './messages.js';
import { isTextSource } from './sections.js';

export type AnnotationLevel = 'failure' | 'warning' | 'notice';

/** One annotation as `POST/PATCH /repos/{owner}/{repo}/check-runs` takes it in `output.annotations`. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  /** Only when the annotation starts and ends on the same line (the API rejects it otherwise). */
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
}

export interface AnnotationOptions {
  rules?: ReadonlyMap<string, Rule>;
  locale?: Locale;
  /** Keys a later commit removed: their line is the one they had in their own commit. */
  removedLater?: ReadonlySet<Finding>;
}

/** The Checks API takes at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
const TITLE_LIMIT = 255;
const MESSAGE_LIMIT = 4000;

export const LEVEL_BY_SEVERITY: Record<Severity, AnnotationLevel> = {
  high: 'failure',
  medium: 'warning',
  low: 'notice',
};

function title(finding: Finding, options: AnnotationOptions): string {
  const t = catalogue(options.locale);
  return clip(visible(t.plain.title(t.severity[finding.severity], finding.description)), TITLE_LIMIT);
}

/**
 * The plain-text message: description, redacted value, the steps that fit the finding (revoke at
 * the key page, then e.g. the env var), each with its citation, and the rule id.
 */
export function annotationMessage(finding: Finding, options: AnnotationOptions = {}): string {
  const t = catalogue(options.locale);
  const history = options.removedLater?.has(finding) ? 'removed-later' : undefined;
  const advice = plainAdvice(finding, options.rules?.get(finding.ruleId), t, history);
  const sha = shortSha(finding.commit);
  const where = history && sha ? `${t.plain.inHistory(sha, finding.line)} ` : '';
  return clip(
    visible(where + t.plain.message(finding.description, finding.redacted, advice, finding.ruleId)),
    MESSAGE_LIMIT,
  );
}

/**
 * Check-run annotations, one per finding in a file. Findings in pull-request text (title,
 * description, comments) have no file to point at and are left out: the review and the summary
 * list them. The level follows the severity: high → failure, medium → warning, low → notice.
 */
export function toCheckAnnotations(
  findings: readonly Finding[],
  options: AnnotationOptions = {},
): CheckAnnotation[] {
  return findings
    .filter((f) => !isTextSource(f))
    .map((f) => {
      const annotation: CheckAnnotation = {
        path: f.path,
        start_line: f.line,
        end_line: f.line,
        annotation_level: LEVEL_BY_SEVERITY[f.severity],
        title: title(f, options),
        message: annotationMessage(f, options),
      };
      if (annotation.start_line === annotation.end_line && f.column > 0) {
        annotation.start_column = f.column;
        // The finding's end column is exclusive; the API's is the last character.
        annotation.end_column = Math.max(f.column, f.endColumn - 1);
      }
      return annotation;
    });
}

/** Splits a list into consecutive batches of at most `size` (50 for the Checks API). */
export function batches<T>(list: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`batch size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export interface WorkflowCommandOptions extends AnnotationOptions {
  /** True when the finding reaches `fail-on`: an `::error`; otherwise a `::warning`. */
  blocking: boolean;
}

/**
 * The finding as a workflow command, e.g.
 * `::error file=src/app.py,line=3,endLine=3,col=12,endColumn=119,title=High: Anthropic API key::…`,
 * with every property and the message escaped so no value can end the command or start another.
 */
export function toWorkflowCommand(finding: Finding, options: WorkflowCommandOptions): string {
  const properties: Array<[string, string | number]> = [];
  if (!isTextSource(finding)) {
    properties.push(['file', finding.path], ['line', finding.line], ['endLine', finding.line]);
    if (finding.column > 0)
      properties.push(
        ['col', finding.column],
        ['endColumn', Math.max(finding.column, finding.endColumn - 1)],
      );
  }
  properties.push(['title', title(finding, options)]);
  const props = properties.map(([k, v]) => `${k}=${escapeWorkflowCommandProperty(String(v))}`).join(',');
  const command = options.blocking ? 'error' : 'warning';
  return `::${command} ${props}::${escapeWorkflowCommandData(annotationMessage(finding, options))}`;
}
