// Minimal cases of bugs the fuzz and the property tests found, kept after their fixes so they
// stay fixed. A bug found and not yet fixed goes in fuzz/known-issues.ts with an `it.failing` here.
import { describe, expect, it } from '@jest/globals';
import { DiffParseError, parseDiff } from '../src/changes/diff.js';
import { envVarFor } from '../src/guidance/advice.js';
import { suggestLine } from '../src/guidance/suggestion.js';
import { lineTextOf, Scanner, secretOf } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';

const d = (...lines: string[]) => lines.join('\n') + '\n';
const SHA = '133d072964f189f6d187964c6393c43618ce0a3c';

describe('bugs the fuzz found stay fixed', () => {
  // `git format-patch` of a commit that adds an empty file and changes a mode, as git 2.39 wrote it.
  it('signatureAfterHeaderOnly: format-patch signature after a file without hunks', () => {
    const patch = d(
      `From ${SHA} Mon Sep 17 00:00:00 2001`,
      'From: A <a@example.com>',
      'Subject: [PATCH] add empty, chmod',
      '',
      '---',
      ' 2 files changed, 0 insertions(+), 0 deletions(-)',
      '',
      'diff --git a/a.txt b/a.txt',
      'old mode 100644',
      'new mode 100755',
      'diff --git a/empty b/empty',
      'new file mode 100644',
      'index 0000000..e69de29',
      '-- ',
      '2.39.5',
      '',
    );
    expect(parseDiff(patch).files.map((f) => [f.path, f.status])).toEqual([
      ['a.txt', 'mode-only'],
      ['empty', 'added'],
    ]);
  });

  it('signatureAfterHeaderOnly: format-patch signature after a GIT binary patch', () => {
    const patch = d(
      `From ${SHA} Mon Sep 17 00:00:00 2001`,
      'Subject: [PATCH] bin',
      '',
      '---',
      '',
      'diff --git a/bin.dat b/bin.dat',
      'new file mode 100644',
      'index 0000000..cac2925',
      'GIT binary patch',
      'literal 10',
      'RcmZQzU`Wc$ODw8n000Xh0)_wp',
      '',
      'literal 0',
      'HcmV?d00001',
      '',
      '-- ',
      '2.39.5',
    );
    expect(() => parseDiff(patch)).not.toThrow(DiffParseError);
  });

  // `git -c diff.mnemonicPrefix=true diff --cached -M HEAD` of a rename with an edit.
  it('mnemonicPrefixRename: c/ and i/ prefixes of a renamed file are stripped', () => {
    const diff = d(
      'diff --git c/r.txt i/s.txt',
      'similarity index 79%',
      'rename from r.txt',
      'rename to s.txt',
      'index b2f931a..d172ff5 100644',
      '--- c/r.txt',
      '+++ i/s.txt',
      '@@ -5 +5 @@ one',
      '-five',
      '+six',
    );
    expect(parseDiff(diff).files.map((f) => [f.path, f.oldPath])).toEqual([['s.txt', 'r.txt']]);
  });

  it('suggestionKeepsOtherKey: the fix for one key of a line does not hand back the other', () => {
    const rand = seededRandom(3);
    const line = expandTemplate('config = {"a": "sk-ant-api03-{b64u:93}AA", "b": "ghp_{crc36}"}', rand);
    const rules = new Map(builtinRules.map((r) => [r.id, r]));
    const findings = new Scanner(builtinRules).scanFile({ path: 'app.py', lines: [{ line: 1, text: line }] });
    expect(findings).toHaveLength(2);
    for (const f of findings) {
      const suggestion = suggestLine({
        path: f.path,
        lineText: lineTextOf(f)!,
        column: f.column,
        endColumn: f.endColumn,
        envVar: envVarFor(f, rules.get(f.ruleId)),
      });
      for (const other of findings.filter((g) => g !== f))
        expect(suggestion?.line.includes(secretOf(other)!) ?? false).toBe(false);
    }
  });
});
