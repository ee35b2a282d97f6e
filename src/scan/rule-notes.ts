// What a scan tells its reader about itself: custom rules stopped by their time budget or held
// back from long lines (engine.ts), worded as one printable line each for logs, summaries and the
// terminal; and the escaping that keeps user text (paths, rule ids, config keys) printable.

/** Something the scan skipped, to tell the reader: a custom rule that was stopped or held back. */
export type RuleNote =
  /**
   * A custom rule passed its time budget in `path`: per file (`per: 'file'`, it was stopped for
   * the rest of the file) or for the whole scan (`per: 'scan'`, `spentMs` is its total).
   */
  | {
      kind: 'rule-timeout';
      ruleId: string;
      path: string;
      spentMs: number;
      budgetMs: number;
      per: 'file' | 'scan';
      /** It is off for the rest of the scan: past the scan budget, or the file budget too often. */
      forScan: boolean;
    }
  /** Lines of `path` longer than `maxLength` that the custom rules `ruleIds` did not scan. */
  | { kind: 'rule-long-lines'; ruleIds: string[]; path: string; lines: number; maxLength: number };

// C0 and C1 controls, DEL, line and paragraph separators, bidi controls and the BOM.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text safe to print in a log line or a terminal: control characters escaped JSON-style
 * (`\n`, `\u001b`), cut after `max` characters with `…`.
 */
export function printable(text: string, max = Infinity): string {
  const chars = [...text];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return cut.replace(
    UNPRINTABLE,
    (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const size = (chars: number) => (chars % 1024 ? `${chars} characters` : `${chars / 1024} KiB`);

/** One line of text for a note, for logs, summaries and the terminal. */
export function ruleNoteText(note: RuleNote): string {
  const path = printable(note.path, 200);
  if (note.kind === 'rule-long-lines') {
    const ids = note.ruleIds.map((id) => `'${printable(id, 80)}'`).join(', ');
    return (
      `custom rule${note.ruleIds.length > 1 ? 's' : ''} ${ids} skipped ${note.lines} line(s) of ${path} ` +
      `longer than ${size(note.maxLength)}: a regex cannot be stopped once it runs on a line, so ` +
      `custom rules do not see lines that long (built-in rules did scan them).`
    );
  }
  const id = `'${printable(note.ruleId, 80)}'`;
  const advice = 'Check its pattern for ways to match the same text more than once.';
  if (note.per === 'scan')
    return (
      `custom rule ${id} was stopped in ${path}: it has spent ${Math.round(note.spentMs)} ms on this scan ` +
      `(budget ${note.budgetMs} ms per scan) and is off for the rest of it. ${advice}`
    );
  return (
    `custom rule ${id} was stopped in ${path} after ${Math.round(note.spentMs)} ms ` +
    `(budget ${note.budgetMs} ms per file); the rest of that file was not scanned by it` +
    (note.forScan ? ', and it is off for the rest of the scan after running long in several files' : '') +
    `. ${advice}`
  );
}
