// The read side against the fake GitHub API: pull requests (net diff and every commit), pushes,
// merge groups, manual runs and the config file, with the requests each makes counted.
import { afterEach, describe, expect, it } from '@jest/globals';
import { readPullRequest } from '../src/changes/pull-request.js';
import { readCommit, readMergeGroup, readPush } from '../src/changes/push.js';
import { readEventChanges } from '../src/changes/event.js';
import type { ChangeSet } from '../src/changes/github-files.js';
import { configRef, readConfig } from '../src/config-source.js';
import { ConfigError } from '../src/config.js';
import { createGitHubClient, type ClientLog, type GitHubClient } from '../src/github/client.js';
import { scanAll } from '../src/scan/collect.js';
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import {
  createRepo,
  faults,
  patchLines,
  startFakeGitHub,
  WRITE_TOKEN,
  type CommitSpec,
  type FakeGitHub,
  type FakeRepo,
  type PullRequest,
} from './fake-github/server.js';

const rand = seededRandom(77);
const anthropicKey = () => expandTemplate('sk-ant-api03-{b64u:93}AA', rand);

const quiet: ClientLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const running: FakeGitHub[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

async function serve(repo: FakeRepo): Promise<{ fake: FakeGitHub; octokit: GitHubClient }> {
  const fake = await startFakeGitHub(repo);
  running.push(fake);
  const octokit = createGitHubClient(WRITE_TOKEN, { baseUrl: fake.url, retryBaseMs: 1, log: quiet });
  return { fake, octokit };
}

function prTarget(repo: FakeRepo, pr: PullRequest, scanCommits = true) {
  return {
    owner: repo.owner,
    repo: repo.name,
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    scanCommits,
  };
}

/** Each recorded request as `METHOD path?query`, to find repeats. */
function requestKeys(f: FakeGitHub): string[] {
  return f.requests.map((r) => {
    const query = new URLSearchParams(Object.entries(r.query).sort()).toString();
    // Link headers address the repository by id; the same resource either way.
    const path = r.path.replace(/^\/repositories\/\d+/, `/repos/${f.state.fullName}`);
    return `${r.method} ${path}${query ? `?${query}` : ''}`;
  });
}

function expectNoRepeats(f: FakeGitHub): void {
  const keys = requestKeys(f).filter((_, i) => !f.requests[i]!.fault);
  const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
  expect(repeated).toEqual([]);
}

function netFiles(changes: ChangeSet) {
  return changes.files.filter((f) => f.commit === null);
}

/** `count` commits spreading `files` new files over them, oldest first. */
function manyFiles(files: number, count: number): CommitSpec[] {
  const commits: CommitSpec[] = [];
  let n = 0;
  for (let i = 0; i < count; i++) {
    const share = Math.floor(files / count) + (i < files % count ? 1 : 0);
    const spec: CommitSpec = { files: {}, message: `part ${i}` };
    for (let j = 0; j < share; j++, n++) spec.files[`src/m${i}/f${j}.txt`] = `value ${n}\n`;
    commits.push(spec);
  }
  return commits;
}

describe('readPullRequest', () => {
  it('reads a 350-file, 45-commit pull request within the request budget, nothing twice', async () => {
    const repo = createRepo();
    const commits = manyFiles(350, 45);
    const key = anthropicKey();
    commits[3]!.files['settings.py'] = `ANTHROPIC_API_KEY = "${key}"\n`;
    const pr = repo.pullRequest({ commits });
    const { fake, octokit } = await serve(repo);

    const changes = await readPullRequest(octokit, prTarget(repo, pr));

    const C = 45;
    const F = 351;
    const made = fake.requests.length;
    // ceil(F/100) file pages + ceil(C/100) commit pages + C commits: 4 + 1 + 45.
    expect(made).toBe(Math.ceil(F / 100) + Math.ceil(C / 100) + C);
    expect(made).toBeLessThanOrEqual(C + Math.ceil(F / 100) + Math.ceil(C / 100) + 10);
    expect(octokit.apiStats).toEqual({ calls: made, requests: made, retries: 0 });
    expectNoRepeats(fake);
    expect(fake.count({ path: /\/git\/blobs\/|\/contents\// })).toBe(0);

    expect(netFiles(changes)).toHaveLength(F);
    expect(changes.files).toHaveLength(2 * F);
    expect(changes.stats).toEqual({ commits: C, files: F, binaryFiles: 0 });
    expect(changes.notes).toEqual([]);
    const { findings } = await scanAll(changes.files, new Scanner(builtinRules));
    expect(findings.map((f) => [f.path, f.line, f.commit])).toEqual([
      ['settings.py', 1, null],
      ['settings.py', 1, pr.commits[3]!.sha],
    ]);
  });

  it('pages through more than 100 commits and 300 files', async () => {
    const repo = createRepo();
    const pr = repo.pullRequest({ commits: manyFiles(320, 120) });
    const { fake, octokit } = await serve(repo);

    const changes = await readPullRequest(octokit, prTarget(repo, pr));

    expect(fake.count({ path: /\/pulls\/1\/files$/ })).toBe(4);
    expect(fake.count({ path: /\/pulls\/1\/commits$/ })).toBe(2);
    expect(fake.count({ path: /\/commits\/[0-9a-f]{40}$/ })).toBe(120);
    expect(new Set(changes.files.filter((f) => f.commit).map((f) => f.commit))).toEqual(
      new Set(pr.commits.map((c) => c.sha)),
    );
    expect(netFiles(changes).map((f) => f.path)).toEqual(pr.files.map((f) => f.filename));
    expect(changes.stats.commits).toBe(120);
    expectNoRepeats(fake);
  });

  it('follows the pages of a commit with more files than one page holds', async () => {
    const repo = createRepo();
    const pr = repo.pullRequest({ commits: manyFiles(650, 1) });
    const { fake, octokit } = await serve(repo);

    const changes = await readPullRequest(octokit, prTarget(repo, pr));

    expect(fake.count({ path: /\/commits\/[0-9a-f]{40}$/ })).toBe(3); // 300 + 300 + 50
    expect(changes.files.filter((f) => f.commit === pr.head.sha)).toHaveLength(650);
    expectNoRepeats(fake);
  });

  it('finds a key added in one commit and removed in the next, with the first commit sha', async () => {
    const repo = createRepo();
    const key = anthropicKey();
    const pr = repo.pullRequest({
      commits: [
        { files: { 'app.py': `import os\nKEY = "${key}"\n` } },
        { files: { 'app.py': 'import os\nKEY = os.environ["ANTHROPIC_API_KEY"]\n' } },
      ],
    });
    const { octokit } = await serve(repo);

    const changes = await readPullRequest(octokit, prTarget(repo, pr));
    const { findings } = await scanAll(changes.files, new Scanner(builtinRules));

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'app.py', line: 2, commit: pr.commits[0]!.sha });
    // Without scan-commits the net diff alone does not show it.
    const netOnly = await readPullRequest(octokit, prTarget(repo, pr, false));
    expect(netOnly.files.every((f) => f.commit === null)).toBe(true);
    expect((await scanAll(netOnly.files, new Scanner(builtinRules))).findings).toEqual([]);
  });

  it('diffs a file without a patch locally, against the merge base, with the right line numbers', async () => {
    const repo = createRepo();
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i + 1}`);
    const before = lines.join('\n') + '\n';
    const key = anthropicKey();
    const after = [...lines.slice(0, 29), `TOKEN = "${key}"`, ...lines.slice(29), 'tail'].join('\n') + '\n';
    const pr = repo.pullRequest({
      files: { 'big/data.txt': { before, after, omitPatch: true }, 'small.txt': 'hello\n' },
      // The base moves on after the branch: a change there must not look added by the PR.
      baseCommits: [{ files: { 'big/data.txt': before.replace('line 5\n', 'line five\n') } }],
    });
    expect(pr.mergeBase).not.toBe(pr.base.sha);
    const { fake, octokit } = await serve(repo);

    const changes = await readPullRequest(octokit, prTarget(repo, pr));

    const big = changes.files.filter((f) => f.path === 'big/data.txt');
    expect(big.map((f) => f.commit)).toEqual([null, pr.head.sha]);
    for (const f of big)
      expect(f.lines).toEqual([
        { line: 30, text: `TOKEN = "${key}"` },
        { line: 62, text: 'tail' },
      ]);
    // No patch: GitHub would refuse review comments there, so no commentable lines.
    expect(changes.commentableLines.has('big/data.txt')).toBe(false);
    expect(changes.commentableLines.get('small.txt')).toEqual(new Set([1]));
    // One blob, one old version (at the merge base, shared by the commit: its parent), one compare.
    expect(fake.count({ path: /\/git\/blobs\// })).toBe(1);
    expect(fake.count({ path: /\/contents\// })).toBe(1);
    expect(fake.requests.find((r) => r.path.includes('/contents/'))!.query.ref).toBe(pr.mergeBase);
    expect(fake.count({ path: /\/compare\// })).toBe(1);
    expectNoRepeats(fake);
  });

  it('reads an old version from a blob it already has when an earlier commit wrote it', async () => {
    const repo = createRepo();
    const v1 = Array.from({ length: 40 }, (_, i) => `row ${i}`).join('\n') + '\n';
    const v2 = v1 + 'added in two\n';
    const v3 = v2.replace('row 3\n', 'row 3\nadded in three\n');
    const pr = repo.pullRequest({
      commits: [
        { files: { 'data.csv': { after: v1, omitPatch: true } } },
        { files: { 'data.csv': { after: v2, omitPatch: true } } },
        { files: { 'data.csv': { after: v3, omitPatch: true } } },
      ],
    });
    const { fake, octokit } = await serve(repo);

    const changes = await readPullRequest(octokit, prTarget(repo, pr));

    const byCommit = new Map(changes.files.map((f) => [f.commit, f.lines]));
    expect(byCommit.get(pr.commits[0]!.sha)).toHaveLength(40);
    expect(byCommit.get(pr.commits[1]!.sha)).toEqual([{ line: 41, text: 'added in two' }]);
    expect(byCommit.get(pr.commits[2]!.sha)).toEqual([{ line: 5, text: 'added in three' }]);
    expect(byCommit.get(null)).toHaveLength(42);
    // Three blobs, each once; the added file needs no old version and no merge base.
    expect(fake.count({ path: /\/git\/blobs\// })).toBe(3);
    expect(fake.count({ path: /\/contents\/|\/compare\// })).toBe(0);
    expectNoRepeats(fake);
  });

  it('keeps the new path of a renamed file and reads nothing for a pure rename', async () => {
    const repo = createRepo({
      initialFiles: { 'old/name.js': 'const a = 1;\nconst b = 2;\nconst c = 3;\n', 'keep.txt': 'same\n' },
    });
    const pr = repo.pullRequest({
      files: {
        'new/name.js': {
          from: 'old/name.js',
          after: 'const a = 1;\nconst b = 2;\nconst c = 3;\nconst d = 4;\n',
        },
        'moved.txt': { from: 'keep.txt' },
      },
    });
    const { fake, octokit } = await serve(repo);

    const changes = await readPullRequest(octokit, prTarget(repo, pr));

    expect(netFiles(changes)).toEqual([
      {
        path: 'new/name.js',
        lines: [{ line: 4, text: 'const d = 4;' }],
        status: 'renamed',
        commit: null,
        source: 'diff',
      },
    ]);
    expect([...changes.commentableLines.keys()]).toEqual(['new/name.js']);
    expect([...changes.commentableLines.get('new/name.js')!]).toEqual([1, 2, 3, 4]);
    expect(changes.commentableLines.get('new/name.js')).toEqual(
      patchLines(pr.files.find((f) => f.filename === 'new/name.js')!.patch).right,
    );
    expect(fake.count({ path: /\/git\/blobs\/|\/contents\// })).toBe(0);
  });

  it('skips binary files and counts them, fetching no blob for a binary file name', async () => {
    const repo = createRepo();
    const binary = Buffer.concat([
      Buffer.from('GIF89a'),
      Buffer.from([0, 1, 2, 0]),
      Buffer.from(anthropicKey()),
    ]);
    const pr = repo.pullRequest({
      files: { 'assets/logo.png': binary, 'data/blob.dat': binary, 'notes.md': '# notes\n' },
    });
    const { fake, octokit } = await serve(repo);

    const changes = await readPullRequest(octokit, prTarget(repo, pr));

    expect(changes.stats.binaryFiles).toBe(2);
    expect(netFiles(changes).map((f) => [f.path, f.status])).toEqual([
      ['assets/logo.png', 'binary'],
      ['data/blob.dat', 'binary'],
      ['notes.md', 'added'],
    ]);
    expect(fake.count({ path: /\/git\/blobs\// })).toBe(1); // data/blob.dat, once for both sides
    const result = await scanAll(changes.files, new Scanner(builtinRules));
    expect(result.findings).toEqual([]);
    expect(result.stats.binaryFiles).toBe(4);
    expectNoRepeats(fake);
  });

  it('scans only the net diff past 250 commits, and says so', async () => {
    const repo = createRepo();
    const commits = Array.from({ length: 260 }, (_, i) => ({ files: { 'log.txt': `entry ${i}\n` } }));
    const pr = repo.pullRequest({ commits });
    const { fake, octokit } = await serve(repo);

    const changes = await readPullRequest(octokit, prTarget(repo, pr));

    expect(changes.files.every((f) => f.commit === null)).toBe(true);
    expect(changes.notes).toHaveLength(1);
    expect(changes.notes[0]).toMatch(
      /260 commits and GitHub lists at most 250: only the net diff was scanned/,
    );
    expect(fake.count({ path: /\/pulls\/1\/commits$/ })).toBe(3);
    expect(fake.count({ path: /\/pulls\/1$/ })).toBe(1); // the count, as the payload gave none
    expect(fake.count({ path: /\/commits\/[0-9a-f]{40}$/ })).toBe(0);

    // With the payload's count no extra request is needed.
    const before = fake.requests.length;
    const again = await readPullRequest(octokit, { ...prTarget(repo, pr), commitCount: 260 });
    expect(again.notes).toEqual(changes.notes);
    expect(fake.count({ path: /\/pulls\/1$/ })).toBe(1);
    expect(fake.requests.length - before).toBe(1 + 3);
  });

  it('rides out a server error and a secondary rate limit', async () => {
    const repo = createRepo();
    const pr = repo.pullRequest({ files: { 'a.txt': 'a\n' } });
    const { fake, octokit } = await serve(repo);
    fake.inject(faults.serverError('GET', /\/pulls\/1\/files$/));
    fake.inject(faults.tooManyRequests('GET', /\/pulls\/1\/commits$/, 1));

    const changes = await readPullRequest(octokit, prTarget(repo, pr));

    expect(netFiles(changes)).toHaveLength(1);
    expect(octokit.apiStats).toMatchObject({ calls: 3, requests: 5, retries: 2 });
  });
});

describe('push, merge group and manual runs', () => {
  it('reads the commits between before and after, each with its files', async () => {
    const repo = createRepo();
    const before = repo.branchSha('main');
    const key = anthropicKey();
    const c1 = repo.commit({ files: { 'a.env': `ANTHROPIC_API_KEY=${key}\n` } });
    const c2 = repo.commit({ files: { 'a.env': 'ANTHROPIC_API_KEY=\n' } });
    const { fake, octokit } = await serve(repo);

    const changes = await readPush(octokit, { owner: 'owner', repo: 'repo', before, after: c2.sha });

    expect(changes.files.map((f) => [f.path, f.commit])).toEqual([
      ['a.env', c1.sha],
      ['a.env', c2.sha],
    ]);
    const { findings } = await scanAll(changes.files, new Scanner(builtinRules));
    expect(findings.map((f) => f.commit)).toEqual([c1.sha]);
    expect(changes.commentableLines.size).toBe(0);
    expect(fake.requests.map((r) => r.path.replace(/[0-9a-f]{40}/g, 'SHA'))).toEqual([
      '/repos/owner/repo/compare/SHA...SHA',
      '/repos/owner/repo/commits/SHA',
      '/repos/owner/repo/commits/SHA',
    ]);
  });

  it('pages through a comparison of more than 100 commits', async () => {
    const repo = createRepo();
    const before = repo.branchSha('main');
    for (let i = 0; i < 130; i++) repo.commit({ files: { 'n.txt': `${i}\n` } });
    const { fake, octokit } = await serve(repo);

    const changes = await readPush(octokit, {
      owner: 'owner',
      repo: 'repo',
      before,
      after: repo.branchSha('main'),
    });

    expect(changes.stats.commits).toBe(130);
    expect(fake.count({ path: /\/compare\// })).toBe(2);
    expectNoRepeats(fake);
  });

  it('on a new branch reads only the pushed commits, not the history', async () => {
    const repo = createRepo();
    for (let i = 0; i < 5; i++) repo.commit({ files: { 'history.txt': `${i}\n` } });
    const c1 = repo.commit({ branch: 'topic', files: { 'x.txt': 'x\n' } });
    const c2 = repo.commit({ branch: 'topic', files: { 'y.txt': 'y\n' } });
    const { fake, octokit } = await serve(repo);
    const zero = '0'.repeat(40);

    const listed = await readPush(octokit, {
      owner: 'owner',
      repo: 'repo',
      before: zero,
      after: c2.sha,
      commits: [{ id: c1.sha }, { id: c2.sha }],
    });
    expect(listed.files.map((f) => f.path)).toEqual(['x.txt', 'y.txt']);
    expect(fake.count({ path: /\/compare\// })).toBe(0);

    // More commits than the payload lists: compare with the default branch instead.
    const compared = await readPush(octokit, {
      owner: 'owner',
      repo: 'repo',
      before: zero,
      after: c2.sha,
      commits: [{ id: c2.sha }],
      size: 2,
      defaultBranch: 'main',
    });
    expect(compared.files.map((f) => [f.path, f.commit])).toEqual([
      ['x.txt', c1.sha],
      ['y.txt', c2.sha],
    ]);
  });

  it('reads nothing for a deleted branch', async () => {
    const repo = createRepo();
    const { fake, octokit } = await serve(repo);
    const changes = await readPush(octokit, {
      owner: 'owner',
      repo: 'repo',
      before: repo.branchSha('main'),
      after: '0'.repeat(40),
      deleted: true,
    });
    expect(changes.files).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('reads a merge group between its base and head', async () => {
    const repo = createRepo();
    const base = repo.branchSha('main');
    const c = repo.commit({ branch: 'gh-readonly-queue/main/pr-1', files: { 'q.txt': 'queued\n' } });
    const { octokit } = await serve(repo);
    const changes = await readMergeGroup(octokit, {
      owner: 'owner',
      repo: 'repo',
      baseSha: base,
      headSha: c.sha,
    });
    expect(changes.files.map((f) => [f.path, f.commit])).toEqual([['q.txt', c.sha]]);
  });

  it('reads the last commit of the ref for a manual run', async () => {
    const repo = createRepo();
    const c = repo.commit({ files: { 'README.md': '# repo\nmore\n' } });
    const { fake, octokit } = await serve(repo);
    const changes = await readCommit(octokit, { owner: 'owner', repo: 'repo', sha: c.sha });
    expect(changes.files).toEqual([
      {
        path: 'README.md',
        lines: [{ line: 2, text: 'more' }],
        status: 'modified',
        commit: c.sha,
        source: 'diff',
      },
    ]);
    expect(fake.requests).toHaveLength(1);
  });

  it('routes events to the readers', async () => {
    const repo = createRepo();
    const pr = repo.pullRequest({ files: { 'p.txt': 'p\n' } });
    const { octokit } = await serve(repo);
    const event = (eventName: string, payload: Record<string, unknown>) => ({
      eventName,
      sha: pr.head.sha,
      repo: { owner: 'owner', repo: 'repo' },
      payload,
    });
    const prPayload = {
      pull_request: { number: 1, head: { sha: pr.head.sha }, base: { sha: pr.base.sha }, commits: 1 },
    };
    const fromPr = await readEventChanges(octokit, event('pull_request_target', prPayload), {
      scanCommits: true,
    });
    expect(fromPr?.files.map((f) => f.commit)).toEqual([null, pr.head.sha]);
    const manual = await readEventChanges(octokit, event('workflow_dispatch', {}), { scanCommits: true });
    expect(manual?.files.map((f) => f.path)).toEqual(['p.txt']);
    expect(await readEventChanges(octokit, event('issues', {}), { scanCommits: true })).toBeNull();
  });
});

describe('readConfig', () => {
  const CONFIG = '.github/api-key-guard.yml';

  it('reads the config from the base, not from the pull request', async () => {
    const repo = createRepo({ initialFiles: { [CONFIG]: 'disable: [generic-secret]\n' } });
    const pr = repo.pullRequest({
      files: { [CONFIG]: `disable: [${builtinRules.map((r) => r.id).join(', ')}]\n` },
    });
    const { fake, octokit } = await serve(repo);
    const payload = { pull_request: { base: { sha: pr.base.sha } } };
    const ref = configRef({ eventName: 'pull_request', payload });
    expect(ref).toBe(pr.base.sha);

    const loaded = await readConfig(octokit, { owner: 'owner', repo: 'repo', path: CONFIG, ref });

    expect(loaded.config).toEqual({ disable: ['generic-secret'] });
    expect(loaded.source).toBe(`${CONFIG}@${pr.base.sha.slice(0, 7)}`);
    expect(loaded.scan.rules.length).toBe(builtinRules.length - 1);
    expect(fake.requests[0]!.query.ref).toBe(pr.base.sha);
  });

  it('uses the defaults when there is no config file', async () => {
    const repo = createRepo();
    const { octokit } = await serve(repo);
    const loaded = await readConfig(octokit, { owner: 'owner', repo: 'repo', path: CONFIG, ref: 'main' });
    expect(loaded.source).toBeNull();
    expect(loaded.config).toEqual({});
    expect(loaded.scan.rules).toHaveLength(builtinRules.length);
  });

  it('fails on a malformed config, naming the file', async () => {
    const repo = createRepo({ initialFiles: { [CONFIG]: 'disable: generic-secret\nbogus: 1\n' } });
    const { octokit } = await serve(repo);
    const read = readConfig(octokit, { owner: 'owner', repo: 'repo', path: CONFIG, ref: undefined });
    await expect(read).rejects.toBeInstanceOf(ConfigError);
    await expect(read).rejects.toThrow(`config ${CONFIG}@the default branch: `);
    const badYaml = createRepo({ initialFiles: { [CONFIG]: 'disable: [unclosed\n' } });
    const second = await serve(badYaml);
    await expect(
      readConfig(second.octokit, { owner: 'owner', repo: 'repo', path: CONFIG, ref: 'main' }),
    ).rejects.toThrow(/not valid YAML/);
  });

  it('picks the base ref of each event', () => {
    const zero = '0'.repeat(40);
    const repository = { default_branch: 'trunk' };
    expect(configRef({ eventName: 'push', payload: { before: 'b'.repeat(40), repository } })).toBe(
      'b'.repeat(40),
    );
    expect(configRef({ eventName: 'push', payload: { before: zero, repository } })).toBe('trunk');
    expect(
      configRef({ eventName: 'merge_group', payload: { merge_group: { base_sha: 'c'.repeat(40) } } }),
    ).toBe('c'.repeat(40));
    expect(configRef({ eventName: 'workflow_dispatch', payload: { repository } })).toBe('trunk');
    expect(configRef({ eventName: 'workflow_dispatch', payload: {} })).toBeUndefined();
  });
});
