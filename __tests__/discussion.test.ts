// Integration tests for keys pasted in discussions (issue #4): the bundled action (dist/index.js,
// rebuilt with `npm run bundle:action`) against the fake GitHub API, for a pull request's
// description, a conversation comment, a review comment and an issue. Each test checks what a
// user would see (exit code, reply, hidden comment, job summary, JSON report) and that the key
// reaches nothing the action wrote or sent.
//
// Keys are generated at run time from a template (src/scan/samples.ts); no key-shaped literal
// lives in this file.
import { describe, expect, it } from '@jest/globals';
import { fingerprintsIn, isReplyTo, isReviewBody } from '../src/report/markers.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import { events, findLeaks } from './fake-github/harness.js';
import {
  createRepo,
  isWriteRequest,
  READ_TOKEN,
  type FakeGitHub,
  type FakeRepo,
  type RecordedRequest,
} from './fake-github/server.js';
import { fakeGitHubPerTest, runAndRead as run, type ReadRun as Run } from './fake-github/session.js';

let nextSeed = 40_400;
const newKey = () => expandTemplate('sk-ant-api03-{b64u:93}AA', seededRandom(nextSeed++));

const start = fakeGitHubPerTest();

function expectNoLeaks(key: string, r: Run, fake: FakeGitHub): void {
  expect(findLeaks(key, { result: r, fake })).toEqual([]);
  expect(r.reportText).not.toContain(key);
  expect(r.sarifText).not.toContain(key);
  expect(r.masks).toContain(key);
}

/** Requests that could change something (a GraphQL query such as `viewer`, a POST, only reads). */
const writes = (requests: readonly RecordedRequest[]) => requests.filter(isWriteRequest);
const warningsOf = (r: Run) => r.annotations.filter((a) => a.level === 'warning');
const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/** A pull request adding one clean file, so discussion tests have a thread to talk in. */
function cleanPullRequest(spec: { body?: string; title?: string } = {}) {
  const repo = createRepo();
  const pr = repo.pullRequest({
    files: { 'src/app.py': { before: 'import os\n', after: 'import os\nkey = os.environ["API_KEY"]\n' } },
    ...spec,
  });
  return { repo, pr };
}

/** The action's replies: comments it wrote (not the test's own). */
const repliesIn = (repo: FakeRepo) => [
  ...repo.issueComments.filter((c) => c.user === 'github-actions[bot]'),
  ...repo.reviewComments.filter((c) => c.user === 'github-actions[bot]'),
];

describe('keys pasted in discussions', () => {
  it('a key in the pull request description: source pull-request, listed in the review body, step fails', async () => {
    const key = newKey();
    const { repo } = cleanPullRequest({ body: `Tested locally with\n\n    ANTHROPIC_API_KEY=${key}\n` });
    const fake = await start(repo);

    const r = await run(fake, events.pullRequest(fake, 1), { inputs: { 'sarif-file': 'out/results.sarif' } });

    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ findings: '1', blocking: '1' });
    expect(r.report!.findings).toEqual([
      expect.objectContaining({
        ruleId: 'anthropic-api-key',
        source: 'pull-request',
        path: 'pull request #1 description',
        line: 3,
        commit: null,
      }),
    ]);
    const fingerprint = r.report!.findings[0]!.fingerprint;
    expect(repo.reviews).toHaveLength(1);
    const review = repo.reviews[0]!;
    expect(isReviewBody(review.body)).toBe(true);
    expect(review.state).toBe('CHANGES_REQUESTED');
    expect(review.body).toContain('In the pull request title or description');
    expect(fingerprintsIn(review.body)).toEqual([fingerprint]);
    expect(repo.reviewComments).toEqual([]);
    expect(r.summary).toContain(fingerprint);
    // Code scanning gets no result without a file to show it on.
    expect(JSON.parse(r.sarifText).runs[0].results).toEqual([]);
    expectNoLeaks(key, r, fake);

    // The same key, the description edited around it: the same finding, nothing posted again.
    const again = await run(
      fake,
      events.pullRequest(fake, 1, {
        action: 'edited',
        body: `Oops, sorry.\n\nTested locally with\n\n    ANTHROPIC_API_KEY=${key}\n`,
      }),
    );
    expect(again.code).toBe(1);
    expect(again.report!.findings.map((f) => f.fingerprint)).toEqual([fingerprint]);
    expect(writes(again.made).filter((q) => /\/pulls\/1\/reviews$/.test(q.path))).toEqual([]);
    expectNoLeaks(key, again, fake);
  });

  it('a key in a conversation comment: one reply that does not quote it, the comment hidden as outdated', async () => {
    const key = newKey();
    const { repo } = cleanPullRequest();
    const fake = await start(repo);
    const spec = events.issueComment(fake, 1, { body: `Use this one for now: ${key}`, user: 'octocat' });
    const comment = repo.issueComments.at(-1)!;

    const r = await run(fake, spec, { inputs: { 'minimize-comments': 'true' } });

    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ findings: '1', blocking: '1' });
    expect(r.report!.findings).toEqual([
      expect.objectContaining({ source: 'comment', path: `pull request #1 comment ${comment.id}`, line: 1 }),
    ]);
    const fingerprint = r.report!.findings[0]!.fingerprint;
    expect(repo.minimized).toEqual([{ subjectId: comment.node_id, classifier: 'OUTDATED' }]);
    expect(comment.minimized).toBe('OUTDATED');
    const replies = repliesIn(repo);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(isReplyTo(reply.body, `issue-comment-${comment.id}`)).toBe(true);
    expect(fingerprintsIn(reply.body)).toEqual([fingerprint]);
    expect(reply.body).toContain('@octocat');
    expect(reply.body).toContain(r.report!.findings[0]!.redacted);
    expect(reply.body).toContain('anthropic-api-key');
    expect(reply.body).toContain('https://platform.claude.com/settings/keys');
    expect(reply.body).toContain('hidden as outdated');
    // Three calls: the config, the earlier comments, the mutation; then the reply.
    expect(
      r.made.map((q) => `${q.method} ${decodeURIComponent(q.path).replace(/^\/repos\/owner\/repo/, '')}`),
    ).toEqual([
      'GET /contents/.github/api-key-guard.yml',
      'GET /issues/1/comments',
      'POST /graphql',
      'POST /issues/1/comments',
    ]);
    expect(r.summary).toContain(fingerprint);
    expect(r.summary).toContain(`a comment on #1`);
    expect(r.log).not.toContain('Use this one for now');
    expect(repo.reviews).toEqual([]);
    expectNoLeaks(key, r, fake);

    // A re-run of the same event, and an edit that keeps the key: no second reply, nothing written.
    const rerun = await run(fake, spec, { inputs: { 'minimize-comments': 'true' } });
    expect(rerun.code).toBe(1);
    expect(writes(rerun.made)).toEqual([]);
    comment.body = `Use this one for now (edited): ${key}`;
    const edited = {
      ...spec,
      payload: {
        ...spec.payload,
        action: 'edited',
        comment: { ...(spec.payload.comment as object), body: comment.body },
      },
    };
    const afterEdit = await run(fake, edited, { inputs: { 'minimize-comments': 'true' } });
    expect(afterEdit.code).toBe(1);
    expect(writes(afterEdit.made)).toEqual([]);
    expect(repliesIn(repo)).toHaveLength(1);
    expect(repo.minimized).toHaveLength(1);
    for (const x of [rerun, afterEdit]) expectNoLeaks(key, x, fake);
  });

  it('a key in a review comment: a reply in its thread (to the thread’s first comment)', async () => {
    const key = newKey();
    const { repo } = cleanPullRequest();
    const fake = await start(repo);
    events.reviewComment(fake, 1, { body: 'Why not read it from the environment?', user: 'reviewer' });
    const top = repo.reviewComments.at(-1)!;
    const spec = events.reviewComment(fake, 1, { body: `Because this works: ${key}`, inReplyTo: top.id });
    const comment = repo.reviewComments.at(-1)!;

    const r = await run(fake, spec);

    expect(r.code).toBe(1);
    expect(r.report!.findings).toEqual([
      expect.objectContaining({ source: 'comment', path: `pull request #1 review comment ${comment.id}` }),
    ]);
    const replies = repliesIn(repo);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ in_reply_to_id: top.id, path: top.path });
    expect(isReplyTo(replies[0]!.body, `review-comment-${comment.id}`)).toBe(true);
    expect(writes(r.made).map((q) => q.path)).toEqual([
      `/repos/owner/repo/pulls/1/comments/${top.id}/replies`,
    ]);
    // minimize-comments is off by default.
    expect(repo.minimized).toEqual([]);
    expect(repo.issueComments).toEqual([]);

    const rerun = await run(fake, spec);
    expect(writes(rerun.made)).toEqual([]);
    expect(repliesIn(repo)).toHaveLength(1);
    expectNoLeaks(key, r, fake);
    expectNoLeaks(key, rerun, fake);
  });

  it('a key in an issue: a reply on the issue; nothing to minimize there', async () => {
    const key = newKey();
    const repo = createRepo();
    const issue = repo.issue({ title: 'Client fails', body: `It fails with key ${key} on every call.` });
    const fake = await start(repo);

    const r = await run(fake, events.issue(fake, issue.number), { inputs: { 'minimize-comments': 'true' } });

    expect(r.code).toBe(1);
    expect(r.report!.findings).toEqual([
      expect.objectContaining({ source: 'comment', path: `issue #${issue.number} description` }),
    ]);
    expect(repo.minimized).toEqual([]);
    const replies = repliesIn(repo);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ issue_number: issue.number });
    expect(replies[0]!.body).toContain("this issue's title or description");
    expect(writes(r.made).map((q) => q.path)).toEqual([`/repos/owner/repo/issues/${issue.number}/comments`]);
    expectNoLeaks(key, r, fake);
  });

  it('a clean comment: no reply, nothing written, the step passes', async () => {
    const { repo } = cleanPullRequest();
    const fake = await start(repo);

    const r = await run(
      fake,
      events.issueComment(fake, 1, { body: 'LGTM, but set ANTHROPIC_API_KEY=your-key-here' }),
      {
        inputs: { 'minimize-comments': 'true' },
      },
    );

    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ findings: '0', blocking: '0' });
    expect(writes(fake.requests)).toEqual([]);
    expect(r.made).toHaveLength(1); // the config
    expect(repliesIn(repo)).toEqual([]);
    expect(r.annotations).toEqual([]);
  });

  it('a read-only token: one warning, no crash, the summary still lists the finding, the step fails', async () => {
    const key = newKey();
    const { repo } = cleanPullRequest();
    const fake = await start(repo);
    const spec = events.issueComment(fake, 1, { body: `token: ${key}` });

    const r = await run(fake, spec, { token: READ_TOKEN, inputs: { 'minimize-comments': 'true' } });

    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ findings: '1', blocking: '1' });
    expect(repliesIn(repo)).toEqual([]);
    expect(repo.minimized).toEqual([]);
    const warnings = warningsOf(r);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/cannot write \(pull-requests: write is missing/);
    expect(warnings[0]!.message).toContain('not hidden');
    expect(r.summary).toContain(r.report!.findings[0]!.fingerprint);
    expect(r.summary).toMatch(/token cannot write/);
    expect(r.stdout).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expectNoLeaks(key, r, fake);
  });

  it('events that add no text (a deleted comment, a labelled issue) end quietly', async () => {
    const { repo } = cleanPullRequest();
    const issue = repo.issue({ body: `key ${newKey()}` });
    const fake = await start(repo);
    const deleted = events.issueComment(fake, 1, { action: 'deleted', body: `gone: ${newKey()}` });

    for (const spec of [deleted, events.issue(fake, issue.number, { action: 'labeled' })]) {
      const r = await run(fake, spec);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`this '${spec.event}' event adds no text to scan`);
      expect(r.annotations).toEqual([]);
    }
    expect(writes(fake.requests)).toEqual([]);
  });
});
