// The .gitignore check against the fake GitHub API: a pull request that commits a .env gets a
// note with the lines to add unless the .gitignore at its head (the root one and the one in the
// file's directory) already ignores it. Reads go through the contents API at the head commit.
import { afterEach, describe, expect, it } from '@jest/globals';
import { readPullRequest } from '../src/changes/pull-request.js';
import { createGitHubClient, type ClientLog, type GitHubClient } from '../src/github/client.js';
import { decideGitignore, gitignoreLayers, gitignoreNote, isIgnored } from '../src/github/gitignore.js';
import { mergeAcrossCommits } from '../src/github/placement.js';
import { messages } from '../src/report/messages.js';
import { scanAll } from '../src/scan/collect.js';
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import type { Finding } from '../src/scan/types.js';
import {
  createRepo,
  faults,
  startFakeGitHub,
  WRITE_TOKEN,
  type FakeGitHub,
  type FakeRepo,
  type FileSpec,
} from './fake-github/server.js';

const rand = seededRandom(1312);
const envText = () => `DATABASE_URL_PASSWORD=${expandTemplate('{alnum:24}', rand)}\n`;
const ALL_LINES = ['.env', '.env.*', '!.env.example'];

const quiet: ClientLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const running: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

interface Scenario {
  /** Files of the default branch before the pull request. */
  base?: Record<string, string>;
  /** What the pull request commits. */
  files: Record<string, FileSpec>;
}

/** Reads the pull request, scans it, and runs the check the way main.ts does. */
async function check({ base = {}, files }: Scenario) {
  const repo: FakeRepo = createRepo({ initialFiles: { 'README.md': '# repo\n', ...base } });
  const pr = repo.pullRequest({ files });
  const fake = await startFakeGitHub(repo);
  running.push(fake);
  const octokit: GitHubClient = createGitHubClient(WRITE_TOKEN, {
    baseUrl: fake.url,
    retryBaseMs: 1,
    log: quiet,
  });
  const target = { owner: repo.owner, repo: repo.name, number: pr.number, headSha: pr.head.sha };
  const changes = await readPullRequest(octokit, { ...target, baseSha: pr.base.sha, scanCommits: true });
  const { merged } = mergeAcrossCommits((await scanAll(changes.files, new Scanner(builtinRules))).findings);
  const before = fake.requests.length;
  const debug: string[] = [];
  const note = await gitignoreNote(
    octokit,
    { owner: repo.owner, repo: repo.name, ref: pr.head.sha },
    merged,
    (m) => debug.push(m),
  );
  const reads = fake.requests.slice(before).map((r) => [decodeURIComponent(r.path), r.query.ref, r.status]);
  return { note, reads, debug, merged, fake, headSha: pr.head.sha };
}

const contents = (path: string) => `/repos/owner/repo/contents/${path}`;

describe('gitignoreNote', () => {
  it('says nothing when the root .gitignore ignores the committed .env (one read, at the head)', async () => {
    const r = await check({ base: { '.gitignore': 'node_modules/\n.env\n' }, files: { '.env': envText() } });
    expect(r.merged.filter((f) => f.ruleId === 'credential-file-env')).toHaveLength(1);
    expect(r.note).toBeNull();
    expect(r.reads).toEqual([[contents('.gitignore'), r.headSha, 200]]);
  });

  it('suggests the lines to add when .gitignore does not cover .env', async () => {
    const r = await check({ base: { '.gitignore': 'node_modules/\ndist/\n' }, files: { '.env': envText() } });
    expect(r.note).toEqual({ kind: 'gitignore-missing', paths: ['.env'], lines: ALL_LINES });
  });

  it('suggests only what is missing: `.env` is ignored, `.env.local` is not', async () => {
    const r = await check({ base: { '.gitignore': '.env\n' }, files: { '.env.local': envText() } });
    expect(r.note).toEqual({
      kind: 'gitignore-missing',
      paths: ['.env.local'],
      lines: ['.env.*', '!.env.example'],
    });
  });

  it('treats a missing .gitignore (404) as no rules at all', async () => {
    const r = await check({ files: { 'app/.env': envText() } });
    expect(r.note).toEqual({ kind: 'gitignore-missing', paths: ['app/.env'], lines: ALL_LINES });
    expect(r.reads).toEqual([
      [contents('.gitignore'), r.headSha, 404],
      [contents('app/.gitignore'), r.headSha, 404],
    ]);
  });

  it("reads the flagged file's own directory: a nested .gitignore that ignores it is enough", async () => {
    const r = await check({
      base: { '.gitignore': 'node_modules/\n', 'services/api/.gitignore': '.env*\n!.env.example\n' },
      files: { 'services/api/.env': envText() },
    });
    expect(r.note).toBeNull();
    expect(r.reads.map(([path]) => path)).toEqual([
      contents('.gitignore'),
      contents('services/api/.gitignore'),
      contents('services/.gitignore'),
    ]);
  });

  it('reads the directories in between too: a .gitignore there that ignores it is enough', async () => {
    const r = await check({
      base: { '.gitignore': 'node_modules/\n', 'services/.gitignore': '.env\n' },
      files: { 'services/api/.env': envText() },
    });
    expect(r.note).toBeNull();
    const without = await check({ files: { 'services/api/.env': envText() } });
    expect(without.note?.paths).toEqual(['services/api/.env']);
  });

  it('lets a nested negation re-include what the root ignores', async () => {
    const r = await check({
      base: { '.gitignore': '.env\n.env.*\n', 'tools/.gitignore': '!.env\n' },
      files: { 'tools/.env': envText(), '.env.test': envText() },
    });
    expect(r.note).toEqual({
      kind: 'gitignore-missing',
      paths: ['tools/.env'],
      lines: ['.env'],
      reincludedBy: ['tools/.gitignore'],
    });
    // The note names the file whose `!` line undoes the root's rule, in both languages.
    expect(messages.en.note(r.note!)).toContain('`tools/.gitignore` brings it back with a `!` line');
    expect(messages.ko.note(r.note!)).toContain('`tools/.gitignore`의 `!` 줄이');
  });

  it('reads the .gitignore as the pull request leaves it, not as the base has it', async () => {
    const r = await check({
      base: { '.gitignore': 'node_modules/\n' },
      files: { '.gitignore': 'node_modules/\n.env\n', '.env': envText() },
    });
    expect(r.note).toBeNull();
  });

  it('makes no request when no .env file is among the findings', async () => {
    const r = await check({ files: { 'deploy/id_rsa': 'not read\n', 'src/app.py': 'print(1)\n' } });
    expect(r.merged.map((f) => f.ruleId)).toEqual(['credential-file-private-key']);
    expect(r.note).toBeNull();
    expect(r.reads).toEqual([]);
  });

  it('caps the directories read, root included', async () => {
    const files = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((d) => [`${d}/.env`, envText()]),
    );
    const r = await check({ files });
    expect(r.reads).toHaveLength(6);
    expect(r.note?.paths).toHaveLength(7);
    // Deep paths: the own directories come before the ones between, and the cap holds.
    const deep = await check({ files: { 'a/b/c/d/e/.env': envText(), 'x/y/z/.env': envText() } });
    expect(deep.reads.map(([path]) => path).slice(0, 3)).toEqual([
      contents('.gitignore'),
      contents('a/b/c/d/e/.gitignore'),
      contents('x/y/z/.gitignore'),
    ]);
    expect(deep.reads).toHaveLength(6);
  });

  it('gives no note and a debug line when GitHub fails, without throwing', async () => {
    const repo = createRepo();
    const fake = await startFakeGitHub(repo);
    running.push(fake);
    fake.inject(faults.serverError('GET', /\/contents\//, Infinity));
    const octokit = createGitHubClient(WRITE_TOKEN, { baseUrl: fake.url, retryBaseMs: 1, log: quiet });
    const finding = { ruleId: 'credential-file-env', path: '.env', source: 'diff' } as Finding;
    const debug: string[] = [];
    const note = await gitignoreNote(octokit, { owner: 'owner', repo: 'repo', ref: 'main' }, [finding], (m) =>
      debug.push(m),
    );
    expect(note).toBeNull();
    expect(debug).toEqual([expect.stringContaining('could not check .gitignore')]);
  });
});

describe('deciding with the ignore rules', () => {
  const layers = (texts: Record<string, string>) => gitignoreLayers(new Map(Object.entries(texts)));

  it('keeps everything inside an ignored directory ignored, whatever deeper files say', () => {
    const l = layers({ '': 'secrets/\n', 'secrets/app': '!.env\n' });
    expect(isIgnored('secrets/app/.env', l)).toBe(true);
    expect(decideGitignore(['secrets/app/.env'], l)).toBeNull();
  });

  it('matches case-sensitively, as git does on the runner', () => {
    expect(isIgnored('.ENV', layers({ '': '.env\n' }))).toBe(false);
  });
});

describe('the note in both catalogues', () => {
  const note = { kind: 'gitignore-missing' as const, paths: ['app/.env', 'x`y/.env'], lines: ALL_LINES };

  it('names the files and the exact lines, as inline code', () => {
    const en = messages.en.note(note);
    expect(en).toContain('`.gitignore` does not cover `.env`');
    expect(en).toContain('Add `.env`, `.env.*`, `!.env.example` to `.gitignore`');
    expect(en).toContain('`app/.env`');
    // A backtick in a path cannot close the code span.
    expect(en).toContain('``x`y/.env``');
    expect(en).not.toContain('brings it back');
    const ko = messages.ko.note(note);
    expect(ko).toContain('`.gitignore`에 `.env`가 없습니다.');
    expect(ko).toContain('`.env`, `.env.*`, `!.env.example` 줄을 추가하고');
  });
});
