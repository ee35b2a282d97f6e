// The CLI's report for people: one block per finding, then totals.
import { adviceLine } from '../guidance/advice.js';
import type { Finding, Rule } from '../scan/types.js';
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
): string {
  const lines: string[] = [];
  for (const f of findings) {
    const where = `${printable(f.path)}:${f.line}:${f.column}`;
    const commit = f.commit ? ` in ${f.commit.slice(0, 7)}` : '';
    lines.push(
      `${where}  ${f.severity.toUpperCase()}  ${f.provider}: ${f.description}  ${f.redacted}${commit}  [${f.ruleId}]`,
    );
    lines.push(`    ${adviceLine(f, rules.get(f.ruleId))}`);
  }
  const scanned = `${stats.files} file(s), ${stats.addedLines} line(s)${stats.binaryFiles ? `, ${stats.binaryFiles} binary file(s) skipped` : ''}`;
  lines.push(
    findings.length ? `${findings.length} finding(s) in ${scanned}.` : `No keys found in ${scanned}.`,
  );
  return lines.join('\n') + '\n';
}
