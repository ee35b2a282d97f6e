// The fuzz targets: how each kind of untrusted input is generated, pushed through the code that
// takes it, and judged. A target's `run` returns the name of the outcome (for the figures) or
// throws a FuzzFailure; anything else thrown is itself a failure (an unexpected exception type).
//
//  - diff: unified diffs (model-built, mutated, random) through readDiffFiles in random chunks, or
//    GitHub patch fields through parsePatchField; then the scanner and every renderer.
//  - config: config YAML through parseConfig + resolveScan; a loaded config then scans keys.
//  - event: workflow event payloads through readEventChanges with an octokit stub that rejects
//    every call except, for pull requests, the file list (generated patches); configRef too.
//  - inputs: action input strings through the validators of src/inputs.ts.
import { createHash } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import {
  DiffParseError,
  emptyStats,
  parsePatchField,
  readDiffFiles,
  type DiffFile,
} from '../src/changes/diff.js';
import { readEventChanges, type EventContext } from '../src/changes/event.js';
import type { DiffEntry } from '../src/changes/github-files.js';
import { rightSideLines } from '../src/changes/local-diff.js';
import { configRef } from '../src/config-source.js';
import { ConfigError, parseConfig, resolveScan } from '../src/config.js';
import type { Octokit } from '../src/github/client.js';
import { bool, COMMENT_MODES, InputError, LANGUAGES, oneOf, outputPath, repoPath } from '../src/inputs.js';
import { FAIL_ON_VALUES, scanAll } from '../src/scan/collect.js';
import { lineTextOf, Scanner, secretOf } from '../src/scan/engine.js';
import { longestPrefix } from '../src/scan/redact.js';
import { LOCALES } from '../src/report/messages.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { seededRandom } from '../src/scan/samples.js';
import type { AddedLine, Finding, Rule } from '../src/scan/types.js';
import {
  byteChunks,
  diffSpecArb,
  fileSpecArb,
  junkArb,
  mutate,
  mutationArb,
  patchOf,
  plantedLines,
  renderDiff,
  repeatedLine,
  stringChunks,
  type DiffSpec,
  type FileSpec,
  type Line,
  type Mutation,
} from './diff-gen.js';
import { renderAll } from './render-all.js';
import { expandTracked, findLeak, PLANTS, sensitiveIn, WINDOW } from './secrets.js';

export type FailureKind = 'unexpected-error' | 'error-message' | 'leak' | 'invariant' | 'slow' | 'hang';

/** A broken property. Details name places and sizes, never the input's text. */
export class FuzzFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    detail: string,
  ) {
    super(detail);
    this.name = 'FuzzFailure';
  }
}

export interface Target<I> {
  name: string;
  arbitrary: fc.Arbitrary<I>;
  /** The input as text, for its size and hash. */
  text(input: I): string;
  run(input: I): Promise<string>;
}

const SCANNER = new Scanner(builtinRules);
const MAX_RENDERED = 6;
/** Picks the locale and review marker a case renders with. */
const variantArb = fc.nat(3);

/** Runs of 20+ key-ish characters in a message are masked: an error may quote what it read. */
export function masked(text: string): string {
  return text.replace(/[A-Za-z0-9+/_=-]{20,}/g, (m) => `[${m.length} chars]`);
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Any exception other than the documented one, described without quoting the input. */
export function unexpected(error: unknown): FuzzFailure {
  const e = error as Error;
  const where = /\n\s+at (.*)/.exec(e?.stack ?? '')?.[1] ?? '';
  return new FuzzFailure(
    'unexpected-error',
    `${e?.name ?? typeof error}: ${masked(String(e?.message ?? error)).slice(0, 300)}${where ? ` (at ${where})` : ''}`,
  );
}

/** A DiffParseError names a line of the input and repeats none of its lines. */
function checkDiffError(error: unknown, texts: readonly string[]): void {
  if (!(error instanceof DiffParseError)) throw unexpected(error);
  const lines = texts.flatMap((t) => t.split('\n'));
  if (!Number.isInteger(error.line) || error.line < 1)
    throw new FuzzFailure('error-message', `DiffParseError line ${error.line} is not a line number`);
  if (texts.length === 1 && error.line > lines.length)
    throw new FuzzFailure(
      'error-message',
      `DiffParseError line ${error.line} is past the input's ${lines.length} lines`,
    );
  for (const text of texts) {
    const repeated = repeatedLine(error.message, text);
    if (repeated !== null)
      throw new FuzzFailure(
        'error-message',
        `DiffParseError message repeats an input line of ${repeated} characters`,
      );
  }
}

function increasing(lines: readonly AddedLine[], what: string): void {
  let previous = 0;
  for (const { line } of lines) {
    if (!Number.isInteger(line) || line <= previous)
      throw new FuzzFailure('invariant', `${what}: line ${line} follows line ${previous}`);
    previous = line;
  }
}

/**
 * Renders the findings through every output and looks for the keys in them: the generated
 * characters of planted keys (any 8 in a row), and the whole non-prefix part of any other
 * finding's secret (its literal parts are unknown, so only the whole is certain to be secret).
 */
function checkOutputs(
  findings: readonly Finding[],
  rules: readonly Rule[],
  planted: readonly Line[],
  variant: number,
  notes: readonly string[] = [],
): void {
  // Without findings nothing can leak; the renderers still run when there are notes to show.
  if (findings.length === 0 && notes.length === 0) return;
  // Findings past the first few add time, not coverage.
  findings = findings.slice(0, MAX_RENDERED);
  const byText = new Map(planted.map((l) => [l.text.replace(/\r$/, ''), l]));
  const rulesById = new Map(rules.map((r) => [r.id, r]));
  const sensitive: string[] = [];
  const whole: string[] = [];
  for (const f of findings) {
    const secret = secretOf(f) ?? '';
    const lineText = lineTextOf(f) ?? '';
    const start = f.column - 1;
    const end = f.endColumn - 1;
    if (lineText.slice(start, end) !== secret)
      throw new FuzzFailure(
        'invariant',
        `finding ${f.ruleId}: columns ${f.column}-${f.endColumn} do not frame its secret`,
      );
    const p = byText.get(lineText);
    if (p) sensitive.push(...sensitiveIn(p.text, p.random, start, end));
    else {
      const rest = secret.slice(longestPrefix(secret, rulesById.get(f.ruleId)?.prefixes).length);
      if (rest.length >= WINDOW) whole.push(rest);
    }
  }
  // One locale and one review marker per case (the redaction property test renders them all).
  const outputs = renderAll(findings, {
    rules,
    notes: notes.map((text) => ({ kind: 'text', text })),
    locales: [LOCALES[variant % LOCALES.length]!],
    markers: [variant & 2 ? 'sticky' : 'review'],
  });
  const leak = findLeak(outputs, sensitive);
  if (leak)
    throw new FuzzFailure(
      'leak',
      `${leak.output} holds ${WINDOW}+ generated characters of a key at offset ${leak.offset}${leak.escaped ? ' (once unescaped)' : ''}`,
    );
  for (const o of outputs)
    for (const w of whole)
      if (o.text.includes(w)) throw new FuzzFailure('leak', `${o.name} holds the whole secret of a finding`);
}

// --- diff ---------------------------------------------------------------------------------------

const chunkSizes = fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 6 });

type DiffInput = { variant: number } & (
  | { mode: 'model'; spec: DiffSpec; chunks: number[]; asBytes: boolean }
  | { mode: 'mutated'; spec: DiffSpec; mutations: Mutation[]; chunks: number[]; asBytes: boolean }
  | { mode: 'junk'; junk: string; chunks: number[]; asBytes: boolean }
  | { mode: 'patch'; file: FileSpec; mutations: Mutation[] }
);

interface Materialized {
  text: string;
  planted: Line[];
  expected?: ReturnType<typeof renderDiff>;
  patch?: ReturnType<typeof patchOf>;
}

const materialized = new WeakMap<object, Materialized>();

function materialize(input: DiffInput): Materialized {
  let m = materialized.get(input);
  if (m) return m;
  switch (input.mode) {
    case 'model': {
      const expected = renderDiff(input.spec);
      m = { text: expected.text, planted: plantedLines(input.spec.files), expected };
      break;
    }
    case 'mutated':
      m = {
        text: mutate(renderDiff(input.spec).text, input.mutations),
        planted: plantedLines(input.spec.files),
      };
      break;
    case 'junk':
      m = { text: input.junk, planted: [] };
      break;
    case 'patch': {
      const patch = patchOf(input.file);
      const text = input.mutations.length ? mutate(patch.patch, input.mutations) : patch.patch;
      m = { text, planted: plantedLines([input.file]), ...(input.mutations.length ? {} : { patch }) };
      break;
    }
  }
  materialized.set(input, m);
  return m;
}

export const diffTarget: Target<DiffInput> = {
  name: 'diff',
  arbitrary: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        mode: fc.constant('model' as const),
        spec: diffSpecArb,
        chunks: chunkSizes,
        asBytes: fc.boolean(),
        variant: variantArb,
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        mode: fc.constant('mutated' as const),
        spec: diffSpecArb,
        mutations: fc.array(mutationArb, { minLength: 1, maxLength: 5 }),
        chunks: chunkSizes,
        asBytes: fc.boolean(),
        variant: variantArb,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        mode: fc.constant('junk' as const),
        junk: junkArb,
        chunks: chunkSizes,
        asBytes: fc.boolean(),
        variant: variantArb,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        mode: fc.constant('patch' as const),
        file: fileSpecArb,
        mutations: fc.oneof(
          fc.constant<Mutation[]>([]),
          fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        ),
        variant: variantArb,
      }),
    },
  ),
  text: (input) => materialize(input).text,
  async run(input) {
    const { text, planted, expected, patch } = materialize(input);
    if (input.mode === 'patch') {
      let lines: AddedLine[];
      try {
        lines = parsePatchField(text);
      } catch (error) {
        checkDiffError(error, [text]);
        return 'parse-error';
      }
      increasing(lines, 'patch field');
      if (patch) {
        if (JSON.stringify(lines) !== JSON.stringify(patch.lines))
          throw new FuzzFailure('invariant', 'patch field: added lines differ from the model');
        const right = rightSideLines(text);
        if (lines.some((l) => !right.has(l.line)))
          throw new FuzzFailure(
            'invariant',
            'patch field: an added line is not on the right side (no comment can sit on it)',
          );
      }
      checkOutputs(SCANNER.scanFile({ path: 'src/patched.py', lines }), builtinRules, planted, input.variant);
      return 'patch-lines';
    }
    const stats = emptyStats();
    const files: DiffFile[] = [];
    try {
      const source = input.asBytes ? byteChunks(text, input.chunks) : stringChunks(text, input.chunks);
      for await (const file of readDiffFiles(source as AsyncIterable<string>, stats)) files.push(file);
    } catch (error) {
      checkDiffError(error, [text]);
      return 'parse-error';
    }
    if (expected) {
      const got = files.map((f) => [f.path, f.oldPath, f.status, f.commit, f.lines]);
      const want = expected.files.map((f) => [f.path, f.oldPath, f.status, f.commit, f.lines]);
      if (JSON.stringify(got) !== JSON.stringify(want))
        throw new FuzzFailure('invariant', 'well-formed diff: files or added lines differ from the model');
    }
    const findings: Finding[] = [];
    for (const file of files) {
      increasing(file.lines, 'diff file');
      if (file.status !== 'binary')
        findings.push(...SCANNER.scanFile({ path: file.path, lines: file.lines, commit: file.commit }));
    }
    checkOutputs(findings, builtinRules, planted, input.variant);
    return files.length ? 'files' : 'empty';
  },
};

// --- config -------------------------------------------------------------------------------------

const SOURCE = '.github/api-key-guard.yml@abc1234';
const BUILTIN_IDS = builtinRules.map((r) => r.id);

const regexSource = fc.oneof(
  fc.constantFrom(
    '^sk-test-',
    'EXAMPLE$',
    '(',
    '[a-',
    '\\',
    '(?<n>x)\\k<n>',
    'a{2,}',
    '.*',
    '',
    '(?i)x',
    '[[:alpha:]]',
  ),
  fc.string({ maxLength: 20 }),
);

const atom = fc.constantFrom(
  '[A-Za-z0-9]',
  '[a-f0-9]',
  '\\d',
  '[a-z]',
  'x',
  'ab',
  '.',
  '[^\\s]',
  '\\w',
  '_',
  '\\b',
);
const quantifier = fc.constantFrom('', '', '', '+', '*', '?', '{8}', '{4,40}', '{2,}');
const piece = fc.tuple(atom, quantifier).map(([a, q]) => a + q);
// A quantified group of alternatives: the loader refuses it (it can backtrack exponentially).
const group = fc
  .tuple(
    fc.array(piece, { minLength: 1, maxLength: 2 }),
    fc.array(piece, { minLength: 1, maxLength: 2 }),
    quantifier,
  )
  .map(([a, b, q]) => `(?:${a.join('')}|${b.join('')})${q}`);
const patternArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.array(fc.oneof(piece, group), { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([parts, named]) => (named ? `(?<secret>${parts.join('')})` : parts.join(''))),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '(a+)+',
      '(\\w*)*',
      '(',
      '[',
      '\\',
      '(?<secret>)',
      'a**',
      '(?<secret>x)(?<secret>y)',
      '\\k<nope>',
      '(?=a)',
      '^$',
      'x{1001}',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const templateArb = fc.oneof(
  fc.constantFrom(
    'KEY={alnum:20}',
    'x',
    '{alnum:0}',
    '{hex:3000}',
    '{nosuch:5}',
    '${{ secrets.X }}',
    'token = "{crc36}"',
    'v={b64u:93}AA',
    '{lower}',
    'KEY={hex}',
  ),
  fc.string({ maxLength: 30 }),
);

/** A custom rule that loads: a literal prefix and a run of one class, with matching samples. */
const coherentRule = fc
  .record({
    id: fc.stringMatching(/^[a-z][a-z0-9]{0,6}(?:-[a-z0-9]{1,6}){0,2}$/),
    prefix: fc.stringMatching(/^[a-z]{2,5}_$/),
    len: fc.integer({ min: 8, max: 48 }),
    cls: fc.constantFrom<[string, string]>(
      ['alnum', '[A-Za-z0-9]'],
      ['hex', '[0-9a-f]'],
      ['lower', '[a-z]'],
      ['digits', '[0-9]'],
    ),
    severity: fc.constantFrom('high', 'medium', 'low'),
    withPrefixes: fc.boolean(),
    flags: fc.constantFrom(undefined, '', 'i'),
  })
  .map(({ id, prefix, len, cls: [name, cls], severity, withPrefixes, flags }) => ({
    id: `custom-${id}`,
    description: `Custom ${id} token`,
    severity,
    keywords: [prefix],
    pattern: `(?<![A-Za-z0-9_])(?<secret>${prefix}${cls}{${len}})(?![A-Za-z0-9_])`,
    ...(withPrefixes ? { prefixes: [prefix] } : {}),
    ...(flags === undefined ? {} : { flags }),
    samples: {
      truePositives: [`TOKEN=${prefix}{${name}:${len}}`],
      falsePositives: [`TOKEN=${prefix}{${name}:${len - 1}}`],
    },
  }));

const randomRule = fc.record(
  {
    id: fc.oneof(
      fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,2}$/),
      fc.constantFrom(...BUILTIN_IDS),
      fc.string({ maxLength: 12 }),
    ),
    description: fc.string({ maxLength: 40 }),
    provider: fc.string({ maxLength: 20 }),
    pattern: patternArb,
    keywords: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('key', 'x', 'sk-', '')), {
      maxLength: 3,
    }),
    severity: fc.constantFrom('high', 'medium', 'low', 'critical', 'HIGH'),
    flags: fc.constantFrom('', 'i', 'g', 'im'),
    prefixes: fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 }),
    validators: fc.subarray(['not-placeholder', 'entropy', 'not-doc-example', 'github-checksum']),
    minEntropy: fc.double({ min: -1, max: 9, noNaN: true }),
    allow: fc.array(regexSource, { maxLength: 2 }),
    envVar: fc.constantFrom('MY_KEY', 'my-key', '1KEY', ''),
    samples: fc.record(
      {
        truePositives: fc.array(templateArb, { maxLength: 2 }),
        falsePositives: fc.array(templateArb, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    unknown: fc.string({ maxLength: 5 }),
  },
  { requiredKeys: ['id', 'description', 'pattern'] },
);

const configObject = fc.record(
  {
    allow: fc.record(
      {
        paths: fc.array(
          fc.oneof(
            fc.constantFrom(
              '**/*.md',
              'docs/**',
              'test/fixtures/**',
              '*.lock',
              '**/{a,b}/*.ts',
              '[',
              '**/[a-z]*',
              '!(x)',
              '{',
              '\\',
              '',
            ),
            fc.string({ maxLength: 12 }),
          ),
          { maxLength: 3 },
        ),
        values: fc.array(regexSource, { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
    disable: fc.array(fc.oneof(fc.constantFrom(...BUILTIN_IDS), fc.string({ maxLength: 10 })), {
      maxLength: 3,
    }),
    severity: fc.dictionary(
      fc.oneof(fc.constantFrom(...BUILTIN_IDS), fc.string({ maxLength: 8 })),
      fc.constantFrom('high', 'medium', 'low', 'critical', 1),
      { maxKeys: 3 },
    ),
    'ignore-fingerprints': fc.array(
      fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), fc.string({ maxLength: 34 })),
      { maxLength: 2 },
    ),
    rules: fc.array(fc.oneof({ weight: 3, arbitrary: coherentRule }, { weight: 2, arbitrary: randomRule }), {
      maxLength: 3,
    }),
  },
  { requiredKeys: [] },
);

/** YAML that stresses the parser itself: aliases, merges, tags, directives, deep nesting. */
const yamlOddities = fc.constantFrom(
  'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n',
  `disable: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  `${'- '.repeat(2000)}x\n`,
  'allow: !!binary aGVsbG8=\n',
  'allow: !custom {}\n',
  '%YAML 1.1\n---\ndisable: [a]\n',
  '---\ndisable: []\n---\ndisable: []\n',
  '? [complex]\n: key\n',
  'base: &base {paths: [x]}\nallow:\n  <<: *base\n',
  'disable: [anthropic-api-key]\ndisable: [openai-api-key]\n',
  '\tdisable: []\n',
  'rules: null\n',
  '"unterminated\n',
  '\ufeffdisable: []\n',
  'severity: {__proto__: high}\n',
  'severity:\n  constructor: high\n',
  'allow:\n  values: ["(a|b"]\n',
);

interface ConfigInput {
  variant: number;
  yaml: string;
  lines: Array<{ plant: number; seed: number }>;
  path: string;
}

export const configTarget: Target<ConfigInput> = {
  name: 'config',
  arbitrary: fc.record({
    yaml: fc.oneof(
      { weight: 6, arbitrary: configObject.map((o) => toYaml(o)) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(configObject, fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
          .map(([o, m]) => mutate(toYaml(o), m)),
      },
      { weight: 1, arbitrary: yamlOddities },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    ),
    lines: fc.array(fc.record({ plant: fc.nat(PLANTS.length - 1), seed: fc.integer() }), { maxLength: 3 }),
    path: fc.constantFrom('src/app.py', 'docs/readme.md', 'test/fixtures/keys.txt', 'a/b/c.ts', '.env'),
    variant: variantArb,
  }),
  text: (input) => input.yaml,
  async run(input) {
    let loaded;
    try {
      loaded = resolveScan(parseConfig(input.yaml, SOURCE), SOURCE);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw unexpected(error);
      const prefix = `config ${SOURCE}: `;
      const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : '';
      if (detail.trim().length < 5)
        throw new FuzzFailure('error-message', 'ConfigError without the file name or a reason');
      // eslint-disable-next-line no-control-regex
      if (/[\x00-\x1f\x7f]/.test(error.message))
        throw new FuzzFailure('error-message', 'ConfigError message holds control characters');
      if (error.message.length > 4000)
        throw new FuzzFailure('error-message', `ConfigError message of ${error.message.length} characters`);
      return 'config-error';
    }
    const planted = input.lines.map((l) => expandTracked(PLANTS[l.plant]!.template, seededRandom(l.seed)));
    const findings = new Scanner(loaded.rules, loaded.policy).scanFile({
      path: input.path,
      lines: planted.map((l, i) => ({ line: i + 1, text: l.text })),
    });
    checkOutputs(findings, loaded.rules, planted, input.variant);
    return 'loaded';
  },
};

// --- event --------------------------------------------------------------------------------------

/** What the stub throws for every API call it refuses. */
export class StubError extends Error {
  constructor(readonly call: string) {
    super(`stub: ${call} refused`);
    this.name = 'StubError';
  }
}

/** An octokit whose every call rejects, except the pull request's file list when `entries` is given. */
function stubOctokit(entries: DiffEntry[] | null): Octokit {
  const listFiles = rejecting('rest.pulls.listFiles');
  function rejecting(name: string): unknown {
    const fn = () => Promise.reject(new StubError(name));
    return new Proxy(fn, {
      get(target, prop) {
        if (prop === 'then' || typeof prop === 'symbol') return undefined; // not a thenable
        if (name === 'rest.pulls' && prop === 'listFiles') return listFiles;
        return rejecting(`${name}.${prop}`);
      },
    });
  }
  const paginate = Object.assign(() => Promise.reject(new StubError('paginate')), {
    iterator(method: unknown) {
      return (async function* () {
        if (entries && method === listFiles) {
          for (let i = 0; i < entries.length; i += 100)
            yield { data: entries.slice(i, i + 100), headers: {} };
          return;
        }
        throw new StubError('paginate.iterator');
      })();
    },
  });
  return { rest: rejecting('rest'), paginate, request: rejecting('request') } as unknown as Octokit;
}

const shaArb = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[0-9a-f]{40}$/) },
  fc.constantFrom('0'.repeat(40), '', 'main', 'HEAD~1'),
);

interface EntrySpec {
  filename: string;
  status: string;
  patch: 'model' | 'mutated' | 'none' | 'empty';
  file: FileSpec;
  mutations: Mutation[];
  sha: string | null;
  changes: number;
}

const entryArb: fc.Arbitrary<EntrySpec> = fc.record({
  filename: fc.oneof(
    fc.constantFrom(
      'src/app.py',
      'config/settings.ts',
      'deploy.sh',
      'img/logo.png',
      'dir with space/x.go',
      '.github/workflows/ci.yml',
    ),
    fc.string({ minLength: 1, maxLength: 20 }),
  ),
  status: fc.constantFrom(
    'added',
    'modified',
    'modified',
    'removed',
    'renamed',
    'copied',
    'changed',
    'unchanged',
    'weird',
  ),
  patch: fc.constantFrom('model', 'model', 'model', 'mutated', 'none', 'empty'),
  file: fileSpecArb,
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
  sha: fc.oneof(fc.constant(null), fc.stringMatching(/^[0-9a-f]{40}$/)),
  changes: fc.nat(50),
});

const payloadArb = fc.record(
  {
    pull_request: fc.record(
      {
        number: fc.nat(100000),
        head: fc.record({ sha: shaArb }),
        base: fc.record({ sha: shaArb }),
        commits: fc.nat(400),
        changed_files: fc.nat(4000),
      },
      { requiredKeys: ['number', 'head', 'base'] },
    ),
    before: shaArb,
    after: shaArb,
    commits: fc.array(fc.record({ id: shaArb }), { maxLength: 3 }),
    size: fc.nat(3000),
    deleted: fc.boolean(),
    repository: fc.record({ default_branch: fc.constantFrom('main', 'master', '') }, { requiredKeys: [] }),
    merge_group: fc.record({ base_sha: shaArb, head_sha: shaArb }),
    comment: fc.record({ body: fc.string({ maxLength: 40 }) }),
  },
  { requiredKeys: [] },
);

interface EventInput {
  variant: number;
  eventName: string;
  sha: string;
  payload: Record<string, unknown>;
  serveFiles: boolean;
  entries: EntrySpec[];
  scanCommits: boolean;
}

interface BuiltEvent {
  entries: DiffEntry[];
  patches: string[];
  planted: Line[];
  /** Paths whose patch is well-formed: their added lines must all be commentable. */
  wellFormed: Set<string>;
}

const built = new WeakMap<EventInput, BuiltEvent>();

function build(input: EventInput): BuiltEvent {
  let b = built.get(input);
  if (b) return b;
  const entries: DiffEntry[] = [];
  const patches: string[] = [];
  const planted: Line[] = [];
  const wellFormed = new Set<string>();
  const seen = new Set<string>();
  for (const e of input.entries) {
    // GitHub lists a path once per pull request.
    if (seen.has(e.filename)) continue;
    seen.add(e.filename);
    const entry: DiffEntry = { filename: e.filename, status: e.status, sha: e.sha, changes: e.changes };
    if (e.patch !== 'none') {
      const model = patchOf(e.file).patch;
      entry.patch =
        e.patch === 'empty'
          ? ''
          : e.patch === 'mutated'
            ? mutate(model, e.mutations)
            : model.replace(/\n$/, '');
      patches.push(entry.patch);
      planted.push(...plantedLines([e.file]));
      if (e.patch === 'model') wellFormed.add(e.filename);
    }
    entries.push(entry);
  }
  b = { entries, patches, planted, wellFormed };
  built.set(input, b);
  return b;
}

export const eventTarget: Target<EventInput> = {
  name: 'event',
  arbitrary: fc.record({
    eventName: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('pull_request', 'pull_request_target') },
      fc.constantFrom('push', 'merge_group', 'workflow_dispatch', 'schedule', 'issue_comment', 'release'),
      fc.string({ maxLength: 12 }),
    ),
    sha: shaArb,
    payload: payloadArb,
    serveFiles: fc.boolean(),
    entries: fc.array(entryArb, { maxLength: 4 }),
    scanCommits: fc.boolean(),
    variant: variantArb,
  }),
  text: (input) => JSON.stringify({ ...input, patches: build(input).patches }),
  async run(input) {
    const { entries, patches, planted, wellFormed } = build(input);
    const event: EventContext = {
      eventName: input.eventName,
      sha: input.sha,
      repo: { owner: 'octo-org', repo: 'octo-repo' },
      payload: input.payload,
    };
    const ref = configRef(event as Parameters<typeof configRef>[0]);
    if (ref !== undefined && typeof ref !== 'string')
      throw new FuzzFailure('invariant', 'configRef gave a non-string');
    let changes;
    try {
      changes = await readEventChanges(stubOctokit(input.serveFiles ? entries : null), event, {
        scanCommits: input.scanCommits,
      });
    } catch (error) {
      if (error instanceof StubError) return 'api-refused';
      if (error instanceof DiffParseError) {
        checkDiffError(error, patches);
        return 'patch-error';
      }
      throw unexpected(error);
    }
    if (changes === null) return 'no-changes';
    for (const file of changes.files) {
      increasing(file.lines, 'changed file');
      if (file.commit === null && wellFormed.has(file.path)) {
        const commentable = changes.commentableLines.get(file.path);
        if (file.lines.some((l) => !commentable?.has(l.line)))
          throw new FuzzFailure('invariant', 'an added line of the net diff is not commentable');
      }
    }
    const scanned = await scanAll(changes.files, SCANNER);
    checkOutputs(scanned.findings, builtinRules, planted, input.variant, changes.notes);
    return 'changes';
  },
};

// --- inputs -------------------------------------------------------------------------------------

const ENV = { GITHUB_WORKSPACE: '/home/runner/work/repo/repo', RUNNER_TEMP: '/home/runner/work/_temp' };

interface InputsInput {
  fn: 'fail-on' | 'comment' | 'language' | 'annotations' | 'config' | 'sarif-file';
  value: string;
}

const valueArb = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'true',
    'FALSE',
    'medium',
    ' HIGH ',
    'review',
    'ko',
    '..',
    '../x',
    './a//b.yml',
    '/etc/passwd',
    'C:\\x',
    'a\\b',
    '.',
    'a/',
    '~/x',
    '\0',
    'a/../b',
    'a/b/..',
    '${{ x }}',
    'sub/./file.yml',
    '/home/runner/work/_temp/x.sarif',
    '/home/runner/work/repo/repo',
    '/home/runner/work/repo/repo2/x',
    '../../_temp/r.sarif',
    'x.sarif/',
  ),
  fc.string({ maxLength: 30, unit: 'grapheme' }),
  fc
    .array(fc.constantFrom('..', '.', 'a', '', 'b c', '日本', '\\', 'C:'), { maxLength: 5 })
    .map((p) => p.join('/')),
);

export const inputsTarget: Target<InputsInput> = {
  name: 'inputs',
  arbitrary: fc.record({
    fn: fc.constantFrom('fail-on', 'comment', 'language', 'annotations', 'config', 'sarif-file'),
    value: valueArb,
  }),
  text: (input) => input.value,
  async run({ fn, value }) {
    const blank = value.trim() === '';
    try {
      switch (fn) {
        case 'fail-on':
        case 'comment':
        case 'language': {
          const accepted: readonly string[] =
            fn === 'fail-on' ? FAIL_ON_VALUES : fn === 'comment' ? COMMENT_MODES : LANGUAGES;
          const v = oneOf<string>(fn, value, accepted, accepted[0]!);
          if (!accepted.includes(v))
            throw new FuzzFailure('invariant', `${fn}: accepted a value outside the list`);
          break;
        }
        case 'annotations':
          if (typeof bool(fn, value, true) !== 'boolean')
            throw new FuzzFailure('invariant', 'annotations: not a boolean');
          break;
        case 'config': {
          const p = repoPath(fn, value, '.github/api-key-guard.yml');
          if (
            p.startsWith('/') ||
            p.includes('\\') ||
            p.split('/').includes('..') ||
            p === '.' ||
            p.endsWith('/') ||
            path.posix.normalize(p) !== p
          )
            throw new FuzzFailure(
              'invariant',
              `config: accepted a path of ${p.length} characters that is not a normal relative path`,
            );
          break;
        }
        case 'sarif-file': {
          const p = outputPath(fn, value, ENV);
          if ((p === null) !== blank)
            throw new FuzzFailure(
              'invariant',
              'sarif-file: null for a non-empty value, or a path for an empty one',
            );
          if (p !== null) {
            const inside = [ENV.GITHUB_WORKSPACE, ENV.RUNNER_TEMP].some((root) => {
              const rel = path.relative(root, p);
              return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
            });
            if (!path.isAbsolute(p) || !inside)
              throw new FuzzFailure(
                'invariant',
                'sarif-file: accepted a path outside GITHUB_WORKSPACE and RUNNER_TEMP',
              );
          }
          break;
        }
      }
    } catch (error) {
      if (error instanceof FuzzFailure) throw error;
      if (!(error instanceof InputError)) throw unexpected(error);
      if (blank)
        throw new FuzzFailure('invariant', `${fn}: an empty value must mean the default, not an error`);
      if (!error.message.startsWith(`input '${fn}': `) || !error.message.includes(`'${value}'`))
        throw new FuzzFailure(
          'error-message',
          `${fn}: InputError does not name the input and quote the value`,
        );
      return 'input-error';
    }
    return 'value';
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const TARGETS: ReadonlyArray<Target<any>> = [diffTarget, configTarget, eventTarget, inputsTarget];
