import { describe, expect, it } from '@jest/globals';
import {
  annotationMessage,
  batches,
  toCheckAnnotations,
  toWorkflowCommand,
} from '../src/report/annotations.js';
import { unescapeWorkflowCommand } from '../src/report/markdown-escape.js';
import { manyFindings, rules, scanLines } from './helpers/render-fixtures.js';

describe('toCheckAnnotations', () => {
  const findings = scanLines('src/app.py', [
    'ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA',
    'DATABASE_URL=postgres://app:{alnum:20}@db.internal:5432/app',
    'password = "{alnum:8}-{alnum:8}-{alnum:8}"',
  ]);

  it('maps each finding to an annotation with its level, position, title and message', () => {
    const annotations = toCheckAnnotations(findings, { rules });
    expect(annotations.map((a) => a.annotation_level)).toEqual(
      findings.map((f) => ({ high: 'failure', medium: 'warning', low: 'notice' })[f.severity]),
    );
    const [first] = annotations;
    const f = findings[0]!;
    expect(first).toEqual({
      path: 'src/app.py',
      start_line: 1,
      end_line: 1,
      start_column: f.column,
      end_column: f.endColumn - 1,
      annotation_level: 'failure',
      title: 'High: Anthropic API key',
      message: expect.stringContaining(f.redacted),
    });
    expect(first!.message).toContain(
      'Revoke this Anthropic key now at https://platform.claude.com/settings/keys',
    );
    expect(first!.message).toContain('ANTHROPIC_API_KEY environment variable');
    expect(first!.message).toContain('[anthropic-api-key]');
  });

  it('leaves out findings in pull-request text, which have no file', () => {
    const inText = scanLines('pull request title', ['sk-ant-api03-{b64u:93}AA'], {
      source: 'pull-request',
      commit: null,
    });
    expect(inText).toHaveLength(1);
    expect(toCheckAnnotations(inText)).toEqual([]);
    expect(annotationMessage(inText[0]!)).toContain('Edit the key out of the text');
    expect(annotationMessage(inText[0]!)).not.toContain('environment variable');
  });

  it('shows control characters in messages instead of passing them on', () => {
    const [f] = scanLines('x.py', ['ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA']);
    const odd = { ...f!, description: 'line\nbreak \u202e' };
    expect(toCheckAnnotations([odd])[0]!.message).toContain('line\\nbreak \\u202e');
  });
});

describe('batches', () => {
  it('splits into runs of 50 for the Checks API, in order', () => {
    const annotations = toCheckAnnotations(manyFindings(120), { rules });
    const split = batches(annotations, 50);
    expect(split.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(split.flat()).toEqual(annotations);
    expect(batches(annotations).map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches([], 50)).toEqual([]);
    expect(batches([1], 50)).toEqual([[1]]);
    expect(
      batches(
        Array.from({ length: 50 }, (_, i) => i),
        50,
      ),
    ).toHaveLength(1);
    expect(
      batches(
        Array.from({ length: 51 }, (_, i) => i),
        50,
      ).map((b) => b.length),
    ).toEqual([50, 1]);
    expect(() => batches([1], 0)).toThrow(/positive integer/);
  });
});

/** Parses `::command k=v,k=v::message` as the runner does. */
function parseCommand(line: string): {
  command: string;
  properties: Record<string, string>;
  message: string;
} {
  const m = /^::([a-z]+) ([^:]*)::(.*)$/s.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of m[2]!.split(',')) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescapeWorkflowCommand(pair.slice(eq + 1));
  }
  return { command: m[1]!, properties, message: unescapeWorkflowCommand(m[3]!) };
}

describe('toWorkflowCommand', () => {
  const path = 'dir:with,odd%chars\r\nand ::warning title=x::injected.py';
  const findings = scanLines(path, ['ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA']);
  const f = findings[0]!;

  it('is an error when blocking and a warning otherwise', () => {
    expect(toWorkflowCommand(f, { blocking: true }).startsWith('::error ')).toBe(true);
    expect(toWorkflowCommand(f, { blocking: false }).startsWith('::warning ')).toBe(true);
  });

  it('escapes every property and the message, so the path round-trips and nothing breaks out', () => {
    const line = toWorkflowCommand(f, { blocking: true, rules });
    expect(line).not.toMatch(/[\r\n]/);
    const parsed = parseCommand(line);
    expect(parsed.command).toBe('error');
    expect(parsed.properties).toEqual({
      file: path,
      line: '1',
      endLine: '1',
      col: String(f.column),
      endColumn: String(f.endColumn - 1),
      title: 'High: Anthropic API key',
    });
    expect(parsed.message).toBe(annotationMessage(f, { rules }));
    expect(parsed.message).toContain(f.redacted);
  });

  it('has no file position for pull-request text', () => {
    const [inText] = scanLines('pull request title', ['sk-ant-api03-{b64u:93}AA'], {
      source: 'pull-request',
    });
    expect(Object.keys(parseCommand(toWorkflowCommand(inText!, { blocking: true })).properties)).toEqual([
      'title',
    ]);
  });
});

describe('a key that a later commit removed', () => {
  const [removed, kept] = scanLines('scripts/seed.sh', [
    'TOKEN=sk-ant-api03-{b64u:93}AA',
    'OPENAI_API_KEY=sk-proj-{b64u:74}T3BlbkFJ{b64u:74}',
  ]);
  const removedLater = new Set([removed!]);

  it('says the line is the one of its own commit, and adds the history step', () => {
    const [a, b] = toCheckAnnotations([removed!, kept!], { rules, removedLater });
    expect(a!.message).toMatch(/^Added at line 1 by commit fedcba9 and removed by a later commit/);
    expect(a!.message).toMatch(/squash-merge/);
    expect(b!.message).not.toMatch(/removed by a later commit|squash-merge/);
  });

  it('in Korean too, and in workflow commands', () => {
    const ko = toCheckAnnotations([removed!], { rules, removedLater, locale: 'ko' })[0]!;
    expect(ko.message).toMatch(/^커밋 fedcba9에서 1번째 줄에 추가되었다가/);
    const command = toWorkflowCommand(removed!, { rules, removedLater, blocking: true });
    expect(unescapeWorkflowCommand(command.slice(command.lastIndexOf('::') + 2))).toMatch(
      /^Added at line 1 by commit fedcba9/,
    );
  });
});
