// The generated detection corpus (bench/corpus.ts) as a regression test: every rule family must
// find at least 99% of the keys planted in 20 file types, and the placeholder set (stand-in
// values, env lookups, public digests) must give no finding at all; the committed .env files are
// flagged once each as files, counted apart from the keys. `npm run bench` prints the
// same numbers as a table.
import { describe, expect, it } from '@jest/globals';
import { evaluateDetection } from '../bench/detect.js';
import { FILE_TYPES } from '../bench/corpus.js';

const MIN_RECALL = 0.99;
const result = evaluateDetection();

describe('generated detection corpus', () => {
  it('plants keys of every rule family in at least 15 file types', () => {
    expect(FILE_TYPES.length).toBeGreaterThanOrEqual(15);
    expect(result.families.length).toBeGreaterThan(0);
    for (const family of result.families) {
      expect({ family: family.provider, atLeast15: family.fileTypes >= 15 }).toEqual({
        family: family.provider,
        atLeast15: true,
      });
    }
  });

  it.each(result.families.map((f) => [f.provider, f] as const))(
    `finds at least ${MIN_RECALL * 100}% of the planted %s keys`,
    (_provider, family) => {
      // On failure the diff shows which file types the misses are in.
      expect({
        family: family.provider,
        recallOk: family.recall >= MIN_RECALL,
        misses: family.recall >= MIN_RECALL ? {} : family.missesByFileType,
      }).toEqual({ family: family.provider, recallOk: true, misses: {} });
    },
  );

  it('flags each committed .env of the corpus once as a file, apart from its keys, and nothing else', () => {
    expect(result.credentialFiles.expected).toBeGreaterThan(0);
    expect(result.credentialFiles).toEqual({
      expected: result.credentialFiles.expected,
      flagged: result.credentialFiles.expected,
      unexpected: [],
    });
  });

  it('reports nothing on placeholders, env lookups, EXAMPLE keys, bad checksums and digests', () => {
    // The set's dotenv file is a `.env.example`, which must not be flagged as a file either.
    // Findings carry the redacted value only, so the failure message cannot leak anything.
    expect(result.placeholderFindings).toEqual([]);
  });
});
