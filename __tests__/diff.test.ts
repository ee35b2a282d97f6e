// Tests for the unified-diff reader (src/changes/diff.ts).
//
// Measured when it was written (node 20, 2 shared cores; synthetic git diff, 19k files, 57k hunks):
// readDiffFiles on fs.createReadStream 200-220 MB/s for 50 MB, ~280 MB/s for 150 MB, peak RSS
// 60-67 MB; parseDiff on a string already in memory 200-245 MB/s, jsdiff's parsePatch 60-110 MB/s.
// One 100 MB file of 2.5M added lines needs ~300 MB of heap: a file is handed out whole.

import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createTwoFilesPatch, structuredPatch } from 'diff';
import fc from 'fast-check';
import {
  DiffParseError,
  parseDiff,
  parsePatchField,
  readDiffFiles,
  type DiffFile,
  type DiffStats,
  type ParsedDiff,
} from '../src/changes/diff.js';

/** A diff from lines, newline-terminated. */
const d = (...lines: string[]) => lines.join('\n') + '\n';

const SHA1 = 'c0ffee' + '0'.repeat(33) + '1';
const SHA2 = 'c0ffee' + '0'.repeat(33) + '2';

function parseError(fn: () => unknown): DiffParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DiffParseError) return error;
    throw error;
  }
  throw new Error('expected a DiffParseError');
}

function byPath(parsed: ParsedDiff): Map<string, DiffFile> {
  return new Map(parsed.files.map((f) => [f.path, f]));
}

/** String chunks of the given sizes; like a stream with an encoding set, never half a surrogate pair. */
async function* chunked(text: string, sizes: number[]): AsyncGenerator<string> {
  for (let pos = 0, i = 0; pos < text.length; i++) {
    let end = pos + Math.max(1, sizes[i % sizes.length]!);
    if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end++;
    yield text.slice(pos, end);
    pos = end;
  }
}

/** Buffers cut at arbitrary byte offsets, so multi-byte characters get split. */
async function* byteChunks(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let pos = 0; pos < bytes.length; pos += size) yield bytes.subarray(pos, pos + size);
}

async function readAll(input: AsyncIterable<string> | NodeJS.ReadableStream): Promise<ParsedDiff> {
  const stats: DiffStats = { files: 0, binaryFiles: 0, addedLines: 0, bytes: 0 };
  const files: DiffFile[] = [];
  for await (const file of readDiffFiles(input, stats)) files.push(file);
  return { files, stats };
}

/** The outcome of parsing, as comparable data: the result or the error's line and message. */
function outcome(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DiffParseError) return { line: error.line, message: error.message };
    throw error;
  }
}

async function streamOutcome(input: AsyncIterable<string | Buffer>): Promise<unknown> {
  try {
    return await readAll(input as AsyncIterable<string>);
  } catch (error) {
    if (error instanceof DiffParseError) return { line: error.line, message: error.message };
    throw error;
  }
}

const MULTI_FILE = d(
  'diff --git a/src/a.ts b/src/a.ts',
  'index 1111111..2222222 100644',
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -1,3 +1,4 @@',
  ' const a = 1',
  '-const b = 2',
  '+const b = 3',
  '+const c = 4',
  ' const d = 5',
  '@@ -10,2 +11,3 @@ function f() {',
  ' const x = 1',
  '+const y = 2',
  ' const z = 3',
  'diff --git a/src/b.ts b/src/b.ts',
  'new file mode 100644',
  'index 0000000..3333333',
  '--- /dev/null',
  '+++ b/src/b.ts',
  '@@ -0,0 +1,2 @@',
  '+const x = 1',
  '+const y = 2',
  'diff --git a/old.ts b/old.ts',
  'deleted file mode 100644',
  'index 4444444..0000000',
  '--- a/old.ts',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-const x = 1',
  '-const y = 2',
  'diff --git a/run.sh b/run.sh',
  'old mode 100644',
  'new mode 100755',
  'diff --git a/empty.txt b/empty.txt',
  'new file mode 100644',
  'index 0000000..e69de29',
);

describe('parseDiff: git diff', () => {
  it('reads several files and hunks with exact new-file line numbers', () => {
    const { files, stats } = parseDiff(MULTI_FILE);
    expect(files).toEqual([
      {
        path: 'src/a.ts',
        oldPath: 'src/a.ts',
        status: 'modified',
        commit: null,
        lines: [
          { line: 2, text: 'const b = 3' },
          { line: 3, text: 'const c = 4' },
          { line: 12, text: 'const y = 2' },
        ],
      },
      {
        path: 'src/b.ts',
        oldPath: null,
        status: 'added',
        commit: null,
        lines: [
          { line: 1, text: 'const x = 1' },
          { line: 2, text: 'const y = 2' },
        ],
      },
      { path: 'old.ts', oldPath: 'old.ts', status: 'deleted', commit: null, lines: [] },
      { path: 'run.sh', oldPath: 'run.sh', status: 'mode-only', commit: null, lines: [] },
      { path: 'empty.txt', oldPath: null, status: 'added', commit: null, lines: [] },
    ]);
    expect(stats).toEqual({ files: 5, binaryFiles: 0, addedLines: 5, bytes: Buffer.byteLength(MULTI_FILE) });
  });

  it('keeps the new path of renamed and copied files', () => {
    const files = byPath(
      parseDiff(
        d(
          'diff --git a/old name.ts b/new name.ts',
          'similarity index 90%',
          'rename from old name.ts',
          'rename to new name.ts',
          'index 1111111..2222222 100644',
          '--- a/old name.ts\t',
          '+++ b/new name.ts\t',
          '@@ -5,2 +5,3 @@',
          ' const a = 1',
          '+const b = 2',
          ' const c = 3',
          'diff --git a/x.ts b/y.ts',
          'similarity index 100%',
          'rename from x.ts',
          'rename to y.ts',
          'diff --git a/x.ts b/z.ts',
          'similarity index 80%',
          'copy from x.ts',
          'copy to z.ts',
          'index 1111111..3333333 100644',
          '--- a/x.ts',
          '+++ b/z.ts',
          '@@ -1 +1,2 @@',
          ' const x = 1',
          '+const z = 1',
          'diff --git a/a b/dir/b b/a b/dir/c',
          'similarity index 100%',
          'rename from a b/dir/b',
          'rename to a b/dir/c',
        ),
      ),
    );
    expect(files.get('new name.ts')).toMatchObject({
      oldPath: 'old name.ts',
      status: 'renamed',
      lines: [{ line: 6, text: 'const b = 2' }],
    });
    expect(files.get('y.ts')).toMatchObject({ oldPath: 'x.ts', status: 'renamed', lines: [] });
    expect(files.get('z.ts')).toMatchObject({
      oldPath: 'x.ts',
      status: 'copied',
      lines: [{ line: 2, text: 'const z = 1' }],
    });
    expect(files.get('a b/dir/c')).toMatchObject({ oldPath: 'a b/dir/b', status: 'renamed' });
  });

  it('decodes quoted names: octal UTF-8 bytes, escapes, and spaces', () => {
    const files = parseDiff(
      d(
        'diff --git "a/t\\303\\251st.ts" "b/t\\303\\251st.ts"',
        'index 1111111..2222222 100644',
        '--- "a/t\\303\\251st.ts"',
        '+++ "b/t\\303\\251st.ts"',
        '@@ -1 +1 @@',
        '-const x = 1',
        '+const x = 2',
        'diff --git "a/tab\\there.ts" "b/quote\\"d.ts"',
        'similarity index 100%',
        'rename from "tab\\there.ts"',
        'rename to "quote\\"d.ts"',
        'diff --git a/日本.ts b/日本.ts',
        'new file mode 100644',
        'index 0000000..e69de29',
        'diff --git a/my file.sh b/my file.sh',
        'old mode 100644',
        'new mode 100755',
        'diff --git a/plain.ts "b/caf\\303\\251 \\360\\237\\215\\265.ts"',
        'similarity index 100%',
        'rename from plain.ts',
        'rename to "caf\\303\\251 \\360\\237\\215\\265.ts"',
      ),
    ).files;
    expect(files.map((f) => [f.oldPath, f.path, f.status])).toEqual([
      ['tést.ts', 'tést.ts', 'modified'],
      ['tab\there.ts', 'quote"d.ts', 'renamed'],
      [null, '日本.ts', 'added'],
      ['my file.sh', 'my file.sh', 'mode-only'],
      ['plain.ts', 'café 🍵.ts', 'renamed'],
    ]);
    expect(files[0]!.lines).toEqual([{ line: 1, text: 'const x = 2' }]);
  });

  it('handles "\\ No newline at end of file" on either side', () => {
    const { files } = parseDiff(
      d(
        '--- a/x.ts',
        '+++ b/x.ts',
        '@@ -1,2 +1,3 @@',
        ' const a = 1',
        '-const b = 2',
        '\\ No newline at end of file',
        '+const b = 3',
        '+const c = 4',
        '\\ No newline at end of file',
      ),
    );
    expect(files[0]!.lines).toEqual([
      { line: 2, text: 'const b = 3' },
      { line: 3, text: 'const c = 4' },
    ]);
  });

  it('strips the \\r of CRLF lines and keeps line numbers right', () => {
    // Content with CRLF line endings inside an LF diff, and a lone \r inside a line.
    const contentCrlf = d(
      'diff --git a/w.txt b/w.txt',
      '--- a/w.txt',
      '+++ b/w.txt',
      '@@ -1,2 +1,5 @@',
      ' const a = 1\r',
      '+const b = 2\r',
      '+\r',
      '+x = "a\rb"\r',
      ' const c = 3\r',
    );
    expect(parseDiff(contentCrlf).files[0]!.lines).toEqual([
      { line: 2, text: 'const b = 2' },
      { line: 3, text: '' },
      { line: 4, text: 'x = "a\rb"' },
    ]);
    // The whole diff saved with CRLF: headers, names and the \ No newline marker too.
    const wholeCrlf = [
      'diff --git a/old.ts b/new.ts',
      'similarity index 90%',
      'rename from old.ts',
      'rename to new.ts',
      '--- a/old.ts',
      '+++ b/new.ts',
      '@@ -1 +1,2 @@',
      ' const a = 1',
      '+const b = 2',
      '\\ No newline at end of file',
      'diff --git a/m.sh b/m.sh',
      'old mode 100644',
      'new mode 100755',
      '',
    ].join('\r\n');
    expect(parseDiff(wholeCrlf).files).toEqual([
      {
        path: 'new.ts',
        oldPath: 'old.ts',
        status: 'renamed',
        commit: null,
        lines: [{ line: 2, text: 'const b = 2' }],
      },
      { path: 'm.sh', oldPath: 'm.sh', status: 'mode-only', commit: null, lines: [] },
    ]);
  });

  it('skips and counts binary files, then reads on', () => {
    const { files, stats } = parseDiff(
      d(
        'diff --git a/img.png b/img.png',
        'index 1111111..2222222 100644',
        'Binary files a/img.png and b/img.png differ',
        'diff --git a/font.woff b/font.woff',
        'new file mode 100644',
        'index 0000000..3333333',
        'GIT binary patch',
        'literal 12',
        'TcmV?d00001zzzzzzzzz',
        '',
        'literal 0',
        'HcmV?d00001',
        '',
        'diff --git a/gone.bin b/gone.bin',
        'deleted file mode 100644',
        'index 4444444..0000000',
        'Binary files a/gone.bin and /dev/null differ',
        'diff --git a/a.ts b/a.ts',
        '--- a/a.ts',
        '+++ b/a.ts',
        '@@ -1 +1 @@',
        '-const a = 1',
        '+const a = 2',
      ),
    );
    expect(files.map((f) => [f.path, f.status, f.lines.length])).toEqual([
      ['img.png', 'binary', 0],
      ['font.woff', 'binary', 0],
      ['gone.bin', 'deleted', 0],
      ['a.ts', 'modified', 1],
    ]);
    expect(stats).toMatchObject({ files: 4, binaryFiles: 2, addedLines: 1 });
  });

  it('reads hunks that only delete, have no context, or lost the space of an empty context line', () => {
    const { files } = parseDiff(
      d(
        'diff --git a/a.ts b/a.ts',
        '--- a/a.ts',
        '+++ b/a.ts',
        '@@ -3,2 +2,0 @@',
        '-const a = 1',
        '-const b = 2',
        '@@ -8 +6,2 @@',
        '-const c = 3',
        '+const c = 4',
        '+const d = 5',
        '@@ -20,3 +19,4 @@',
        ' const e = 6',
        '',
        '+const f = 7',
        ' const g = 8',
      ),
    );
    expect(files[0]!.lines).toEqual([
      { line: 6, text: 'const c = 4' },
      { line: 7, text: 'const d = 5' },
      { line: 21, text: 'const f = 7' },
    ]);
  });

  it('keeps names as they are in a --no-prefix diff, and strips mnemonic prefixes', () => {
    const { files } = parseDiff(
      d(
        'diff --git src/a.ts src/a.ts',
        '--- src/a.ts',
        '+++ src/a.ts',
        '@@ -1 +1 @@',
        '-x',
        '+const a = 1',
        'diff --git i/src/b.ts w/src/b.ts',
        '--- i/src/b.ts',
        '+++ w/src/b.ts',
        '@@ -1 +1 @@',
        '-x',
        '+const b = 1',
      ),
    );
    expect(files.map((f) => [f.oldPath, f.path])).toEqual([
      ['src/a.ts', 'src/a.ts'],
      ['src/b.ts', 'src/b.ts'],
    ]);
  });

  // As git 2.39 writes them with diff.mnemonicPrefix: renamed and copied files get two different
  // prefixes, and -R swaps them; rename/copy lines and `---`/`+++` lines name the files.
  it('strips mnemonic prefixes of renamed, copied, added and --no-index files', () => {
    const { files } = parseDiff(
      d(
        'diff --git c/r.txt i/s.txt', // git diff --cached -M
        'similarity index 73%',
        'rename from r.txt',
        'rename to s.txt',
        'index 535d2b0..ab00c61 100644',
        '--- c/r.txt',
        '+++ i/s.txt',
        '@@ -5 +5 @@',
        '-5',
        '+five',
        'diff --git i/s.txt c/r.txt', // the same with -R
        'similarity index 73%',
        'rename from s.txt',
        'rename to r.txt',
        'index ab00c61..535d2b0 100644',
        '--- i/s.txt',
        '+++ c/r.txt',
        '@@ -5 +5 @@',
        '-five',
        '+5',
        'diff --git c/empty w/copy.txt', // git diff -C -C HEAD
        'similarity index 100%',
        'copy from empty',
        'copy to copy.txt',
        'diff --git c/c.txt i/c.txt',
        'new file mode 100755',
        'index 0000000..b8cb000',
        '--- /dev/null',
        '+++ i/c.txt',
        '@@ -0,0 +1 @@',
        '+l1',
        'diff --git o/a.txt w/a.txt', // git diff HEAD:a.txt a.txt
        'index 587be6b..0ddd0f3 100755',
        '--- o/a.txt',
        '+++ w/a.txt',
        '@@ -1 +1 @@',
        '-x',
        '+l1',
        'diff --git 1/dir b/x 2/dir b/y', // git diff --no-index 'dir b/x' 'dir b/y': no rename lines
        'index d00491f..0cfbf08 100644',
        '--- 1/dir b/x\t',
        '+++ 2/dir b/y\t',
        '@@ -1 +1 @@',
        '-1',
        '+2',
        'diff --git "c/t\\303\\251st" "w/caf\\303\\251"',
        'similarity index 100%',
        'rename from "t\\303\\251st"',
        'rename to "caf\\303\\251"',
      ),
    );
    expect(files.map((f) => [f.oldPath, f.path, f.status])).toEqual([
      ['r.txt', 's.txt', 'renamed'],
      ['s.txt', 'r.txt', 'renamed'],
      ['empty', 'copy.txt', 'copied'],
      [null, 'c.txt', 'added'],
      ['a.txt', 'a.txt', 'modified'],
      ['dir b/x', 'dir b/y', 'modified'],
      ['tést', 'café', 'renamed'],
    ]);
    expect(files[0]!.lines).toEqual([{ line: 5, text: 'five' }]);
  });

  it('takes names from rename lines and --- / +++ lines over a split of the diff --git line', () => {
    const { files } = parseDiff(
      d(
        // --no-prefix: a rename into a directory called a/ (as git 2.39 writes it).
        'diff --git s.txt a/t.txt',
        'similarity index 79%',
        'rename from s.txt',
        'rename to a/t.txt',
        'index ab00c61..96be674 100644',
        '--- s.txt',
        '+++ a/t.txt',
        '@@ -8 +8,2 @@',
        ' 8',
        '+nine',
        // --no-prefix: a rename from a/x to b/x looks prefixed on the diff --git line.
        'diff --git a/x b/x',
        'similarity index 90%',
        'rename from a/x',
        'rename to b/x',
        '--- a/x',
        '+++ b/x',
        '@@ -1 +1,2 @@',
        ' 1',
        '+2',
        // --no-prefix: files in directories called a/ and w/ keep their names.
        'diff --git a/x a/x',
        '--- a/x',
        '+++ a/x',
        '@@ -1 +1 @@',
        '-1',
        '+2',
        'diff --git w/y w/y',
        'new file mode 100644',
        'index 0000000..e69de29',
        // git diff --no-index 'dir b/x' 'dir b/y': the diff --git line splits at the first ' b/'.
        'diff --git a/dir b/x b/dir b/y',
        'index d00491f..0cfbf08 100644',
        '--- a/dir b/x\t',
        '+++ b/dir b/y\t',
        '@@ -1 +1 @@',
        '-1',
        '+2',
      ),
    );
    expect(files.map((f) => [f.oldPath, f.path, f.status])).toEqual([
      ['s.txt', 'a/t.txt', 'renamed'],
      ['a/x', 'b/x', 'renamed'],
      ['a/x', 'a/x', 'modified'],
      [null, 'w/y', 'added'],
      ['dir b/x', 'dir b/y', 'modified'],
    ]);
    expect(files[0]!.lines).toEqual([{ line: 9, text: 'nine' }]);
  });

  it('accepts an empty input and a UTF-8 byte order mark', () => {
    expect(parseDiff('')).toEqual({
      files: [],
      stats: { files: 0, binaryFiles: 0, addedLines: 0, bytes: 0 },
    });
    expect(parseDiff('\ufeff' + MULTI_FILE).files).toEqual(parseDiff(MULTI_FILE).files);
  });
});

describe('parseDiff: git show, git log -p and format-patch', () => {
  it('records the commit of the files that follow each commit header', () => {
    const { files } = parseDiff(
      d(
        `commit ${SHA1} (HEAD -> main)`,
        'Author: A U Thor <author@example.com>',
        'Date:   Mon Jan 1 00:00:00 2024 +0000',
        '',
        '    Add b',
        '',
        '    diff --git a/not b/a-diff',
        '    +++ quoted in the message',
        '',
        'diff --git a/a.ts b/a.ts',
        'index 1111111..2222222 100644',
        '--- a/a.ts',
        '+++ b/a.ts',
        '@@ -1 +1,2 @@',
        ' const a = 1',
        '+const b = 2',
        '',
        `commit ${SHA2}`,
        `Merge: 1111111 2222222`,
        'Author: A U Thor <author@example.com>',
        'Date:   Mon Jan 1 00:00:00 2024 +0000',
        '',
        '    Merge without a diff',
        '',
        'commit c0ffee3',
        'Author: A U Thor <author@example.com>',
        '',
        '    Mode change',
        '',
        'diff --git a/run.sh b/run.sh',
        'old mode 100644',
        'new mode 100755',
        '',
        `commit ${SHA2}`,
        '',
        'diff --git a/a.ts b/a.ts',
        '--- a/a.ts',
        '+++ b/a.ts',
        '@@ -1 +1 @@',
        '-const a = 0',
        '+const a = 1',
      ),
    );
    expect(files.map((f) => [f.path, f.commit, f.lines])).toEqual([
      ['a.ts', SHA1, [{ line: 2, text: 'const b = 2' }]],
      ['run.sh', 'c0ffee3', []],
      ['a.ts', SHA2, [{ line: 1, text: 'const a = 1' }]],
    ]);
  });

  it('reads format-patch mail: From <sha> header, diffstat and signature', () => {
    const patch = (sha: string, text: string) => [
      `From ${sha} Mon Sep 17 00:00:00 2001`,
      'From: A U Thor <author@example.com>',
      'Date: Mon, 1 Jan 2024 00:00:00 +0000',
      'Subject: [PATCH] Change a',
      '',
      'The message is not indented in a mail.',
      '---',
      ' a.ts | 2 +-',
      ' 1 file changed, 1 insertion(+), 1 deletion(-)',
      '',
      'diff --git a/a.ts b/a.ts',
      'index 1111111..2222222 100644',
      '--- a/a.ts',
      '+++ b/a.ts',
      '@@ -1 +1 @@',
      '-const a = 0',
      `+${text}`,
      '-- ',
      '2.39.5',
      '',
    ];
    const { files } = parseDiff(d(...patch(SHA1, 'const a = 1'), ...patch(SHA2, 'const a = 2')));
    expect(files.map((f) => [f.commit, f.lines])).toEqual([
      [SHA1, [{ line: 1, text: 'const a = 1' }]],
      [SHA2, [{ line: 1, text: 'const a = 2' }]],
    ]);
  });

  it('reads the signature after a last file without hunks or with a binary patch', () => {
    const mail = (sha: string, ...body: string[]) => [
      `From ${sha} Mon Sep 17 00:00:00 2001`,
      'Subject: [PATCH] Change',
      '',
      '---',
      '',
      ...body,
      '-- ',
      '2.39.5',
      '',
    ];
    const cases: [string[], [string, string][]][] = [
      [['diff --git a/run.sh b/run.sh', 'old mode 100644', 'new mode 100755'], [['run.sh', 'mode-only']]],
      [
        ['diff --git a/empty b/empty', 'new file mode 100644', 'index 0000000..e69de29'],
        [['empty', 'added']],
      ],
      [
        ['diff --git a/gone b/gone', 'deleted file mode 100644', 'index e69de29..0000000'],
        [['gone', 'deleted']],
      ],
      [
        ['diff --git a/x.ts b/y.ts', 'similarity index 100%', 'rename from x.ts', 'rename to y.ts'],
        [['y.ts', 'renamed']],
      ],
      [
        [
          'diff --git a/bin.dat b/bin.dat',
          'index 1234567..89abcde 100644',
          'Binary files a/bin.dat and b/bin.dat differ',
        ],
        [['bin.dat', 'binary']],
      ],
      [
        [
          'diff --git a/a.ts b/a.ts',
          '--- a/a.ts',
          '+++ b/a.ts',
          '@@ -1 +1 @@',
          '-a',
          '+b',
          'diff --git a/bin.dat b/bin.dat',
          'new file mode 100644',
          'index 0000000..cac2925',
          'GIT binary patch',
          'literal 10',
          'RcmZQzU`Wc$ODw8n000Xh0)_wp',
          '',
          'literal 0',
          'HcmV?d00001',
          '',
        ],
        [
          ['a.ts', 'modified'],
          ['bin.dat', 'binary'],
        ],
      ],
    ];
    const next = ['diff --git a/n.ts b/n.ts', '--- a/n.ts', '+++ b/n.ts', '@@ -1 +1 @@', '-m', '+n'];
    for (const [body, expected] of cases) {
      const { files } = parseDiff(d(...mail(SHA1, ...body), ...mail(SHA2, ...next)));
      expect(files.map((f) => [f.path, f.status, f.commit])).toEqual([
        ...expected.map(([path, status]) => [path, status, SHA1]),
        ['n.ts', 'modified', SHA2],
      ]);
      // Nothing diff-like may follow the signature.
      const after = d(...mail(SHA1, ...body), '+const x = 1');
      expect(parseError(() => parseDiff(after)).message).toContain('outside a hunk');
    }
  });

  it('reads a removed "- " line inside a hunk as a hunk line, not as the signature', () => {
    const patch = d(
      `From ${SHA1} Mon Sep 17 00:00:00 2001`,
      'Subject: [PATCH] Change',
      '',
      '---',
      '',
      'diff --git a/notes.md b/notes.md',
      '--- a/notes.md',
      '+++ b/notes.md',
      '@@ -1,3 +1,2 @@',
      '-- ',
      '-- ',
      ' kept',
      '+added',
      '-- ',
      '2.39.5',
      '',
    );
    expect(parseDiff(patch).files).toEqual([
      {
        path: 'notes.md',
        oldPath: 'notes.md',
        status: 'modified',
        commit: SHA1,
        lines: [{ line: 2, text: 'added' }],
      },
    ]);
    // Here the hunk's count of old lines is used up: `-- ` is one line too many, not a signature.
    const long = d(
      'diff --git a/notes.md b/notes.md',
      '--- a/notes.md',
      '+++ b/notes.md',
      '@@ -1 +1,2 @@',
      '-- ',
      '+a',
      '-- ',
      '+b',
    );
    expect(parseError(() => parseDiff(long)).message).toBe(
      'diff line 4: hunk header says 1 old-file lines but line 7 is one more',
    );
  });
});

describe('parseDiff: other diff tools', () => {
  it('reads plain diff -u output without stripping names that lack a/ b/', () => {
    const { files } = parseDiff(
      d(
        '--- old/config.ts\t2024-01-01 00:00:00.000000000 +0000',
        '+++ new/config.ts\t2024-01-02 00:00:00.000000000 +0000',
        '@@ -1,2 +1,2 @@',
        ' const a = 1',
        '-const b = 2',
        '+const b = 3',
      ),
    );
    expect(files).toEqual([
      {
        path: 'new/config.ts',
        oldPath: 'old/config.ts',
        status: 'modified',
        commit: null,
        lines: [{ line: 2, text: 'const b = 3' }],
      },
    ]);
  });

  it('reads diff -ruN output: command lines, Only in, binary pairs, epoch dates for missing files', () => {
    const { files, stats } = parseDiff(
      d(
        'Binary files a/logo.png and b/logo.png differ',
        'diff -ruN a/gone.ts b/gone.ts',
        '--- a/gone.ts\t2024-01-01 00:00:00.000000000 +0000',
        '+++ b/gone.ts\t1970-01-01 00:00:00.000000000 +0000',
        '@@ -1 +0,0 @@',
        '-const a = 1',
        'diff -ruN a/new.ts b/new.ts',
        '--- a/new.ts\t1969-12-31 19:00:00.000000000 -0500',
        '+++ b/new.ts\t2024-01-01 00:00:00.000000000 +0000',
        '@@ -0,0 +1 @@',
        '+const n = 1',
        'Only in a: cache',
        'Common subdirectories: a/lib and b/lib',
        'diff -ruN a/t.ts b/t.ts',
        '--- a/t.ts\t2024-01-01 00:00:00.000000000 +0000',
        '+++ b/t.ts\t2024-01-01 00:00:00.000000000 +0000',
        '@@ -1 +1 @@',
        '-const t = 1',
        '+const t = 2',
      ),
    );
    expect(files.map((f) => [f.path, f.oldPath, f.status, f.lines])).toEqual([
      ['logo.png', 'logo.png', 'binary', []],
      ['gone.ts', 'gone.ts', 'deleted', []],
      ['new.ts', null, 'added', [{ line: 1, text: 'const n = 1' }]],
      ['t.ts', 't.ts', 'modified', [{ line: 1, text: 'const t = 2' }]],
    ]);
    expect(stats.binaryFiles).toBe(1);
  });

  it('reads svn Index: sections and Mercurial diff -r sections', () => {
    const { files } = parseDiff(
      d(
        'Index: src/a.ts',
        '===================================================================',
        '--- src/a.ts\t(revision 12)',
        '+++ src/a.ts\t(working copy)',
        '@@ -1 +1,2 @@',
        ' const a = 1',
        '+const b = 2',
        'diff -r 1234abcd5678 -r 9abc0def1234 src/h.ts',
        '--- a/src/h.ts\tThu Jan 01 00:00:00 2024 +0000',
        '+++ b/src/h.ts\tThu Jan 02 00:00:00 2024 +0000',
        '@@ -2 +2 @@',
        '-const h = 1',
        '+const h = 2',
      ),
    );
    expect(files.map((f) => [f.path, f.lines])).toEqual([
      ['src/a.ts', [{ line: 2, text: 'const b = 2' }]],
      ['src/h.ts', [{ line: 2, text: 'const h = 2' }]],
    ]);
  });

  it('treats prose that looks like a header, before the first diff, as prose', () => {
    const { files } = parseDiff(
      d(
        'Some notes',
        '--- not a header',
        'Index: not one either',
        'more notes',
        '',
        ...MULTI_FILE.split('\n'),
      ),
    );
    expect(files).toEqual(parseDiff(MULTI_FILE).files);
  });
});

describe('parsePatchField (GitHub per-file patch)', () => {
  it('reads hunks without headers, with or without a final newline', () => {
    const patch = [
      '@@ -1,3 +1,4 @@ class A {',
      ' const a = 1',
      '+const b = 2',
      ' const c = 3',
      '-const d = 4',
      '+const d = 5',
      '\\ No newline at end of file',
      '@@ -40 +41,2 @@',
      ' const e = 6',
      '+const f = 7',
    ].join('\n');
    const expected = [
      { line: 2, text: 'const b = 2' },
      { line: 4, text: 'const d = 5' },
      { line: 42, text: 'const f = 7' },
    ];
    expect(parsePatchField(patch)).toEqual(expected);
    expect(parsePatchField(patch + '\n')).toEqual(expected);
    expect(parsePatchField(patch.replaceAll('\n', '\r\n'))).toEqual(expected);
  });

  it('gives no lines for an empty patch', () => {
    expect(parsePatchField('')).toEqual([]);
  });

  it('rejects headers and miscounted hunks with line numbers', () => {
    expect(parseError(() => parsePatchField(MULTI_FILE)).line).toBe(1);
    expect(parseError(() => parsePatchField('@@ -1,2 +1,2 @@\n a\n+b')).message).toBe(
      'diff line 1: hunk header says 2 old-file lines but only 1 were found before the end of the input',
    );
    expect(parseError(() => parsePatchField('@@ -1 +1 @@\n-a\n+b\n+c')).message).toBe(
      'diff line 1: hunk header says 1 new-file lines but line 4 is one more',
    );
    expect(parseError(() => parsePatchField('@@ -1 +1 @@\n-a\n+b\nnot a hunk line')).line).toBe(4);
  });
});

describe('malformed diffs', () => {
  const header = ['diff --git a/a.ts b/a.ts', '--- a/a.ts', '+++ b/a.ts'];

  it('reports a hunk shorter than its header at the header line', () => {
    const next = d(...header, '@@ -1,3 +1,3 @@', ' const a = 1', '-const b = 2', '+const b = 3', ...header);
    expect(parseError(() => parseDiff(next)).message).toBe(
      'diff line 4: hunk header says 3 new-file lines but only 2 were found before line 8',
    );
    const last = d(...header, '@@ -1,3 +1,3 @@', ' const a = 1', '-const b = 2', '+const b = 3');
    const error = parseError(() => parseDiff(last));
    expect(error.line).toBe(4);
    expect(error.message).toBe(
      'diff line 4: hunk header says 3 new-file lines but only 2 were found before the end of the input',
    );
    // In a plain diff a short hunk reads the next file's --- / +++ lines as body lines (they are
    // valid ones); the next hunk then overlaps, which is reported instead of misattributing lines.
    const plain = d(
      '--- a/x',
      '+++ b/x',
      '@@ -1,3 +1,3 @@',
      ' a',
      '-b',
      '+c',
      '--- a/y',
      '+++ b/y',
      '@@ -1 +1 @@',
      '-p',
      '+q',
    );
    expect(parseError(() => parseDiff(plain)).message).toBe(
      'diff line 9: hunk starts at new-file line 1, before the end of the previous hunk (line 3)',
    );
  });

  it('reports a hunk longer than its header', () => {
    const long = d(
      ...header,
      '@@ -1,2 +1,2 @@',
      ' const a = 1',
      '-const b = 2',
      '+const b = 3',
      '+const c = 4',
    );
    expect(parseError(() => parseDiff(long)).message).toBe(
      'diff line 4: hunk header says 2 new-file lines but line 8 is one more',
    );
    const longOld = d(...header, '@@ -1 +1 @@', '-const b = 2', '+const b = 3', '-const c = 4');
    expect(parseError(() => parseDiff(longOld)).message).toBe(
      'diff line 4: hunk header says 1 old-file lines but line 7 is one more',
    );
    // A format-patch signature cannot hide extra hunk lines.
    const signature = d(...header, '@@ -1 +1 @@', '-a', '+b', '-- ', '2.39.5', '+const c = 4');
    expect(parseError(() => parseDiff(signature)).line).toBe(9);
  });

  it('reports garbage where a diff line is expected, at that line', () => {
    const cases: [string, number, string][] = [
      [d(...header, '@@ -1,2 +1,2 @@', ' const a = 1', 'garbage', '+x'), 6, 'found a line starting with "g"'],
      [d(...header, '@@ -1 +1 @@', '-a', '+b', 'garbage'), 7, 'expected a hunk or the next file'],
      [d(...header, '@@ -1 +1 @@', '-a', '+b', '', 'garbage'), 8, "expected the next file's header"],
      [d(...header, '@@ -a +b @@', '+x'), 4, 'malformed hunk header'],
      [d(...header, 'garbage'), 4, 'expected a hunk header'],
      [d('diff --git a/a.ts b/a.ts', '--- a/a.ts', 'garbage'), 3, "expected a '+++ ' line"],
      [d('diff --git a/a.ts b/a.ts', 'garbage'), 2, 'in the header of the diff at line 1'],
      [d(...header), 3, 'the input ends where a hunk header'],
      [d(...header, '@@ -1 +1 @@', '\\ No newline at end of file', '-a', '+b'), 5, "'\\ No newline' marker"],
      [
        d(...header, '@@ -5 +5 @@', '-a', '+b', '@@ -1 +1 @@', '-a', '+b'),
        7,
        'before the end of the previous hunk',
      ],
      [d(...header, '@@ -0,1 +1 @@', '-a', '+b'), 4, 'starts at line 0'],
      [d(...header, '@@ -1 +99999999999999999999 @@', '-a', '+b'), 4, 'out of range'],
      [d('diff --git "a/unterminated b/x', 'new file mode 100644'), 1, 'unterminated quoted file name'],
      [d(...header, '@@ -1 +1 @@', '-a', '+b', 'Index: a.ts', 'garbage'), 8, "expected a '--- ' line"],
      [d('diff --cc a.ts', 'index 1,2..3'), 1, 'combined diffs of merge commits are not supported'],
      [d('@@ -1 +1 @@', '-a', '+b'), 1, 'parsePatchField'],
      [d('\x1b[1mdiff --git a/a.ts b/a.ts\x1b[m'), 1, 'colored diff'],
      [d('just some text', 'that is not a diff'), 1, 'no diff found'],
      [
        d('diff --git a/x b/x', 'new file mode 100644', 'GIT binary patch', 'literal 0', '+junk'),
        5,
        'outside a hunk',
      ],
    ];
    for (const [text, line, message] of cases) {
      const error = parseError(() => parseDiff(text));
      expect({ line: error.line, text }).toEqual({ line, text });
      expect(error.message).toContain(message);
      expect(error.message.startsWith(`diff line ${line}: `)).toBe(true);
    }
  });

  it('counts lines in CRLF diffs the same way', () => {
    const crlf = [...header, '@@ -1,2 +1,2 @@', ' a', '+b', 'diff --git a/c b/c', ''].join('\r\n');
    expect(parseError(() => parseDiff(crlf)).message).toBe(
      'diff line 4: hunk header says 2 old-file lines but only 1 were found before line 7',
    );
  });

  it('never echoes the content of a bad line', () => {
    const marker = 'zz-marker-zz';
    const message = parseError(() => parseDiff(d(...header, '@@ -1 +1 @@', '-a', '+b', marker))).message;
    expect(message).not.toContain(marker);
  });
});

describe('readDiffFiles (streaming)', () => {
  const BIG = d(
    `commit ${SHA1}`,
    '',
    '    message',
    '',
    ...MULTI_FILE.trimEnd().split('\n'),
    '',
    `commit ${SHA2}`,
    '',
    'diff --git "a/caf\\303\\251.ts" "b/caf\\303\\251.ts"',
    '--- "a/caf\\303\\251.ts"',
    '+++ "b/caf\\303\\251.ts"',
    '@@ -1,2 +1,4 @@',
    ' const é = 1\r',
    '+const ü = "日本"\r',
    '-const 🍵 = 3',
    '\\ No newline at end of file',
    '+const 🍵 = 3',
    '+const x = 4',
    '\\ No newline at end of file',
  );

  it('gives the same files and stats as parseDiff for any chunking', async () => {
    const expected = parseDiff(BIG);
    expect(expected.files).toHaveLength(6);
    for (const sizes of [[1], [2], [3], [7], [64], [5, 1, 13, 2], [BIG.length]]) {
      expect(await readAll(chunked(BIG, sizes))).toEqual(expected);
    }
    for (const size of [1, 2, 3, 5, 17, 4096]) {
      expect(await readAll(Readable.from(byteChunks(BIG, size)))).toEqual(expected);
    }
  });

  it('yields each file before reading the rest of the input', async () => {
    let read = 0;
    async function* counting(): AsyncGenerator<string> {
      for await (const chunk of chunked(BIG, [10])) {
        read += chunk.length;
        yield chunk;
      }
    }
    const readWhenYielded: number[] = [];
    for await (const _file of readDiffFiles(counting())) readWhenYielded.push(read);
    expect(readWhenYielded[0]).toBeLessThan(BIG.length / 2);
    expect(readWhenYielded.at(-1)).toBe(BIG.length);
  });

  it('returns the stats as the generator result too', async () => {
    const generator = readDiffFiles(chunked(MULTI_FILE, [100]));
    let step = await generator.next();
    while (!step.done) step = await generator.next();
    expect(step.value).toEqual(parseDiff(MULTI_FILE).stats);
  });

  it('reports errors at absolute input lines', async () => {
    const broken = BIG.replace('+const ü', 'garbage');
    const expected = parseError(() => parseDiff(broken));
    expect(expected.line).toBe(BIG.split('\n').findIndex((l) => l.startsWith('+const ü')) + 1);
    for (const sizes of [[1], [3], [50]]) {
      expect(await streamOutcome(chunked(broken, sizes))).toEqual({
        line: expected.line,
        message: expected.message,
      });
    }
  });
});

// --- property tests ---------------------------------------------------------------------------

/** Content lines chosen to look like diff syntax, plus random text. */
const lineText = fc.oneof(
  fc.constantFrom(
    'const x = 1',
    'const y = 2',
    '',
    ' ',
    '+plus',
    '-minus',
    '--- a/x',
    '+++ b/x',
    '@@ -1 +1 @@',
    '\\ back',
    'diff --git a/x b/x',
    'commit c0ffee0',
    'Index: x',
    'a\tb',
    'x\ry',
    'é ü 日本 🍵',
  ),
  fc.string({ maxLength: 12 }),
);
interface Content {
  lines: { text: string; crlf: boolean }[];
  finalNewline: boolean;
}
interface FileSpec {
  old: Content;
  new: Content;
  /** Give the file a `diff --git` header instead of jsdiff's `====` rule. */
  git: boolean;
  context: number;
}

const contentLine = fc.record({ text: lineText, crlf: fc.boolean() });
const fileContent: fc.Arbitrary<Content> = fc.record({
  lines: fc.array(contentLine, { maxLength: 12 }),
  finalNewline: fc.boolean(),
});
const fileSpec: fc.Arbitrary<FileSpec> = fc.record({
  old: fileContent,
  new: fileContent,
  git: fc.boolean(),
  context: fc.integer({ min: 0, max: 4 }),
});

function render(content: Content): string {
  const text = content.lines.map((l) => l.text + (l.crlf ? '\r\n' : '\n')).join('');
  return content.finalNewline ? text : text.replace(/\r?\n$/, '');
}

interface Generated {
  diff: string;
  /** path -> the new file's lines as git counts them (split at \n only), and the expected added-line count. */
  expected: Map<string, { lines: string[]; added: number }>;
}

function buildDiff(specs: FileSpec[]): Generated {
  const parts: string[] = [];
  const expected = new Map<string, { lines: string[]; added: number }>();
  specs.forEach((spec, i) => {
    const name = `dir ${i}/f${i}.ts`;
    const oldText = render(spec.old);
    const newText = render(spec.new);
    const options = { context: spec.context };
    const structured = structuredPatch(
      `a/${name}`,
      `b/${name}`,
      oldText,
      newText,
      undefined,
      undefined,
      options,
    );
    if (structured.hunks.length === 0) return; // identical files: no diff to read
    let patch = createTwoFilesPatch(
      `a/${name}`,
      `b/${name}`,
      oldText,
      newText,
      undefined,
      undefined,
      options,
    );
    if (spec.git) {
      patch = `diff --git a/${name} b/${name}\nindex 1111111..2222222 100644\n` + patch.replace(/^=+\n/, '');
    }
    parts.push(patch);
    const lines = newText.split('\n');
    if (newText.endsWith('\n')) lines.pop();
    const added = structured.hunks.flatMap((h) => h.lines).filter((l) => l.startsWith('+')).length;
    expected.set(name, { lines, added });
  });
  return { diff: parts.join(''), expected };
}

const diffSpecs = fc.array(fileSpec, { minLength: 1, maxLength: 4 });

describe('properties', () => {
  it('every added line is the new file line at its reported number', () => {
    fc.assert(
      fc.property(diffSpecs, (specs) => {
        const { diff, expected } = buildDiff(specs);
        const { files, stats } = parseDiff(diff);
        expect(files.map((f) => f.path)).toEqual([...expected.keys()]);
        for (const file of files) {
          const reference = expected.get(file.path)!;
          expect(file.lines).toHaveLength(reference.added);
          let previous = 0;
          for (const { line, text } of file.lines) {
            expect(line).toBeGreaterThan(previous);
            previous = line;
            expect(text).toBe(reference.lines[line - 1]!.replace(/\r$/, ''));
          }
        }
        expect(stats.addedLines).toBe([...expected.values()].reduce((n, e) => n + e.added, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('streaming in random chunks gives the same result as parseDiff', async () => {
    await fc.assert(
      fc.asyncProperty(
        diffSpecs,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }),
        async (specs, sizes) => {
          const { diff } = buildDiff(specs);
          expect(await readAll(chunked(diff, sizes))).toEqual(parseDiff(diff));
        },
      ),
      { numRuns: 100 },
    );
  });

  const tricky = fc.oneof(
    fc.constantFrom(
      '',
      '+',
      '-',
      ' ',
      '\\ No newline at end of file',
      '@@ -1 +1 @@',
      '@@ -1,3 +0,0 @@',
      '@@ -0,0 +1,2 @@',
      'diff --git a/x b/x',
      'diff --git "a/x',
      '--- a/x',
      '+++ b/x',
      '+++ /dev/null',
      'commit c0ffee0',
      'GIT binary patch',
      'Binary files a/x and b/x differ',
      'rename to y',
      'new file mode 100644',
      'diff --cc x',
      '-- ',
      'Index: x',
      '====',
    ),
    fc.string({ maxLength: 20, unit: 'binary-ascii' }),
  );
  type Mutation =
    | { kind: 'delete' | 'duplicate' | 'truncate' | 'crlf'; at: number }
    | { kind: 'insert' | 'replace'; at: number; line: string };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: tricky }),
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), line: tricky }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('crlf' as const), at: fc.nat() }),
  );

  function mutate(diff: string, mutations: Mutation[]): string {
    let lines = diff.split('\n');
    for (const m of mutations) {
      const at = m.at % Math.max(1, lines.length);
      if (m.kind === 'delete') lines.splice(at, 1);
      else if (m.kind === 'duplicate') lines.splice(at, 0, lines[at] ?? '');
      else if (m.kind === 'insert') lines.splice(at, 0, m.line);
      else if (m.kind === 'replace') lines[at] = m.line;
      else if (m.kind === 'crlf') lines[at] = (lines[at] ?? '') + '\r';
      else
        lines = lines
          .join('\n')
          .slice(0, m.at % (diff.length + 1))
          .split('\n');
    }
    return lines.join('\n');
  }

  it('mutated diffs parse or throw DiffParseError with a line inside the input, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        diffSpecs,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 30 }),
        async (specs, mutations, chunk) => {
          const text = mutate(buildDiff(specs).diff, mutations);
          const result = outcome(() => parseDiff(text));
          if ('line' in (result as object)) {
            const { line } = result as { line: number };
            expect(line).toBeGreaterThanOrEqual(1);
            expect(line).toBeLessThanOrEqual(text.split('\n').length);
          }
          expect(await streamOutcome(chunked(text, [chunk]))).toEqual(result);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('random text never throws anything but DiffParseError', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(tricky, { maxLength: 20 }).map((lines) => lines.join('\n')),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        outcome(() => parseDiff(text));
        outcome(() => parsePatchField(text));
      }),
      { numRuns: 500 },
    );
  });
});
