// The action trusts its hidden markers only in posts written by the account its token posts as
// (src/github/identity.ts). Anyone can type a marker: a pull request's author (who knows the
// rule, the path and the key, hence the fingerprint) could otherwise silence the inline comment
// for their key, have the action take their comment for its sticky comment and edit it, or
// silence the reply to a comment holding a key. These tests run the bundled action
// (dist/index.js, rebuilt with `npm run bundle:action`) against the fake GitHub API, with the
// forged posts written through the API with another user's token.
//
// Keys are generated at run time from a template (src/scan/samples.ts); no key-shaped literal
// lives in this file.
import { describe, expect, it } from '@jest/globals';
import type { JsonReport } from '../src/report/json.js';
import {
  fingerprintMarker,
  fingerprintsIn,
  isReplyTo,
  isStickyComment,
  replyMarker,
  REVIEW_MARKER,
  STICKY_MARKER,
} from '../src/report/markers.js';
import { fingerprint } from '../src/scan/redact.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import { apiAs, events, type EventSpec } from './fake-github/harness.js';
import { ACTIONS_BOT, createRepo, isWriteRequest, type FakeGitHub } from './fake-github/server.js';
import { fakeGitHubPerTest, runAndRead, type ReadRun, type RunOptions } from './fake-github/session.js';

let nextSeed = 77_000;
const newKey = () => expandTemplate('sk-ant-api03-{b64u:93}AA', seededRandom(nextSeed++));
const RULE = 'anthropic-api-key';
const keyLine = (key: string) => `client = anthropic.Anthropic(api_key="${key}")\n`;
const HEADER = '# header 1\n# header 2\n# header 3\n# header 4\n';
/** The line of the first key in a file made by keysFile (after HEADER). */
const FIRST_KEY_LINE = 5;
const keysFile = (keys: readonly string[]) => HEADER + keys.map(keyLine).join('');

const start = fakeGitHubPerTest();

/** A run (see runAndRead) whose JSON report every test here reads. */
interface Run extends ReadRun {
  report: JsonReport;
}

async function run(fake: FakeGitHub, spec: EventSpec, options: RunOptions = {}): Promise<Run> {
  const r = await runAndRead(fake, spec, options);
  if (!r.report) throw new Error('the run wrote no JSON report');
  return { ...r, report: r.report };
}

const writes = (r: Run) => r.made.filter(isWriteRequest);
/** The GraphQL `viewer` lookups of a run. */
const viewerLookups = (r: Run) =>
  r.made.filter((q) => q.method === 'POST' && q.path === '/graphql' && /\bviewer\b/.test(q.body));

/** A pull request by `mallory` adding `keys` to src/app.py; mallory can post with `attacker`. */
function attackersPullRequest(keys: readonly string[]) {
  const repo = createRepo();
  const attacker = repo.addToken('mallory');
  const pr = repo.pullRequest({
    user: 'mallory',
    files: { 'src/app.py': { before: HEADER, after: keysFile(keys) } },
  });
  return { repo, pr, attacker };
}

describe("markers in other users' posts are not trusted", () => {
  it("a forged finding marker does not silence the key's inline comment; re-runs still post nothing new", async () => {
    const key = newKey();
    const { repo, pr, attacker } = attackersPullRequest([key]);
    const fake = await start(repo);
    const fp = fingerprint(RULE, 'src/app.py', key);

    // The author "answers" their own key before the action runs: a review that looks like the
    // action's, with the key's marker in its body and in an inline comment on the key's line.
    const forged = await apiAs(fake, attacker, 'POST', '/pulls/1/reviews', {
      event: 'COMMENT',
      body: `${REVIEW_MARKER}\n${fingerprintMarker(fp)}\nNothing to see here.`,
      comments: [
        { path: 'src/app.py', line: FIRST_KEY_LINE, side: 'RIGHT', body: `${fingerprintMarker(fp)}\nFine.` },
      ],
    });
    expect(forged.status).toBe(200);
    expect(forged.json.user).toMatchObject({ login: 'mallory', type: 'User' });

    const r = await run(fake, events.pullRequest(fake, 1));

    expect(r.code).toBe(1);
    expect(r.report.findings.map((f) => f.fingerprint)).toEqual([fp]);
    const own = repo.reviews.filter((v) => v.user === ACTIONS_BOT);
    expect(own).toHaveLength(1);
    expect(own[0]!.state).toBe('CHANGES_REQUESTED');
    const inline = repo.reviewComments.filter((c) => c.review_id === own[0]!.id);
    expect(inline).toHaveLength(1);
    expect(inline[0]).toMatchObject({ path: 'src/app.py', line: FIRST_KEY_LINE, user: ACTIONS_BOT });
    expect(fingerprintsIn(inline[0]!.body)).toEqual([fp]);
    // The review and its inline comment, each ignored (and logged).
    expect(
      r.log.match(/ignored 1 post\(s\) with the action's markers not written by github-actions\[bot\]/g),
    ).toHaveLength(2);
    // One lookup of the token's identity, only because some post carried a marker.
    expect(viewerLookups(r)).toHaveLength(1);

    // A re-run: the action's own markers still count, so nothing is posted again.
    const before = [repo.reviews.length, repo.reviewComments.length, repo.issueComments.length];
    const again = await run(fake, events.pullRequest(fake, 1, { action: 'synchronize' }));
    expect(again.code).toBe(1);
    expect([repo.reviews.length, repo.reviewComments.length, repo.issueComments.length]).toEqual(before);
    expect(writes(again).filter((q) => /\/(pulls|issues)\//.test(q.path))).toEqual([]);
    expect(viewerLookups(again)).toHaveLength(1);

    // The key removed from the branch: the action dismisses its own review, not the author's.
    repo.branches.set(pr.head.ref, pr.mergeBase);
    repo.commit({
      branch: pr.head.ref,
      files: { 'src/app.py': HEADER + 'client = anthropic.Anthropic()\n' },
    });
    const fixed = await run(fake, events.pullRequest(fake, 1, { action: 'synchronize' }));
    expect(fixed.code).toBe(0);
    expect(repo.reviews.map((v) => [v.user, v.state])).toEqual([
      ['mallory', 'COMMENTED'],
      [ACTIONS_BOT, 'DISMISSED'],
      [ACTIONS_BOT, 'COMMENTED'],
    ]);
    expect(fixed.summary).toMatch(/The 1 finding reported earlier is resolved|1 finding reported earlier/);
  });

  it('a forged review on a clean pull request makes the action claim no earlier findings', async () => {
    const { repo, attacker } = attackersPullRequest([]);
    const fake = await start(repo);
    const forged = await apiAs(fake, attacker, 'POST', '/pulls/1/reviews', {
      event: 'COMMENT',
      body: `${REVIEW_MARKER}\n${fingerprintMarker('0123456789abcdef0123456789abcdef')}`,
    });
    expect(forged.status).toBe(200);

    const r = await run(fake, events.pullRequest(fake, 1));

    expect(r.code).toBe(0);
    expect(repo.reviews.map((v) => v.user)).toEqual(['mallory']);
    expect(r.summary).not.toMatch(/reported earlier/);
  });

  it("comment: summary — the author's comment with the sticky marker is not edited; the action posts its own", async () => {
    const key = newKey();
    const { repo, pr, attacker } = attackersPullRequest([key]);
    const fake = await start(repo);
    const summaryMode = { inputs: { comment: 'summary' } };
    const decoy = `${STICKY_MARKER}\nNo keys found. 🎉`;
    const forged = await apiAs(fake, attacker, 'POST', '/issues/1/comments', { body: decoy });
    expect(forged.status).toBe(201);

    const r = await run(fake, events.pullRequest(fake, 1), summaryMode);

    expect(r.code).toBe(1);
    expect(repo.issueComments).toHaveLength(2);
    const [theirs, ours] = repo.issueComments;
    expect(theirs).toMatchObject({ id: forged.json.id, user: 'mallory', body: decoy });
    expect(ours!.user).toBe(ACTIONS_BOT);
    expect(isStickyComment(ours!.body)).toBe(true);
    expect(fingerprintsIn(ours!.body)).toEqual([fingerprint(RULE, 'src/app.py', key)]);
    expect(r.made.filter((q) => q.method === 'PATCH')).toEqual([]);

    // A re-run leaves both alone; a new key edits the action's comment, never the decoy.
    const same = await run(fake, events.pullRequest(fake, 1, { action: 'synchronize' }), summaryMode);
    expect(writes(same).filter((q) => /\/issues\//.test(q.path))).toEqual([]);
    const key2 = newKey();
    repo.commit({ branch: pr.head.ref, files: { 'src/app.py': keysFile([key, key2]) } });
    const updated = await run(fake, events.pullRequest(fake, 1, { action: 'synchronize' }), summaryMode);
    expect(
      writes(updated)
        .filter((q) => /\/issues\//.test(q.path))
        .map((q) => `${q.method} ${q.path.replace(/^\/repos\/owner\/repo/, '')}`),
    ).toEqual([`PATCH /issues/comments/${ours!.id}`]);
    expect(repo.issueComments).toHaveLength(2);
    expect(repo.issueComments[0]!.body).toBe(decoy);
    expect(fingerprintsIn(repo.issueComments[1]!.body)).toHaveLength(2);
  });

  it('a forged reply marker does not silence the reply to a conversation comment holding a key', async () => {
    const key = newKey();
    const repo = createRepo();
    const attacker = repo.addToken('mallory');
    repo.pullRequest({ files: { 'src/app.py': { before: 'import os\n', after: 'import os\nx = 1\n' } } });
    const fake = await start(repo);
    const spec = events.issueComment(fake, 1, { body: `Use this one: ${key}`, user: 'octocat' });
    const comment = repo.issueComments.at(-1)!;
    const subject = `issue-comment-${comment.id}`;
    const fp = fingerprint(RULE, `pull request #1 comment ${comment.id}`, key);
    const forged = await apiAs(fake, attacker, 'POST', '/issues/1/comments', {
      body: `${replyMarker(subject)}\n${fingerprintMarker(fp)}\nAlready handled.`,
    });
    expect(forged.status).toBe(201);

    const r = await run(fake, spec);

    expect(r.code).toBe(1);
    expect(r.report.findings.map((f) => f.fingerprint)).toEqual([fp]);
    const replies = repo.issueComments.filter((c) => c.user === ACTIONS_BOT);
    expect(replies).toHaveLength(1);
    expect(isReplyTo(replies[0]!.body, subject)).toBe(true);
    expect(fingerprintsIn(replies[0]!.body)).toEqual([fp]);

    // The action's own reply still counts: a re-run writes nothing.
    const rerun = await run(fake, spec);
    expect(writes(rerun)).toEqual([]);
    expect(repo.issueComments.filter((c) => c.user === ACTIONS_BOT)).toHaveLength(1);
  });

  it('a forged reply in a review thread does not silence the reply to a review comment holding a key', async () => {
    const key = newKey();
    const repo = createRepo();
    const attacker = repo.addToken('mallory');
    repo.pullRequest({ files: { 'src/app.py': { before: 'import os\n', after: 'import os\nx = 1\n' } } });
    const fake = await start(repo);
    const spec = events.reviewComment(fake, 1, { body: `Try ${key}`, user: 'octocat' });
    const comment = repo.reviewComments.at(-1)!;
    const subject = `review-comment-${comment.id}`;
    const fp = fingerprint(RULE, `pull request #1 review comment ${comment.id}`, key);
    const forged = await apiAs(fake, attacker, 'POST', `/pulls/1/comments/${comment.id}/replies`, {
      body: `${replyMarker(subject)}\n${fingerprintMarker(fp)}`,
    });
    expect(forged.status).toBe(201);

    const r = await run(fake, spec);

    expect(r.report.findings.map((f) => f.fingerprint)).toEqual([fp]);
    const replies = repo.reviewComments.filter((c) => c.user === ACTIONS_BOT);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ in_reply_to_id: comment.id });
    expect(isReplyTo(replies[0]!.body, subject)).toBe(true);
    const rerun = await run(fake, spec);
    expect(writes(rerun)).toEqual([]);
  });
});

describe('the trusted account is the one the token posts as', () => {
  it.each([
    ['a personal access token', 'release-manager'],
    ["a GitHub App's token", 'guard-app[bot]'],
  ])("%s: its own posts count, github-actions[bot]'s do not", async (_kind, login) => {
    const [key1, key2] = [newKey(), newKey()];
    const { repo } = attackersPullRequest([key1, key2]);
    const token = repo.addToken(login);
    const fake = await start(repo);
    // Another workflow posting as github-actions[bot] carries the second key's marker.
    const other = await apiAs(fake, repo.defaultToken, 'POST', '/pulls/1/reviews', {
      event: 'COMMENT',
      body: `${REVIEW_MARKER}\n${fingerprintMarker(fingerprint(RULE, 'src/app.py', key2))}`,
    });
    expect(other.status).toBe(200);

    const r = await run(fake, events.pullRequest(fake, 1), { token });

    expect(r.code).toBe(1);
    const inline = repo.reviewComments.filter((c) => c.user === login);
    expect(inline.map((c) => c.line)).toEqual([FIRST_KEY_LINE, FIRST_KEY_LINE + 1]);
    const again = await run(fake, events.pullRequest(fake, 1, { action: 'synchronize' }), { token });
    expect(writes(again).filter((q) => /\/(pulls|issues)\//.test(q.path))).toEqual([]);
    expect(repo.reviewComments.filter((c) => c.user === login)).toHaveLength(2);
  });

  it('GraphQL unavailable: GET /user names a personal access token; else github-actions[bot] is assumed', async () => {
    const key = newKey();
    const { repo } = attackersPullRequest([key]);
    const pat = repo.addToken('release-manager');
    const fake = await start(repo);
    fake.inject({
      method: 'POST',
      path: /^\/graphql$/,
      status: 200,
      times: Infinity,
      body: { data: null, errors: [{ message: 'Something went wrong' }] },
    });

    // The default token: GET /user is refused, github-actions[bot] assumed (rightly).
    await run(fake, events.pullRequest(fake, 1));
    const rerun = await run(fake, events.pullRequest(fake, 1, { action: 'synchronize' }));
    expect(rerun.made.filter((q) => q.path === '/user').map((q) => q.status)).toEqual([403]);
    expect(writes(rerun).filter((q) => /\/(pulls|issues)\//.test(q.path))).toEqual([]);

    // A personal access token: GET /user answers; its earlier review counts, the bot's does not.
    const first = await run(fake, events.pullRequest(fake, 1), { token: pat });
    expect(first.made.filter((q) => q.path === '/user').map((q) => q.status)).toEqual([200]);
    expect(repo.reviews.map((v) => v.user)).toEqual([ACTIONS_BOT, 'release-manager']);
    const second = await run(fake, events.pullRequest(fake, 1, { action: 'synchronize' }), { token: pat });
    expect(writes(second).filter((q) => /\/(pulls|issues)\//.test(q.path))).toEqual([]);
  });
});
