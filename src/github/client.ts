// The GitHub API client: @actions/github's Octokit (REST methods, pagination, proxy-aware fetch)
// with @octokit/plugin-throttling and @octokit/plugin-retry, pointed at GITHUB_API_URL and
// GITHUB_GRAPHQL_URL, and counting its requests so the job summary can print them.
//
// Failures and what happens:
//  - primary rate limit (403/429 with x-ratelimit-remaining: 0): throttling waits for the reset
//    once when it is at most a minute away, else gives up with a warning;
//  - secondary rate limit (403/429 "secondary rate limit"): throttling waits `retry-after` seconds
//    (60 base units when the header is missing) and tries again, at most SECONDARY_RETRIES times,
//    logging each wait, then gives up;
//  - 5xx and other 429s: plugin-retry tries again up to 3 times, after `retry-after` seconds when
//    the response has that header, else after 1, 4, 9 base units.
//
// The base unit is 1000 ms. The environment variable API_KEY_GUARD_RETRY_BASE_MS (or the
// `retryBaseMs` option) changes it so tests need not wait: it scales only the delays the client
// chooses; a server's `retry-after` is always honoured in real seconds.
import * as core from '@actions/core';
import { defaults, getOctokitOptions, GitHub } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export const GuardOctokit = GitHub.plugin(throttling, retry);

/** What the change readers need: any @actions/github Octokit (a plain getOctokit() one will do). */
export type Octokit = InstanceType<typeof GitHub>;

export interface ApiStats {
  /** API calls the code made (each page of a paginated list is one). */
  calls: number;
  /** HTTP requests sent, retries included: what counts against the rate limit. */
  requests: number;
  /** Requests sent again after a 5xx, a 429 or a rate limit. */
  retries: number;
}

export type GitHubClient = InstanceType<typeof GuardOctokit> & { readonly apiStats: ApiStats };

export interface ClientLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ClientOptions {
  /** Default: GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string;
  /** Default: GITHUB_GRAPHQL_URL, else GitHub's rule (`<baseUrl>/graphql`, `/api/graphql` on GHES). */
  graphqlUrl?: string;
  /** The unit of the client's own backoff delays; default API_KEY_GUARD_RETRY_BASE_MS, else 1000. */
  retryBaseMs?: number;
  /** Retries after a 5xx or a 429; default 3. */
  retries?: number;
  /** Default: the Actions log (core.debug / info / warning / error). */
  log?: ClientLog;
  /** Default: @actions/github's proxy-aware fetch. */
  fetch?: typeof globalThis.fetch;
}

export const SECONDARY_RETRIES = 2;
/** The longest wait for a primary rate-limit reset before giving up. */
export const MAX_RATE_LIMIT_WAIT_S = 60;

const actionsLog: ClientLog = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  error: (m) => core.error(m),
};

export function retryBaseMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.API_KEY_GUARD_RETRY_BASE_MS;
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : 1000;
}

/** `retry-after` as milliseconds: delay-seconds or an HTTP date; undefined when absent or bad. */
export function retryAfterMs(
  headers: Record<string, unknown> | undefined,
  now = Date.now(),
): number | undefined {
  const value = headers?.['retry-after'];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, unknown> };
  request?: { method?: string; url?: string };
}

/** A rate-limit answer, which the throttling plugin has already handled (or given up on). */
function isRateLimit(error: ErrorLike): boolean {
  if (error.status !== 403 && error.status !== 429) return false;
  return (
    /\bsecondary rate\b/i.test(error.message ?? '') ||
    error.response?.headers?.['x-ratelimit-remaining'] === '0'
  );
}

function describeRequest(options: { method?: string; url?: string }): string {
  return `${options.method ?? 'GET'} ${options.url ?? ''}`.trim();
}

/** Builds the client. Reads GITHUB_API_URL / GITHUB_GRAPHQL_URL unless given URLs. */
export function createGitHubClient(token: string, options: ClientOptions = {}): GitHubClient {
  const log = options.log ?? actionsLog;
  const base = options.retryBaseMs ?? retryBaseMs();
  const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(
    /\/+$/,
    '',
  );
  const graphqlUrl = options.graphqlUrl ?? process.env.GITHUB_GRAPHQL_URL;
  const stats: ApiStats = { calls: 0, requests: 0, retries: 0 };
  const innerFetch = options.fetch ?? defaults.request?.fetch ?? globalThis.fetch;
  const countingFetch: typeof globalThis.fetch = (input, init) => {
    stats.requests++;
    return innerFetch(input, init);
  };

  const octokit = new GuardOctokit(
    getOctokitOptions(token, {
      baseUrl,
      request: { ...defaults.request, fetch: countingFetch },
      log,
      throttle: {
        // Seconds from the server are honoured as they are.
        retryAfterBaseValue: 1000,
        fallbackSecondaryRateRetryAfter: (60 * base) / 1000,
        onRateLimit: (retryAfter, opts, _octokit, retryCount) => {
          const what = describeRequest(opts);
          if (retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_S) {
            log.warn(`GitHub API rate limit reached on ${what}; retrying in ${retryAfter} s.`);
            stats.retries++;
            return true;
          }
          log.warn(`GitHub API rate limit reached on ${what}; it resets in ${retryAfter} s: giving up.`);
          return false;
        },
        onSecondaryRateLimit: (retryAfter, opts, _octokit, retryCount) => {
          const what = describeRequest(opts);
          if (retryCount < SECONDARY_RETRIES) {
            log.warn(
              `GitHub API secondary rate limit on ${what}; retrying in ${retryAfter} s (retry ${retryCount + 1} of ${SECONDARY_RETRIES}).`,
            );
            stats.retries++;
            return true;
          }
          log.warn(
            `GitHub API secondary rate limit on ${what}; giving up after ${SECONDARY_RETRIES} retries.`,
          );
          return false;
        },
      },
      // Delays are computed in retryRequest below, in milliseconds.
      retry: { retries: options.retries ?? 3, retryAfterBaseValue: 1 },
    }),
  );

  // plugin-retry asks retryRequest(error, retries, n²) for every error it may retry and waits
  // n² × retryAfterBaseValue. Wrapped here to (a) honour `retry-after`, (b) scale the backoff by
  // the base unit, (c) leave rate limits to the throttling plugin and (d) log and count retries.
  const retryRequest = octokit.retry.retryRequest;
  octokit.retry.retryRequest = (error, retries, retryAfter) => {
    const e = error as unknown as ErrorLike;
    if (isRateLimit(e)) return retryRequest(error, 0, 0);
    const attempt = Math.round(Math.sqrt(retryAfter));
    const headerMs = retryAfterMs(e.response?.headers);
    const delayMs = Math.ceil(headerMs ?? retryAfter * base);
    if (attempt <= retries) {
      stats.retries++;
      log.info(
        `GitHub API answered ${e.status ?? '?'} to ${describeRequest(e.request ?? {})}; retry ${attempt} of ${retries} in ${delayMs} ms${headerMs !== undefined ? ' (retry-after)' : ''}.`,
      );
    }
    return retryRequest(error, retries, delayMs);
  };

  if (graphqlUrl) octokit.graphql = octokit.graphql.defaults({ url: graphqlUrl });

  // Registered after the plugins, so it is the outermost wrapper: one count per call, not per retry.
  octokit.hook.wrap('request', (request, opts) => {
    stats.calls++;
    // Octokit shares one `request` options object between calls and the retry and throttling
    // plugins keep their retry count in it. Every hook of a call is bound to this same `opts`
    // (arguments passed down are ignored), so the copy is assigned in place.
    opts.request = { ...opts.request };
    return request(opts);
  });

  return Object.assign(octokit, { apiStats: stats });
}
