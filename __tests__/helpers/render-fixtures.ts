// Findings for the renderer tests, made by the real scanner from generated key-shaped values
// (samples.ts), never from key literals.
import type { PlacedFinding, RepoLinks } from '../../src/report/context.js';
import { Scanner } from '../../src/scan/engine.js';
import { builtinRules } from '../../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../../src/scan/samples.js';
import type { Finding, Source } from '../../src/scan/types.js';

export const rules = new Map(builtinRules.map((r) => [r.id, r]));
export const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567';
export const COMMIT_SHA = 'fedcba9876543210fedcba9876543210fedcba98';
export const links: RepoLinks = {
  serverUrl: 'https://github.example.test',
  owner: 'octo-org',
  repo: 'octo-repo',
  headSha: HEAD_SHA,
  runUrl: 'https://github.example.test/octo-org/octo-repo/actions/runs/42',
};

/** One line per template: Anthropic (high), connection URL (medium), generic secret (low), … */
export const LINE_TEMPLATES = [
  'ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA',
  'DATABASE_URL=postgres://app:{alnum:20}@db.internal:5432/app',
  'OPENAI_API_KEY=sk-proj-{b64u:74}T3BlbkFJ{b64u:74}',
  'aws_access_key_id = AKIA{base32:16}',
  'token = "ghp_{crc36}"',
];

const scanner = new Scanner(builtinRules);

export function scanLines(
  path: string,
  templates: readonly string[],
  options: { seed?: number; commit?: string | null; source?: Source } = {},
): Finding[] {
  const rand = seededRandom(options.seed ?? 7);
  const lines = templates.map((t, i) => ({ line: i + 1, text: expandTemplate(t, rand) }));
  return scanner.scanFile({
    path,
    lines,
    commit: options.commit === undefined ? COMMIT_SHA : options.commit,
    source: options.source ?? 'diff',
  });
}

/** `count` findings spread over files of 50 lines each, cycling through LINE_TEMPLATES. */
export function manyFindings(count: number, seed = 1): Finding[] {
  const out: Finding[] = [];
  for (let file = 0; out.length < count; file++) {
    const n = Math.min(50, count - out.length);
    const templates = Array.from(
      { length: n },
      (_, i) => LINE_TEMPLATES[(file + i) % LINE_TEMPLATES.length]!,
    );
    out.push(
      ...scanLines(`packages/pkg-${file}/src/config/settings-${file}.ts`, templates, { seed: seed + file }),
    );
  }
  return out.slice(0, count);
}

export function placeAll(findings: readonly Finding[], placement: 'inline' | 'body'): PlacedFinding[] {
  return findings.map((finding) =>
    placement === 'inline' ? { finding, placement } : { finding, placement, reason: 'removed-later' },
  );
}

/**
 * Splits a markdown table row into cells as GFM does: at every `|` not escaped by a backslash
 * (a backslash escapes the next character, whatever it is, even inside code spans).
 */
export function tableCells(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (c === '\\' && i + 1 < row.length) {
      cell += c + row[++i];
      continue;
    }
    if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  // A row starts and ends with a pipe: drop the empty first and last pieces.
  return cells.slice(1, -1);
}

/** The rows of the table that follows the header line starting with `header`. */
export function tableAfter(markdown: string, header: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trimStart().startsWith(header));
  if (start < 0) return [];
  const rows: string[] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.trimStart().startsWith('|'); i++)
    rows.push(lines[i]!);
  return rows;
}
