// Tests of the fake GitHub API and of the action harness (see __tests__/fake-github/), so the
// integration tests built on them can be trusted: shapes, pagination, caps, GitHub's 4xx rules,
// auth, fault injection, recording, and one run of the bundled action.
import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import {
  events,
  findLeaks,
  inputVariable,
  parseCommands,
  parseFileCommand,
  runAction,
} from './fake-github/harness.js';
import {
  createRepo,
  faults,
  READ_TOKEN,
  startFakeGitHub,
  unifiedPatch,
  WRITE_TOKEN,
  type FakeGitHub,
  type FakeRepo,
} from './fake-github/server.js';

const rand = seededRandom(8675309);
const anthropicKey = () => expandTemplate('sk-ant-api03-{b64u:93}AA', rand);

const started: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.close()));
});

async function start(repo: FakeRepo = createRepo()): Promise<FakeGitHub> {
  const fake = await startFakeGitHub(repo);
  started.push(fake);
  return fake;
}

// Response bodies are checked field by field with toMatchObject; typing them buys nothing here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** fetch against the fake with a token (WRITE_TOKEN unless told otherwise). */
async function gh(
  fake: FakeGitHub,
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; accept?: string } = {},
) {
  const headers: Record<string, string> = { accept: init.accept ?? 'application/vnd.github+json' };
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? WRITE_TOKEN}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('http') ? path : `${fake.url}${path}`;
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').startsWith('application/json') && text !== '';
  const json: Json = isJson ? JSON.parse(text) : undefined;
  return { status: res.status, headers: res.headers, text, json };
}

/** rel → URL from an RFC 5988 Link header. */
function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}

/** Follows rel="next" from `path`, returning every item and the number of pages. */
async function allPages(fake: FakeGitHub, path: string, pick: (json: Json) => Json[] = (j) => j) {
  const items: Json[] = [];
  let next: string | undefined = path;
  let pages = 0;
  while (next) {
    const res = await gh(fake, next);
    expect(res.status).toBe(200);
    items.push(...pick(res.json));
    pages++;
    next = links(res.headers.get('link')).next;
  }
  return { items, pages };
}

const lines = (n: number, prefix = 'line') =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');
const api = (path: string) => `/repos/owner/repo${path}`;

describe('fake GitHub: repository builder', () => {
  it('writes GitHub-style patch fields: hunks only, git headers, no trailing newline', () => {
    expect(unifiedPatch('', 'a\nb\n').patch).toBe('@@ -0,0 +1,2 @@\n+a\n+b');
    expect(unifiedPatch('a\n', '').patch).toBe('@@ -1 +0,0 @@\n-a');
    expect(unifiedPatch('x\n', 'x\ny').patch).toBe('@@ -1 +1,2 @@\n x\n+y\n\\ No newline at end of file');
    const big = unifiedPatch(lines(30), lines(30).replace('line 20\n', 'line 20\nadded\n'));
    expect(big).toEqual({
      patch: '@@ -18,6 +18,7 @@\n line 18\n line 19\n line 20\n+added\n line 21\n line 22\n line 23',
      additions: 1,
      deletions: 0,
    });
  });

  it('commits before → after (seeding the before), detects renames and removals', () => {
    const repo = createRepo();
    const c = repo.commit({
      files: {
        'a.py': { before: 'x = 1\n', after: 'x = 1\ny = 2\n' },
        'README.md': null,
        'docs/new.md': { from: 'docs/old.md', before: lines(10), after: lines(10) + 'more\n' },
      },
    });
    const seed = repo.getCommit(c.parents[0]!);
    expect(seed.files.map((f) => [f.filename, f.status])).toEqual([
      ['a.py', 'added'],
      ['docs/old.md', 'added'],
    ]);
    expect(c.files.map((f) => [f.filename, f.status, f.previous_filename])).toEqual([
      ['README.md', 'removed', undefined],
      ['a.py', 'modified', undefined],
      ['docs/new.md', 'renamed', 'docs/old.md'],
    ]);
    expect(c.files[1]).toMatchObject({
      additions: 1,
      deletions: 0,
      changes: 1,
      patch: '@@ -1 +1,2 @@\n x = 1\n+y = 2',
    });
    expect(repo.contentAt('a.py')?.toString()).toBe('x = 1\ny = 2\n');
    expect(repo.contentAt('a.py', seed.sha)?.toString()).toBe('x = 1\n');
  });

  it('computes a pull request net diff from the merge base, even after the base moves on', () => {
    const repo = createRepo();
    const pr = repo.pullRequest({
      commits: [
        { files: { 'app.py': { before: 'a = 1\n', after: 'a = 1\nb = 2\n' } } },
        { files: { 'app.py': 'a = 1\nb = 3\n', 'new.txt': 'hello\n' } },
      ],
      baseCommits: [{ files: { 'base-only.txt': 'base\n' } }],
    });
    expect(pr.commits).toHaveLength(2);
    expect(pr.base.sha).not.toBe(pr.mergeBase);
    expect(pr.files.map((f) => [f.filename, f.status, f.patch])).toEqual([
      ['app.py', 'modified', '@@ -1 +1,2 @@\n a = 1\n+b = 3'],
      ['new.txt', 'added', '@@ -0,0 +1 @@\n+hello'],
    ]);
    const merge = repo.getCommit(pr.mergeCommitSha);
    expect(merge.parents).toEqual([pr.base.sha, pr.head.sha]);
    expect(repo.contentAt('base-only.txt', 'refs/pull/1/merge')?.toString()).toBe('base\n');
    expect(repo.contentAt('app.py', 'refs/pull/1/merge')?.toString()).toBe('a = 1\nb = 3\n');
  });
});

describe('fake GitHub: pagination and caps', () => {
  it('pages 350 pull request files with Link headers (30 by default, per_page up to 100)', async () => {
    const repo = createRepo();
    const files = Object.fromEntries(
      Array.from({ length: 350 }, (_, i) => [`f/${String(i).padStart(3, '0')}.txt`, `${i}\n`]),
    );
    const pr = repo.pullRequest({ files });
    const fake = await start(repo);

    const first = await gh(fake, api('/pulls/1/files'));
    expect(first.json).toHaveLength(30);
    expect(links(first.headers.get('link')).last).toMatch(/[?&]page=12$/);

    const page1 = await gh(fake, api('/pulls/1/files?per_page=100'));
    const rel = links(page1.headers.get('link'));
    expect(Object.keys(rel).sort()).toEqual(['last', 'next']);
    expect(rel.next).toBe(`${fake.url}/repositories/${repo.id}/pulls/1/files?per_page=100&page=2`);
    expect(rel.last).toBe(`${fake.url}/repositories/${repo.id}/pulls/1/files?per_page=100&page=4`);
    expect(page1.json[0]).toMatchObject({
      filename: 'f/000.txt',
      status: 'added',
      additions: 1,
      deletions: 0,
      changes: 1,
      patch: '@@ -0,0 +1 @@\n+0',
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
    });

    const middle = await gh(fake, api('/pulls/1/files?per_page=100&page=2'));
    expect(Object.keys(links(middle.headers.get('link'))).sort()).toEqual(['first', 'last', 'next', 'prev']);
    const last = await gh(fake, api('/pulls/1/files?per_page=100&page=4'));
    expect(last.json).toHaveLength(50);
    expect(Object.keys(links(last.headers.get('link'))).sort()).toEqual(['first', 'prev']);

    const all = await allPages(fake, api('/pulls/1/files?per_page=100'));
    expect(all.pages).toBe(4);
    expect(all.items.map((f: Json) => f.filename)).toEqual(pr.files.map((f) => f.filename));
    expect(new Set(all.items.map((f: Json) => f.filename)).size).toBe(350);

    // A single commit's files: 300 per page by default, per_page up to 100 with page.
    const sha = pr.head.sha;
    const commit = await gh(fake, api(`/commits/${sha}`));
    expect(commit.json.sha).toBe(sha);
    expect(commit.json.files).toHaveLength(300);
    expect(commit.json.stats).toEqual({ total: 350, additions: 350, deletions: 0 });
    expect(links(commit.headers.get('link')).next).toMatch(/page=2$/);
    const paged = await allPages(fake, api(`/commits/${sha}?per_page=100`), (j) => j.files);
    expect(paged.pages).toBe(4);
    expect(paged.items).toHaveLength(350);
    const capped = await gh(fake, api(`/commits/${sha}?per_page=250`));
    expect(capped.json.files).toHaveLength(100);
  });

  it('caps pull request files at 3000', async () => {
    const repo = createRepo();
    const files = Object.fromEntries(Array.from({ length: 3005 }, (_, i) => [`g/${i}.txt`, `${i}\n`]));
    repo.pullRequest({ files });
    const fake = await start(repo);
    const first = await gh(fake, api('/pulls/1/files?per_page=100'));
    expect(links(first.headers.get('link')).last).toMatch(/page=30$/);
    const last = await gh(fake, api('/pulls/1/files?per_page=100&page=30'));
    expect(last.json).toHaveLength(100);
    expect((await gh(fake, api('/pulls/1/files?per_page=100&page=31'))).json).toEqual([]);
    expect((await gh(fake, api('/pulls/1'))).json.changed_files).toBe(3005);
  });

  it('pages 120 pull request commits oldest first', async () => {
    const repo = createRepo();
    const pr = repo.pullRequest({
      commits: Array.from({ length: 120 }, (_, i) => ({
        files: { [`c${i}.txt`]: `${i}\n` },
        message: `commit ${i}`,
      })),
    });
    const fake = await start(repo);
    const all = await allPages(fake, api('/pulls/1/commits?per_page=100'));
    expect(all.pages).toBe(2);
    expect(all.items.map((c: Json) => c.commit.message)).toEqual(
      Array.from({ length: 120 }, (_, i) => `commit ${i}`),
    );
    expect((all.items[119] as { sha: string }).sha).toBe(pr.head.sha);
    expect(all.items[0]).toMatchObject({
      parents: [{ sha: pr.mergeBase }],
      commit: { tree: { sha: expect.any(String) } },
    });
  });

  it('caps pull request commits at 250, as GitHub does', async () => {
    const repo = createRepo();
    const pr = repo.pullRequest({
      commits: Array.from({ length: 260 }, (_, i) => ({ files: { 'n.txt': `${i}\n` } })),
    });
    const fake = await start(repo);
    expect(pr.commits).toHaveLength(260);
    const first = await gh(fake, api('/pulls/1/commits?per_page=100'));
    expect(links(first.headers.get('link')).last).toMatch(/page=3$/);
    const all = await allPages(fake, api('/pulls/1/commits?per_page=100'));
    expect(all.items).toHaveLength(250);
    expect((all.items[0] as { sha: string }).sha).toBe(pr.commits[0]!.sha);
    const pull = await gh(fake, api('/pulls/1'));
    expect(pull.json.commits).toBe(260);
    // Compare without paging: the 250 most recent commits; files only on the first page.
    const cmp = await gh(fake, api(`/compare/main...${pr.head.ref}`));
    expect(cmp.json).toMatchObject({ status: 'ahead', ahead_by: 260, behind_by: 0, total_commits: 260 });
    expect(cmp.json.commits).toHaveLength(250);
    expect(cmp.json.commits.at(-1).sha).toBe(pr.head.sha);
    expect(cmp.json.files.map((f: { filename: string }) => f.filename)).toEqual(['n.txt']);
    const cmpPage2 = await gh(fake, api(`/compare/main...${pr.head.ref}?per_page=100&page=2`));
    expect(cmpPage2.json.commits[0].sha).toBe(pr.commits[100]!.sha);
    expect(cmpPage2.json.files).toEqual([]);
  });
});

describe('fake GitHub: files, contents and blobs', () => {
  it('leaves patch out for binary files and files marked omitPatch', async () => {
    const repo = createRepo();
    repo.pullRequest({
      files: {
        'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
        'huge.min.js': { after: lines(50), omitPatch: true },
        'ok.txt': 'fine\n',
      },
    });
    const fake = await start(repo);
    const res = await gh(fake, api('/pulls/1/files'));
    const byName = Object.fromEntries(res.json.map((f: { filename: string }) => [f.filename, f]));
    expect(byName['logo.png']).not.toHaveProperty('patch');
    expect(byName['logo.png']).toMatchObject({ status: 'added', additions: 0, deletions: 0 });
    expect(byName['huge.min.js']).not.toHaveProperty('patch');
    expect(byName['huge.min.js']).toMatchObject({ status: 'added', additions: 50, changes: 50 });
    expect(byName['ok.txt'].patch).toBe('@@ -0,0 +1 @@\n+fine');
  });

  it('serves contents at a ref (base64, raw, directories) and blobs; 404 when missing', async () => {
    const repo = createRepo();
    const pr = repo.pullRequest({ files: { 'src/a.py': { before: 'old\n', after: 'new\n' } } });
    const fake = await start(repo);
    const atHead = await gh(fake, api(`/contents/src/a.py?ref=${pr.head.sha}`));
    expect(atHead.json).toMatchObject({
      type: 'file',
      encoding: 'base64',
      path: 'src/a.py',
      name: 'a.py',
      size: 4,
    });
    expect(Buffer.from(atHead.json.content, 'base64').toString()).toBe('new\n');
    const atBase = await gh(fake, api('/contents/src/a.py'));
    expect(Buffer.from(atBase.json.content, 'base64').toString()).toBe('old\n');
    const raw = await gh(fake, api(`/contents/src/a.py?ref=${pr.head.ref}`), {
      accept: 'application/vnd.github.raw+json',
    });
    expect(raw.text).toBe('new\n');
    const dir = await gh(fake, api('/contents/src'));
    expect(dir.json.map((e: { name: string; type: string }) => [e.name, e.type])).toEqual([['a.py', 'file']]);
    expect((await gh(fake, api('/contents/nope.txt'))).status).toBe(404);
    expect((await gh(fake, api('/contents/src/a.py?ref=no-such-branch'))).status).toBe(404);
    const blob = await gh(fake, api(`/git/blobs/${atHead.json.sha}`));
    expect(Buffer.from(blob.json.content, 'base64').toString()).toBe('new\n');
    expect((await gh(fake, api(`/git/blobs/${'0'.repeat(40)}`))).status).toBe(404);
    expect((await gh(fake, api('/commits/no-such-ref'))).status).toBe(422);
  });
});

describe('fake GitHub: reviews and comments', () => {
  function prWithChangeAtLine20() {
    const repo = createRepo();
    const before = lines(40);
    repo.pullRequest({
      files: { 'app.py': { before, after: before.replace('line 20\n', 'line 20\nkey = 1\n') } },
    });
    return repo;
  }

  it('rejects the whole review with 422 when a comment is outside the diff hunks', async () => {
    const repo = prWithChangeAtLine20();
    const fake = await start(repo);
    // Hunk: @@ -18,6 +18,7 @@ — new lines 18..24 are commentable.
    const res = await gh(fake, api('/pulls/1/reviews'), {
      method: 'POST',
      body: {
        event: 'COMMENT',
        body: 'Findings',
        comments: [
          { path: 'app.py', line: 21, side: 'RIGHT', body: 'in the hunk' },
          { path: 'app.py', line: 5, side: 'RIGHT', body: 'outside the hunk' },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      message: 'Unprocessable Entity',
      errors: ['Line could not be resolved'],
    });
    expect(repo.reviews).toHaveLength(0);
    expect(repo.reviewComments).toHaveLength(0);
    const wrongPath = await gh(fake, api('/pulls/1/reviews'), {
      method: 'POST',
      body: { event: 'COMMENT', body: 'x', comments: [{ path: 'other.py', line: 1, body: 'x' }] },
    });
    expect(wrongPath.json.errors).toEqual(['Path could not be resolved']);
  });

  it('accepts comments on lines inside a hunk (added or context) and lists them', async () => {
    const repo = prWithChangeAtLine20();
    const fake = await start(repo);
    const res = await gh(fake, api('/pulls/1/reviews'), {
      method: 'POST',
      body: {
        event: 'REQUEST_CHANGES',
        body: 'Revoke the key first.',
        comments: [
          { path: 'app.py', line: 21, side: 'RIGHT', body: 'added line' },
          { path: 'app.py', line: 24, side: 'RIGHT', body: 'context line' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      state: 'CHANGES_REQUESTED',
      body: 'Revoke the key first.',
      user: { login: 'github-actions[bot]' },
    });
    const listed = await gh(fake, api('/pulls/1/comments'));
    expect(listed.json.map((c: { line: number; side: string }) => [c.line, c.side])).toEqual([
      [21, 'RIGHT'],
      [24, 'RIGHT'],
    ]);
    expect(listed.json[0].diff_hunk).toBe('@@ -18,6 +18,7 @@\n line 18\n line 19\n line 20\n+key = 1');
    expect(listed.json[0].pull_request_review_id).toBe(res.json.id);

    const reviews = await gh(fake, api('/pulls/1/reviews'));
    expect(reviews.json).toHaveLength(1);
    const dismissed = await gh(fake, api(`/pulls/1/reviews/${res.json.id}/dismissals`), {
      method: 'PUT',
      body: { message: 'Keys removed', event: 'DISMISS' },
    });
    expect(dismissed.json.state).toBe('DISMISSED');
    const again = await gh(fake, api(`/pulls/1/reviews/${res.json.id}/dismissals`), {
      method: 'PUT',
      body: { message: 'again' },
    });
    expect(again.status).toBe(422);
    expect(again.json.errors).toEqual(['Can not dismiss a dismissed pull request review']);
  });

  it('rejects review and comment bodies over 65,536 characters', async () => {
    const fake = await start(prWithChangeAtLine20());
    const long = 'x'.repeat(65537);
    const review = await gh(fake, api('/pulls/1/reviews'), {
      method: 'POST',
      body: { event: 'COMMENT', body: long },
    });
    expect(review.status).toBe(422);
    const comment = await gh(fake, api('/issues/1/comments'), { method: 'POST', body: { body: long } });
    expect(comment.status).toBe(422);
    const ok = await gh(fake, api('/pulls/1/reviews'), {
      method: 'POST',
      body: { event: 'COMMENT', body: 'x'.repeat(65536) },
    });
    expect(ok.status).toBe(200);
  });

  it('creates, lists, edits and minimizes issue comments (GraphQL)', async () => {
    const repo = prWithChangeAtLine20();
    const fake = await start(repo);
    const created = await gh(fake, api('/issues/1/comments'), { method: 'POST', body: { body: 'first' } });
    expect(created.status).toBe(201);
    const edited = await gh(fake, api(`/issues/comments/${created.json.id}`), {
      method: 'PATCH',
      body: { body: 'edited' },
    });
    expect(edited.json.body).toBe('edited');
    const listed = await gh(fake, api('/issues/1/comments'));
    expect(listed.json.map((c: { body: string }) => c.body)).toEqual(['edited']);
    expect((await gh(fake, api('/issues/99/comments'))).status).toBe(404);

    const minimize = await gh(fake, '/graphql', {
      method: 'POST',
      body: {
        query:
          'mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) { minimizedComment { isMinimized } } }',
        variables: { id: created.json.node_id },
      },
    });
    expect(minimize.json).toEqual({
      data: { minimizeComment: { minimizedComment: { isMinimized: true, minimizedReason: 'outdated' } } },
    });
    expect(repo.minimized).toEqual([{ subjectId: created.json.node_id, classifier: 'OUTDATED' }]);
    const viewer = await gh(fake, '/graphql', { method: 'POST', body: { query: '{ viewer { login } }' } });
    expect(viewer.json).toEqual({ data: { viewer: { login: 'github-actions[bot]' } } });
    const other = await gh(fake, '/graphql', {
      method: 'POST',
      body: { query: '{ repository(owner: "owner", name: "repo") { id } }' },
    });
    expect(other.status).toBe(200);
    expect(other.json.errors[0].message).toMatch(/only supports the minimizeComment mutation/);
  });
});

describe('fake GitHub: check runs', () => {
  it('appends annotations per update and rejects more than 50 in one request', async () => {
    const repo = createRepo();
    const fake = await start(repo);
    const sha = repo.branchSha('main');
    const annotation = (i: number) => ({
      path: 'a.py',
      start_line: i,
      end_line: i,
      annotation_level: 'failure',
      message: `m${i}`,
    });
    const created = await gh(fake, api('/check-runs'), {
      method: 'POST',
      body: {
        name: 'api-key-guard',
        head_sha: sha,
        status: 'in_progress',
        output: { title: 't', summary: 's', annotations: [annotation(1)] },
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.id;
    const tooMany = await gh(fake, api(`/check-runs/${id}`), {
      method: 'PATCH',
      body: {
        output: {
          title: 't',
          summary: 's',
          annotations: Array.from({ length: 51 }, (_, i) => annotation(i + 1)),
        },
      },
    });
    expect(tooMany.status).toBe(422);
    const update = await gh(fake, api(`/check-runs/${id}`), {
      method: 'PATCH',
      body: {
        conclusion: 'failure',
        output: {
          title: 't',
          summary: 's',
          annotations: Array.from({ length: 50 }, (_, i) => annotation(i + 2)),
        },
      },
    });
    expect(update.json).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { annotations_count: 51 },
    });
    expect(repo.checkRuns[0]!.annotationBatches).toEqual([1, 50]);
    const listed = await allPages(fake, api(`/check-runs/${id}/annotations?per_page=100`));
    expect(listed.items).toHaveLength(51);
    const unknownSha = await gh(fake, api('/check-runs'), {
      method: 'POST',
      body: { name: 'x', head_sha: 'f'.repeat(40) },
    });
    expect(unknownSha.status).toBe(422);
  });
});

describe('fake GitHub: auth, faults and recording', () => {
  it('401 without a token, 403 for writes with a read-only token, reads allowed', async () => {
    const repo = createRepo();
    repo.pullRequest({ files: { 'a.txt': 'a\n' } });
    const fake = await start(repo);
    const anonymous = await gh(fake, api('/pulls/1'), { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.message).toBe('Requires authentication');
    expect((await gh(fake, api('/pulls/1'), { token: 'not-a-token' })).status).toBe(401);
    expect((await gh(fake, api('/pulls/1/files'), { token: READ_TOKEN })).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/issues/1/comments', { body: 'hi' }],
      ['POST', '/pulls/1/reviews', { event: 'COMMENT', body: 'hi' }],
      ['POST', '/check-runs', { name: 'x', head_sha: repo.branchSha('main') }],
    ] as const) {
      const res = await gh(fake, api(path), { method, body, token: READ_TOKEN });
      expect(res.status).toBe(403);
      expect(res.json.message).toBe('Resource not accessible by integration');
    }
    expect(repo.issueComments).toHaveLength(0);
    const minimize = await gh(fake, '/graphql', {
      method: 'POST',
      token: READ_TOKEN,
      body: {
        query: 'mutation { minimizeComment(input: {subjectId: "x", classifier: SPAM}) { clientMutationId } }',
      },
    });
    expect(minimize.json.errors[0]).toMatchObject({
      type: 'FORBIDDEN',
      message: 'Resource not accessible by integration',
    });
  });

  it('injects a 500 once, then a 429 with retry-after once, then serves normally', async () => {
    const repo = createRepo();
    repo.pullRequest({ files: { 'a.txt': 'a\n' } });
    const fake = await start(repo);
    const e500 = fake.inject(faults.serverError('GET', /\/pulls\/1\/files$/));
    const e429 = fake.inject(faults.tooManyRequests('GET', /\/pulls\/1\/files$/, 1));
    const e403 = fake.inject({ method: 'POST', path: '/check-runs$', status: 403, times: 1 });
    expect((await gh(fake, api('/pulls/1/files'))).status).toBe(500);
    const limited = await gh(fake, api('/pulls/1/files'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await gh(fake, api('/pulls/1/files'))).status).toBe(200);
    const secondary = await gh(fake, api('/check-runs'), {
      method: 'POST',
      body: { name: 'x', head_sha: repo.branchSha('main') },
    });
    expect(secondary.status).toBe(403);
    expect(secondary.json.message).toMatch(/secondary rate limit/);
    expect([e500.hits, e429.hits, e403.hits]).toEqual([1, 1, 1]);
    expect(fake.requests.map((r) => [r.status, r.fault])).toEqual([
      [500, true],
      [429, true],
      [200, false],
      [403, true],
    ]);
    expect(fake.count({ method: 'GET', path: /\/files$/ })).toBe(3);
  });

  it('records method, path, query, headers and body, and times without the artificial delay', async () => {
    const repo = createRepo();
    repo.pullRequest({ files: { 'a.txt': 'a\n' } });
    const fake = await start(repo);
    repo.delayMs = 150;
    const t0 = Date.now();
    await gh(fake, api('/issues/1/comments?x=1'), { method: 'POST', body: { body: 'recorded text' } });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(fake.requests).toHaveLength(1);
    const [r] = fake.requests;
    expect(r).toMatchObject({
      seq: 1,
      method: 'POST',
      path: '/repos/owner/repo/issues/1/comments',
      query: { x: '1' },
      body: '{"body":"recorded text"}',
      status: 201,
      fault: false,
    });
    expect(r!.headers.authorization).toBe(`Bearer ${WRITE_TOKEN}`);
    expect(r!.durationMs).toBeLessThan(100);
    expect(fake.count()).toBe(1);
  });
});

describe('action harness', () => {
  it('parses outputs (heredoc and key=value) and workflow commands like the runner', () => {
    expect(
      parseFileCommand('findings<<ghadelimiter_1\n2\nghadelimiter_1\nblocking=1\nmulti<<EOF\na\nb\nEOF\n'),
    ).toEqual({
      findings: '2',
      blocking: '1',
      multi: 'a\nb',
    });
    const commands = parseCommands(
      [
        'plain log line',
        '::error title=t%3A1,file=src/a%2Cb.py,line=3,col=7::first%0Asecond 100%25',
        '::add-mask::hidden',
        '::stop-commands::tok',
        '::error::not a command while stopped',
        '::tok::',
        '::warning::w',
      ].join('\n'),
    );
    expect(commands).toEqual([
      {
        command: 'error',
        properties: { title: 't:1', file: 'src/a,b.py', line: '3', col: '7' },
        message: 'first\nsecond 100%',
      },
      { command: 'add-mask', properties: {}, message: 'hidden' },
      { command: 'warning', properties: {}, message: 'w' },
    ]);
    expect(inputVariable('fail-on')).toBe('INPUT_FAIL-ON');
    expect(inputVariable('github token')).toBe('INPUT_GITHUB_TOKEN');
  });

  it('sets up the environment like the runner: GITHUB_*, INPUT_* with action.yml defaults, file commands', async () => {
    const repo = createRepo();
    const pr = repo.pullRequest({ files: { 'a.txt': 'a\n' } });
    const fake = await start(repo);
    // A stand-in action: reports what it sees, writes an output, a summary and an annotation.
    const dir = mkdtempSync(join(tmpdir(), 'akg-probe-'));
    const entry = join(dir, 'probe.mjs');
    writeFileSync(
      entry,
      [
        "import { appendFileSync, readFileSync, readdirSync } from 'node:fs';",
        'const env = process.env;',
        "const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));",
        'const seen = Object.fromEntries(Object.entries(env).filter(([k]) => /^(GITHUB_|INPUT_|RUNNER_)/.test(k)));',
        'seen.cwd = process.cwd();',
        'seen.workspace = readdirSync(env.GITHUB_WORKSPACE);',
        'seen.prNumber = event.pull_request.number;',
        'seen.hasNodeOptions = "NODE_OPTIONS" in env;',
        "console.log('probe ' + JSON.stringify(seen));",
        "appendFileSync(env.GITHUB_OUTPUT, 'report<<EOF_1\\nline 1\\nline 2\\nEOF_1\\n');",
        "appendFileSync(env.GITHUB_STEP_SUMMARY, '## probe\\n');",
        "console.log('::warning file=a.txt,line=1::look%0Ahere');",
        'process.exitCode = 3;',
      ].join('\n'),
    );
    try {
      const result = await runAction({
        fake,
        ...events.pullRequest(fake, 1),
        inputs: { 'fail-on': 'high' },
        env: { EXTRA: 'x' },
        entry,
      });
      expect(result.code).toBe(3);
      const seen = JSON.parse(
        result.stdout
          .split('\n')
          .find((l) => l.startsWith('probe '))!
          .slice(6),
      );
      expect(seen).toMatchObject({
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REPOSITORY: 'owner/repo',
        GITHUB_API_URL: fake.url,
        GITHUB_GRAPHQL_URL: `${fake.url}/graphql`,
        GITHUB_SHA: pr.mergeCommitSha,
        GITHUB_REF: 'refs/pull/1/merge',
        GITHUB_HEAD_REF: 'feature/pr-1',
        GITHUB_BASE_REF: 'main',
        GITHUB_SERVER_URL: 'https://github.com',
        'INPUT_FAIL-ON': 'high',
        'INPUT_GITHUB-TOKEN': WRITE_TOKEN,
        prNumber: 1,
        workspace: [],
        hasNodeOptions: false,
      });
      expect(seen.cwd).toBe(seen.GITHUB_WORKSPACE);
      expect(seen.GITHUB_RUN_ID).toMatch(/^\d+$/);
      for (const v of ['RUNNER_TEMP', 'GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'GITHUB_EVENT_PATH'])
        expect(seen[v]).toMatch(/akg-action-/);
      expect(result.outputs).toEqual({ report: 'line 1\nline 2' });
      expect(result.summary).toBe('## probe\n');
      expect(result.annotations).toEqual([
        { level: 'warning', file: 'a.txt', line: 1, message: 'look\nhere' },
      ]);

      const target = await runAction({ fake, ...events.pullRequestTarget(fake, 1), entry, keepTemp: true });
      expect(existsSync(target.workspace)).toBe(true);
      rmSync(dirname(target.workspace), { recursive: true, force: true });
      expect(existsSync(result.workspace)).toBe(false);
      const seenTarget = JSON.parse(
        target.stdout
          .split('\n')
          .find((l) => l.startsWith('probe '))!
          .slice(6),
      );
      expect(seenTarget).toMatchObject({
        GITHUB_SHA: pr.base.sha,
        GITHUB_REF: 'refs/heads/main',
        'INPUT_FAIL-ON': 'medium',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds push, merge_group, workflow_dispatch and issue_comment payloads from the state', async () => {
    const repo = createRepo();
    repo.pullRequest({ files: { 'a.txt': 'a\n' } });
    const fake = await start(repo);
    const c = repo.commit({ files: { 'b.txt': 'b\n' } });
    const push = events.push(fake);
    expect(push.payload).toMatchObject({
      ref: 'refs/heads/main',
      after: c.sha,
      before: c.parents[0],
      head_commit: { id: c.sha, added: ['b.txt'] },
    });
    const group = events.mergeGroup(fake, 1);
    const mergeGroup = group.payload.merge_group as { head_sha: string; head_ref: string };
    expect(repo.resolveRef(mergeGroup.head_ref)).toBe(mergeGroup.head_sha);
    expect(events.workflowDispatch(fake).payload).toMatchObject({ ref: 'refs/heads/main' });
    const comment = events.issueComment(fake, 1, { body: 'rescan' });
    expect(comment.payload).toMatchObject({
      action: 'created',
      issue: { number: 1, pull_request: {} },
      comment: { body: 'rescan' },
    });
    expect(repo.issueComments).toHaveLength(1);
  });

  it('runs the bundled action on a pull_request adding a generated key: exit 1, one annotated line, no leak', async () => {
    const key = anthropicKey();
    const repo = createRepo();
    repo.pullRequest({
      title: 'Add client',
      files: {
        'src/app.py': {
          before: 'import anthropic\n\n',
          after: `import anthropic\n\nclient = anthropic.Anthropic(api_key="${key}")\n`,
        },
        'docs/notes.md': 'Nothing secret here.\n',
      },
    });
    const fake = await start(repo);
    const result = await runAction({ fake, ...events.pullRequest(fake, 1), inputs: { 'fail-on': 'medium' } });

    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(1);
    // The action may annotate through workflow commands (::error file=…) or a check run's
    // annotations; either way exactly one location, the added line.
    const fromCommands = result.annotations.filter((a) => a.file).map((a) => `${a.file}:${a.line}`);
    const fromCheckRuns = repo.checkRuns.flatMap((r) =>
      r.output.annotations.map((a) => `${a.path}:${a.start_line}`),
    );
    expect(fromCommands.length + fromCheckRuns.length).toBeGreaterThan(0);
    for (const located of [fromCommands, fromCheckRuns]) expect(located.length).toBeLessThanOrEqual(1);
    expect(new Set([...fromCommands, ...fromCheckRuns])).toEqual(new Set(['src/app.py:3']));
    expect(result.outputs).toMatchObject({ findings: '1', blocking: '1' });
    expect(result.summary).not.toBe('');
    expect(fake.count({ method: 'GET', path: /\/pulls\/1\/files$/ })).toBe(1);
    for (const r of fake.requests) expect(r.headers.authorization).toBe(`token ${WRITE_TOKEN}`);
    expect(fake.requests.filter((r) => r.status >= 500)).toEqual([]);
    // The only place the key appears is the ::add-mask:: command, which the runner never shows.
    expect(result.masks).toContain(key);
    expect(result.log).not.toContain(key);
    expect(findLeaks(key, { result, fake })).toEqual([]);
  });
});
