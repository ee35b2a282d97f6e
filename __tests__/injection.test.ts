// Injection through every renderer: text the action does not control (a file path, a code line, a
// commit message) must not add markdown structure or HTML, mention a person or a team, break out of
// a code span or a fenced block, or forge one of the action's hidden markers, in any renderer; and
// workflow-command annotations must escape `%`, `\r`, `\n`, `:` and `,` so the runner reads the
// path and the message back exactly, as one command.
//
// Before this file (#5): escape.test.ts checked the escaping functions alone; review-render.test.ts
// checked hostile paths in the review body, the inline comment and the job summary, and a non-sha
// commit in the review body; annotations-render.test.ts one hostile path in a workflow command;
// reply-render.test.ts the author's login. Missing were code lines (the suggested change in an
// inline comment) in every renderer, commit messages in every renderer but the review body, every
// field in the reply, the sticky comment and the check-run annotations, and the workflow-command
// message. This is the whole matrix, table-driven: field × attack × renderer.
//
// Markdown is judged as GitHub would read it: rendered to HTML by a GFM renderer (marked), whose
// tag sequence must equal that of the same input with the attack replaced by plain words.
// Keys are generated at run time from a template (src/scan/samples.ts).
import { describe, expect, it } from '@jest/globals';
import { Marked } from 'marked';
import { envVarFor } from '../src/guidance/advice.js';
import { suggestLine, type Suggestion } from '../src/guidance/suggestion.js';
import { toCheckAnnotations, toWorkflowCommand } from '../src/report/annotations.js';
import type { ScanNote } from '../src/report/context.js';
import { unescapeWorkflowCommand, visible } from '../src/report/markdown-escape.js';
import {
  fingerprintsIn,
  isResolvedNotice,
  isReviewBody,
  isStickyComment,
  REVIEW_MARKER,
  STICKY_MARKER,
} from '../src/report/markers.js';
import { renderReply } from '../src/report/reply.js';
import { renderInlineComment, renderReviewBody } from '../src/report/review.js';
import { renderJobSummary } from '../src/report/summary.js';
import { lineTextOf, Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import type { Finding } from '../src/scan/types.js';
import { COMMIT_SHA, links, placeAll, rules } from './helpers/render-fixtures.js';

const FORGED_FP = '0123456789abcdef0123456789abcdef';
/** Shows where a field is rendered; the attack text surrounds it. */
const CANARY = 'QXCANARY';

const ATTACKS: Record<string, string> = {
  'an img tag': '<img src=x onerror=alert(1)>',
  'a closing details tag': '</details><details open><summary>x</summary>',
  'a person mention': 'cc @octocat please',
  'a team mention': 'cc @octo-org/security-team',
  'a code span breakout': 'a`b``c```d` <b>bold</b> `',
  'a fenced block breakout': '```\n</details>\n````\n~~~',
  'a forged review marker': `\n${REVIEW_MARKER}\n`,
  'a forged sticky marker': `\n${STICKY_MARKER}\n`,
  'a forged finding marker': `\n<!-- api-key-guard:fp:${FORGED_FP} -->\n`,
  'markdown structure': '\n## heading\n> quote\n- item\n| a | b |\n---',
  'a link and an image': '[x](javascript:alert(1)) ![y](https://evil.example/y.png) www.evil.example',
  'workflow-command syntax': '100%0A::error::forged\r\n::warning file=x,line=1::y, z: w%',
  'bidirectional controls': '\u202eevil\u202c\u2066x\u2069\u200b',
};
const PLAIN = 'plain words';
// eslint-disable-next-line no-control-regex
const UNSHOWABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f]/;
/**
 * The attack's plain counterpart: every character but `/` made an `x`, so a path keeps its
 * directories (a workflow file stays in .github/workflows, and gets the same guidance).
 */
const plainFor = (text: string) => text.replace(/[^/]/g, 'x');

type Field = 'path' | 'code line' | 'commit message';
const FIELDS: Field[] = ['path', 'code line', 'commit message'];

interface Input {
  findings: Finding[];
  notes: ScanNote[];
  suggestions: Map<Finding, Suggestion | null>;
}

const scanner = new Scanner(builtinRules);

/** Findings (and notes) whose `field` carries `text`: the same keys whatever the text. */
function inputFor(field: Field, text: string): Input {
  const rand = seededRandom(4242);
  const key = () => expandTemplate('sk-ant-api03-{b64u:93}AA', rand);
  const files: { path: string; line: string; commit: string }[] = [];
  const notes: ScanNote[] = [];
  const oneLine = text.replace(/[\r\n]/g, ' ');
  if (field === 'path') {
    // Three kinds of file, so the path also reaches the guidance that quotes it in code
    // (`git rm --cached <path>` for a committed .env, the workflow file for a CI secret).
    files.push(
      {
        path: `src/${text}${CANARY}.py`,
        line: `client = anthropic.Anthropic(api_key="${key()}")`,
        commit: COMMIT_SHA,
      },
      { path: `config/${text}${CANARY}/.env`, line: `ANTHROPIC_API_KEY=${key()}`, commit: COMMIT_SHA },
      {
        path: `.github/workflows/${text}${CANARY}.yml`,
        line: `      ANTHROPIC_API_KEY: ${key()}`,
        commit: COMMIT_SHA,
      },
    );
  } else if (field === 'code line') {
    files.push(
      {
        path: 'src/app.py',
        line: `client = anthropic.Anthropic(api_key="${key()}")  # ${oneLine} ${CANARY}`,
        commit: COMMIT_SHA,
      },
      // A carriage return is part of a line in git (only \n ends one).
      {
        path: 'src/crlf.js',
        line: `const key = "${key()}"; // ${text.replace(/\n/g, '\r')} ${CANARY}`,
        commit: COMMIT_SHA,
      },
    );
  } else {
    // A commit message where a sha belongs (a reader's mistake must not reach the markdown), and
    // quoted in a scan note, which the review body and the summary show.
    files.push({
      path: 'src/app.py',
      line: `client = anthropic.Anthropic(api_key="${key()}")`,
      commit: `${text} ${CANARY}`,
    });
    notes.push({ kind: 'text', text: `The commit "${text} ${CANARY}" was read twice.` });
  }
  const findings = files.flatMap(({ path, line, commit }) =>
    scanner.scanFile({ path, commit, lines: [{ line: 7, text: line }] }),
  );
  const suggestions = new Map<Finding, Suggestion | null>();
  for (const f of findings) {
    suggestions.set(
      f,
      suggestLine({
        path: f.path,
        lineText: lineTextOf(f)!,
        column: f.column,
        endColumn: f.endColumn,
        envVar: envVarFor(f, rules.get(f.ruleId)),
      }),
    );
  }
  return { findings, notes, suggestions };
}

// ---------------------------------------------------------------------------------------------
// Renderers

type Rendered = { kind: 'markdown'; texts: string[] } | { kind: 'annotations'; findings: Finding[] };

const RENDERERS: Record<string, { shows: Field[]; render: (input: Input) => Rendered }> = {
  'review body': {
    shows: ['path', 'commit message'],
    render: ({ findings, notes }) => ({
      kind: 'markdown',
      texts: [
        renderReviewBody({ findings: placeAll(findings, 'body'), rules, failOn: 'medium', links, notes }),
      ],
    }),
  },
  'sticky comment': {
    shows: ['path', 'commit message'],
    render: ({ findings, notes }) => ({
      kind: 'markdown',
      texts: [
        renderReviewBody({
          findings: placeAll(findings, 'body'),
          rules,
          failOn: 'medium',
          links,
          notes,
          marker: 'sticky',
        }),
      ],
    }),
  },
  'inline comment': {
    shows: ['code line'],
    render: ({ findings, suggestions }) => ({
      kind: 'markdown',
      texts: findings.map((f) =>
        renderInlineComment(f, { rules, failOn: 'medium', suggestion: suggestions.get(f) ?? null }),
      ),
    }),
  },
  'job summary': {
    shows: ['path', 'commit message'],
    render: ({ findings, notes }) => ({
      kind: 'markdown',
      texts: [
        renderJobSummary({
          findings,
          rules,
          failOn: 'medium',
          stats: { files: findings.length, addedLines: findings.length, bytes: 1000 },
          links,
          notes,
          version: '0.1.0',
        }),
      ],
    }),
  },
  reply: {
    shows: [],
    render: ({ findings }) => ({
      kind: 'markdown',
      texts: [
        renderReply({
          findings,
          subject: 'issue-comment-1',
          where: 'comment',
          author: 'octocat',
          ...(links.runUrl ? { runUrl: links.runUrl } : {}),
        }),
      ],
    }),
  },
  'annotations (check run and workflow commands)': {
    shows: ['path'],
    render: ({ findings }) => ({ kind: 'annotations', findings }),
  },
};

// ---------------------------------------------------------------------------------------------
// How GitHub would read a body

const gfm = new Marked({ gfm: true, breaks: false });
const toHtml = (markdown: string) => gfm.parse(markdown, { async: false });

/** Opening and closing tags, in order: the structure of the rendered body. */
function tagSequence(html: string): string[] {
  return [...html.matchAll(/<(\/?[a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
}

/** The text a reader sees outside code, entities decoded. */
function proseText(html: string): string {
  return html
    .replace(/<pre[\s\S]*?<\/pre>/g, ' ')
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** `@login` or `@org/team` as GitHub links them: after a non-word character, not after a joiner. */
const mentions = (text: string) => text.match(/(?<![\w\u200d`])@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/g) ?? [];

function expectSameStructure(hostile: string, plain: string): void {
  const h = toHtml(hostile);
  const p = toHtml(plain);
  expect(tagSequence(h)).toEqual(tagSequence(p));
  // Links go where ours go: http(s) only.
  for (const [, href] of h.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//);
  expect(mentions(proseText(h))).toEqual(mentions(proseText(p)));
  // Markers: the same kinds, as many, and only for the findings rendered.
  expect(hostile.split('<!--').length).toBe(plain.split('<!--').length);
  expect(fingerprintsIn(hostile)).not.toContain(FORGED_FP);
  expect(fingerprintsIn(hostile).length).toBe(fingerprintsIn(plain).length);
  expect([isReviewBody(hostile), isStickyComment(hostile), isResolvedNotice(hostile)]).toEqual([
    isReviewBody(plain),
    isStickyComment(plain),
    isResolvedNotice(plain),
  ]);
  // Nothing that reorders or hides what a reviewer reads.
  expect(hostile).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
}

/** Parses `::command k=v,k=v::message` exactly as the runner does. */
function parseCommand(line: string): {
  command: string;
  properties: Record<string, string>;
  message: string;
} {
  const m = /^::([a-z]+) ([^:]*)::(.*)$/s.exec(line);
  if (!m) throw new Error(`not a workflow command: ${JSON.stringify(line)}`);
  const properties: Record<string, string> = {};
  for (const pair of m[2]!.split(',')) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescapeWorkflowCommand(pair.slice(eq + 1));
  }
  return { command: m[1]!, properties, message: unescapeWorkflowCommand(m[3]!) };
}

function expectSafeAnnotations(findings: Finding[]): void {
  const checks = toCheckAnnotations(findings, { rules });
  expect(checks.map((a) => a.path)).toEqual(findings.map((f) => f.path));
  for (const a of checks)
    // Plain text: shown, not interpreted; only the invisible characters need showing.
    expect(visible(`${a.title}${a.message}`)).toBe(`${a.title}${a.message}`);
  findings.forEach((f, i) => {
    const line = toWorkflowCommand(f, { blocking: true, rules });
    // One command on one line: no raw line break, no `::` outside the separator.
    expect(line).not.toMatch(/[\r\n]/);
    const parsed = parseCommand(line);
    expect(parsed.command).toBe('error');
    expect(Object.keys(parsed.properties)).toEqual(['file', 'line', 'endLine', 'col', 'endColumn', 'title']);
    expect(parsed.properties.file).toBe(f.path);
    expect(parsed.properties.title).toBe(checks[i]!.title);
    expect(parsed.message).toBe(checks[i]!.message);
    // Every % is an escape the runner decodes: a literal % in the path arrives as %25.
    expect(line.replace(/%(25|0D|0A|3A|2C)/g, '')).not.toContain('%');
  });
}

// ---------------------------------------------------------------------------------------------

const MATRIX = FIELDS.flatMap((field) =>
  Object.keys(ATTACKS).flatMap((attack) =>
    Object.keys(RENDERERS).map((renderer) => ({ field, attack, renderer })),
  ),
);

describe('untrusted text through every renderer', () => {
  const cache = new Map<string, Input>();
  const input = (field: Field, text: string) => {
    const k = `${field}\u0000${text}`;
    if (!cache.has(k)) cache.set(k, inputFor(field, text));
    return cache.get(k)!;
  };

  it('every field yields the same findings with the attack as with plain words', () => {
    for (const field of FIELDS)
      for (const text of Object.values(ATTACKS)) {
        const hostile = input(field, text).findings;
        const plain = input(field, plainFor(text)).findings;
        expect(hostile.map((f) => [f.ruleId, f.line, f.redacted])).toEqual(
          plain.map((f) => [f.ruleId, f.line, f.redacted]),
        );
      }
  });

  it.each(MATRIX)('$field with $attack: $renderer', ({ field, attack, renderer }) => {
    const { shows, render } = RENDERERS[renderer]!;
    const hostileInput = input(field, ATTACKS[attack]!);
    const hostile = render(hostileInput);
    if (hostile.kind === 'annotations') {
      expectSafeAnnotations(hostile.findings);
      return;
    }
    let plainInput = input(field, plainFor(ATTACKS[attack]!));
    // A suggested change is left out when its line would read as a marker or holds a control,
    // bidirectional or zero-width character (review.ts): compare with the plain line left out too.
    const dropped = hostileInput.findings.map((f) => {
      const s = hostileInput.suggestions.get(f);
      return !s || /<!--\s*api-key-guard/i.test(s.line) || UNSHOWABLE.test(s.line);
    });
    if (renderer === 'inline comment' && dropped.some(Boolean)) {
      const suggestions = new Map(plainInput.suggestions);
      plainInput.findings.forEach((f, i) => dropped[i] && suggestions.set(f, null));
      plainInput = { ...plainInput, suggestions };
    }
    const plain = render(plainInput) as { texts: string[] };
    expect(hostile.texts).toHaveLength(plain.texts.length);
    hostile.texts.forEach((text, i) => expectSameStructure(text, plain.texts[i]!));
    // Not vacuous: where the renderer shows the field, the attack's surroundings are there.
    const shown = hostile.texts.some(
      (text) => proseText(toHtml(text)).includes(CANARY) || text.includes(CANARY),
    );
    if (shows.includes(field) && !(renderer === 'inline comment' && dropped.every(Boolean)))
      expect(shown).toBe(true);
  });

  it('the field is shown where expected for plain words too (the check above is not vacuous)', () => {
    for (const [name, { shows, render }] of Object.entries(RENDERERS))
      for (const field of shows) {
        const out = render(input(field, PLAIN));
        if (out.kind === 'annotations') {
          expect(out.findings.some((f) => f.path.includes(CANARY))).toBe(true);
          continue;
        }
        expect({ name, field, shown: out.texts.some((t) => t.includes(CANARY)) }).toEqual({
          name,
          field,
          shown: true,
        });
      }
  });

  it('a suggested change is left out for a line with bidirectional or zero-width characters, kept for a tab', () => {
    const key = expandTemplate('sk-ant-api03-{b64u:93}AA', seededRandom(77));
    const suggest = (path: string, text: string) => {
      const [f] = scanner.scanFile({ path, commit: COMMIT_SHA, lines: [{ line: 3, text }] });
      const suggestion = suggestLine({
        path,
        lineText: text,
        column: f!.column,
        endColumn: f!.endColumn,
        envVar: 'ANTHROPIC_API_KEY',
      });
      expect(suggestion).not.toBeNull();
      return renderInlineComment(f!, { rules, failOn: 'medium', suggestion });
    };
    for (const hidden of ['\u202e', '\u2066', '\u200b', '\u200f', '\u0007'])
      expect(suggest('a.py', `key = "${key}"  # admin${hidden}resu`)).not.toContain('```suggestion');
    expect(suggest('main.go', `\tkey := "${key}"`)).toContain('```suggestion\n\tkey := os.Getenv(');
  });

  it('a commit message in place of a sha is never shown or linked', () => {
    for (const text of [...Object.values(ATTACKS), PLAIN]) {
      const { findings, suggestions } = input('commit message', text);
      for (const { render } of Object.values(RENDERERS)) {
        const out = render({ findings, notes: [], suggestions });
        if (out.kind === 'markdown') for (const t of out.texts) expect(t).not.toContain(CANARY);
      }
    }
  });
});
