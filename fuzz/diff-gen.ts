// Diffs for the property tests and the fuzz harness, generated from a model: each file has old
// contents and an edit script, and the diff text is written from them the way git, GNU diff, svn
// or jsdiff would write it. Because the model knows the new file, it also knows exactly which
// added lines the reader must report, with which numbers. Mutations then break the text in the
// ways real input breaks: cut short, wrong counts, bogus headers, stray bytes, CRLF, bad quoting.
import { createTwoFilesPatch, structuredPatch } from 'diff';
import fc from 'fast-check';
import type { FileStatus } from '../src/changes/diff.js';
import { seededRandom } from '../src/scan/samples.js';
import type { AddedLine } from '../src/scan/types.js';
import { expandTracked, PLANTS, type Range } from './secrets.js';

/** A content line (no `\n`; a trailing `\r` makes it a CRLF line) and its generated characters. */
export interface Line {
  text: string;
  random: Range[];
}

const plain = (text: string): Line => ({ text, random: [] });
const noNewline = (s: string) => s.replace(/\n/g, ' ');

const CODE = ['const x = 1;', 'return value', '', '  }', '# comment', 'x = "y"', 'def f():', '\t\tindented'];
/** Content that looks like diff syntax once prefixed, or when a prefix is lost. */
export const DIFFISH = [
  '+plus',
  '-minus',
  ' space',
  '--- a/x',
  '+++ b/x',
  '@@ -1 +1 @@',
  '@@ -1,3 +0,0 @@',
  '\\ No newline at end of file',
  'diff --git a/x b/x',
  'diff --git "a/x',
  'diff --cc x',
  'commit c0ffee0',
  'From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001',
  'Index: x',
  '-- ',
  '====',
  'Binary files a/x and b/x differ',
  'GIT binary patch',
  'rename to y',
  'new file mode 100644',
  '\x1b[32m+green\x1b[m',
];

/** A line holding a key made from one of the rules' true-positive templates. */
export const plantedLine: fc.Arbitrary<Line> = fc
  .record({ i: fc.nat(PLANTS.length - 1), seed: fc.integer() })
  .map(({ i, seed }) => expandTracked(PLANTS[i]!.template, seededRandom(seed)));

const baseLine: fc.Arbitrary<Line> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CODE).map(plain) },
  { weight: 2, arbitrary: fc.constantFrom(...DIFFISH).map(plain) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30, unit: 'grapheme' }).map((s) => plain(noNewline(s))) },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 20, unit: 'binary-ascii' }).map((s) => plain(noNewline(s))),
  },
  { weight: 2, arbitrary: plantedLine },
);

export const lineArb: fc.Arbitrary<Line> = fc
  .tuple(baseLine, fc.nat(9))
  .map(([line, r]) => (r === 0 ? { text: line.text + '\r', random: line.random } : line));

type Action = 'keep' | 'delete' | 'replace';
interface Step {
  line: Line;
  action: Action;
  /** Inserted before this old line. */
  insert: Line[];
  /** The replacement, for `replace`. */
  with: Line[];
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  line: lineArb,
  action: fc.constantFrom<Action>('keep', 'keep', 'keep', 'delete', 'replace'),
  insert: fc.oneof({ weight: 3, arbitrary: fc.constant<Line[]>([]) }, fc.array(lineArb, { maxLength: 3 })),
  with: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
});

export type Kind = 'modify' | 'add' | 'delete' | 'rename' | 'copy' | 'mode' | 'binary' | 'git-binary';
export type Style = 'git' | 'git-noprefix' | 'git-mnemonic' | 'unified' | 'index' | 'jsdiff';
const GIT_ONLY: readonly Kind[] = ['rename', 'copy', 'mode', 'git-binary'];

export interface FileSpec {
  kind: Kind;
  style: Style;
  oldName: string;
  newName: string;
  steps: Step[];
  tail: Line[];
  oldNewline: boolean;
  newNewline: boolean;
  context: number;
  /** Write `-5` instead of `-5,1` (git does). */
  omitOne: boolean;
  /** Quote non-ASCII names with octal escapes (git's core.quotePath). */
  quotePath: boolean;
  /** Section heading after the second `@@`. */
  heading: string;
  /** Non-git styles: put a/ and b/ before the names. */
  prefixed: boolean;
  /** unified: a `diff -u` line first; GNU -N: an epoch timestamp instead of /dev/null. */
  diffLine: boolean;
  epoch: boolean;
}

const SEGMENTS = [
  'src',
  'lib',
  'app.py',
  'config.ts',
  'dir with space',
  'tést',
  '日本語.txt',
  'q"uote',
  'back\\slash',
  'tab\tname',
  'new\nline',
  '.env',
  'emoji🍵.md',
  'x',
  'a',
  'b',
  'deploy.sh',
  'docker-compose.yml',
];
const segment = fc.oneof(fc.constantFrom(...SEGMENTS), fc.stringMatching(/^[A-Za-z0-9_.-]{1,10}$/));
const nameArb = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));

export const fileSpecArb: fc.Arbitrary<FileSpec> = fc.record({
  kind: fc.constantFrom<Kind>(
    'modify',
    'modify',
    'modify',
    'add',
    'delete',
    'rename',
    'copy',
    'mode',
    'binary',
    'git-binary',
  ),
  style: fc.constantFrom<Style>('git', 'git', 'git-noprefix', 'git-mnemonic', 'unified', 'index', 'jsdiff'),
  oldName: nameArb,
  newName: nameArb,
  steps: fc.array(stepArb, { maxLength: 12 }),
  tail: fc.array(lineArb, { maxLength: 3 }),
  oldNewline: fc.boolean(),
  newNewline: fc.boolean(),
  context: fc.nat(4),
  omitOne: fc.boolean(),
  quotePath: fc.boolean(),
  heading: fc.constantFrom('', 'def main():', 'class Foo {', '@@ odd @@'),
  prefixed: fc.boolean(),
  diffLine: fc.boolean(),
  epoch: fc.boolean(),
});

export type Wrapper = 'plain' | 'log' | 'format-patch';

export interface DiffSpec {
  wrapper: Wrapper;
  files: FileSpec[];
  /** Where commits start (log and format-patch). */
  cuts: number[];
  shas: string[];
  preamble: boolean;
  /** Write every line ending as CRLF (only when no content line ends in `\r`). */
  crlf: boolean;
}

const sha = fc
  .array(fc.constantFrom(...'0123456789abcdef'), { minLength: 40, maxLength: 40 })
  .map((c) => c.join(''));

export const diffSpecArb: fc.Arbitrary<DiffSpec> = fc.record({
  wrapper: fc.constantFrom<Wrapper>('plain', 'plain', 'log', 'format-patch'),
  files: fc.array(fileSpecArb, { minLength: 1, maxLength: 5 }),
  cuts: fc.array(fc.nat(5), { maxLength: 2 }),
  shas: fc.array(sha, { minLength: 3, maxLength: 3 }),
  preamble: fc.boolean(),
  crlf: fc.boolean(),
});

/** What the reader must report for one file. */
export interface ExpectedFile {
  path: string;
  oldPath: string | null;
  status: FileStatus;
  commit: string | null;
  lines: AddedLine[];
  /** Generated characters per added line, keyed by its line number. */
  random: Map<number, Range[]>;
  /** The new file's lines (as git counts them: split at `\n`), for the files that have one. */
  newLines: string[] | null;
}

export interface GeneratedDiff {
  text: string;
  files: ExpectedFile[];
  binaryFiles: number;
}

/** One file's hunks alone, as GitHub's `patch` field carries them, with what they show. */
export interface GeneratedPatch {
  patch: string;
  lines: AddedLine[];
  /** New-file line numbers of context and added lines: where a review comment may sit. */
  rightSide: number[];
  random: Map<number, Range[]>;
}

// --- names -----------------------------------------------------------------------------------

/** git's quote_c_style: needed for `"`, `\`, control characters and (with quotePath) non-ASCII. */
function needsQuote(name: string, quotePath: boolean): boolean {
  // eslint-disable-next-line no-control-regex
  return /["\\\x00-\x1f\x7f]/.test(name) || (quotePath && /[^\x00-\x7f]/.test(name));
}

const C_ESCAPES: Record<number, string> = {
  7: 'a',
  8: 'b',
  9: 't',
  10: 'n',
  11: 'v',
  12: 'f',
  13: 'r',
  34: '"',
  92: '\\',
};

function quote(name: string): string {
  let out = '"';
  for (const byte of Buffer.from(name, 'utf8')) {
    const esc = C_ESCAPES[byte];
    if (esc) out += `\\${esc}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out + '"';
}

function gitName(name: string, quotePath: boolean): string {
  return needsQuote(name, quotePath) ? quote(name) : name;
}

/** Names other tools can write: no tab (it ends the name), no control characters, no leading quote. */
function toolSafe(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\x00-\x1f\x7f"\\]/g, '_');
}

// --- one file --------------------------------------------------------------------------------

interface Entry {
  op: ' ' | '-' | '+';
  line: Line;
  noEol: boolean;
}

function script(spec: FileSpec, kind: Kind): Entry[] {
  const entries: Entry[] = [];
  const push = (op: Entry['op'], line: Line) => entries.push({ op, line, noEol: false });
  if (kind === 'add') {
    for (const s of spec.steps) push('+', s.line);
    for (const l of spec.tail) push('+', l);
  } else if (kind === 'delete') {
    for (const s of spec.steps) push('-', s.line);
  } else {
    for (const s of spec.steps) {
      for (const l of s.insert) push('+', l);
      if (s.action === 'keep') push(' ', s.line);
      else {
        push('-', s.line);
        if (s.action === 'replace') for (const l of s.with) push('+', l);
      }
    }
    for (const l of spec.tail) push('+', l);
  }
  // A file without its final newline: its last line is marked, and a kept line whose ending
  // differs between the two versions is really a deletion and an addition.
  let lastOld = -1;
  let lastNew = -1;
  entries.forEach((e, i) => {
    if (e.op !== '+') lastOld = i;
    if (e.op !== '-') lastNew = i;
  });
  const oldNl = spec.oldNewline || lastOld < 0 || entries[lastOld]!.line.text === '';
  const newNl = spec.newNewline || lastNew < 0 || entries[lastNew]!.line.text === '';
  const out: Entry[] = [];
  entries.forEach((e, i) => {
    const oldNoEol = i === lastOld && !oldNl;
    const newNoEol = i === lastNew && !newNl;
    if (e.op === ' ' && oldNoEol !== newNoEol) {
      out.push({ op: '-', line: e.line, noEol: oldNoEol }, { op: '+', line: e.line, noEol: newNoEol });
    } else out.push({ ...e, noEol: e.op === '-' ? oldNoEol : e.op === '+' ? newNoEol : oldNoEol });
  });
  return out;
}

function range(start: number, count: number, omitOne: boolean): string {
  return count === 1 && omitOne ? `${start}` : `${start},${count}`;
}

/** Hunks for the entries with `context` lines around each change; overlapping ones merge. */
function hunks(entries: Entry[], spec: FileSpec): GeneratedPatch & { text: string[] } {
  const changes = entries.flatMap((e, i) => (e.op === ' ' ? [] : [i]));
  const groups: Array<[number, number]> = [];
  for (const i of changes) {
    const from = Math.max(0, i - spec.context);
    const to = Math.min(entries.length - 1, i + spec.context);
    const last = groups[groups.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else groups.push([from, to]);
  }
  // Old and new line numbers of each entry (1-based; for an entry of the other side, the line before).
  const oldNo: number[] = [];
  const newNo: number[] = [];
  let o = 0;
  let n = 0;
  for (const e of entries) {
    if (e.op !== '+') o++;
    if (e.op !== '-') n++;
    oldNo.push(o);
    newNo.push(n);
  }
  const text: string[] = [];
  const lines: AddedLine[] = [];
  const rightSide: number[] = [];
  const random = new Map<number, Range[]>();
  for (const [from, to] of groups) {
    const slice = entries.slice(from, to + 1);
    const oldCount = slice.filter((e) => e.op !== '+').length;
    const newCount = slice.filter((e) => e.op !== '-').length;
    const oldBefore = from === 0 ? 0 : oldNo[from - 1]!;
    const newBefore = from === 0 ? 0 : newNo[from - 1]!;
    const oldStart = oldCount === 0 ? oldBefore : oldBefore + 1;
    const newStart = newCount === 0 ? newBefore : newBefore + 1;
    text.push(
      `@@ -${range(oldStart, oldCount, spec.omitOne)} +${range(newStart, newCount, spec.omitOne)} @@${spec.heading ? ` ${spec.heading}` : ''}`,
    );
    slice.forEach((e, k) => {
      text.push(e.op + e.line.text);
      if (e.noEol) text.push('\\ No newline at end of file');
      const lineNo = newNo[from + k]!;
      if (e.op !== '-') rightSide.push(lineNo);
      if (e.op === '+') {
        lines.push({ line: lineNo, text: e.line.text.replace(/\r$/, '') });
        if (e.line.random.length) random.set(lineNo, e.line.random);
      }
    });
  }
  return { text, patch: text.length ? text.join('\n') + '\n' : '', lines, rightSide, random };
}

function contentText(entries: Entry[], side: '-' | '+'): string {
  const kept = entries.filter((e) => e.op === ' ' || e.op === side);
  return kept.map((e) => e.line.text + (e.noEol ? '' : '\n')).join('');
}

/** The `patch` field GitHub would give for this file's changes (no headers). */
export function patchOf(spec: FileSpec): GeneratedPatch {
  return hunks(script(spec, spec.kind === 'add' || spec.kind === 'delete' ? spec.kind : 'modify'), spec);
}

const GIT_PREFIXES = { git: ['a/', 'b/'], 'git-mnemonic': ['c/', 'w/'], 'git-noprefix': ['', ''] } as const;

/**
 * `afterHeaderOnly`: the previous file was a git header without hunks, which a bare `--- ` line
 * would continue, so a GNU diff needs its `diff` line to start a new file.
 */
function renderFile(
  spec: FileSpec,
  commit: string | null,
  afterHeaderOnly: boolean,
): { text: string[]; expected: ExpectedFile; headerOnly: boolean } {
  const { kind } = spec;
  let { style } = spec;
  if (style === 'jsdiff' && kind !== 'modify') style = 'unified';
  if (GIT_ONLY.includes(kind) && !style.startsWith('git')) style = 'git';
  const git = style === 'git' || style === 'git-noprefix' || style === 'git-mnemonic';
  let oldName = spec.oldName.trim() || 'x';
  let newName = kind === 'rename' || kind === 'copy' ? spec.newName.trim() || 'y' : oldName;
  if (!git) {
    oldName = toolSafe(oldName);
    newName = toolSafe(newName);
  }
  if (style === 'git-noprefix' || (!git && !spec.prefixed)) {
    // Without prefixes a name must not itself look prefixed, and both sides keep one name.
    const fix = (n: string) => (/^[abciow]\//.test(n) ? `_${n}` : n);
    oldName = fix(oldName);
    newName = fix(newName);
  }
  const scriptKind = kind === 'add' || kind === 'delete' ? kind : 'modify';
  let entries = script(spec, scriptKind);
  if (kind === 'modify' && entries.every((e) => e.op === ' ')) {
    // Nothing changed: append a line so there is a diff to read.
    entries = script({ ...spec, tail: [...spec.tail, plain('appended')] }, 'modify');
  }
  const h = hunks(entries, spec);
  const binary = kind === 'binary' || kind === 'git-binary';
  const status: FileStatus =
    kind === 'delete'
      ? 'deleted'
      : binary
        ? 'binary'
        : kind === 'add'
          ? 'added'
          : kind === 'rename'
            ? 'renamed'
            : kind === 'copy'
              ? 'copied'
              : kind === 'mode' && h.text.length === 0
                ? 'mode-only'
                : 'modified';
  const expected: ExpectedFile = {
    path: kind === 'delete' ? oldName : newName,
    oldPath: kind === 'add' ? null : oldName,
    status,
    commit,
    lines: binary || kind === 'delete' ? [] : h.lines,
    random: binary || kind === 'delete' ? new Map() : h.random,
    newLines: null,
  };
  const text: string[] = [];

  const oldText = contentText(entries, '-');
  const newText = contentText(entries, '+');
  if (!binary && kind !== 'delete') expected.newLines = newText.replace(/\n$/, '').split('\n');
  // jsdiff writes no hunk for identical contents (a line deleted and added again).
  if (style === 'jsdiff' && oldText === newText) style = 'unified';
  if (style === 'jsdiff') {
    const [a, b] = spec.prefixed ? [`a/${oldName}`, `b/${newName}`] : [oldName, newName];
    const options = { context: spec.context };
    const patch = createTwoFilesPatch(a, b, oldText, newText, 'old', 'new', options);
    const structured = structuredPatch(a, b, oldText, newText, undefined, undefined, options);
    const lines: AddedLine[] = [];
    for (const hunk of structured.hunks) {
      let n = hunk.newStart;
      for (const l of hunk.lines) {
        if (l[0] === '+') lines.push({ line: n++, text: l.slice(1).replace(/\r$/, '') });
        else if (l[0] === ' ') n++;
      }
    }
    // jsdiff's lines come from its own diff, so the generated characters are located by text.
    const random = new Map<number, Range[]>();
    const byText = new Map(
      entries.filter((e) => e.op === '+').map((e) => [e.line.text.replace(/\r$/, ''), e.line]),
    );
    for (const l of lines) {
      const r = byText.get(l.text)?.random;
      if (r?.length) random.set(l.line, r);
    }
    // jsdiff starts with `Index:` only when both names are the same; a header is needed after a
    // bare git header, which a `====` line would otherwise continue.
    if (afterHeaderOnly && !patch.startsWith('Index: ')) text.push(`Index: ${b}`);
    text.push(...patch.replace(/\n$/, '').split('\n'));
    return { text, expected: { ...expected, status: 'modified', lines, random }, headerOnly: false };
  }

  if (git) {
    const [pa, pb] = GIT_PREFIXES[style as keyof typeof GIT_PREFIXES];
    const q = (n: string) => gitName(n, spec.quotePath);
    const dashName = (n: string) => {
      const quoted = q(n);
      return quoted === n && n.includes(' ') ? `${n}\t` : quoted;
    };
    text.push(`diff --git ${q(pa + oldName)} ${q(pb + newName)}`);
    const hasHunks = h.text.length > 0 && !binary;
    switch (kind) {
      case 'add':
        text.push('new file mode 100644', 'index 0000000..1234567');
        break;
      case 'delete':
        text.push('deleted file mode 100644', 'index 1234567..0000000');
        break;
      case 'rename':
      case 'copy':
        text.push(
          `similarity index ${hasHunks ? 80 : 100}%`,
          `${kind} from ${q(oldName)}`,
          `${kind} to ${q(newName)}`,
        );
        if (hasHunks) text.push('index 1234567..89abcde 100644');
        break;
      case 'mode':
        text.push('old mode 100644', 'new mode 100755');
        if (hasHunks) text.push('index 1234567..89abcde');
        break;
      case 'binary':
        text.push(
          'index 1234567..89abcde 100644',
          `Binary files ${q(pa + oldName)} and ${q(pb + newName)} differ`,
        );
        break;
      case 'git-binary':
        text.push(
          'index 1234567..89abcde 100644',
          'GIT binary patch',
          'literal 5',
          'McmZ?d00001',
          '',
          'literal 0',
          'HcmV?d00001',
          '',
        );
        break;
      default:
        text.push('index 1234567..89abcde 100644');
    }
    if (hasHunks) {
      text.push(`--- ${kind === 'add' ? '/dev/null' : dashName(pa + oldName)}`);
      text.push(`+++ ${kind === 'delete' ? '/dev/null' : dashName(pb + newName)}`);
      text.push(...h.text);
    }
    return { text, expected, headerOnly: !hasHunks && kind !== 'git-binary' };
  }

  // GNU diff -u / diff -ruN, and svn's Index: form.
  const [pa, pb] = spec.prefixed ? ['a/', 'b/'] : ['', ''];
  const stamp = '\t2024-01-02 03:04:05.000000000 +0000';
  // GNU diff -N dates a missing file at the epoch, in local time.
  const epoch = spec.diffLine
    ? '\t1970-01-01 00:00:00.000000000 +0000'
    : '\t1970-01-01 09:00:00.000000000 +0900';
  const missing = (name: string) => (spec.epoch && style === 'unified' ? `${name}${epoch}` : '/dev/null');
  if (style === 'index') text.push(`Index: ${newName}`, '='.repeat(67));
  else if (spec.diffLine || afterHeaderOnly) text.push(`diff -ruN ${pa + oldName} ${pb + newName}`);
  if (binary) {
    text.push(`Binary files ${pa + oldName} and ${pb + newName} differ`);
    return { text, expected, headerOnly: false };
  }
  const suffix = style === 'unified' ? stamp : '\t(working copy)';
  text.push(`--- ${kind === 'add' ? missing(pa + oldName) : pa + oldName + suffix}`);
  text.push(`+++ ${kind === 'delete' ? missing(pb + newName) : pb + newName + suffix}`);
  if (h.text.length === 0) return { text: [], expected, headerOnly: false }; // nothing to write
  text.push(...h.text);
  return { text, expected, headerOnly: false };
}

/** A diff and what the reader must make of it. */
export function renderDiff(spec: DiffSpec): GeneratedDiff {
  const out: string[] = [];
  const files: ExpectedFile[] = [];
  if (spec.preamble && spec.wrapper === 'plain') out.push('Notes about this change.', '');
  const cuts = new Set(
    spec.wrapper === 'plain' ? [0] : [0, ...spec.cuts.filter((c) => c < spec.files.length)],
  );
  let commitIndex = -1;
  let commit: string | null = null;
  let headerOnly = false;
  // format-patch ends each patch with a signature, also after a bare git header or a binary patch.
  const signature = () => out.push('-- ', '2.43.0', '');
  spec.files.forEach((file, i) => {
    if (cuts.has(i) && spec.wrapper !== 'plain') {
      if (commitIndex >= 0 && spec.wrapper === 'format-patch') signature();
      else if (commitIndex >= 0) out.push('');
      commitIndex++;
      commit = spec.shas[commitIndex % spec.shas.length]!;
      if (spec.wrapper === 'log')
        out.push(
          `commit ${commit}`,
          'Author: A U Thor <author@example.com>',
          'Date:   Mon Jan 1 00:00:00 2024 +0000',
          '',
          '    Change things',
          '',
          '    diff --git in a message is indented',
          '',
        );
      else
        out.push(
          `From ${commit} Mon Sep 17 00:00:00 2001`,
          'From: A U Thor <author@example.com>',
          'Date: Mon, 1 Jan 2024 00:00:00 +0000',
          `Subject: [PATCH ${commitIndex + 1}/3] Change things`,
          '',
          'A message line.',
          '---',
          ' x | 2 +-',
          ' 1 file changed, 1 insertion(+), 1 deletion(-)',
          '',
        );
    }
    const { text, expected, headerOnly: open } = renderFile(file, commit, headerOnly && !cuts.has(i));
    if (text.length === 0) return;
    out.push(...text);
    files.push(expected);
    headerOnly = open;
  });
  if (spec.wrapper === 'format-patch') signature();
  const crlf = spec.crlf && !out.some((l) => l.endsWith('\r'));
  let text = out.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
  if (files.length === 0) text = '';
  return { text, files, binaryFiles: files.filter((f) => f.status === 'binary').length };
}

// --- mutations ---------------------------------------------------------------------------------

/** Lines that mean something to the reader, to drop into a diff where they do not belong. */
const tricky = fc.oneof(
  fc.constantFrom(
    ...DIFFISH,
    '',
    '+',
    '-',
    ' ',
    '@@ -1 +1 @@',
    '@@ -0,0 +1,2 @@',
    '@@ -1,99999999999999999999 +1 @@',
    '@@ -1,2 +1',
    '@@@ -1,1 -1,1 +1,1 @@@',
    '@@ -x,y +z,w @@',
    '@@ -0,1 +0,1 @@',
    'diff --git "a/unterminated b/x',
    'diff --git "a/bad\\qescape" "b/x"',
    '--- "a/unterminated',
    '+++ "b/bad\\q"',
    'rename from "x\\',
    'literal 0',
    'old mode 100644',
    '\ufeffdiff --git a/x b/x',
    '\0\0\0',
  ),
  fc.string({ maxLength: 30, unit: 'binary-ascii' }),
  fc.string({ maxLength: 30, unit: 'binary' }),
  plantedLine.map((l) => l.text),
);

export type Mutation =
  | {
      kind: 'delete' | 'duplicate' | 'crlf' | 'swap' | 'truncate' | 'count' | 'no-newline';
      at: number;
      by: number;
    }
  | { kind: 'insert' | 'replace'; at: number; line: string }
  | { kind: 'bytes'; at: number; bytes: string };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('delete', 'duplicate', 'crlf', 'swap', 'truncate', 'count', 'no-newline'),
    at: fc.nat(),
    by: fc.integer({ min: -3, max: 3 }),
  }),
  fc.record({ kind: fc.constantFrom('insert', 'replace'), at: fc.nat(), line: tricky }),
  fc.record({
    kind: fc.constant('bytes'),
    at: fc.nat(),
    bytes: fc.string({ minLength: 1, maxLength: 8, unit: 'binary' }),
  }),
);

/** Applies mutations to a diff's text, line by line (truncate and bytes work on characters). */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const at = m.at % Math.max(1, lines.length);
    switch (m.kind) {
      case 'delete':
        lines.splice(at, 1);
        break;
      case 'duplicate':
        lines.splice(at, 0, lines[at] ?? '');
        break;
      case 'crlf':
        lines[at] = (lines[at] ?? '') + '\r';
        break;
      case 'swap': {
        const other = (at + 1 + Math.abs(m.by)) % lines.length;
        [lines[at], lines[other]] = [lines[other] ?? '', lines[at] ?? ''];
        break;
      }
      case 'no-newline':
        lines.splice(at, 0, '\\ No newline at end of file');
        break;
      case 'count': {
        // A hunk header whose counts no longer match its body.
        const i = lines.findIndex((l, k) => k >= at && l.startsWith('@@ '));
        const target = i >= 0 ? i : lines.findIndex((l) => l.startsWith('@@ '));
        if (target >= 0)
          lines[target] = lines[target]!.replace(
            /,(\d+) @@/,
            (_m, c: string) => `,${Math.max(0, Number(c) + (m.by || 1))} @@`,
          );
        break;
      }
      case 'truncate': {
        const joined = lines.join('\n');
        lines = joined.slice(0, m.at % (joined.length + 1)).split('\n');
        break;
      }
      case 'insert':
        lines.splice(at, 0, m.line);
        break;
      case 'replace':
        lines[at] = m.line;
        break;
      case 'bytes': {
        const joined = lines.join('\n');
        const pos = m.at % (joined.length + 1);
        lines = (joined.slice(0, pos) + m.bytes + joined.slice(pos)).split('\n');
        break;
      }
    }
  }
  return lines.join('\n');
}

/** Random text with some diff structure in it: anything a reader may be handed. */
export const junkArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(tricky, { maxLength: 30 }).map((lines) => lines.join('\n')),
  fc.array(tricky, { maxLength: 30 }).map((lines) => lines.join('\r\n')),
);

/** Feeds a text as Buffers cut at the given byte sizes, so multi-byte characters get split. */
export async function* byteChunks(text: string, sizes: readonly number[]): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let pos = 0, i = 0; pos < bytes.length; i++) {
    const size = Math.max(1, sizes[i % Math.max(1, sizes.length)] ?? 64);
    yield bytes.subarray(pos, pos + size);
    pos += size;
  }
}

/** Feeds a text as strings of the given sizes, never splitting a surrogate pair. */
export async function* stringChunks(text: string, sizes: readonly number[]): AsyncGenerator<string> {
  for (let pos = 0, i = 0; pos < text.length; i++) {
    let end = pos + Math.max(1, sizes[i % Math.max(1, sizes.length)] ?? 64);
    if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end++;
    yield text.slice(pos, end);
    pos = end;
  }
}

/** Every line of a spec that holds a generated key, to locate a finding's random characters. */
export function plantedLines(files: readonly FileSpec[]): Line[] {
  const out: Line[] = [];
  const add = (l: Line) => {
    if (l.random.length) out.push(l);
  };
  for (const f of files) {
    for (const s of f.steps) {
      add(s.line);
      s.insert.forEach(add);
      s.with.forEach(add);
    }
    f.tail.forEach(add);
  }
  return out;
}

// Fixed text in the reader's messages that a (truncated) input line can equal by chance.
const MESSAGE_PHRASES = [
  "'\\ No newline'",
  "'@@ -a,b +c,d @@'",
  "'diff --git', '--- ' or 'commit'",
  '`git show --first-parent` or `git diff <parent> <merge>`',
];

/**
 * The length of an input line (12 characters or more) that an error message repeats, or null.
 * Messages name lines by number and show at most their first character: a line may hold a key.
 */
export function repeatedLine(message: string, text: string): number | null {
  let own = message;
  for (const phrase of MESSAGE_PHRASES) own = own.split(phrase).join('');
  for (const line of text.split('\n')) {
    const content = line.replace(/\r$/, '');
    if (content.length >= 12 && own.includes(content)) return content.length;
  }
  return null;
}
