// publishReview against the fake GitHub API: a suggested change is posted only when it leaves no
// other finding of its line behind, custom rules' findings included (the built-in rules cannot
// recognise those on the rewritten line by themselves).
import { afterEach, describe, expect, it } from '@jest/globals';
import { readPullRequest } from '../src/changes/pull-request.js';
import { parseConfig, resolveScan } from '../src/config.js';
import { createGitHubClient, type ClientLog } from '../src/github/client.js';
import { mergeAcrossCommits, placeFindings } from '../src/github/placement.js';
import { publishReview } from '../src/github/publish-review.js';
import { scanAll } from '../src/scan/collect.js';
import { Scanner, secretOf } from '../src/scan/engine.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import { createRepo, startFakeGitHub, WRITE_TOKEN, type FakeGitHub } from './fake-github/server.js';

const quiet: ClientLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const running: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

const CONFIG = [
  'rules:',
  '  - id: acme-token',
  '    provider: Acme',
  '    description: Acme token',
  '    severity: high',
  '    keywords: [acme_]',
  "    pattern: '(?<secret>acme_[a-z0-9]{24})'",
  '    samples: { truePositives: [\'t = "acme_{lownum:24}"\'] }',
].join('\n');

async function review(lines: string[]) {
  const repo = createRepo();
  const pr = repo.pullRequest({ files: { 'app.py': lines.join('\n') + '\n' } });
  const fake = await startFakeGitHub(repo);
  running.push(fake);
  const octokit = createGitHubClient(WRITE_TOKEN, { baseUrl: fake.url, retryBaseMs: 1, log: quiet });
  const target = { owner: repo.owner, repo: repo.name, number: pr.number, headSha: pr.head.sha };
  const changes = await readPullRequest(octokit, { ...target, baseSha: pr.base.sha, scanCommits: false });
  const { rules, policy } = resolveScan(parseConfig(CONFIG, 'cfg.yml'), 'cfg.yml');
  const { merged, removedLater } = mergeAcrossCommits(
    (await scanAll(changes.files, new Scanner(rules, policy))).findings,
  );
  const outcome = await publishReview(
    octokit,
    target,
    placeFindings(merged, removedLater, changes.commentableLines),
    {
      rules: new Map(rules.map((r) => [r.id, r])),
      failOn: 'medium',
      links: { serverUrl: 'https://github.example.test', owner: repo.owner, repo: repo.name },
      notes: [],
      locale: 'en',
    },
  );
  return { outcome, merged, comments: repo.reviewComments.map((c) => c.body) };
}

describe('suggested changes in a posted review', () => {
  it('one custom-rule key on its line: the comment suggests the environment lookup', async () => {
    const rand = seededRandom(21);
    const { outcome, comments } = await review([expandTemplate('token = "acme_{lownum:24}"', rand)]);
    expect(outcome.kind).toBe('posted');
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('```suggestion\ntoken = os.environ["ACME_API_KEY"]\n```');
  });

  it('two custom-rule keys on one line: neither comment suggests a line that keeps the other key', async () => {
    const rand = seededRandom(22);
    const { merged, comments } = await review([
      expandTemplate('pair = ("acme_{lownum:24}", "acme_{lownum:24}")', rand),
    ]);
    expect(merged).toHaveLength(2);
    expect(comments).toHaveLength(2);
    for (const body of comments) {
      expect(body).not.toContain('```suggestion');
      for (const f of merged) expect(body).not.toContain(secretOf(f)!);
    }
  });
});
