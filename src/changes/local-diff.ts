// Pure helpers for changes GitHub describes only partly: added lines of two versions of a file
// (diffed here with jsdiff when GitHub leaves out the patch), the binary test, and which new-file
// lines a patch shows (the lines a review comment can sit on).
import { structuredPatch } from 'diff';
import type { AddedLine } from '../scan/types.js';

/** Like git: a NUL byte in the first 8000 bytes makes content binary. */
export function isBinary(content: Uint8Array): boolean {
  return content.subarray(0, 8000).includes(0);
}

/** Lines of a text, 1-based, without `\r`; a final newline does not start another line. */
export function allLines(text: string): AddedLine[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ line: i + 1, text: t.endsWith('\r') ? t.slice(0, -1) : t }));
}

/**
 * Past this many edits jsdiff gives up (its cost grows with size × edits) and the new file is
 * scanned whole instead: a few extra lines scanned, never a line missed.
 */
export const MAX_EDIT_LENGTH = 20_000;

/**
 * The lines of `newText` that are not in `oldText`, numbered in the new file. With no old text
 * (a new file, or one whose old version cannot be read) every line is added.
 */
export function addedLines(oldText: string | null, newText: string): AddedLine[] {
  if (oldText === null || oldText === '') return allLines(newText);
  const a = oldText.replace(/\r\n/g, '\n');
  const b = newText.replace(/\r\n/g, '\n');
  const patch = structuredPatch('a', 'b', a, b, undefined, undefined, {
    context: 0,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (patch === undefined) return allLines(newText);
  const out: AddedLine[] = [];
  for (const hunk of patch.hunks) {
    let n = hunk.newStart;
    for (const l of hunk.lines) {
      const kind = l[0];
      if (kind === '+') out.push({ line: n++, text: l.slice(1).replace(/\r$/, '') });
      else if (kind === ' ') n++;
    }
  }
  return out;
}

const HUNK_RE = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * New-file line numbers that a GitHub `patch` field shows: added and context lines (the RIGHT
 * side). A pull-request review comment must sit on one of these lines.
 */
export function rightSideLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let next = 0;
  let left = 0;
  for (const raw of patch.split('\n')) {
    const m = HUNK_RE.exec(raw);
    if (m) {
      next = Number(m[1]);
      left = m[2] === undefined ? 1 : Number(m[2]);
      continue;
    }
    if (left <= 0) continue;
    const kind = raw[0];
    // An empty line inside a hunk is a context line whose leading space was lost.
    if (kind === '+' || kind === ' ' || raw === '') {
      lines.add(next++);
      left--;
    }
  }
  return lines;
}
