import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  fingerprintMarker,
  fingerprintsIn,
  isOwnContent,
  isReviewBody,
  isStickyComment,
  REVIEW_MARKER,
  STICKY_MARKER,
} from '../src/report/markers.js';
import {
  clip,
  codeSpan,
  encodePath,
  escapeText,
  escapeWorkflowCommandData,
  escapeWorkflowCommandProperty,
  link,
  safeUrl,
  unescapeWorkflowCommand,
  visible,
  ZWJ,
} from '../src/report/markdown-escape.js';
import { tableCells } from './helpers/render-fixtures.js';

const FP = '0123456789abcdef0123456789abcdef';

/** Strings that try to add structure, HTML, mentions, links or markers. */
const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '</details><details open><summary>x</summary>',
  '@octocat please look',
  'cc @org/team and @org/security-team',
  'a`b``c```d',
  '`',
  '```js\nalert(1)\n```',
  REVIEW_MARKER,
  `<!-- api-key-guard:fp:${FP} -->`,
  '[link](javascript:alert(1))',
  '![img](https://evil.example/x.png)',
  'a|b|c',
  'line1\nline2\r\n# heading\n> quote\n- item\n1. item',
  '**bold** _em_ ~~strike~~ $x^2$',
  'see #123 and GH-1 and owner/repo#2',
  'https://evil.example/path www.evil.example',
  '\u202eevil\u202c \u200b hidden \u0007 bell',
  '&lt;already&gt; &amp; entities',
];

describe('escapeText', () => {
  it.each(PAYLOADS)('renders %j harmlessly', (payload) => {
    const out = escapeText(payload);
    expect(out).not.toMatch(/[<>\n\r]/); // no tag, no HTML comment, no new line or block
    expect(out).not.toMatch(/@[A-Za-z0-9]/); // no mention
    expect(out).not.toMatch(/#[0-9]/); // no issue reference
    expect(out).not.toMatch(/(?<!\\)[[\]()|`*_~$!#]/); // every structural character escaped
    expect(out).not.toContain('<!--');
    expect(fingerprintsIn(out)).toEqual([]);
    expect(tableCells(`| ${out} |`)).toHaveLength(1);
  });

  it('escapes exactly: entities for HTML, backslashes for punctuation, a joiner after @ and #', () => {
    expect(escapeText('<img src=x onerror=alert(1)>')).toBe('&lt;img src\\=x onerror\\=alert\\(1\\)&gt;');
    expect(escapeText('@org/team')).toBe(`@${ZWJ}org/team`);
    expect(escapeText('#12')).toBe(`\\#${ZWJ}12`);
    expect(escapeText('a|b')).toBe('a\\|b');
    expect(escapeText('back\\slash|')).toBe('back\\\\slash\\|');
    expect(escapeText('a\nb')).toBe('a\\\\nb');
  });

  it('keeps a backslash before a pipe from un-escaping it in a table cell', () => {
    // `a\|b`: if only the pipe were escaped, GFM would read `\\` + `|` and split the cell.
    expect(tableCells(`| ${escapeText('a\\|b')} |`)).toHaveLength(1);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('\\', '|', '`', 'a', ' ', '<') }), (s) => {
        expect(tableCells(`| ${escapeText(s)} | x |`)).toHaveLength(2);
      }),
    );
  });

  it('cuts long text without splitting a surrogate pair', () => {
    expect(escapeText('a'.repeat(1000)).length).toBeLessThan(310);
    expect(clip('ab😀c', 3)).toBe('ab…');
    expect(clip('short', 10)).toBe('short');
  });

  it('shows invisible and reordering characters', () => {
    expect(visible('a\u202eb\u0007c\td')).toBe('a\\u202eb\\x07c\\td');
  });
});

/** Reads a code span back as CommonMark does: fence, optional one-space padding, content. */
function readCodeSpan(span: string): { fence: number; content: string } {
  const fence = /^`+/.exec(span)![0].length;
  expect(span.endsWith('`'.repeat(fence))).toBe(true);
  let content = span.slice(fence, span.length - fence);
  // The closing fence is not part of a longer run, and no run of the fence's length is inside.
  expect(content.endsWith('`')).toBe(false);
  for (const run of content.match(/`+/g) ?? []) expect(run.length).not.toBe(fence);
  if (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '')
    content = content.slice(1, -1);
  return { fence, content };
}

describe('codeSpan', () => {
  it('chooses a fence longer than any backtick run inside', () => {
    expect(codeSpan('a`b``c')).toBe('```a`b``c```');
    expect(codeSpan('`')).toBe('`` ` ``');
    expect(codeSpan('x')).toBe('`x`');
    expect(codeSpan(' padded ')).toBe('`  padded  `');
    expect(codeSpan('')).toBe('');
  });

  it('round-trips any text (made visible) and never forms a marker', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: fc.constantFrom('`', ' ', 'a', '<', '!', '-', '\n', '|') }),
          fc.constantFrom(...PAYLOADS),
        ),
        (s) => {
          const span = codeSpan(s, { maxLength: 10_000 });
          if (s === '') return;
          expect(span).not.toContain('\n');
          expect(span).not.toContain('<!--');
          expect(fingerprintsIn(span)).toEqual([]);
          expect(readCodeSpan(span).content).toBe(visible(s).replace(/<!--/g, `<!${ZWJ}--`));
        },
      ),
    );
  });

  it('in a table cell, falls back to <code> with escaped content when the text has a pipe', () => {
    expect(codeSpan('a|b', { table: true })).toBe('<code>a\\|b</code>');
    expect(codeSpan('ab', { table: true })).toBe('`ab`');
    for (const s of ['a\\|b', '`|`', '|', 'x\\'])
      expect(tableCells(`| ${codeSpan(s, { table: true })} | y |`)).toHaveLength(2);
  });
});

describe('links', () => {
  it('accepts only http(s) and encodes what could end a destination or a cell', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('/relative')).toBeUndefined();
    expect(safeUrl('https://x.test/a(b)|c d')).toBe('https://x.test/a%28b%29%7Cc%20d');
    expect(link(escapeText('t'), 'javascript:alert(1)')).toBe('t');
    expect(link(escapeText('t'), 'https://x.test/')).toBe('[t](https://x.test/)');
  });

  it('encodes a path segment by segment', () => {
    expect(encodePath('src/a b/c#d(e).py')).toBe('src/a%20b/c%23d%28e%29.py');
    expect(encodePath('ünï/x')).toBe('%C3%BCn%C3%AF/x');
  });
});

describe('markers', () => {
  it('marks a finding and reads the fingerprints back, unique, in order', () => {
    const other = 'fedcba9876543210fedcba9876543210';
    const body = [
      REVIEW_MARKER,
      'text',
      fingerprintMarker(FP),
      fingerprintMarker(other),
      fingerprintMarker(FP),
    ].join('\n');
    expect(fingerprintsIn(body)).toEqual([FP, other]);
    expect(isReviewBody(body)).toBe(true);
    expect(isStickyComment(body)).toBe(false);
    expect(isStickyComment(`${STICKY_MARKER}\r\nx`)).toBe(true);
    expect(isOwnContent(fingerprintMarker(FP))).toBe(true);
    expect(isOwnContent('hello')).toBe(false);
    expect(fingerprintsIn(null)).toEqual([]);
  });

  it('refuses a malformed fingerprint', () => {
    expect(() => fingerprintMarker('xyz')).toThrow(/fingerprint/);
    expect(() => fingerprintMarker(`${FP} --><img src=x>`)).toThrow();
  });

  it('ignores imitations: quoted in a sentence, in a table cell, escaped, or in code', () => {
    const marker = fingerprintMarker(FP);
    const imitations = [
      `see ${marker}`,
      `| ${marker} |`,
      escapeText(marker),
      codeSpan(marker),
      `  ${marker}`,
      `<!-- api-key-guard:fp:${FP.toUpperCase()} -->`,
      `<!-- api-key-guard:fp:${FP}0 -->`,
    ];
    for (const text of imitations) expect(fingerprintsIn(text)).toEqual([]);
    expect(isReviewBody(`quote: ${REVIEW_MARKER}`)).toBe(false);
    expect(isReviewBody(escapeText(REVIEW_MARKER))).toBe(false);
  });
});

describe('workflow command escaping', () => {
  it('escapes the characters GitHub documents', () => {
    expect(escapeWorkflowCommandData('100%\r\ndone: a,b')).toBe('100%25%0D%0Adone: a,b');
    expect(escapeWorkflowCommandProperty('100%\r\ndone: a,b')).toBe('100%25%0D%0Adone%3A a%2Cb');
  });

  it('round-trips %, CR, LF, colon and comma, including text that looks escaped', () => {
    const unit = fc.constantFrom('%', '\r', '\n', ':', ',', '0', 'A', 'D', '2', '5', 'C', '3', 'x', '=', ' ');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit }), fc.string()), (s) => {
        const data = escapeWorkflowCommandData(s);
        const prop = escapeWorkflowCommandProperty(s);
        expect(data).not.toMatch(/[\r\n]/);
        expect(prop).not.toMatch(/[\r\n:,]/);
        expect(unescapeWorkflowCommand(data)).toBe(s);
        expect(unescapeWorkflowCommand(prop)).toBe(s);
      }),
      { numRuns: 500 },
    );
    for (const s of ['%0A', '%25', '%%3A', 'a:b,c%d\r\ne']) {
      expect(unescapeWorkflowCommand(escapeWorkflowCommandProperty(s))).toBe(s);
      expect(unescapeWorkflowCommand(escapeWorkflowCommandData(s))).toBe(s);
    }
  });
});
