// The remediation catalogue's shape: for each situation (situations.ts) a "do now" step for the
// review body and a step for one finding's line, the "afterwards" practices, and the wording of
// a suggested change's note. Each language fills one `Guidance` (catalogue-en.ts,
// catalogue-ko.ts); the compiler lists any step still missing.
//
// Every step cites where its advice comes from: a section of Anthropic's article "API Key Best
// Practices: Keeping Your Keys Safe and Secure" (ARTICLE_URL in src/report/messages.ts), or
// api-key-guard's own reasoning. The citations are language-independent, kept here.
import type { SuggestionNote } from './suggestion.js';
import type { Situation } from './situations.js';

/** A numbered section of the article, or one of its two unnumbered ones. */
export type ArticleSection = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 'compromised' | 'partnership';
/** `project`: the project's reasoning about git history, not in the article. */
export type Citation = ArticleSection | 'project';

export const CITATIONS: Readonly<Record<Situation, readonly Citation[]>> = {
  // "If a key may be compromised"; "GitHub partnership": a pushed key counts as exposed.
  revoke: ['compromised', 'partnership'],
  // §1: never put a key in public discussions.
  discussion: [1],
  // §3: keep `.env` out of git with `.gitignore`.
  'untrack-file': [3],
  // §1: encrypted secrets in CI/CD tools; §3: environment variables and secrets.
  'ci-secret': [1, 3],
  'docker-build': [1, 3],
  environment: [1, 3],
  history: ['project'],
};

/** What to keep doing once the leak is dealt with. */
export type Afterward = 'never-share' | 'monitor' | 'limit-spend' | 'rotate' | 'separate' | 'scan' | 'kms';
export const AFTERWARDS: readonly Afterward[] = [
  'never-share',
  'monitor',
  'limit-spend',
  'rotate',
  'separate',
  'scan',
  'kms',
];

export const AFTERWARD_CITATIONS: Readonly<Record<Afterward, readonly Citation[]>> = {
  'never-share': [1],
  monitor: [2],
  'limit-spend': [2],
  rotate: [4],
  separate: [5],
  scan: [6],
  kms: [7],
};

/** How a step marks up its own literals: markdown for reviews, plain text for annotations. */
export interface Format {
  code(text: string): string;
  /** The lead phrase of a "do now" step. */
  strong(text: string): string;
}

/** What a step fills in, already formatted for the output (code spans, links, escaped text). */
export interface NowFacts {
  /** `inCommits`: some key reached a pushed commit, so deleting the line does not undo it. */
  revoke: { inCommits: boolean };
  discussion: Record<string, never>;
  'untrack-file': { command: string; files: number; dotenv: boolean };
  'ci-secret': { files: string; reference: string };
  'docker-build': { buildSecret: string; runtime: string };
  environment: { envVars: string };
  history: Record<string, never>;
}

/**
 * Why removing the key is not enough: it is in a commit, or in text others can read; `none` when
 * there is nothing to add (a file on disk, or the history step already says it).
 */
export type Exposure = 'commit' | 'text' | 'none';

export interface LineFacts {
  /** `wholeFile`: a committed credential file, which may hold several keys and passwords. */
  revoke: { provider: string; keyPage: string | undefined; exposure: Exposure; wholeFile: boolean };
  discussion: Record<string, never>;
  'untrack-file': { file: string; command: string; ignoreEntry: string; dotenv: boolean };
  'ci-secret': { reference: string };
  'docker-build': { buildSecret: string; runtime: string };
  environment: { envVar: string; reference: string };
  history: Record<string, never>;
}

export interface Guidance {
  /** The text of a citation of article sections, e.g. `article §1, §3`; the renderer links it. */
  cite(sections: readonly ArticleSection[]): string;
  /** The citation of the project's own reasoning (not linked). */
  projectCite: string;
  /** The review body's "do now" steps, one per situation present among the findings. */
  now: { [S in Situation]: (f: Format, facts: NowFacts[S]) => string };
  /** The steps for one finding: an inline comment, an annotation, a line of the CLI's report. */
  line: { [S in Situation]: (f: Format, facts: LineFacts[S]) => string };
  afterwards: Readonly<Record<Afterward, string>>;
  /** What else a suggested change needs (an import, a declaration). */
  suggestionNote(f: Format, note: SuggestionNote): string;
}
