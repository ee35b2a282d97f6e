// In-line fixes: the replacement line for a GitHub ```suggestion block, where the literal holding a
// leaked secret becomes the idiomatic environment lookup in the file's own language.
//
// The rule is conservative: a suggestion is only offered when the secret is the whole content of
// one string literal (or, in shell and YAML, one whole value), so the line stays valid. Anything
// else (a key inside a longer string or a URL, in a comment, in a file type we cannot rewrite)
// gives null and the review falls back to guidance only. The suggestion never contains the secret.
// A note says what else the change needs; it is data, worded per language by the catalogue.
import { secretNameFor } from '../report/context.js';
import { Scanner } from '../scan/engine.js';
import { builtinRules } from '../scan/rules/index.js';
import { looksLikeGenericSecret } from '../scan/validators.js';

export interface SuggestionInput {
  path: string;
  /** The added line as it appears in the diff, without its newline. */
  lineText: string;
  /** 1-based column of the first character of the secret. */
  column: number;
  /** 1-based column just past the secret. */
  endColumn: number;
  /** The environment variable the secret should come from, e.g. ANTHROPIC_API_KEY. */
  envVar: string;
  /**
   * Other secrets found on the same line (1-based column spans), custom rules' included: a
   * suggestion that would leave one of them on the line is not offered.
   */
  others?: ReadonlyArray<{ column: number; endColumn: number }>;
}

/** What else the author has to do for the suggestion to work. */
export type SuggestionNote =
  /** Import the module the lookup uses (`import os`, Go's `"os"`) unless the file already does. */
  | { kind: 'import'; module: string; language: 'python' | 'go' }
  /** Rust: `std::env::var` gives a `String` where the literal was a `&str`. */
  | { kind: 'rust-string' }
  /** Shell: `NAME=$NAME` only re-reads the variable; set it outside the script. */
  | { kind: 'shell-reread'; envVar: string }
  /** Terraform: declare the variable `sensitive` and set it through `TF_VAR_<name>`. */
  | { kind: 'terraform-sensitive'; variable: string }
  /** GitHub workflow: create the repository secret. */
  | { kind: 'workflow-secret'; name: string }
  /** docker-compose: set the variable in the environment or a git-ignored `.env`. */
  | { kind: 'compose-env'; envVar: string };

export interface Suggestion {
  /** The full replacement line. */
  line: string;
  note?: SuggestionNote;
}

type Language =
  | 'python'
  | 'js'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'shell'
  | 'terraform'
  | 'workflow'
  | 'compose'
  | 'notebook';

const EXTENSIONS: Record<string, Language> = {
  py: 'python',
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'js',
  ts: 'js',
  tsx: 'js',
  mts: 'js',
  cts: 'js',
  go: 'go',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  cs: 'csharp',
  rb: 'ruby',
  php: 'php',
  rs: 'rust',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  tf: 'terraform',
  ipynb: 'notebook',
};

/** The language whose lookup syntax the suggestion uses, or null for guidance-only files. */
export function suggestionLanguage(path: string): Language | null {
  const normal = path.replace(/\\/g, '/');
  const base = normal.slice(normal.lastIndexOf('/') + 1).toLowerCase();
  if (/\.ya?ml$/.test(base)) {
    if (/(^|\/)\.github\/workflows\//.test(normal)) return 'workflow';
    if (/^(docker-)?compose.*\.ya?ml$/.test(base)) return 'compose';
    return null;
  }
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null; // Dockerfile, Makefile, .env, …
  return EXTENSIONS[base.slice(dot + 1)] ?? null;
}

// ---------------------------------------------------------------------------------------------
// A one-line lexer: enough to know where string literals and comments are.

interface LexSpec {
  /** Characters that open a string literal (every one of them can be replaced). */
  quotes: string;
  /** Quotes without backslash escapes (Go raw strings, shell single quotes). */
  raw?: string;
  /** `'x'` is a character literal: skipped, never replaced. */
  chars?: boolean;
  lineComments: string[];
  blockComments?: boolean;
  /** Shell: `#` only starts a comment at the start of a word. */
  hashAtWordStart?: boolean;
}

const C_LIKE = { blockComments: true };

type CodeLanguage = Exclude<Language, 'workflow' | 'compose' | 'notebook'>;

const LEX: Record<CodeLanguage, LexSpec> = {
  python: { quotes: `"'`, lineComments: ['#'] },
  js: { quotes: `"'\``, ...C_LIKE, lineComments: ['//'] },
  go: { quotes: '"`', raw: '`', chars: true, ...C_LIKE, lineComments: ['//'] },
  java: { quotes: '"', chars: true, ...C_LIKE, lineComments: ['//'] },
  kotlin: { quotes: '"', chars: true, ...C_LIKE, lineComments: ['//'] },
  csharp: { quotes: '"', chars: true, ...C_LIKE, lineComments: ['//'] },
  ruby: { quotes: `"'`, lineComments: ['#'] },
  php: { quotes: `"'`, lineComments: ['//', '#'], blockComments: true },
  rust: { quotes: '"', chars: true, ...C_LIKE, lineComments: ['//'] },
  shell: { quotes: `"'`, raw: "'", lineComments: ['#'], hashAtWordStart: true },
  terraform: { quotes: '"', lineComments: ['#', '//'], blockComments: true },
};

interface StringToken {
  open: number;
  close: number;
}

interface Lexed {
  strings: StringToken[];
  /** From this index on the line is a comment or an unterminated string: nothing to rewrite. */
  opaqueFrom: number;
}

function lex(text: string, spec: LexSpec): Lexed {
  const strings: StringToken[] = [];
  // A line inside a block comment (` * apiKey: "…"` in a JSDoc block) cannot be seen from the line
  // alone; a leading `*` is the usual sign of one.
  if (spec.blockComments && /^\s*\*(\s|\/|$)/.test(text)) return { strings, opaqueFrom: 0 };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (spec.blockComments && text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return { strings, opaqueFrom: i };
      i = end + 2;
      continue;
    }
    if (
      spec.lineComments.some((p) => text.startsWith(p, i)) &&
      !(spec.hashAtWordStart && i > 0 && !/\s/.test(text[i - 1]!))
    )
      return { strings, opaqueFrom: i };
    if (spec.chars && c === "'") {
      const m = /^'(?:\\[^']*|[^\\'])'/.exec(text.slice(i));
      i += m ? m[0].length : 1; // not a character literal: a Rust lifetime, a Kotlin label, …
      continue;
    }
    if (spec.quotes.includes(c)) {
      const raw = spec.raw?.includes(c) ?? false;
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += !raw && text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return { strings, opaqueFrom: i };
      strings.push({ open: i, close: j });
      i = j + 1;
      continue;
    }
    i++;
  }
  return { strings, opaqueFrom: text.length };
}

// ---------------------------------------------------------------------------------------------

const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUOTES = `"'\``;

/** Declarations whose initialiser must be a compile-time constant: a lookup would not compile. */
const CONSTANT_CONTEXT: Partial<Record<Language, RegExp>> = {
  go: /^\s*const\b/,
  rust: /^\s*(pub(\([^)]*\))?\s+)?(const|static)\b/,
  csharp: /\bconst\b/,
  kotlin: /\bconst\s+val\b/,
};

function lookupFor(language: Exclude<Language, 'notebook'>, envVar: string): string {
  switch (language) {
    case 'python':
      return `os.environ["${envVar}"]`;
    case 'js':
      return `process.env.${envVar}`;
    case 'go':
      return `os.Getenv("${envVar}")`;
    case 'java':
    case 'kotlin':
      return `System.getenv("${envVar}")`;
    case 'csharp':
      return `Environment.GetEnvironmentVariable("${envVar}")`;
    case 'ruby':
      return `ENV["${envVar}"]`;
    case 'php':
      return `getenv('${envVar}')`;
    case 'rust':
      return `std::env::var("${envVar}").expect("${envVar} is not set")`;
    case 'shell':
      return `"$${envVar}"`;
    case 'terraform':
      return `var.${envVar.toLowerCase()}`;
    case 'workflow':
      return `\${{ secrets.${secretNameFor(envVar)} }}`;
    case 'compose':
      return `\${${envVar}}`;
  }
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

function lastNonSpace(text: string): string | undefined {
  return /(\S)\s*$/.exec(text)?.[1];
}

function firstNonSpace(text: string): string | undefined {
  return /^\s*(\S)/.exec(text)?.[1];
}

/**
 * The replacement line for a ```suggestion block, or null when no safe in-line fix exists (the
 * secret is not a whole string literal, sits in a comment, or the file type is guidance-only).
 */
export function suggestLine(input: SuggestionInput): Suggestion | null {
  const { lineText, envVar } = input;
  const start = input.column - 1;
  const end = input.endColumn - 1;
  if (!ENV_VAR.test(envVar)) return null;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) return null;
  if (end > lineText.length) return null;
  const language = suggestionLanguage(input.path);
  if (!language) return null;

  const secret = lineText.slice(start, end);
  const result =
    language === 'workflow' || language === 'compose'
      ? suggestYaml(language, lineText, start, end, envVar)
      : language === 'notebook'
        ? suggestNotebook(lineText, start, end, envVar)
        : suggestCode(language, lineText, start, end, envVar);
  // The point of the suggestion is to remove the secret: never hand it back.
  if (!result || result.line.includes(secret) || JSON.stringify(result.note ?? '').includes(secret))
    return null;
  // Nor any other key of the line: a suggested change is posted verbatim in the review.
  const others = (input.others ?? []).map((o) => lineText.slice(o.column - 1, o.endColumn - 1));
  if (others.some((o) => o.length > 0 && result.line.includes(o))) return null;
  if (holdsKey(result.line)) return null;
  return result;
}

let builtinScanner: Scanner | undefined;

/**
 * The last guard before a line is posted: true when the built-in rules find a key in it, or when
 * it keeps a credential-like token that no rule reports on its own (the secret half of an AWS
 * pair loses its partner once the key id is replaced).
 */
function holdsKey(line: string): boolean {
  builtinScanner ??= new Scanner(builtinRules);
  if (builtinScanner.scanFile({ path: 'suggestion', lines: [{ line: 1, text: line }] }).length > 0)
    return true;
  return (line.match(BASE64_RUN) ?? []).some(
    (run) => /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run) && looksLikeGenericSecret(run),
  );
}

// A base64 run as long as a key: digits with both cases are rare in code, common in secrets.
const BASE64_RUN = /[A-Za-z0-9+/]{20,200}/g;

function suggestCode(
  language: CodeLanguage,
  text: string,
  start: number,
  end: number,
  envVar: string,
): Suggestion | null {
  if (CONSTANT_CONTEXT[language]?.test(text)) return null;
  const { strings, opaqueFrom } = lex(text, LEX[language]);
  if (start >= opaqueFrom) return null;
  const lookup = lookupFor(language, envVar);
  const token = strings.find((s) => s.open === start - 1 && s.close === end);

  let from: number;
  let to: number;
  if (token) {
    from = token.open;
    to = token.close + 1;
    // A string prefix changes the literal's meaning (bytes, raw, verbatim, interpolated); Python's
    // r/u/f prefixes still make a plain str, so they are replaced together with the literal.
    const prefix =
      language === 'python' ? /(?<![\w$])(?:[rRuUfF]|[rR][fF]|[fF][rR])$/.exec(text.slice(0, from)) : null;
    if (prefix) from -= prefix[0].length;
    const before = text[from - 1];
    const after = text[to];
    if (before !== undefined && /[\w@$#"'`]/.test(before)) return null;
    if (after !== undefined && /[\w"'`]/.test(after)) return null;
    // Adjacent literals concatenate (Python, shell, C-family macros): the secret is then only part
    // of the string.
    const prev = lastNonSpace(text.slice(0, from));
    const next = firstNonSpace(text.slice(to));
    if (language !== 'shell' && ((prev && QUOTES.includes(prev)) || (next && QUOTES.includes(next))))
      return null;
    // `{ "key": 1 }`: an object key (JS) or a symbol key (Ruby) cannot become an expression.
    if ((language === 'js' || language === 'ruby') && next === ':' && (!prev || prev === '{' || prev === ','))
      return null;
  } else if (language === 'shell') {
    // An unquoted word: a whole argument, or the value of `NAME=…` / `export NAME=…`.
    if (strings.some((s) => s.open < start && start <= s.close)) return null;
    const before = text.slice(0, start);
    const after = text.slice(end);
    if (!/(^|\s)$/.test(before) && !/(^|[\s;&|(])[A-Za-z_][A-Za-z0-9_]*=$/.test(before)) return null;
    if (!/^([\s;&|)]|$)/.test(after)) return null;
    from = start;
    to = end;
  } else {
    return null;
  }

  const line = splice(text, from, to, lookup);
  const note = noteFor(language, envVar, text, from);
  return note ? { line, note } : { line };
}

function noteFor(
  language: CodeLanguage,
  envVar: string,
  text: string,
  from: number,
): SuggestionNote | undefined {
  switch (language) {
    case 'python':
      return /^\s*(import|from)\s/.test(text) ? undefined : { kind: 'import', module: 'os', language };
    case 'go':
      return { kind: 'import', module: 'os', language };
    case 'rust':
      return { kind: 'rust-string' };
    case 'shell':
      return new RegExp(`(^|[\\s;&|(])${envVar}=$`).test(text.slice(0, from))
        ? { kind: 'shell-reread', envVar }
        : undefined;
    case 'terraform':
      return { kind: 'terraform-sensitive', variable: envVar.toLowerCase() };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Jupyter notebooks: a code cell's source is a JSON array of strings, one Python line each, as in
// `    "api_key = \"<key>\"\n",`. The string is decoded, its Python rewritten like a .py line, and
// encoded again, so the suggested line is still a valid element of the array.

const NOTEBOOK_LINE = /^(\s*)("(?:[^"\\]|\\.)*")(\s*(?:,\s*)?)$/;

function suggestNotebook(text: string, start: number, end: number, envVar: string): Suggestion | null {
  const m = NOTEBOOK_LINE.exec(text);
  if (!m) return null;
  const indent = m[1]!;
  const tail = m[3]!;
  const open = indent.length;
  const close = open + m[2]!.length - 1;
  if (start <= open || end > close) return null;
  const secret = text.slice(start, end);
  // A secret that needed JSON escapes would not read the same once decoded.
  if (JSON.stringify(secret) !== `"${secret}"`) return null;
  let source: unknown;
  let before: unknown;
  try {
    source = JSON.parse(m[2]!);
    before = JSON.parse(`"${text.slice(open + 1, start)}"`);
  } catch {
    return null; // the secret starts inside an escape sequence
  }
  if (typeof source !== 'string' || typeof before !== 'string') return null;
  const newline = /\r?\n$/.exec(source)?.[0] ?? '';
  const python = source.slice(0, source.length - newline.length);
  const from = before.length;
  if (python.slice(from, from + secret.length) !== secret) return null;
  const fixed = suggestCode('python', python, from, from + secret.length, envVar);
  if (!fixed) return null;
  const line = indent + JSON.stringify(fixed.line + newline) + tail;
  return fixed.note ? { line, note: fixed.note } : { line };
}

// ---------------------------------------------------------------------------------------------
// YAML: GitHub workflows and docker-compose files. Only a whole value in block style is rewritten:
// `key: <secret>`, `- <secret>`, their quoted forms, and compose's `- NAME=<secret>` list items.

const YAML_KEY = String.raw`(?:[A-Za-z0-9_][\w.-]*|"[^"\\]*"|'[^']*')`;
const YAML_VALUE_PREFIX = new RegExp(String.raw`^\s*(?:-\s+)*${YAML_KEY}:\s+$|^\s*(?:-\s+)+$`);
const COMPOSE_ITEM_PREFIX = /^\s*-\s+(["']?)[A-Za-z_][A-Za-z0-9_]*=$/;
const YAML_TAIL_QUOTED = /^\s*(#.*)?$/;
const YAML_TAIL_PLAIN = /^(\s+#.*|\s*)$/;

function suggestYaml(
  language: 'workflow' | 'compose',
  text: string,
  start: number,
  end: number,
  envVar: string,
): Suggestion | null {
  const lookup = lookupFor(language, envVar);
  const before = text.slice(0, start);
  const after = text.slice(end);
  const line = splice(text, start, end, lookup);
  const note: SuggestionNote =
    language === 'workflow'
      ? { kind: 'workflow-secret', name: secretNameFor(envVar) }
      : { kind: 'compose-env', envVar };

  if (language === 'compose') {
    const item = COMPOSE_ITEM_PREFIX.exec(before);
    if (item) {
      const quote = item[1] ?? '';
      if (quote === '') return YAML_TAIL_PLAIN.test(after) ? { line, note } : null;
      return after[0] === quote && YAML_TAIL_QUOTED.test(after.slice(1)) ? { line, note } : null;
    }
  }

  const open = before.at(-1);
  if ((open === '"' || open === "'") && after[0] === open) {
    // A quoted scalar keeps its quotes: the expression is the whole content either way.
    return YAML_VALUE_PREFIX.test(before.slice(0, -1)) && YAML_TAIL_QUOTED.test(after.slice(1))
      ? { line, note }
      : null;
  }
  return YAML_VALUE_PREFIX.test(before) && YAML_TAIL_PLAIN.test(after) ? { line, note } : null;
}
