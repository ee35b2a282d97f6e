// The CLI's report for people: one block per finding (the finding, then the steps that fit it,
// each cited), then totals and where the advice comes from.
import type { Finding, Rule } from '../scan/types.js';
import { plainAdvice } from './guidance.js';
import { ARTICLE_TITLE, ARTICLE_URL, catalogue, type Locale } from './messages.js';
import type { ScanStats } from './stats.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Control characters in a path or value could rewrite the terminal; show them escaped. */
function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function renderText(
  findings: readonly Finding[],
  stats: ScanStats,
  rules: ReadonlyMap<string, Rule>,
  locale: Locale = 'en',
): string {
  const t = catalogue(locale);
  const lines: string[] = [];
  for (const f of findings) {
    const where = `${printable(f.path)}:${f.line}:${f.column}`;
    const commit = f.commit ? t.plain.inCommit(f.commit.slice(0, 7)) : '';
    lines.push(
      `${where}  ${f.severity.toUpperCase()}  ${f.provider}: ${f.description}  ${f.redacted}${commit}  [${f.ruleId}]`,
    );
    lines.push(`    ${printable(plainAdvice(f, rules.get(f.ruleId), t))}`);
  }
  const scanned = t.plain.scanned(stats.files, stats.addedLines, stats.binaryFiles ?? 0);
  lines.push(findings.length ? t.plain.found(findings.length, scanned) : t.plain.clean(scanned));
  if (findings.length) lines.push(t.plain.guidanceSource(ARTICLE_TITLE, ARTICLE_URL));
  return lines.join('\n') + '\n';
}
