// The API client against a tiny local server that answers from a script: retries, retry-after,
// rate limits, the request counter and the GraphQL address.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGitHubClient, retryAfterMs, retryBaseMs, type ClientLog } from '../src/github/client.js';

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

let server: Server;
let base: string;
const script = new Map<string, Answer[]>();
const seen: { method: string; url: string; at: number }[] = [];

function answer(path: string, ...answers: Answer[]) {
  script.set(path, answers);
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', at: Date.now() });
    req.resume();
    req.on('end', () => {
      const queue = script.get((req.url ?? '').split('?')[0]!) ?? [];
      const a =
        queue.length > 1 ? queue.shift()! : (queue[0] ?? { status: 404, body: { message: 'Not Found' } });
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(JSON.stringify(a.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(options: { retries?: number } = {}) {
  const logged: string[] = [];
  const log: ClientLog = {
    debug: () => {},
    info: (m) => logged.push(m),
    warn: (m) => logged.push(m),
    error: (m) => logged.push(m),
  };
  const octokit = createGitHubClient('t0ken', {
    baseUrl: base,
    graphqlUrl: `${base}/api/graphql`,
    retryBaseMs: 1,
    log,
    ...options,
  });
  return { octokit, logged };
}

const ok = { status: 200, body: { ok: true } };

describe('createGitHubClient', () => {
  it('retries 5xx with a short backoff and counts calls, requests and retries', async () => {
    answer('/repos/o/r', { status: 500 }, { status: 502 }, ok);
    const { octokit, logged } = client();
    const t0 = Date.now();
    const res = await octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    expect(res.data).toEqual({ ok: true });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(octokit.apiStats).toEqual({ calls: 1, requests: 3, retries: 2 });
    expect(logged.filter((l) => /answered 50\d/.test(l))).toHaveLength(2);
  });

  it('starts every call at retry 1, whatever the calls before it did', async () => {
    answer('/repos/o/first', { status: 500 }, ok);
    const { octokit, logged } = client();
    await expect(octokit.rest.repos.get({ owner: 'o', repo: 'missing' })).rejects.toMatchObject({
      status: 404,
    });
    await octokit.rest.repos.get({ owner: 'o', repo: 'first' });
    expect(logged.filter((l) => /answered 500/.test(l))).toEqual([expect.stringMatching(/retry 1 of 3/)]);
  });

  it('gives up after three retries', async () => {
    answer('/repos/o/down', { status: 503 });
    const { octokit } = client();
    await expect(octokit.request('GET /repos/o/down')).rejects.toMatchObject({ status: 503 });
    expect(octokit.apiStats).toEqual({ calls: 1, requests: 4, retries: 3 });
  });

  it.each([503, 429])('honours retry-after seconds on a %d', async (status) => {
    const path = `/repos/o/after-${status}`;
    answer(path, { status, headers: { 'retry-after': '1' } }, ok);
    const { octokit } = client();
    await octokit.request(`GET ${path}`);
    const hits = seen.filter((s) => s.url === path);
    expect(hits).toHaveLength(2);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(950);
    expect(octokit.apiStats.requests).toBe(2);
  });

  it('does not retry a 404 or a 422', async () => {
    answer('/repos/o/missing', { status: 404, body: { message: 'Not Found' } });
    answer('/repos/o/bad', { status: 422, body: { message: 'Validation Failed' } });
    const { octokit } = client();
    await expect(octokit.request('GET /repos/o/missing')).rejects.toMatchObject({ status: 404 });
    await expect(octokit.request('GET /repos/o/bad')).rejects.toMatchObject({ status: 422 });
    expect(octokit.apiStats).toEqual({ calls: 2, requests: 2, retries: 0 });
  });

  it('waits out a secondary rate limit, honouring retry-after', async () => {
    const limited = {
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    };
    answer('/repos/o/secondary', limited, ok);
    const { octokit, logged } = client();
    await octokit.request('GET /repos/o/secondary');
    const hits = seen.filter((s) => s.url === '/repos/o/secondary');
    expect(hits).toHaveLength(2);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(950);
    expect(logged.some((l) => /secondary rate limit on GET .*retrying in 1 s/.test(l))).toBe(true);
  });

  it('gives up on a secondary rate limit after two retries, logging it, without plugin-retry piling on', async () => {
    answer('/repos/o/stuck', {
      status: 429,
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    const { octokit, logged } = client();
    await expect(octokit.request('GET /repos/o/stuck')).rejects.toMatchObject({ status: 429 });
    expect(seen.filter((s) => s.url === '/repos/o/stuck')).toHaveLength(3);
    expect(octokit.apiStats).toEqual({ calls: 1, requests: 3, retries: 2 });
    expect(logged.some((l) => /giving up after 2 retries/.test(l))).toBe(true);
  });

  it('gives up at once on a primary rate limit that resets in more than a minute', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    answer('/repos/o/primary', {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded' },
    });
    const { octokit, logged } = client();
    await expect(octokit.request('GET /repos/o/primary')).rejects.toMatchObject({ status: 403 });
    expect(octokit.apiStats.requests).toBe(1);
    expect(logged.some((l) => /rate limit reached .*giving up/.test(l))).toBe(true);
  });

  it('sends GraphQL to the GraphQL address and counts it', async () => {
    answer('/api/graphql', { status: 200, body: { data: { viewer: { login: 'bot' } } } });
    const { octokit } = client();
    const data = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    expect(data.viewer.login).toBe('bot');
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/graphql' });
    expect(octokit.apiStats.calls).toBe(1);
  });

  it('takes the API address from GITHUB_API_URL', async () => {
    answer('/repos/o/env', ok);
    const saved = process.env.GITHUB_API_URL;
    process.env.GITHUB_API_URL = base;
    try {
      const octokit = createGitHubClient('t0ken', { retryBaseMs: 1 });
      await octokit.request('GET /repos/o/env');
      expect(seen.at(-1)?.url).toBe('/repos/o/env');
    } finally {
      if (saved === undefined) delete process.env.GITHUB_API_URL;
      else process.env.GITHUB_API_URL = saved;
    }
  });
});

describe('helpers', () => {
  it('retryBaseMs reads API_KEY_GUARD_RETRY_BASE_MS', () => {
    expect(retryBaseMs({})).toBe(1000);
    expect(retryBaseMs({ API_KEY_GUARD_RETRY_BASE_MS: '5' })).toBe(5);
    expect(retryBaseMs({ API_KEY_GUARD_RETRY_BASE_MS: 'soon' })).toBe(1000);
  });

  it('retryAfterMs reads seconds and HTTP dates', () => {
    expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }, now)).toBe(3000);
    expect(retryAfterMs({})).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'later' })).toBeUndefined();
  });
});
