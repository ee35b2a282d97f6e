import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { KEY_PAGES, keyPageFor } from '../src/guidance/key-pages.js';
import { toCheckAnnotations, toWorkflowCommand } from '../src/report/annotations.js';
import type { PlacedFinding } from '../src/report/context.js';
import {
  fingerprintsIn,
  isResolvedNotice,
  isReviewBody,
  isStickyComment,
  REVIEW_MARKER,
} from '../src/report/markers.js';
import { ARTICLE_URL, messages } from '../src/report/messages.js';
import {
  renderInlineComment,
  renderResolvedComment,
  renderReviewBody,
  REVIEW_BODY_LIMIT,
  type ReviewInput,
} from '../src/report/review.js';
import { renderJobSummary } from '../src/report/summary.js';
import { Scanner, secretOf } from '../src/scan/engine.js';
import { longestPrefix } from '../src/scan/redact.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import type { Finding, Rule } from '../src/scan/types.js';
import {
  COMMIT_SHA,
  links,
  manyFindings,
  placeAll,
  rules,
  scanLines,
  tableAfter,
  tableCells,
} from './helpers/render-fixtures.js';

const FP = '0123456789abcdef0123456789abcdef';

/** File paths and a commit that try to inject markup, mentions, links and markers. */
const HOSTILE_PATHS = [
  'src/<img src=x onerror=alert(1)>.py',
  'docs/</details><details open>.md',
  'cc @octocat and @org/team.env',
  'code/a`b``c```d.txt',
  `<!-- api-key-guard:review -->\n<!-- api-key-guard:fp:${FP} -->.txt`,
  '[link](javascript:alert(1)).md',
  'a|b|c.yml',
  'line1\nline2\r\n## heading\n> quote.txt',
  '\u202eevil\u202c.txt',
];

function base(findings: PlacedFinding[], extra: Partial<ReviewInput> = {}): ReviewInput {
  return { findings, rules, failOn: 'medium', links, ...extra };
}

function expectHarmless(markdown: string): void {
  expect(markdown).not.toMatch(/<img|<\/?details|<summary/i);
  expect(markdown).not.toMatch(/@[A-Za-z0-9]/); // no mention of a person or team
  expect(markdown).not.toMatch(/\]\(javascript:/i);
  expect(markdown).not.toContain('\u202e');
  // The only HTML comments are the action's markers, each alone on its line.
  const comments = markdown.split('<!--').length - 1;
  const markerLines = markdown
    .split('\n')
    .filter((l) => /^<!-- api-key-guard:[a-z]+(:[0-9a-f]{32})? -->$/.test(l));
  expect(comments).toBe(markerLines.length);
  // Every heading is one of ours.
  for (const line of markdown.split('\n').filter((l) => l.startsWith('#')))
    expect(line).toMatch(/^#{2,4} (🔑|✅|❌|[A-Z가-힣])/);
}

describe('renderReviewBody', () => {
  const findings = scanLines('src/settings.py', [
    'DATABASE_URL=postgres://app:{alnum:20}@db.internal:5432/app',
    'ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA',
    'token = "ghp_{crc36}"',
  ]);
  const [dbUrl, anthropic, github] = findings as [Finding, Finding, Finding];
  const placed: PlacedFinding[] = [
    { finding: dbUrl, placement: 'body', reason: 'outside-diff' },
    { finding: anthropic, placement: 'body', reason: 'removed-later' },
    { finding: github, placement: 'inline' },
  ];
  const body = renderReviewBody(
    base(placed, {
      notes: [
        { kind: 'commit-limit', limit: 250 },
        { kind: 'text', text: 'see @octocat </details>' },
      ],
    }),
  );

  it('opens with the review marker and the revoke step, then secrets, then the table, then the checklist', () => {
    expect(body.startsWith(`${REVIEW_MARKER}\n`)).toBe(true);
    expect(isReviewBody(body)).toBe(true);
    const order = [
      'Do this now',
      'Revoke each exposed key',
      'Keep the new key in a secret',
      'keep the key out of the default branch',
      'Findings that cannot be commented on a line',
      'Keep keys safe',
      'Notes',
    ].map((s) => body.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('links each provider key page, suggests env vars and secrets, and cites the article', () => {
    expect(body).toContain(`(${KEY_PAGES.Anthropic!.url})`);
    expect(body).toContain(`(${KEY_PAGES.GitHub!.url})`);
    expect(body).toContain("the service's own console"); // the connection URL has no page
    // The variables of the keys still in the code (the Anthropic key was removed: history step).
    expect(body).toContain('(`GITHUB_TOKEN`, `DATABASE_URL`)');
    expect(body).toContain('fill that variable from a secret store');
    expect(body).toContain(ARTICLE_URL);
    for (const fact of [
      'spend limits',
      'every 90 days',
      'separate keys',
      'key management system (KMS)',
      'usage and logs',
    ])
      expect(body).toContain(fact);
  });

  it('tables the body findings, most severe first, with redacted value, commit and reason', () => {
    const rows = tableAfter(body, '| Location |');
    expect(rows).toHaveLength(2);
    const cells = rows.map(tableCells);
    expect(cells.every((c) => c.length === 6)).toBe(true);
    expect(cells[0]![1]).toContain('Anthropic');
    expect(cells[0]![2]).toContain('High (blocks the merge)');
    expect(cells[0]![3]).toContain(anthropic.redacted);
    expect(cells[0]![4]).toContain(
      `[\`${COMMIT_SHA.slice(0, 7)}\`](${links.serverUrl}/octo-org/octo-repo/commit/${COMMIT_SHA})`,
    );
    expect(cells[0]![5]).toContain('Removed by a later commit');
    expect(cells[1]![5]).toContain("outside the pull request's diff");
    expect(body).toContain('The other finding is commented on its line.');
  });

  it('marks only the body findings, so the inline ones are recognised by their own comments', () => {
    expect(fingerprintsIn(body)).toEqual([anthropic.fingerprint, dbUrl.fingerprint]);
  });

  it('words the scan notes and escapes free text notes', () => {
    expect(body).toContain('more than 250 commits');
    expect(body).toContain('only the net diff was scanned');
    expectHarmless(body);
  });

  it('says when nothing reaches the threshold', () => {
    const passing = renderReviewBody(base(placed, { failOn: 'high' }));
    expect(passing).toContain('**2 of them block the merge**');
    const none = renderReviewBody(base(placed, { failOn: 'never' }));
    expect(none).toContain('None reaches the `never` threshold');
  });

  it('for pull-request text, says to edit the text', () => {
    const inText = scanLines('pull request description', ['key: sk-ant-api03-{b64u:93}AA'], {
      source: 'pull-request',
      commit: null,
    });
    const out = renderReviewBody(
      base([{ finding: inText[0]!, placement: 'body', reason: 'pull-request-text' }]),
    );
    expect(out).toContain("Edit the key out of the pull request's title, description or comment");
    expect(out).not.toContain('Keep the new key in a secret');
    expect(out).not.toContain('keep the key out of the default branch');
    expect(tableCells(tableAfter(out, '| Location |')[0]!)[0]).toContain('pull request title or description');
  });

  it('can open with the sticky marker instead', () => {
    const sticky = renderReviewBody(base(placed, { marker: 'sticky' }));
    expect(isStickyComment(sticky)).toBe(true);
    expect(isReviewBody(sticky)).toBe(false);
  });
});

describe('injection', () => {
  // A custom rule (from a repository's config) whose names and values are hostile too.
  const hostileRule: Rule = {
    id: 'acme-token',
    provider: '<img src=x onerror=alert(1)> @org/team',
    description: '</details> [x](javascript:alert(1)) `code',
    severity: 'high',
    keywords: ['acme='],
    pattern: 'acme=(?<secret>\\S{24,40})',
    envVar: 'ACME`|<b>',
    samples: { truePositives: [], falsePositives: [] },
  };
  const allRules = new Map([...rules, [hostileRule.id, hostileRule]]);
  const hostileScanner = new Scanner([...builtinRules, hostileRule]);
  const rand = seededRandom(3);
  const findings = HOSTILE_PATHS.flatMap((path, i) =>
    hostileScanner
      .scanFile({
        path,
        commit: i % 2 ? COMMIT_SHA : 'not-a-sha `<img src=x>` @octocat',
        lines: [
          { line: 1, text: expandTemplate('ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA', rand) },
          { line: 2, text: `acme=${expandTemplate('{alnum:20}', rand)}\`|@<` },
        ],
      })
      .map((f) => f),
  );

  it('scanned every hostile file', () => {
    expect(findings).toHaveLength(HOSTILE_PATHS.length * 2);
    expect(findings.some((f) => f.redacted.includes('|'))).toBe(true);
  });

  it('the review body renders paths, values, rule names and commits harmlessly', () => {
    const placed = findings.map((finding, i): PlacedFinding =>
      i % 3 === 0 ? { finding, placement: 'inline' } : { finding, placement: 'body', reason: 'no-patch' },
    );
    const body = renderReviewBody({
      findings: placed,
      rules: allRules,
      failOn: 'medium',
      links,
      notes: HOSTILE_PATHS.map((text) => ({ kind: 'text' as const, text })),
    });
    expectHarmless(body);
    const rows = tableAfter(body, '| Location |');
    expect(rows).toHaveLength(placed.filter((p) => p.placement === 'body').length);
    for (const row of rows) expect(tableCells(row)).toHaveLength(6);
    expect(fingerprintsIn(body).sort()).toEqual(
      placed
        .filter((p) => p.placement === 'body')
        .map((p) => p.finding.fingerprint)
        .sort(),
    );
    // A commit that is not a sha is neither linked nor shown.
    expect(body).not.toContain('not-a-sha');
  });

  it('inline comments render harmlessly and carry exactly their own marker', () => {
    for (const f of findings) {
      const comment = renderInlineComment(f, { rules: allRules, failOn: 'medium' });
      expectHarmless(comment);
      expect(fingerprintsIn(comment)).toEqual([f.fingerprint]);
    }
  });

  it('the job summary renders harmlessly', () => {
    const summary = renderJobSummary({
      findings,
      rules: allRules,
      failOn: 'medium',
      stats: { files: 9, addedLines: 18, bytes: 1000 },
      links,
      version: '0.1.0',
      notes: HOSTILE_PATHS.map((text) => ({ kind: 'text' as const, text })),
    });
    expectHarmless(summary);
    expect(fingerprintsIn(summary)).toEqual([]);
    const rows = tableAfter(summary, '| Location |');
    expect(rows).toHaveLength(findings.length);
    for (const row of rows) expect(tableCells(row)).toHaveLength(6);
  });
});

describe('size limits', () => {
  it.each([200, 5000])('keeps the review body of %i findings within 65,536 characters', (count) => {
    const findings = manyFindings(count);
    expect(findings).toHaveLength(count);
    const body = renderReviewBody(base(placeAll(findings, 'body')));
    expect(body.length).toBeLessThanOrEqual(REVIEW_BODY_LIMIT);
    const shown = tableAfter(body, '| Location |').length;
    expect(shown).toBeGreaterThan(20);
    expect(shown).toBeLessThan(count);
    expect(fingerprintsIn(body)).toHaveLength(shown);
    expect(body).toContain(
      `…and ${messages.en.count(count - shown)} more findings: see the [job summary](${links.runUrl}).`,
    );
    // The steps and the checklist survive the cut.
    expect(body).toContain('Revoke each exposed key');
    expect(body).toContain('Keep keys safe');
  });

  it('shows every body finding when they fit, however many are inline', () => {
    const findings = manyFindings(5000);
    const placed = findings.map((finding, i): PlacedFinding =>
      i < 10 ? { finding, placement: 'body', reason: 'removed-later' } : { finding, placement: 'inline' },
    );
    const body = renderReviewBody(base(placed));
    expect(tableAfter(body, '| Location |')).toHaveLength(10);
    expect(body).not.toContain('more findings');
    expect(body).toContain('The other 4,990 findings are commented on their lines.');
  });

  it('honours a smaller limit', () => {
    const body = renderReviewBody(base(placeAll(manyFindings(200), 'body'), { maxLength: 12_000 }));
    expect(body.length).toBeLessThanOrEqual(12_000);
  });
});

describe('renderInlineComment', () => {
  const [anthropic, github] = scanLines('app.py', [
    'ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA',
    'token = "ghp_{crc36}"',
  ]) as [Finding, Finding];

  it('is short: severity, rule id, redacted value, the steps for its line, and the marker', () => {
    const comment = renderInlineComment(anthropic, { rules, failOn: 'medium' });
    expect(comment.split('\n')[0]).toBe(
      `**🔴 High: Anthropic API key** \`${anthropic.redacted}\` · \`anthropic-api-key\` · **blocks the merge**`,
    );
    expect(comment).toContain(
      `1. Revoke this Anthropic key now at [Claude Console → API keys](${KEY_PAGES.Anthropic!.url})`,
    );
    expect(comment).toContain('2. Read the new key from the `ANTHROPIC_API_KEY` environment variable');
    expect(comment).toContain('`ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}`');
    expect(comment.match(/^\d\. /gm)).toHaveLength(2);
    expect(fingerprintsIn(comment)).toEqual([anthropic.fingerprint]);
    // Two steps, each with its cited article link (about 110 characters each).
    expect(comment.length).toBeLessThan(1200);
  });

  it('carries a suggestion block, fenced past any backticks in the line, never a marker', () => {
    const withSuggestion = renderInlineComment(anthropic, {
      rules,
      failOn: 'medium',
      suggestion: {
        line: 'key = `${process.env.ANTHROPIC_API_KEY}` // ```',
        note: { kind: 'import', module: 'os', language: 'python' },
      },
    });
    expect(withSuggestion).toContain('````suggestion\nkey = `${process.env.ANTHROPIC_API_KEY}` // ```\n````');
    expect(withSuggestion).toContain('Suggested change for this line');
    expect(withSuggestion).toContain('Add `import os` if the file does not import it yet.');
    expect(fingerprintsIn(withSuggestion)).toEqual([anthropic.fingerprint]);
    const forged = renderInlineComment(anthropic, {
      rules,
      failOn: 'medium',
      suggestion: { line: `<!-- api-key-guard:fp:${'0'.repeat(32)} -->` },
    });
    expect(forged).not.toContain('suggestion');
    expect(fingerprintsIn(forged)).toEqual([anthropic.fingerprint]);
    const korean = renderInlineComment(anthropic, {
      rules,
      failOn: 'medium',
      locale: 'ko',
      suggestion: { line: 'x = 1', note: { kind: 'import', module: 'os', language: 'python' } },
    });
    expect(korean).toContain('```suggestion\nx = 1\n```');
    // The note is worded in Korean, not dropped and not left in English.
    expect(korean).toContain('`import os` 문을 추가하십시오');
    expect(korean).not.toContain('if the file does not import it');
  });

  it('does not suggest a secret name GitHub reserves', () => {
    const comment = renderInlineComment(github, { rules, failOn: 'high' });
    expect(comment).toContain('${{ secrets.GH_TOKEN }}');
    expect(comment).not.toContain('secrets.GITHUB_');
  });

  it('below the threshold, does not claim to block', () => {
    expect(renderInlineComment(anthropic, { rules, failOn: 'never' })).not.toContain('blocks the merge');
  });

  it('without a key page, words the revoke step for any credential', () => {
    const [url] = scanLines('db.py', ['DATABASE_URL=postgres://app:{alnum:20}@db.internal:5432/app']);
    expect(keyPageFor(url!.provider)).toBeUndefined();
    expect(renderInlineComment(url!, { rules, failOn: 'medium' })).toContain('1. Revoke this credential now');
  });

  it('speaks Korean from the same catalogue shape', () => {
    const comment = renderInlineComment(anthropic, { rules, failOn: 'medium', locale: 'ko' });
    expect(comment).toContain('폐기');
    expect(comment).toContain('재발급');
    expect(comment).toContain('환경 변수 `ANTHROPIC_API_KEY`');
    expect(fingerprintsIn(comment)).toEqual([anthropic.fingerprint]);
    const body = renderReviewBody(base(placeAll([anthropic], 'body'), { locale: 'ko' }));
    expect(body).toContain('지금 할 일');
    expect(body).toContain('시크릿');
    expect(body).toContain(ARTICLE_URL);
  });
});

describe('key pages', () => {
  it('has an https page for every provider the brief names and every built-in provider with keys', () => {
    const required = [
      'Anthropic',
      'OpenAI',
      'GitHub',
      'AWS',
      'Google',
      'Slack',
      'Stripe',
      'Hugging Face',
      'npm',
      'PyPI',
      'GitLab',
    ];
    const builtin = builtinRules
      .map((r) => r.provider)
      .filter((p) => !['Connection URL', 'Private key', 'Generic'].includes(p));
    for (const provider of new Set([...required, ...builtin]))
      expect(keyPageFor(provider)?.url).toMatch(/^https:\/\//);
    expect(keyPageFor('constructor')).toBeUndefined();
  });
});

describe('renderResolvedComment', () => {
  it('says the findings are resolved but the keys must still be revoked', () => {
    const out = renderResolvedComment(3, { links });
    expect(isStickyComment(out)).toBe(true);
    expect(isResolvedNotice(out)).toBe(true);
    expect(isResolvedNotice(renderReviewBody(base([])))).toBe(false);
    expect(out).toContain('The 3 findings reported earlier are no longer in this pull request');
    expect(out).toContain('revoke them');
    expect(fingerprintsIn(out)).toEqual([]);
  });
});

describe('no output contains the secret', () => {
  // Every true-positive template of every built-in rule, on its own line in its own file.
  const templates = builtinRules.flatMap((r) => r.samples.truePositives.map((t, i) => ({ rule: r, t, i })));
  const scanner = new Scanner(builtinRules);

  function randomPart(f: Finding): string {
    const secret = secretOf(f)!;
    return secret.slice(longestPrefix(secret, rules.get(f.ruleId)?.prefixes).length);
  }

  function windows(outputs: readonly string[]): Set<string> {
    const set = new Set<string>();
    for (const out of outputs) for (let i = 0; i + 8 <= out.length; i++) set.add(out.slice(i, i + 8));
    return set;
  }

  it('for random secrets of every rule, no renderer shows 8 consecutive characters of the random part', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom('en' as const, 'ko' as const),
        (seed, locale) => {
          const rand = seededRandom(seed);
          const scanned = templates.flatMap(({ rule, t, i }) =>
            scanner
              .scanFile({
                path: `samples/${rule.id}-${i}.txt`,
                lines: [{ line: 1, text: expandTemplate(t, rand) }],
                commit: COMMIT_SHA,
              })
              .map((finding) => ({ finding, template: t })),
          );
          const findings = scanned.map((s) => s.finding);
          for (const f of findings) seen.add(f.ruleId);
          const placed = findings.map((finding, i): PlacedFinding =>
            i % 2
              ? { finding, placement: 'inline' }
              : { finding, placement: 'body', reason: 'removed-later' },
          );
          const outputs = [
            renderReviewBody(base(placed, { locale })),
            ...findings.map((f) => renderInlineComment(f, { rules, failOn: 'medium', locale })),
            renderJobSummary({
              findings,
              rules,
              failOn: 'medium',
              stats: { files: findings.length, addedLines: findings.length, bytes: 0 },
              links,
              version: '0.1.0',
              locale,
            }),
            JSON.stringify(toCheckAnnotations(findings, { rules, locale })),
            ...findings.map((f) => toWorkflowCommand(f, { blocking: true, rules, locale })),
          ];
          const shown = windows(outputs);
          for (const { finding: f, template } of scanned) {
            const random = randomPart(f);
            // A PEM header (`-----BEGIN RSA PRIVATE KEY-----`) is the whole of that rule's secret and
            // is template text, not generated: it has no random part (the key body is on later lines).
            if (template.includes(random)) {
              expect(f.ruleId).toBe('private-key');
              continue;
            }
            expect(random.length).toBeGreaterThanOrEqual(8);
            for (let i = 0; i + 8 <= random.length; i++)
              if (shown.has(random.slice(i, i + 8)))
                throw new Error(`${f.ruleId}: output shows "${random.slice(i, i + 8)}" of its secret`);
          }
        },
      ),
      { numRuns: 20 },
    );
    // Every built-in rule with samples produced findings, so every rule's secrets were checked.
    const withSamples = builtinRules.filter((r) => r.samples.truePositives.length).map((r) => r.id);
    expect([...seen].sort()).toEqual(expect.arrayContaining(withSamples.sort()));
  });
});
