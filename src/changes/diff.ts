// The unified-diff reader: turns `git diff`, `git show` / `git log -p`, `git format-patch`,
// `diff -u` / `diff -ruN` output and GitHub's per-file `patch` fields into the added lines the
// scanner checks, each with its 1-based line number in the new file.
//
// Written by hand instead of on top of jsdiff's `parsePatch`. We measured and probed jsdiff first:
//  - it is silently wrong on some malformed input: a hunk shorter than its header swallows the
//    next file's `---`/`+++` lines as body lines, garbage between hunks is skipped, and a malformed
//    `@@` header yields NaN line numbers; its errors are plain `Error`s with section-relative lines;
//  - it rejects `git format-patch` output (the `-- ` signature reads as one line too many) and keeps
//    the `\r` of a CRLF diff in names taken from the `diff --git` line;
//  - it splits its input into an array of lines and copies every hunk line: it ran at less than
//    half the speed of this reader (numbers in the header of __tests__/diff.test.ts), which walks
//    the text with indexOf and only makes strings for header lines and added lines.
// The tests still use jsdiff to generate diffs for the property tests.
//
// The parser is a line-by-line state machine fed with chunks, so `parseDiff` (one string) and
// `readDiffFiles` (a stream) share all the logic, and a file is handed out as soon as the next
// file's header (or the end of the input) shows that it is complete: memory is bounded by the
// largest file's added lines, not by the whole diff. File names in headers (quoting, the
// `diff --git` line, git's a/ b/ and mnemonic prefixes) are read by diff-names.ts.

import { StringDecoder } from 'node:string_decoder';
import type { AddedLine } from '../scan/types.js';
import {
  DEV_NULL,
  gitHeaderNames,
  hasPrefixPair,
  headerName,
  stripPrefix,
  unquoteIfQuoted,
  type Fail,
} from './diff-names.js';

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'mode-only' | 'binary';

export interface DiffFile {
  /** Path in the new tree (the new name of a renamed or copied file); the old path of a deleted file. */
  path: string;
  /** Path in the old tree; null for an added file. */
  oldPath: string | null;
  /** A deleted file is 'deleted' even when binary; other binary files are 'binary' and not scanned. */
  status: FileStatus;
  /** The commit the change belongs to (`git show`, `git log -p`, `git format-patch`), else null. */
  commit: string | null;
  /** Added lines in order; `line` is the 1-based line number in the new file, `text` has no `\r`. */
  lines: AddedLine[];
}

export interface DiffStats {
  files: number;
  /** Binary files, listed with status 'binary' but not scanned. */
  binaryFiles: number;
  addedLines: number;
  /** UTF-8 bytes of diff input read. */
  bytes: number;
}

export interface ParsedDiff {
  files: DiffFile[];
  stats: DiffStats;
}

/**
 * Malformed diff input. `line` is the 1-based line of the input: the offending line, or for a
 * hunk whose body does not match its counts, the hunk's `@@` header line.
 */
export class DiffParseError extends Error {
  readonly line: number;

  constructor(line: number, detail: string) {
    super(`diff line ${line}: ${detail}`);
    this.name = 'DiffParseError';
    this.line = line;
  }
}

export function emptyStats(): DiffStats {
  return { files: 0, binaryFiles: 0, addedLines: 0, bytes: 0 };
}

/** Parses a whole diff held in memory. For big inputs prefer `readDiffFiles`. */
export function parseDiff(text: string): ParsedDiff {
  const files: DiffFile[] = [];
  const stats = emptyStats();
  stats.bytes = Buffer.byteLength(text, 'utf8');
  const parser = new DiffParser(stats, (file) => files.push(file), false);
  parser.write(text);
  parser.end();
  return { files, stats };
}

/**
 * Parses one of GitHub's per-file `patch` fields (pulls.listFiles, repos.compareCommits): hunks
 * only, no file headers. An empty patch (GitHub omits it for binary and very large files) has no lines.
 */
export function parsePatchField(patch: string): AddedLine[] {
  let lines: AddedLine[] = [];
  if (patch === '') return lines;
  const parser = new DiffParser(emptyStats(), (file) => (lines = file.lines), true);
  parser.write(patch);
  parser.end();
  return lines;
}

/**
 * Reads a diff from a stream (Buffers are decoded as UTF-8) and yields each file as soon as it is
 * complete. `stats` is updated as the input is read and is also the generator's return value.
 * Throws DiffParseError with line numbers counted from the start of the input.
 */
export async function* readDiffFiles(
  input: NodeJS.ReadableStream | AsyncIterable<string>,
  stats: DiffStats = emptyStats(),
): AsyncGenerator<DiffFile, DiffStats, undefined> {
  const ready: DiffFile[] = [];
  const parser = new DiffParser(stats, (file) => ready.push(file), false);
  // A multi-byte character may be split between two Buffers; StringDecoder keeps the partial bytes.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    if (typeof chunk === 'string') {
      stats.bytes += Buffer.byteLength(chunk, 'utf8');
      parser.write(chunk);
    } else {
      stats.bytes += chunk.length;
      parser.write(decoder.write(chunk));
    }
    for (const file of ready.splice(0)) yield file;
  }
  parser.write(decoder.end());
  parser.end();
  for (const file of ready.splice(0)) yield file;
  return stats;
}

type State =
  | 'text' // free text: before the first diff, a commit message, a mail signature, a GIT binary patch
  | 'git-header' // after `diff --git`: extended header lines
  | 'header' // after `Index:` or `diff -<options>`: waiting for `---`
  | 'old-name' // after `---`: `+++` must follow
  | 'new-name' // after `+++`: a hunk must follow
  | 'hunk' // inside a hunk body
  | 'after-hunk' // a hunk is complete: next hunk, `\ No newline`, or the end of the file
  | 'between'; // a file is complete: blank lines until the next one

interface OpenFile {
  /** Input line of the file's first header line, for errors. */
  line: number;
  /** Paths without a/ b/ prefixes; null is /dev/null; undefined is not known yet. */
  oldPath: string | null | undefined;
  newPath: string | null | undefined;
  /** Opened by a `diff --git` line. */
  git: boolean;
  /** `diff --git` names carried a pair of git's prefixes (not `--no-prefix`); undefined: not split. */
  gitPrefixed: boolean | undefined;
  /** oldPath / newPath come from `rename`/`copy` `from`/`to` lines, which `---`/`+++` do not override. */
  oldNamed: boolean;
  newNamed: boolean;
  /** The raw `---` name, until `+++` shows whether the names have prefixes. */
  oldRaw: string;
  added: boolean;
  deleted: boolean;
  renamed: boolean;
  copied: boolean;
  modeChanged: boolean;
  binary: boolean;
  hunks: number;
  lines: AddedLine[];
}

const PLUS = 43;
const MINUS = 45;
const SPACE = 32;
const BACKSLASH = 92;
const CR = 13;
const NONE = -1;

const HUNK_RE = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const COMMIT_RE = /^commit ([0-9a-f]{7,64})(?:\s|$)/; // git show / git log (abbreviated with --abbrev-commit)
const FROM_RE = /^From ([0-9a-f]{40}|[0-9a-f]{64}) /; // git format-patch mbox separator
const BINARY_RE = /^Binary files (.+?) and (.+) differ$/;
const GIT_IGNORED_RE = /^(index |similarity index |dissimilarity index )/;
// Lines allowed between files: GNU diff -r notes, and the `====` rule svn and jsdiff put under `Index:`.
const BETWEEN_FILES_RE = /^(Only in |Common subdirectories: |=+$)/;

class DiffParser {
  private state: State;
  private lineNo = 0;
  private pending: string[] = [];
  private file: OpenFile | null = null;
  private commit: string | null = null;
  /** `text` state: anything goes (preamble, commit message) vs. no diff-like lines (signature, binary patch). */
  private freeText = true;
  /** The current `Index:`/`diff -`/`---` header came from free text and may still turn out to be prose. */
  private tentative = false;
  private sawDiff = false;
  private sawPreambleText = false;
  // The current hunk.
  private hunkLine = 0;
  private oldCount = 0;
  private newCount = 0;
  private oldLeft = 0;
  private newLeft = 0;
  /** Next new-file line number; also where the next hunk may start at the earliest. */
  private newLine = 1;
  /** The previous line was a body line, so a `\ No newline at end of file` marker may follow. */
  private prevBody = false;
  private lines: AddedLine[] = [];
  /** For the name readers of diff-names.ts: malformed header text at the current line. */
  private readonly fail: Fail = (detail) => {
    throw new DiffParseError(this.lineNo, detail);
  };

  constructor(
    private readonly stats: DiffStats,
    private readonly emit: (file: DiffFile) => void,
    private readonly hunksOnly: boolean,
  ) {
    this.state = 'text';
    if (hunksOnly) {
      this.openFile();
      this.file!.oldPath = this.file!.newPath = '';
      this.state = 'new-name';
    }
  }

  /** Feeds a chunk; complete lines are parsed now, a trailing partial line waits for the next chunk. */
  write(chunk: string): void {
    if (this.lineNo === 0 && this.pending.length === 0 && chunk.charCodeAt(0) === 0xfeff)
      chunk = chunk.slice(1);
    const lastNewline = chunk.lastIndexOf('\n');
    if (lastNewline < 0) {
      if (chunk !== '') this.pending.push(chunk); // joined once a newline arrives: linear in line length
      return;
    }
    let text = chunk;
    let cut = lastNewline + 1;
    if (this.pending.length > 0) {
      const head = this.pending.join('');
      this.pending = [];
      text = head + chunk;
      cut += head.length;
    }
    this.scan(text, cut);
    if (cut < text.length) this.pending.push(text.slice(cut));
  }

  end(): void {
    if (this.pending.length > 0) {
      const last = this.pending.join('');
      this.pending = [];
      this.scan(last, last.length);
    }
    switch (this.state) {
      case 'hunk':
        throw this.shortHunk('before the end of the input');
      case 'header':
      case 'old-name':
        if (!this.tentative) throw new DiffParseError(this.file!.line, 'the input ends inside a file header');
        this.file = null; // prose that looked like a header
        break;
      case 'new-name':
        throw new DiffParseError(
          this.lineNo,
          "the input ends where a hunk header ('@@ -a,b +c,d @@') is expected",
        );
    }
    this.finishFile();
    if (!this.sawDiff && this.sawPreambleText) {
      throw new DiffParseError(1, "no diff found (expected 'diff --git', '--- ' or 'commit' lines)");
    }
  }

  /** Parses the lines of text[0, end); end is just past a newline or the end of the input. */
  private scan(text: string, end: number): void {
    let pos = 0;
    while (pos < end) {
      let newline = text.indexOf('\n', pos);
      if (newline < 0) newline = end;
      this.lineNo++;
      // Hunk bodies are nearly all of a big diff; they are handled without slicing the line.
      if (this.state !== 'hunk' || !this.bodyLine(text, pos, newline)) {
        const lineEnd = newline > pos && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
        this.headerLine(text.slice(pos, lineEnd));
      }
      pos = newline + 1;
    }
  }

  /** One line inside a hunk; false if it is not a body line. */
  private bodyLine(text: string, pos: number, newline: number): boolean {
    const c = pos < newline ? text.charCodeAt(pos) : NONE;
    if (c === PLUS) {
      if (this.newLeft === 0) throw this.longHunk('new');
      // Git splits lines at \n only, so a \r is part of the line: CRLF files keep line numbers right.
      const end = newline > pos + 1 && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
      this.lines.push({ line: this.newLine, text: text.slice(pos + 1, end) });
      this.newLine++;
      this.newLeft--;
    } else if (c === MINUS) {
      if (this.oldLeft === 0) throw this.longHunk('old');
      this.oldLeft--;
    } else if (c === SPACE || c === NONE || (c === CR && newline === pos + 1)) {
      // An empty line is a context line whose leading space was stripped (editors, mail); git apply
      // accepts it too. It only counts as one while the hunk still expects context.
      if (this.oldLeft === 0 || this.newLeft === 0) {
        if (c !== SPACE) return false;
        throw this.longHunk(this.oldLeft === 0 ? 'old' : 'new');
      }
      this.oldLeft--;
      this.newLeft--;
      this.newLine++;
    } else if (c === BACKSLASH) {
      if (!this.prevBody)
        throw new DiffParseError(this.lineNo, "a '\\ No newline' marker must follow a hunk line");
      this.prevBody = false;
      return true;
    } else {
      return false;
    }
    this.prevBody = true;
    if (this.oldLeft === 0 && this.newLeft === 0) this.state = 'after-hunk';
    return true;
  }

  /** Any line outside a hunk body (without its trailing \r). */
  private headerLine(line: string): void {
    switch (this.state) {
      case 'text':
        return this.textLine(line);
      case 'git-header':
        return this.gitHeaderLine(line);
      case 'header':
        if (/^=+$/.test(line)) return; // svn and jsdiff underline the `Index:` line
        if (line.startsWith('--- ')) return this.oldName(line);
        if (BINARY_RE.test(line)) return this.binaryPair(line);
        if (this.tentative) return this.backToText(line);
        throw new DiffParseError(
          this.lineNo,
          `expected a '--- ' line after the header at line ${this.file!.line}`,
        );
      case 'old-name':
        if (line.startsWith('+++ ')) return this.newName(line);
        if (this.tentative) return this.backToText(line);
        throw new DiffParseError(
          this.lineNo,
          `expected a '+++ ' line after the '--- ' line ${this.lineNo - 1}`,
        );
      case 'new-name':
        if (line.startsWith('@@')) return this.startHunk(line);
        throw new DiffParseError(this.lineNo, "expected a hunk header ('@@ -a,b +c,d @@')");
      case 'hunk':
        // Not a body line. If it is the start of something else, the hunk was cut short.
        if (line === '' || line.startsWith('@@') || this.startsSection(line, false, true)) {
          throw this.shortHunk(`before line ${this.lineNo}`);
        }
        throw new DiffParseError(
          this.lineNo,
          `expected a hunk line starting with ' ', '+', '-' or '\\' (hunk at line ${this.hunkLine}), found ${describe(line)}`,
        );
      case 'after-hunk':
        return this.afterHunkLine(line);
      case 'between':
        if (line === '' || BETWEEN_FILES_RE.test(line)) return;
        if (line === '-- ' && !this.hunksOnly) return this.toText(false);
        if (this.startsSection(line, false)) return;
        throw new DiffParseError(this.lineNo, `expected the next file's header, found ${describe(line)}`);
    }
  }

  private textLine(line: string): void {
    if (this.startsSection(line, true)) return;
    if (this.freeText) {
      if (this.sawDiff || this.commit !== null || line === '' || BETWEEN_FILES_RE.test(line)) return;
      if (line.startsWith('@@')) {
        throw new DiffParseError(
          this.lineNo,
          'hunk without a file header (GitHub patch fields go to parsePatchField)',
        );
      }
      if (line.startsWith('\x1b['))
        throw new DiffParseError(this.lineNo, 'colored diff; run git with --no-color');
      this.sawPreambleText = true;
    } else if (line !== '-- ' && /^[-+ @\\]/.test(line)) {
      // After a signature or binary patch no hunk lines can follow: a hunk header undercounted.
      // A `-- ` line is the format-patch signature that ends a binary patch.
      throw new DiffParseError(this.lineNo, `unexpected ${describe(line)} outside a hunk`);
    }
  }

  private gitHeaderLine(line: string): void {
    const file = this.file!;
    if (line.startsWith('--- ')) return this.oldName(line);
    // The names on these lines have no prefixes: they are better than any other header's.
    if (line.startsWith('rename from ')) {
      file.oldPath = unquoteIfQuoted(line.slice(12), this.fail);
      file.renamed = file.oldNamed = true;
    } else if (line.startsWith('rename to ')) {
      file.newPath = unquoteIfQuoted(line.slice(10), this.fail);
      file.renamed = file.newNamed = true;
    } else if (line.startsWith('copy from ')) {
      file.oldPath = unquoteIfQuoted(line.slice(10), this.fail);
      file.copied = file.oldNamed = true;
    } else if (line.startsWith('copy to ')) {
      file.newPath = unquoteIfQuoted(line.slice(8), this.fail);
      file.copied = file.newNamed = true;
    } else if (line.startsWith('new file mode ')) {
      file.added = true;
    } else if (line.startsWith('deleted file mode ')) {
      file.deleted = true;
    } else if (line.startsWith('old mode ') || line.startsWith('new mode ')) {
      file.modeChanged = true;
    } else if (line.startsWith('Binary files ')) {
      file.binary = true;
    } else if (line === 'GIT binary patch') {
      file.binary = true;
      this.toText(false); // base85 lines and blank lines until the next file
    } else if (line === '') {
      this.toBetween(); // git log -p puts a blank line after a mode-only change before the next commit
    } else if (line === '-- ') {
      this.toText(false); // format-patch signature after a file without hunks
    } else if (!GIT_IGNORED_RE.test(line) && !this.startsSection(line, false)) {
      throw new DiffParseError(
        this.lineNo,
        `unexpected ${describe(line)} in the header of the diff at line ${file.line}`,
      );
    }
  }

  private afterHunkLine(line: string): void {
    if (line.startsWith('@@')) return this.startHunk(line);
    if (line.charCodeAt(0) === BACKSLASH) {
      if (!this.prevBody)
        throw new DiffParseError(this.lineNo, "a '\\ No newline' marker must follow a hunk line");
      this.prevBody = false;
      return;
    }
    if (line === '' || BETWEEN_FILES_RE.test(line)) return this.toBetween();
    if (this.hunksOnly) {
      if (/^[-+ ]/.test(line)) throw this.longHunk(line[0] === '+' ? 'new' : 'old');
      throw new DiffParseError(this.lineNo, `expected a hunk header, found ${describe(line)}`);
    }
    if (line === '-- ') return this.toText(false); // format-patch signature: `-- ` and the git version
    if (this.startsSection(line, false)) return;
    if (/^[-+ ]/.test(line)) throw this.longHunk(line[0] === '+' ? 'new' : 'old');
    throw new DiffParseError(
      this.lineNo,
      `expected a hunk or the next file's header, found ${describe(line)}`,
    );
  }

  /**
   * Starts a file or commit if the line is a section header. `tentative`: the line came from free
   * text, so an `Index:`, `diff -` or `---` line not followed by a real header is prose after all.
   * `probe`: only report whether the line is a section header.
   */
  private startsSection(line: string, tentative: boolean, probe = false): boolean {
    if (this.hunksOnly) return false;
    const commit = COMMIT_RE.exec(line) ?? FROM_RE.exec(line);
    const kind = line.startsWith('diff --git ')
      ? 'git'
      : line.startsWith('diff --cc ') || line.startsWith('diff --combined ')
        ? 'combined'
        : commit
          ? 'commit'
          : line.startsWith('Index: ') || line.startsWith('diff -')
            ? 'header'
            : line.startsWith('--- ')
              ? 'old-name'
              : BINARY_RE.test(line)
                ? 'binary'
                : null;
    if (kind === null || probe) return kind !== null;
    if (kind === 'combined') {
      throw new DiffParseError(
        this.lineNo,
        'combined diffs of merge commits are not supported; use `git show --first-parent` or `git diff <parent> <merge>`',
      );
    }
    this.finishFile();
    this.tentative = tentative;
    switch (kind) {
      case 'commit':
        this.commit = commit![1]!;
        this.toText(true);
        break;
      case 'git':
        this.openGitFile(line);
        break;
      case 'header':
        this.openFile();
        this.state = 'header';
        break;
      case 'old-name':
        this.openFile();
        this.oldName(line);
        break;
      case 'binary':
        // GNU diff -r reports a binary pair with this line alone.
        this.openFile();
        this.binaryPair(line);
        break;
    }
    return true;
  }

  /** `Binary files a/x and b/x differ` outside a git header: the names come from this line. */
  private binaryPair(line: string): void {
    const [, oldRaw, newRaw] = BINARY_RE.exec(line)!;
    this.setNames(oldRaw!, newRaw!);
    this.file!.binary = true;
    this.toBetween();
  }

  private openFile(): void {
    this.file = {
      line: this.lineNo,
      oldPath: undefined,
      newPath: undefined,
      git: false,
      gitPrefixed: undefined,
      oldNamed: false,
      newNamed: false,
      oldRaw: '',
      added: false,
      deleted: false,
      renamed: false,
      copied: false,
      modeChanged: false,
      binary: false,
      hunks: 0,
      lines: [],
    };
    this.lines = this.file.lines;
    this.newLine = 1;
  }

  private openGitFile(line: string): void {
    this.openFile();
    this.tentative = false;
    this.state = 'git-header';
    const file = this.file!;
    file.git = true;
    const names = gitHeaderNames(line.slice(11), this.fail);
    if (names) {
      const [a, b] = names;
      // Without prefixes (`--no-prefix`) the names are used as they are.
      file.gitPrefixed = hasPrefixPair(a, b, true);
      file.oldPath = file.gitPrefixed ? a.slice(2) : a;
      file.newPath = file.gitPrefixed ? b.slice(2) : b;
    }
  }

  private oldName(line: string): void {
    this.file!.oldRaw = headerName(line, this.fail);
    this.state = 'old-name';
  }

  private newName(line: string): void {
    this.setNames(this.file!.oldRaw, headerName(line, this.fail));
    this.tentative = false;
    this.state = 'new-name';
  }

  private setNames(oldRaw: string, newRaw: string): void {
    const file = this.file!;
    // Strip prefixes only when both names have a pair of them (or one is /dev/null), so a plain
    // `diff -u` of a directory that happens to be called a/ keeps its names. Outside git only
    // a/ b/ count. In a git diff the `---`/`+++` names are more reliable than a split of the
    // `diff --git` line, except for an added or deleted file, whose other name is /dev/null.
    const prefixed = !file.git
      ? hasPrefixPair(oldRaw, newRaw, false)
      : oldRaw === DEV_NULL || newRaw === DEV_NULL
        ? (file.gitPrefixed ?? hasPrefixPair(oldRaw, newRaw, true))
        : hasPrefixPair(oldRaw, newRaw, true);
    if (!file.oldNamed) file.oldPath = stripPrefix(oldRaw, prefixed);
    if (!file.newNamed) file.newPath = stripPrefix(newRaw, prefixed);
  }

  private startHunk(line: string): void {
    const m = HUNK_RE.exec(line);
    if (!m) throw new DiffParseError(this.lineNo, "malformed hunk header, expected '@@ -a,b +c,d @@'");
    const oldStart = Number(m[1]);
    const newStart = Number(m[3]);
    const oldCount = m[2] === undefined ? 1 : Number(m[2]);
    const newCount = m[4] === undefined ? 1 : Number(m[4]);
    if (Math.max(oldStart, oldCount, newStart, newCount) > Number.MAX_SAFE_INTEGER) {
      throw new DiffParseError(this.lineNo, 'hunk header number out of range');
    }
    if ((newStart === 0 && newCount > 0) || (oldStart === 0 && oldCount > 0)) {
      throw new DiffParseError(this.lineNo, 'hunk header range starts at line 0');
    }
    // An empty range names the line before it.
    const first = newCount === 0 ? newStart + 1 : newStart;
    if (first < this.newLine) {
      throw new DiffParseError(
        this.lineNo,
        `hunk starts at new-file line ${first}, before the end of the previous hunk (line ${this.newLine - 1})`,
      );
    }
    this.file!.hunks++;
    this.hunkLine = this.lineNo;
    this.oldCount = this.oldLeft = oldCount;
    this.newCount = this.newLeft = newCount;
    this.newLine = first;
    this.prevBody = false;
    this.state = oldCount === 0 && newCount === 0 ? 'after-hunk' : 'hunk';
  }

  private shortHunk(where: string): DiffParseError {
    const side = this.newLeft > 0 ? 'new' : 'old';
    const count = side === 'new' ? this.newCount : this.oldCount;
    const found = count - (side === 'new' ? this.newLeft : this.oldLeft);
    return new DiffParseError(
      this.hunkLine,
      `hunk header says ${count} ${side}-file lines but only ${found} were found ${where}`,
    );
  }

  private longHunk(side: 'old' | 'new'): DiffParseError {
    const count = side === 'new' ? this.newCount : this.oldCount;
    return new DiffParseError(
      this.hunkLine,
      `hunk header says ${count} ${side}-file lines but line ${this.lineNo} is one more`,
    );
  }

  private toText(freeText: boolean): void {
    this.finishFile();
    this.freeText = freeText;
    this.state = 'text';
  }

  private toBetween(): void {
    this.finishFile();
    this.state = 'between';
  }

  /** A tentative header from free text was not followed by a real one: it was prose. */
  private backToText(line: string): void {
    this.file = null;
    this.state = 'text';
    this.textLine(line);
  }

  private finishFile(): void {
    const file = this.file;
    if (!file) return;
    this.file = null;
    if (file.oldPath === undefined || file.newPath === undefined) {
      throw new DiffParseError(file.line, 'cannot tell the file name from this diff header');
    }
    const deleted = file.deleted || file.newPath === null;
    const added = file.added || file.oldPath === null;
    const path = deleted ? file.oldPath : file.newPath;
    if (path === null) throw new DiffParseError(file.line, 'both file names are /dev/null');
    const status: FileStatus = deleted
      ? 'deleted'
      : file.binary
        ? 'binary'
        : added
          ? 'added'
          : file.renamed
            ? 'renamed'
            : file.copied
              ? 'copied'
              : file.modeChanged && file.hunks === 0
                ? 'mode-only'
                : 'modified';
    this.sawDiff = true;
    this.stats.files++;
    if (status === 'binary') this.stats.binaryFiles++;
    this.stats.addedLines += file.lines.length;
    this.emit({ path, oldPath: added ? null : file.oldPath, status, commit: this.commit, lines: file.lines });
  }
}

/** Names in a message without echoing the line, which may hold the very secret being looked for. */
function describe(line: string): string {
  return line === '' ? 'an empty line' : `a line starting with ${JSON.stringify(line[0])}`;
}
