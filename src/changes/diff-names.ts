// File names in unified-diff headers, for the reader in diff.ts: the `diff --git` line, the
// `---`/`+++` lines, C-style quoted names, and git's a/ b/ (or mnemonic) name prefixes.

export const DEV_NULL = '/dev/null';

/** Reports malformed header text; the reader throws a DiffParseError at the current line. */
export type Fail = (detail: string) => never;

/**
 * The (old, new) name prefix pairs git writes: a/ b/ by default; with diff.mnemonicPrefix, what is
 * compared: `git diff` the (i)ndex and the (w)ork tree, `git diff HEAD` a (c)ommit and the work
 * tree, `git diff --cached` a commit and the index, `git diff HEAD:file1 file2` an (o)bject and
 * the work tree, `git diff --no-index` two non-git things (1) and (2). A reverse diff (-R) swaps
 * the mnemonic prefixes, not a/ b/.
 */
const GIT_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['a/', 'b/'],
  ...(
    [
      ['i/', 'w/'],
      ['c/', 'w/'],
      ['c/', 'i/'],
      ['o/', 'w/'],
      ['1/', '2/'],
    ] as const
  ).flatMap(([a, b]) => [[a, b] as const, [b, a] as const]),
];
const GIT_PAIR_SET = new Set(GIT_PAIRS.map(([p, q]) => p + q));

const PREFIX_RE = /^[abciow12]\//;

function prefixOf(name: string): string {
  return PREFIX_RE.test(name) ? name.slice(0, 2) : '';
}

/**
 * Whether two header names carry a prefix pair (`git`: any pair git writes, else only a/ b/).
 * One of them may be /dev/null (an added or deleted file); then the other's prefix decides.
 */
export function hasPrefixPair(oldName: string, newName: string, git: boolean): boolean {
  const a = oldName === DEV_NULL ? null : prefixOf(oldName);
  const b = newName === DEV_NULL ? null : prefixOf(newName);
  if (a === '' || b === '' || (a === null && b === null)) return false;
  // Other tools (`diff -ru a b`, svn, jsdiff) only get a/ b/ stripped.
  if (!git) return (a === null || a === 'a/') && (b === null || b === 'b/');
  if (a !== null && b !== null) return GIT_PAIR_SET.has(a + b);
  return GIT_PAIRS.some(([p, q]) => (a ?? p) === p && (b ?? q) === q);
}

/** A header name without its prefix (when `prefixed`); null for /dev/null. */
export function stripPrefix(name: string, prefixed: boolean): string | null {
  if (name === DEV_NULL) return null;
  return prefixed && PREFIX_RE.test(name) ? name.slice(2) : name;
}

/** The name on a `---`/`+++` line: up to a tab (timestamps; git adds a tab after names with spaces). */
export function headerName(line: string, fail: Fail): string {
  const rest = line.slice(4);
  if (rest.startsWith('"')) return unquote(rest, 0, fail).name;
  const tab = rest.indexOf('\t');
  if (tab < 0) return rest;
  // `diff -N` shows a missing file as an empty one dated at the epoch (in local time).
  return isEpoch(rest.slice(tab + 1)) ? DEV_NULL : rest.slice(0, tab);
}

function isEpoch(stamp: string): boolean {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.\d+)? ([+-]\d\d)(\d\d)$/.exec(stamp);
  return m !== null && Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`) === 0;
}

/**
 * The two names of `diff --git a/x b/y` (after `diff --git `), prefixes kept. Unquoted names may
 * contain spaces, so the split is ambiguous; it only matters when there are no better names
 * (renames and copies have `rename from`/`to` lines, hunks have `---`/`+++` lines): split in the
 * middle when the halves are the same name, else before the first prefix that pairs with the
 * first name's (` b/` after `a/`, ` w/` after `c/`, ...), else at the first ` b/`.
 */
export function gitHeaderNames(rest: string, fail: Fail): [string, string] | null {
  if (rest.startsWith('"')) {
    const a = unquote(rest, 0, fail);
    if (rest[a.end] !== ' ') return null;
    return [a.name, unquoteIfQuoted(rest.slice(a.end + 1), fail)];
  }
  const quote = rest.indexOf(' "');
  if (quote >= 0) return [rest.slice(0, quote), unquote(rest, quote + 1, fail).name];
  const mid = (rest.length - 1) / 2;
  if (Number.isInteger(mid) && rest[mid] === ' ') {
    const a = rest.slice(0, mid);
    const b = rest.slice(mid + 1);
    if (a === b || (hasPrefixPair(a, b, true) && a.slice(2) === b.slice(2))) return [a, b];
  }
  let split = -1;
  for (const [p, q] of GIT_PAIRS) {
    if (!rest.startsWith(p)) continue;
    const at = rest.indexOf(` ${q}`, p.length);
    if (at > 0 && (split < 0 || at < split)) split = at;
  }
  if (split < 0) split = rest.indexOf(' b/');
  return split > 0 ? [rest.slice(0, split), rest.slice(split + 1)] : null;
}

export function unquoteIfQuoted(s: string, fail: Fail): string {
  return s.startsWith('"') ? unquote(s, 0, fail).name : s;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };

/**
 * Reads a C-style quoted name starting at s[from] === '"'. Git quotes names with control
 * characters, `"`, `\` or (by default, core.quotePath) non-ASCII bytes, which it writes as octal
 * escapes of the UTF-8 bytes: "t\303\251st" is "tést".
 */
export function unquote(s: string, from: number, fail: Fail): { name: string; end: number } {
  const bytes: number[] = [];
  let i = from + 1;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '"') return { name: Buffer.from(bytes).toString('utf8'), end: i + 1 };
    if (ch !== '\\') {
      const char = String.fromCodePoint(s.codePointAt(i)!);
      bytes.push(...Buffer.from(char, 'utf8'));
      i += char.length;
      continue;
    }
    const octal = s.slice(i + 1, i + 4);
    if (/^[0-3][0-7][0-7]$/.test(octal)) {
      bytes.push(parseInt(octal, 8));
      i += 4;
      continue;
    }
    const byte = ESCAPES[s[i + 1] ?? ''];
    if (byte === undefined) fail('invalid escape in a quoted file name');
    bytes.push(byte);
    i += 2;
  }
  return fail('unterminated quoted file name');
}
