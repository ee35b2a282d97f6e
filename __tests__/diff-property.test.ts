// Property tests for the diff reader (src/changes/diff.ts) on generated diffs: well-formed ones
// written from a model of old and new file contents (fuzz/diff-gen.ts, by hand in the formats of
// git, GNU diff and svn, and by jsdiff), then the same broken in the ways real input breaks.
//
// (a) Whatever the input, the reader returns files or throws a DiffParseError whose line is in
//     the input and whose message does not repeat the input's text (it may hold a key).
// (b) On a well-formed diff, every added line is reported with its number in the new file: the
//     model's new file has that very text at that number.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DiffParseError,
  emptyStats,
  parseDiff,
  parsePatchField,
  readDiffFiles,
  type DiffFile,
  type DiffStats,
} from '../src/changes/diff.js';
import { rightSideLines } from '../src/changes/local-diff.js';
import {
  byteChunks,
  diffSpecArb,
  fileSpecArb,
  junkArb,
  mutate,
  mutationArb,
  patchOf,
  renderDiff,
  repeatedLine,
  stringChunks,
} from '../fuzz/diff-gen.js';

type Outcome = { files: DiffFile[]; stats: DiffStats } | { error: DiffParseError };

async function read(input: AsyncIterable<string | Buffer>): Promise<{ files: DiffFile[]; stats: DiffStats }> {
  const stats = emptyStats();
  const files: DiffFile[] = [];
  for await (const file of readDiffFiles(input as AsyncIterable<string>, stats)) files.push(file);
  return { files, stats };
}

/** The result, or the DiffParseError; anything else thrown fails the property. */
async function outcome(
  run: () => Promise<{ files: DiffFile[]; stats: DiffStats }> | { files: DiffFile[]; stats: DiffStats },
): Promise<Outcome> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DiffParseError) return { error };
    throw error;
  }
}

/** (a) for one input: an error names a line of it and repeats none of its lines. */
function checkError(text: string, result: Outcome): void {
  if (!('error' in result)) {
    for (const file of result.files) {
      let previous = 0;
      for (const { line } of file.lines) {
        expect(Number.isInteger(line) && line > previous).toBe(true);
        previous = line;
      }
    }
    return;
  }
  const { error } = result;
  expect(error).toBeInstanceOf(DiffParseError);
  expect(error.name).toBe('DiffParseError');
  const lines = text.split('\n');
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.line).toBeLessThanOrEqual(lines.length);
  // Messages name a line by number and at most its first character, never its text.
  expect(repeatedLine(error.message, text)).toBeNull();
}

/** Outcomes compared as data: files and stats, or the error's line and message. */
function comparable(result: Outcome): unknown {
  return 'error' in result ? { line: result.error.line, message: result.error.message } : result;
}

// PROPERTY_RUNS_SCALE=20 npm test -- diff-property: a deeper run than the default ~10 s.
const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? 1) || 1;
const runs = (n: number) => Math.max(1, Math.round(n * scale));

const sizes = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 6 });

describe('diff reader properties', () => {
  it('(b) well-formed diffs: every added line has its new-file number, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(diffSpecArb, sizes, fc.boolean(), async (spec, chunks, asBytes) => {
        const generated = renderDiff(spec);
        fc.pre(generated.files.length > 0);
        const { files, stats } = await read(
          asBytes ? byteChunks(generated.text, chunks) : stringChunks(generated.text, chunks),
        );
        expect(files.map((f) => [f.path, f.oldPath, f.status, f.commit])).toEqual(
          generated.files.map((f) => [f.path, f.oldPath, f.status, f.commit]),
        );
        files.forEach((file, i) => {
          const expected = generated.files[i]!;
          expect(file.lines).toEqual(expected.lines);
          // The reference: the new file rebuilt from the model has this text at this number.
          for (const { line, text } of file.lines)
            expect(expected.newLines?.[line - 1]?.replace(/\r$/, '')).toBe(text);
        });
        expect(stats).toEqual({
          files: generated.files.length,
          binaryFiles: generated.binaryFiles,
          addedLines: generated.files.reduce((n, f) => n + f.lines.length, 0),
          bytes: Buffer.byteLength(generated.text, 'utf8'),
        });
      }),
      { numRuns: runs(1000) },
    );
  });

  it('(b) GitHub patch fields: added lines and the lines a review comment may sit on', () => {
    fc.assert(
      fc.property(fileSpecArb, fc.boolean(), (spec, trailingNewline) => {
        const generated = patchOf(spec);
        const patch = trailingNewline ? generated.patch : generated.patch.replace(/\n$/, '');
        expect(parsePatchField(patch)).toEqual(generated.lines);
        expect([...rightSideLines(patch)].sort((a, b) => a - b)).toEqual(generated.rightSide);
        for (const { line } of generated.lines) expect(rightSideLines(patch).has(line)).toBe(true);
      }),
      { numRuns: runs(1000) },
    );
  });

  it('(a) mutated diffs: files or a DiffParseError that names a line and quotes none', async () => {
    await fc.assert(
      fc.asyncProperty(
        diffSpecArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 5 }),
        sizes,
        async (spec, mutations, chunks) => {
          const text = mutate(renderDiff(spec).text, mutations);
          const whole = await outcome(() => parseDiff(text));
          checkError(text, whole);
          // The stream decodes bytes, so it is compared with the text as UTF-8 round-trips it.
          const decoded = Buffer.from(text, 'utf8').toString('utf8');
          const streamed = await outcome(() => read(byteChunks(text, chunks)));
          expect(comparable(streamed)).toEqual(comparable(await outcome(() => parseDiff(decoded))));
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  it('(a) mutated patch fields and random text: parsePatchField and parseDiff only throw DiffParseError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          junkArb,
          fc
            .tuple(fileSpecArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
            .map(([spec, m]) => mutate(patchOf(spec).patch, m)),
        ),
        async (text) => {
          checkError(text, await outcome(() => parseDiff(text)));
          checkError(
            text,
            await outcome(() => ({
              files: [{ lines: parsePatchField(text) } as DiffFile],
              stats: emptyStats(),
            })),
          );
        },
      ),
      { numRuns: runs(3000) },
    );
  });
});
