// Escaping for untrusted text (file paths, values, commit messages, custom rule names) placed in
// GitHub-flavoured markdown, and for workflow commands. Escaped text renders as the same
// characters and nothing more: it cannot add markdown structure or HTML, mention a person or a
// team, reference an issue, close a code span, split a table row, or forge a hidden marker
// (every `<` becomes `&lt;` in text, and `<!--` is broken inside code).

declare const markdownBrand: unique symbol;
/**
 * Markdown that is safe to place in a body: produced by this module, or a trusted literal
 * passed through `trusted`. The message catalogue takes this type for every argument, so raw
 * untrusted text cannot reach a message without being escaped first.
 */
export type Markdown = string & { readonly [markdownBrand]: true };

/** Marks markdown written by this project (catalogue text, our own URLs) as safe. */
export function trusted(text: string): Markdown {
  return text as Markdown;
}

/** U+200D ZERO WIDTH JOINER: placed after `@` and `#` so GitHub sees no mention or reference. */
export const ZWJ = '\u200d';

/** Untrusted text longer than this is cut (with `…`) before escaping. */
export const DEFAULT_MAX_LENGTH = 300;

// Line breaks, other C0/C1 controls, bidirectional overrides and isolates ("Trojan source"),
// and zero-width or separator characters: each would hide or reorder what a reviewer reads.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Shows invisible and reordering characters as `\n`, `\x07`, `\u202e`, so nothing is hidden. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Cuts text to at most `max` UTF-16 units plus `…`, never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// Every ASCII punctuation character that can start or end markdown structure: emphasis, links,
// images, headings, lists, block quotes (`>` is an entity), tables, strikethrough, math,
// autolinks (`:` in `https://`, `.` in `www.`). A backslash before ASCII punctuation always
// renders as the character itself (CommonMark 2.4), also inside GFM table cells.
const PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~=$:]/g;

/**
 * Escapes untrusted text for any inline position: a paragraph, a list item, a heading, link
 * text or a table cell. Line breaks are shown as `\n`, so the text stays on one line.
 */
export function escapeText(text: string, maxLength = DEFAULT_MAX_LENGTH): Markdown {
  return visible(clip(text, maxLength))
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .replace(PUNCTUATION, '\\$&')
    .replace(/[@#]/g, `$&${ZWJ}`) as Markdown;
}

/** The longest run of backticks in the text. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

export interface CodeOptions {
  /** The code sits in a table cell: a `|` would end the cell, even inside backticks. */
  table?: boolean;
  maxLength?: number;
}

/**
 * Untrusted text as inline code. The fence is one backtick longer than any run inside, and
 * padded with a space when the text starts or ends with a backtick or a space, so the text
 * cannot close the span. `<!--` is broken with a zero-width joiner so a marker cannot be forged.
 * In a table cell a text with `|` is written as `<code>` with escaped content instead: GFM
 * splits cells at `|` even inside backticks, and `\|` cannot be written unambiguously there.
 */
export function codeSpan(text: string, options: CodeOptions = {}): Markdown {
  const content = visible(clip(text, options.maxLength ?? DEFAULT_MAX_LENGTH)).replace(/<!--/g, `<!${ZWJ}--`);
  if (content === '') return '' as Markdown;
  if (options.table && content.includes('|'))
    return `<code>${escapeText(text, options.maxLength ?? DEFAULT_MAX_LENGTH)}</code>` as Markdown;
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const pad =
    /^`|`$/.test(content) || (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '');
  const space = pad ? ' ' : '';
  return `${fence}${space}${content}${space}${fence}` as Markdown;
}

/**
 * A URL as a link destination: only http(s), with every character that could end the
 * destination or a table cell (`(`, `)`, `|`, space, quotes, `<`, `>`, backslash) percent-encoded.
 * Returns undefined for anything else (`javascript:`, relative or malformed URLs).
 */
export function safeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(
    /[()|\\'"<> `[\]]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** A link with already-safe text; without a usable URL, the text alone. */
export function link(text: Markdown, url: string | undefined): Markdown {
  const href = url === undefined ? undefined : safeUrl(url);
  return (href ? `[${text}](${href})` : text) as Markdown;
}

/** Encodes a repository path for a URL, segment by segment (`/` stays). */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

// Workflow commands (`::error file=…,line=…::message`). The runner decodes these escapes;
// see actions/toolkit packages/core/src/command.ts.

/** Escapes a workflow command's message: `%`, CR and LF. */
export function escapeWorkflowCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: the data escapes plus `:` and `,`. */
export function escapeWorkflowCommandProperty(text: string): string {
  return escapeWorkflowCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const WORKFLOW_ESCAPES: Record<string, string> = {
  '%25': '%',
  '%0D': '\r',
  '%0A': '\n',
  '%3A': ':',
  '%2C': ',',
};

/** The inverse of both escapes, in one pass (as the runner reads them). */
export function unescapeWorkflowCommand(text: string): string {
  return text.replace(/%(?:25|0D|0A|3A|2C)/g, (m) => WORKFLOW_ESCAPES[m]!);
}
