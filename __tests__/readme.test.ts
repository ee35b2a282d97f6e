// The README must be checkable: its reference tables say what action.yml says (same inputs, same
// defaults, same outputs), its YAML examples parse and do what they claim, its links lead
// somewhere, and every command it shows exists.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { Marked, type Token, type Tokens } from 'marked';
import { parse, parseDocument } from 'yaml';
import { parseCli, USAGE } from '../src/cli/args.js';
import { parseConfig, resolveScan } from '../src/config.js';

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml;
const readme = readFileSync('README.md', 'utf8');
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
  .scripts;

/** Rows of the markdown table whose header starts with `first`, as arrays of cell texts. */
function table(first: string): string[][] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.replace(/\s/g, '').startsWith(`|${first}|`));
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

describe('README reference', () => {
  it('lists every input of action.yml with its default, and no other', () => {
    const rows = table('input');
    expect(rows.map((r) => unquote(r[0]!))).toEqual(Object.keys(action.inputs));
    for (const row of rows) {
      const declared = action.inputs[unquote(row[0]!)]!.default ?? '';
      expect({ input: row[0], default: row[1] === 'empty' ? '' : unquote(row[1]!) }).toEqual({
        input: row[0],
        default: declared,
      });
    }
  });

  it('lists every output of action.yml, and no other', () => {
    expect(table('output').map((r) => unquote(r[0]!))).toEqual(Object.keys(action.outputs));
  });
});

// --- The markdown, as tokens --------------------------------------------------------------------

const marked = new Marked({ gfm: true });

function tokensOf(markdown: string): Token[] {
  const tokens = marked.lexer(markdown);
  const all: Token[] = [];
  marked.walkTokens(tokens, (t) => {
    all.push(t);
  });
  return all;
}

const tokens = tokensOf(readme);
const codeBlocks = tokens.filter((t): t is Tokens.Code => t.type === 'code');
const yamlBlocks = codeBlocks.filter((b) => b.lang === 'yaml' || b.lang === 'yml').map((b) => b.text);
const shellBlocks = codeBlocks.filter((b) => b.lang === 'sh' || b.lang === 'bash').map((b) => b.text);

/** The text a heading shows: code spans keep their content, markup is dropped. */
function plainText(token: Token): string {
  if ('tokens' in token && Array.isArray(token.tokens)) return token.tokens.map(plainText).join('');
  return 'text' in token && typeof token.text === 'string' ? token.text : '';
}

/** The anchors GitHub gives a document's headings (github-slugger's rules, duplicates numbered). */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const t of tokensOf(markdown)) {
    if (t.type !== 'heading') continue;
    const base = plainText(t)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  return anchors;
}

// --- The YAML examples --------------------------------------------------------------------------

type Yaml = Record<string, unknown>;
interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, { permissions?: unknown; steps?: Step[] }>;
}

/** Each block's data; null for a block that does not parse (its own test below says why). */
const documents = yamlBlocks.map((text): unknown => {
  try {
    return parse(text);
  } catch {
    return null;
  }
});
const isObject = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);
const workflows = documents.filter((d): d is Workflow => isObject(d) && 'jobs' in d);
const CONFIG_KEYS = ['allow', 'disable', 'severity', 'ignore-fingerprints', 'rules'];
const configs = documents.filter(
  (d): d is Yaml =>
    isObject(d) && Object.keys(d).length > 0 && Object.keys(d).every((k) => CONFIG_KEYS.includes(k)),
);
/** Every step the README shows: the workflows' and the step lists shown on their own. */
const steps: Step[] = [
  ...workflows.flatMap((w) => Object.values(w.jobs).flatMap((job) => job.steps ?? [])),
  ...documents.filter(Array.isArray).flatMap((list) => (list as unknown[]).filter(isObject) as Step[]),
];
const OUR_ACTION = /^api-key-guard\/api-key-guard@/;

describe('README YAML examples', () => {
  it('has YAML examples: workflows, a config and step lists', () => {
    expect(yamlBlocks.length).toBeGreaterThan(0);
    expect(workflows.length).toBeGreaterThanOrEqual(5);
    expect(configs.length).toBeGreaterThanOrEqual(1);
  });

  it.each(yamlBlocks.map((text, i): [number, string] => [i, text]))(
    'YAML block %i parses without errors or warnings',
    (_i, text) => {
      const doc = parseDocument(text);
      expect(doc.errors.map((e) => e.message)).toEqual([]);
      expect(doc.warnings.map((e) => e.message)).toEqual([]);
    },
  );

  it('every workflow has a permissions block and uses the action', () => {
    for (const w of workflows) {
      expect(w.on).toBeDefined();
      const jobs = Object.entries(w.jobs);
      expect(jobs.length).toBeGreaterThan(0);
      for (const [name, job] of jobs) {
        expect({ job: name, permissions: isObject(w.permissions) || isObject(job.permissions) }).toEqual({
          job: name,
          permissions: true,
        });
      }
      const uses = jobs.flatMap(([, job]) => job.steps ?? []).map((s) => s.uses ?? '');
      expect(uses.some((u) => OUR_ACTION.test(u))).toBe(true);
    }
  });

  it('every workflow on pull_request_target leaves the code alone: no checkout, no run step', () => {
    const targets = workflows.filter((w) => isObject(w.on) && 'pull_request_target' in w.on);
    expect(targets.length).toBeGreaterThan(0);
    for (const w of targets)
      for (const job of Object.values(w.jobs))
        for (const step of job.steps ?? []) {
          expect(step.uses ?? '').not.toMatch(/^actions\/checkout/);
          expect(step).not.toHaveProperty('run');
        }
  });

  it('every step of the action passes only inputs action.yml declares, at @v1 or a full SHA', () => {
    const ours = steps.filter((s) => OUR_ACTION.test(s.uses ?? ''));
    expect(ours.length).toBeGreaterThanOrEqual(workflows.length);
    for (const step of ours) {
      expect(step.uses).toMatch(/@(?:v1|[0-9a-f]{40})$/);
      for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    }
  });

  it('every output a workflow reads from a step exists in action.yml', () => {
    const read = [...yamlBlocks.join('\n').matchAll(/steps\.guard\.outputs\.([\w-]+)/g)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(0);
    for (const output of read) expect(Object.keys(action.outputs)).toContain(output);
  });

  it('every config example loads through the real config loader, custom rules and samples included', () => {
    for (const config of configs) {
      const text = yamlBlocks[documents.indexOf(config)]!;
      expect(() => resolveScan(parseConfig(text))).not.toThrow();
    }
  });
});

// --- Links and commands -------------------------------------------------------------------------

describe('README links and commands', () => {
  const targets = tokens
    .filter((t): t is Tokens.Link | Tokens.Image => t.type === 'link' || t.type === 'image')
    .map((t) => t.href)
    .filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href));

  it('has relative links', () => {
    expect(targets.length).toBeGreaterThan(10);
  });

  it('every relative link points to an existing file, and its #anchor to a heading there', () => {
    const own = anchorsOf(readme);
    for (const href of targets) {
      const [path, anchor] = href.split('#', 2) as [string, string | undefined];
      if (path === '') {
        expect({ href, exists: own.has(anchor ?? '') }).toEqual({ href, exists: true });
        continue;
      }
      const file = normalize(join(dirname('README.md'), decodeURI(path)));
      expect({ href, exists: existsSync(file) }).toEqual({ href, exists: true });
      if (anchor && file.endsWith('.md'))
        expect({ href, anchor: anchorsOf(readFileSync(file, 'utf8')).has(anchor) }).toEqual({
          href,
          anchor: true,
        });
    }
  });

  it('every `npm run X` is a script in package.json', () => {
    const named = [...readme.matchAll(/npm run ([\w:.-]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(Object.keys(scripts)).toContain(name);
    if (/\bnpm test\b/.test(readme)) expect(scripts.test).toBeDefined();
  });

  it("every option in the CLI table is in the CLI's usage text, and every option there is in the table", () => {
    const optionsOf = (text: string) =>
      new Set([...text.matchAll(/(?<![\w-])--?[a-z][a-z-]*/g)].map((m) => m[0]));
    const inTable = new Set(table('option').flatMap((row) => [...optionsOf(row[0]!)]));
    // The syntax column of the usage text only: its descriptions name git's options too (--cached).
    const syntax = USAGE.split('\n').map((line) => line.trim().split(/\s{2,}/)[0]!);
    const usageOptions = optionsOf(syntax.join('\n'));
    expect(inTable.size).toBeGreaterThan(0);
    for (const option of inTable) expect(USAGE).toContain(option);
    expect([...usageOptions].sort()).toEqual([...inTable].sort());
  });

  it('every command-line example in a shell block is one the CLI accepts', () => {
    const lines = shellBlocks
      .flatMap((b) => b.split('\n'))
      .filter((l) => l.includes('npx --no -- api-key-guard'));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const args = line
        .split('npx --no -- api-key-guard')[1]!
        .split(/\s[#>|]|\s2>/)[0]!
        .trim()
        .split(/\s+/)
        .filter(Boolean);
      expect({ line, accepted: (() => (parseCli(args), true))() }).toEqual({ line, accepted: true });
    }
  });

  it('never runs or installs the api-key-guard of the npm registry (an unrelated package)', () => {
    // `npx --no -- api-key-guard` runs the local install only; any other npx form may download.
    for (const m of readme.matchAll(/\bnpx\b([^\n`]*)/g)) {
      const args = m[1]!;
      if (/(^|\s)api-key-guard(\s|$)/.test(args)) expect(args).toMatch(/^ --no -- api-key-guard(\s|$)/);
    }
    expect(readme).not.toMatch(/npx\s+api-key-guard/);
    expect(readme).not.toMatch(/npm exec\s+(?:--\s+)?api-key-guard/);
    // An install names this repository on GitHub, never the bare package name.
    for (const m of readme.matchAll(/\bnpm (?:i|install|add)\b([^\n`]*)/g))
      if (/api-key-guard/.test(m[1]!))
        expect(m[1]).toMatch(/github:api-key-guard\/api-key-guard#v\d+\.\d+\.\d+/);
  });
});
