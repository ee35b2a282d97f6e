// The README's reference tables must say what action.yml says: same inputs, same defaults,
// same outputs.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml;
const readme = readFileSync('README.md', 'utf8');

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
