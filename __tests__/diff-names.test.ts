// Tests for the header-name readers of the diff reader (src/changes/diff-names.ts); how the reader
// uses them on whole diffs is in diff.test.ts.
import { describe, expect, it } from '@jest/globals';
import {
  DEV_NULL,
  gitHeaderNames,
  hasPrefixPair,
  headerName,
  stripPrefix,
  unquote,
  unquoteIfQuoted,
  type Fail,
} from '../src/changes/diff-names.js';

const fail: Fail = (detail) => {
  throw new Error(detail);
};

describe('unquote', () => {
  it('decodes octal UTF-8 bytes and C escapes, and reports where the name ends', () => {
    expect(unquote('"t\\303\\251st" rest', 0, fail)).toEqual({ name: 'tést', end: 13 });
    expect(unquote('x "a\\tb\\"c\\\\d\\n"', 2, fail).name).toBe('a\tb"c\\d\n');
    expect(unquote('"caf\\303\\251 \\360\\237\\215\\265"', 0, fail).name).toBe('café 🍵');
    expect(unquote('"日本 🍵"', 0, fail).name).toBe('日本 🍵');
    expect(unquoteIfQuoted('plain name', fail)).toBe('plain name');
    expect(unquoteIfQuoted('"q\\"uote"', fail)).toBe('q"uote');
  });

  it('reports bad escapes and unterminated names through fail', () => {
    expect(() => unquote('"bad\\qescape"', 0, fail)).toThrow('invalid escape in a quoted file name');
    expect(() => unquote('"\\400"', 0, fail)).toThrow('invalid escape');
    expect(() => unquote('"unterminated', 0, fail)).toThrow('unterminated quoted file name');
    expect(() => unquote('"ends in a backslash\\', 0, fail)).toThrow('invalid escape');
  });
});

describe('headerName', () => {
  it('reads the name of a --- / +++ line up to a tab; an epoch date is a missing file', () => {
    expect(headerName('--- a/x.ts', fail)).toBe('a/x.ts');
    expect(headerName('+++ b/dir with space/x.ts\t', fail)).toBe('b/dir with space/x.ts');
    expect(headerName('--- x.ts\t2024-01-02 03:04:05.000000000 +0000', fail)).toBe('x.ts');
    expect(headerName('--- x.ts\t1970-01-01 00:00:00.000000000 +0000', fail)).toBe(DEV_NULL);
    expect(headerName('+++ x.ts\t1970-01-01 09:00:00 +0900', fail)).toBe(DEV_NULL);
    expect(headerName('+++ "b/t\\303\\251st"', fail)).toBe('b/tést');
    expect(() => headerName('--- "a/unterminated', fail)).toThrow('unterminated');
  });
});

describe('gitHeaderNames', () => {
  it('splits equal halves in the middle, whatever the spaces', () => {
    expect(gitHeaderNames('a/x b/y b/x b/y', fail)).toEqual(['a/x b/y', 'b/x b/y']);
    expect(gitHeaderNames('c/a b i/a b', fail)).toEqual(['c/a b', 'i/a b']);
    expect(gitHeaderNames('a b/c a b/c', fail)).toEqual(['a b/c', 'a b/c']); // --no-prefix
  });

  it('splits different names before the prefix that pairs with the first name', () => {
    expect(gitHeaderNames('a/old b/new', fail)).toEqual(['a/old', 'b/new']);
    expect(gitHeaderNames('c/r.txt i/s.txt', fail)).toEqual(['c/r.txt', 'i/s.txt']);
    expect(gitHeaderNames('i/s.txt c/r.txt', fail)).toEqual(['i/s.txt', 'c/r.txt']);
    expect(gitHeaderNames('c/x w/y', fail)).toEqual(['c/x', 'w/y']);
    expect(gitHeaderNames('o/x w/x2', fail)).toEqual(['o/x', 'w/x2']);
    expect(gitHeaderNames('1/dir b/x 2/dir b/y', fail)).toEqual(['1/dir b/x', '2/dir b/y']);
    // Only the first ` b/` when nothing pairs (as before mnemonic prefixes were recognised).
    expect(gitHeaderNames('old b/new', fail)).toEqual(['old', 'b/new']);
    expect(gitHeaderNames('old new', fail)).toBeNull();
  });

  it('reads quoted names on either side', () => {
    expect(gitHeaderNames('"a/t\\303\\251st" "b/t\\303\\251st"', fail)).toEqual(['a/tést', 'b/tést']);
    expect(gitHeaderNames('a/plain.ts "b/caf\\303\\251"', fail)).toEqual(['a/plain.ts', 'b/café']);
    expect(gitHeaderNames('"c/tab\\there" w/x', fail)).toEqual(['c/tab\there', 'w/x']);
    expect(gitHeaderNames('"a/x"b/x', fail)).toBeNull();
    expect(() => gitHeaderNames('"a/unterminated b/x', fail)).toThrow('unterminated');
  });
});

describe('hasPrefixPair and stripPrefix', () => {
  it('knows the pairs git writes, mnemonic ones in either order', () => {
    const pairs = [
      'a/ b/',
      'i/ w/',
      'w/ i/',
      'c/ w/',
      'w/ c/',
      'c/ i/',
      'i/ c/',
      'o/ w/',
      'w/ o/',
      '1/ 2/',
      '2/ 1/',
    ];
    for (const pair of pairs) {
      const [p, q] = pair.split(' ');
      expect([pair, hasPrefixPair(`${p}x`, `${q}y`, true)]).toEqual([pair, true]);
    }
    for (const pair of ['b/ a/', 'a/ a/', 'w/ w/', 'a/ w/', 'c/ b/', 'x/ y/', '1/ 1/']) {
      const [p, q] = pair.split(' ');
      expect([pair, hasPrefixPair(`${p}x`, `${q}x`, true)]).toEqual([pair, false]);
    }
    expect(hasPrefixPair('x', 'x', true)).toBe(false);
  });

  it('decides by the other name when one is /dev/null', () => {
    expect(hasPrefixPair(DEV_NULL, 'b/x', true)).toBe(true);
    expect(hasPrefixPair(DEV_NULL, 'i/x', true)).toBe(true);
    expect(hasPrefixPair('c/x', DEV_NULL, true)).toBe(true);
    expect(hasPrefixPair(DEV_NULL, 'x', true)).toBe(false);
    expect(hasPrefixPair(DEV_NULL, DEV_NULL, true)).toBe(false);
  });

  it('counts only a/ b/ outside git', () => {
    expect(hasPrefixPair('a/x', 'b/x', false)).toBe(true);
    expect(hasPrefixPair(DEV_NULL, 'b/x', false)).toBe(true);
    expect(hasPrefixPair('c/x', 'w/x', false)).toBe(false);
    expect(hasPrefixPair('1/x', '2/x', false)).toBe(false);
  });

  it('strips a prefix only when told to; /dev/null is no name', () => {
    expect(stripPrefix('w/src/x.ts', true)).toBe('src/x.ts');
    expect(stripPrefix('w/src/x.ts', false)).toBe('w/src/x.ts');
    expect(stripPrefix('src/x.ts', true)).toBe('src/x.ts');
    expect(stripPrefix(DEV_NULL, true)).toBeNull();
    expect(stripPrefix(DEV_NULL, false)).toBeNull();
  });
});
