// A 20 MB single line (a minified bundle) with one planted key, through the two entry points that
// take such a line whole: Scanner.scanFile and the streaming diff reader. Nothing here is timed;
// `npm run bench -- --huge` measures speed and peak memory in a child process of its own.
//
// The key is generated at run time from a template (src/scan/samples.ts).
import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { readDiffFiles, type DiffFile } from '../src/changes/diff.js';
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';

const MiB = 2 ** 20;
const key = expandTemplate('sk-ant-api03-{b64u:93}AA', seededRandom(5_202_512));

/** Minified-looking JavaScript of `length` characters, no newline. */
function filler(length: number): string {
  const unit = 'function(a,b){return a.map(function(c){return c*2})};var d=b.x||{};';
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

// Built once: 20 MB, the key at about 60% in.
const before = `${filler(12 * MiB)};var k="`;
const line = `${before}${key}";${filler(8 * MiB)}`;
const keyColumn = before.length + 1;

const scanner = new Scanner(builtinRules);
const rssMb = () => process.memoryUsage().rss / MiB;

describe('a 20 MB single line', () => {
  it('Scanner.scanFile finds the key in it', () => {
    expect(line.length).toBeGreaterThan(20 * MiB);
    const start = rssMb();
    const findings = scanner.scanFile({ path: 'dist/bundle.min.js', lines: [{ line: 1, text: line }] });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['anthropic-api-key', 1, keyColumn]]);
    expect(findings[0]!.redacted.includes(key)).toBe(false);
    // Loose: the line, its lower-cased copy and the regex state, far below the 400 MB budget.
    expect(rssMb() - start).toBeLessThan(400);
  });

  it('readDiffFiles hands it out whole from 64 KiB chunks and the scanner finds the key', async () => {
    const path = 'web/dist/app.min.js';
    const diff =
      `diff --git a/${path} b/${path}\nnew file mode 100644\nindex 0000000..1234567\n` +
      `--- /dev/null\n+++ b/${path}\n@@ -0,0 +1 @@\n+${line}\n` +
      // A second file after the long line: the reader must find its way back to the headers.
      'diff --git a/after.txt b/after.txt\nnew file mode 100644\nindex 0000000..7654321\n' +
      '--- /dev/null\n+++ b/after.txt\n@@ -0,0 +1 @@\n+plain\n';
    const buffer = Buffer.from(diff, 'utf8');
    const chunks: Buffer[] = [];
    for (let at = 0; at < buffer.length; at += 64 * 1024) chunks.push(buffer.subarray(at, at + 64 * 1024));
    const start = rssMb();
    const files: DiffFile[] = [];
    for await (const file of readDiffFiles(Readable.from(chunks))) files.push(file);
    expect(files.map((f) => [f.path, f.status, f.lines.length])).toEqual([
      [path, 'added', 1],
      ['after.txt', 'added', 1],
    ]);
    expect(files[0]!.lines[0]!.text.length).toBe(line.length);
    const findings = files.flatMap((f) => scanner.scanFile(f));
    expect(findings.map((f) => [f.ruleId, f.path, f.line, f.column])).toEqual([
      ['anthropic-api-key', path, 1, keyColumn],
    ]);
    expect(rssMb() - start).toBeLessThan(400);
  });
});
