import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createPatch } from 'diff';
import { parsePatchField } from '../src/changes/diff.js';
import { addedLines, allLines, isBinary, rightSideLines } from '../src/changes/local-diff.js';
import { hasBinaryExtension, nextLink } from '../src/changes/github-files.js';

/** The `@@`-onwards part of a unified diff, as GitHub's `patch` field has it. */
function patchField(before: string, after: string, context = 3): string {
  const full = createPatch('f', before, after, '', '', { context });
  return full.slice(full.indexOf('@@')).replace(/\n$/, '');
}

describe('addedLines', () => {
  it('numbers added lines in the new file', () => {
    expect(addedLines('a\nb\nc\n', 'a\nX\nb\nc\nY\n')).toEqual([
      { line: 2, text: 'X' },
      { line: 5, text: 'Y' },
    ]);
  });

  it('treats a missing old version as a new file and ignores CRLF differences', () => {
    expect(addedLines(null, 'one\r\ntwo')).toEqual([
      { line: 1, text: 'one' },
      { line: 2, text: 'two' },
    ]);
    expect(addedLines('a\r\nb\r\n', 'a\nb\nc\n')).toEqual([{ line: 3, text: 'c' }]);
  });

  it('agrees with the added lines of the patch GitHub would have sent', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'd', 'key = 1', '');
    const text = fc.array(line, { maxLength: 30 }).map((ls) => ls.map((l) => `${l}\n`).join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(
          addedLines(before, after)
            .map((l) => l.text)
            .sort(),
        ).toEqual(
          parsePatchField(patchField(before, after))
            .map((l) => l.text)
            .sort(),
        );
        // Every reported line number holds that text in the new file.
        const lines = after.split('\n');
        for (const l of addedLines(before, after)) expect(lines[l.line - 1]).toBe(l.text);
      }),
    );
  });
});

describe('rightSideLines', () => {
  it('lists added and context lines of each hunk, not removed ones', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}\n`).join('');
    const after = before.replace('l3\n', 'l3\nNEW\n').replace('l18\n', '');
    expect([...rightSideLines(patchField(before, after))]).toEqual([1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20]);
  });

  it('handles one-line ranges and "no newline" markers', () => {
    expect([
      ...rightSideLines('@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file'),
    ]).toEqual([1]);
  });
});

describe('small helpers', () => {
  it('isBinary looks for a NUL byte in the first 8000 bytes', () => {
    expect(isBinary(Buffer.from('text'))).toBe(false);
    expect(isBinary(Buffer.from([0x89, 0x50, 0x00]))).toBe(true);
    expect(isBinary(Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])]))).toBe(false);
  });

  it('allLines drops only a final newline', () => {
    expect(allLines('a\n\nb\n')).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: '' },
      { line: 3, text: 'b' },
    ]);
  });

  it('hasBinaryExtension and nextLink', () => {
    expect(hasBinaryExtension('img/logo.PNG')).toBe(true);
    expect(hasBinaryExtension('png/readme')).toBe(false);
    expect(hasBinaryExtension('config.yml')).toBe(false);
    expect(nextLink('<https://x/a?page=2>; rel="next", <https://x/a?page=9>; rel="last"')).toBe(
      'https://x/a?page=2',
    );
    expect(nextLink('<https://x/a?page=1>; rel="prev"')).toBeUndefined();
  });
});
