// Who the action posts as (src/github/identity.ts), against the fake GitHub API: GraphQL
// `viewer` for every kind of token, GET /user when GraphQL fails, then API_KEY_GUARD_AUTHOR or
// github-actions[bot]; cached per client; replaced by what a write reports; and the filter that
// keeps only the posts the action wrote.
import { afterEach, describe, expect, it } from '@jest/globals';
import { createGitHubClient, type GitHubClient } from '../src/github/client.js';
import {
  ACTIONS_BOT_LOGIN,
  AUTHOR_ENV,
  isAuthor,
  ownPosts,
  rememberAuthor,
  sameLogin,
  trustedAuthor,
  trustedIdentity,
} from '../src/github/identity.js';
import {
  createRepo,
  startFakeGitHub,
  WRITE_TOKEN,
  type FakeGitHub,
  type FakeRepo,
} from './fake-github/server.js';

const started: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.close()));
});

async function start(repo: FakeRepo = createRepo()): Promise<FakeGitHub> {
  const fake = await startFakeGitHub(repo);
  started.push(fake);
  return fake;
}

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function client(fake: FakeGitHub, token: string): GitHubClient {
  return createGitHubClient(token, {
    baseUrl: fake.url,
    graphqlUrl: fake.graphqlUrl,
    retryBaseMs: 1,
    retries: 0,
    log: quiet,
  });
}

const calls = (fake: FakeGitHub) => fake.requests.map((q) => `${q.method} ${q.path} ${q.status}`);

/** GraphQL answering 200 with an error, as GitHub does for a query it refuses. */
const graphqlRefuses = {
  method: 'POST',
  path: /^\/graphql$/,
  status: 200,
  times: Infinity,
  body: { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] },
};

describe('trustedIdentity', () => {
  it('the default GITHUB_TOKEN: github-actions[bot] from GraphQL viewer, one call, then cached', async () => {
    const fake = await start();
    const octokit = client(fake, WRITE_TOKEN);

    expect(await trustedIdentity(octokit, {})).toEqual({ login: ACTIONS_BOT_LOGIN, source: 'viewer' });
    expect(await trustedAuthor(octokit, {})).toBe(ACTIONS_BOT_LOGIN);
    // Concurrent callers share one lookup too.
    const other = client(fake, WRITE_TOKEN);
    await Promise.all([trustedAuthor(other, {}), trustedAuthor(other, {})]);
    expect(calls(fake)).toEqual(['POST /graphql 200', 'POST /graphql 200']);
  });

  it("a GitHub App's token: <slug>[bot]; a personal access token: its user", async () => {
    const repo = createRepo();
    const app = repo.addToken('guard-app[bot]');
    const pat = repo.addToken('release-manager');
    const fake = await start(repo);

    expect(await trustedIdentity(client(fake, app), {})).toEqual({
      login: 'guard-app[bot]',
      source: 'viewer',
    });
    expect(await trustedIdentity(client(fake, pat), {})).toEqual({
      login: 'release-manager',
      source: 'viewer',
    });
    expect(fake.count({ path: '^/user$' })).toBe(0);
  });

  it('GraphQL refused: GET /user answers for a personal access token', async () => {
    const repo = createRepo();
    const pat = repo.addToken('release-manager');
    const fake = await start(repo);
    fake.inject(graphqlRefuses);

    expect(await trustedIdentity(client(fake, pat), {})).toEqual({
      login: 'release-manager',
      source: 'user',
    });
    expect(calls(fake)).toEqual(['POST /graphql 200', 'GET /user 200']);
  });

  it('GraphQL down and GET /user refused (installation token): github-actions[bot], or the configured login', async () => {
    const repo = createRepo();
    const app = repo.addToken('guard-app[bot]');
    const fake = await start(repo);
    fake.inject({ method: 'POST', path: /^\/graphql$/, status: 502, times: Infinity });

    expect(await trustedIdentity(client(fake, WRITE_TOKEN), {})).toEqual({
      login: ACTIONS_BOT_LOGIN,
      source: 'default',
    });
    expect(calls(fake)).toEqual(['POST /graphql 502', 'GET /user 403']);
    expect(await trustedIdentity(client(fake, app), { [AUTHOR_ENV]: ' guard-app[bot] ' })).toEqual({
      login: 'guard-app[bot]',
      source: 'env',
    });
    // Not a login: ignored.
    expect(
      await trustedIdentity(client(fake, app), { [AUTHOR_ENV]: '<!-- api-key-guard:review -->' }),
    ).toEqual({ login: ACTIONS_BOT_LOGIN, source: 'default' });
  });

  it('the configured login never overrides what GitHub says', async () => {
    const fake = await start();
    expect(await trustedIdentity(client(fake, WRITE_TOKEN), { [AUTHOR_ENV]: 'someone-else' })).toEqual({
      login: ACTIONS_BOT_LOGIN,
      source: 'viewer',
    });
  });

  it("the author of the action's own write wins, before or after a lookup, without a call", async () => {
    const fake = await start();
    const octokit = client(fake, WRITE_TOKEN);
    rememberAuthor(octokit, { login: 'guard-app[bot]', type: 'Bot' });
    expect(await trustedIdentity(octokit, {})).toEqual({ login: 'guard-app[bot]', source: 'written' });
    expect(fake.count()).toBe(0);

    const guessed = client(fake, WRITE_TOKEN);
    fake.inject(graphqlRefuses);
    expect((await trustedIdentity(guessed, {})).source).toBe('default');
    rememberAuthor(guessed, { login: 'guard-app[bot]' });
    expect(await trustedAuthor(guessed, {})).toBe('guard-app[bot]');
    // Nothing usable: ignored.
    rememberAuthor(guessed, null);
    rememberAuthor(guessed, { login: 'not a login' });
    expect(await trustedAuthor(guessed, {})).toBe('guard-app[bot]');
  });
});

describe('isAuthor and sameLogin', () => {
  it('compares logins without case; a [bot] login must be a Bot when the type is given', () => {
    expect(sameLogin('GitHub-Actions[bot]', 'github-actions[bot]')).toBe(true);
    expect(sameLogin('', '')).toBe(false);
    expect(sameLogin(undefined, 'x')).toBe(false);
    expect(isAuthor({ login: 'github-actions[bot]', type: 'Bot' }, ACTIONS_BOT_LOGIN)).toBe(true);
    expect(isAuthor({ login: 'GITHUB-ACTIONS[BOT]' }, ACTIONS_BOT_LOGIN)).toBe(true);
    expect(isAuthor({ login: 'github-actions[bot]', type: 'User' }, ACTIONS_BOT_LOGIN)).toBe(false);
    expect(isAuthor({ login: 'github-actions', type: 'User' }, ACTIONS_BOT_LOGIN)).toBe(false);
    expect(isAuthor({ login: 'mallory', type: 'User' }, ACTIONS_BOT_LOGIN)).toBe(false);
    expect(isAuthor({ login: 'release-manager', type: 'User' }, 'Release-Manager')).toBe(true);
    expect(isAuthor(null, ACTIONS_BOT_LOGIN)).toBe(false);
    expect(isAuthor({ login: null }, ACTIONS_BOT_LOGIN)).toBe(false);
  });
});

describe('ownPosts', () => {
  const marked = (p: { body: string }) => p.body.includes('MARK');
  const post = (login: string | null, body: string) => ({
    body,
    user: login === null ? null : { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
  });

  it('looks nothing up when no post carries a marker', async () => {
    const fake = await start();
    const octokit = client(fake, WRITE_TOKEN);
    expect(
      await ownPosts(octokit, [post('mallory', 'hello'), post(ACTIONS_BOT_LOGIN, 'hi')], marked),
    ).toEqual([]);
    expect(fake.count()).toBe(0);
  });

  it("keeps the marked posts of the token's account only", async () => {
    const fake = await start();
    const octokit = client(fake, WRITE_TOKEN);
    const posts = [
      post('mallory', 'MARK forged'),
      post(null, 'MARK ghost'),
      post(ACTIONS_BOT_LOGIN, 'MARK own'),
      post(ACTIONS_BOT_LOGIN, 'unmarked'),
      post('other-app[bot]', 'MARK another app'),
    ];
    expect((await ownPosts(octokit, posts, marked)).map((p) => p.body)).toEqual(['MARK own']);
    expect(fake.count()).toBe(1);
  });
});
