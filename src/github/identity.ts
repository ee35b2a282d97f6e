// Who the action posts as, so that only its own posts are trusted. The hidden markers
// (report/markers.ts) say which earlier post is a review, the sticky comment, a reply or a
// reported finding; anyone can type a marker, so a marker counts only in a post written by the
// account the action's token posts as:
//  - the default GITHUB_TOKEN: `github-actions[bot]` (user type Bot);
//  - a GitHub App's installation token: `<app-slug>[bot]`;
//  - a personal access token: the token's user.
//
// How the login is found, once per client and only when an earlier post carries a marker:
//  1. from a post the action wrote in this run (the API answers every write with its author);
//  2. GraphQL `viewer { login }`, which answers for user and installation tokens alike;
//  3. if that fails, REST GET /user, which answers for a user's token (installation tokens get
//     403 "Resource not accessible by integration");
//  4. else API_KEY_GUARD_AUTHOR when set, else `github-actions[bot]`.
import * as core from '@actions/core';
import type { Octokit } from './client.js';
import { describeApiError } from './errors.js';

/** The author of what the default GITHUB_TOKEN writes. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
/** The login to assume when GitHub cannot tell (neither GraphQL `viewer` nor GET /user answers). */
export const AUTHOR_ENV = 'API_KEY_GUARD_AUTHOR';

/** A post's author, as the REST API gives it (`user` of a review or a comment). */
export interface PostAuthor {
  login?: string | null;
  type?: string | null;
}

export type IdentitySource = 'written' | 'viewer' | 'user' | 'env' | 'default';

export interface Identity {
  login: string;
  /** How it was found: see the list at the top of this file. */
  source: IdentitySource;
}

interface Entry {
  resolving?: Promise<Identity>;
  known?: Identity;
}

const cache = new WeakMap<object, Entry>();

function entryOf(octokit: Octokit): Entry {
  let entry = cache.get(octokit);
  if (!entry) cache.set(octokit, (entry = {}));
  return entry;
}

// Letters, digits and hyphens; underscores too (managed users' `name_shortcode`); `[bot]` for apps.
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(?:\[bot\])?$/;

function validLogin(login: unknown): login is string {
  return typeof login === 'string' && LOGIN.test(login);
}

/** GitHub logins are case-insensitive. */
export function sameLogin(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

/** True when `user` is `trusted`; a `[bot]` login must also be of type Bot when the type is given. */
export function isAuthor(user: PostAuthor | null | undefined, trusted: string): boolean {
  if (!user || !sameLogin(user.login, trusted)) return false;
  if (/\[bot\]$/i.test(trusted) && user.type && user.type !== 'Bot') return false;
  return true;
}

async function resolve(octokit: Octokit, env: NodeJS.ProcessEnv): Promise<Identity> {
  try {
    const data = await octokit.graphql<{ viewer?: { login?: unknown } | null }>(
      'query ApiKeyGuardViewer { viewer { login } }',
    );
    const login = data?.viewer?.login;
    if (validLogin(login)) return { login, source: 'viewer' };
    core.debug('api-key-guard: GraphQL viewer gave no login');
  } catch (err) {
    core.debug(`api-key-guard: GraphQL viewer failed (${describeApiError(err)})`);
  }
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    if (validLogin(data.login)) return { login: data.login, source: 'user' };
  } catch (err) {
    // 403 for installation tokens (the default GITHUB_TOKEN, GitHub Apps).
    core.debug(`api-key-guard: GET /user failed (${describeApiError(err)})`);
  }
  const configured = env[AUTHOR_ENV]?.trim();
  if (configured) {
    if (validLogin(configured)) return { login: configured, source: 'env' };
    core.warning(`api-key-guard: ${AUTHOR_ENV} is not a GitHub login; assuming ${ACTIONS_BOT_LOGIN}.`);
  }
  return { login: ACTIONS_BOT_LOGIN, source: 'default' };
}

/**
 * The identity whose posts the action trusts: the account its token posts as. Resolved on the
 * first call (one API call, two when GraphQL fails) and cached for the client; never throws.
 */
export function trustedIdentity(octokit: Octokit, env: NodeJS.ProcessEnv = process.env): Promise<Identity> {
  const entry = entryOf(octokit);
  if (entry.known) return Promise.resolve(entry.known);
  entry.resolving ??= resolve(octokit, env).then((found) => {
    entry.known ??= found;
    core.debug(`api-key-guard: trusting markers from ${entry.known.login} (${entry.known.source})`);
    return entry.known;
  });
  return entry.resolving;
}

/** The login of {@link trustedIdentity}. */
export async function trustedAuthor(octokit: Octokit, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return (await trustedIdentity(octokit, env)).login;
}

/**
 * Records the author of something the action just wrote: the surest answer, so it replaces a
 * guess. Warns when it differs from what was trusted before, since earlier posts may then have
 * been missed (and posted again).
 */
export function rememberAuthor(octokit: Octokit, user: PostAuthor | null | undefined): void {
  const login = user?.login;
  if (!validLogin(login)) return;
  const entry = entryOf(octokit);
  const before = entry.known;
  if (before && !sameLogin(before.login, login))
    core.warning(
      `api-key-guard: the token posts as ${login}, not ${before.login} as ${
        before.source === 'default' || before.source === 'env' ? 'assumed' : 'GitHub reported'
      }; its earlier posts may not have been recognised. Set ${AUTHOR_ENV}: ${login} if GitHub cannot tell.`,
    );
  entry.known = { login, source: 'written' };
  entry.resolving = Promise.resolve(entry.known);
}

/**
 * The posts that carry one of the action's markers and were written by the trusted author. The
 * identity is only looked up when some post carries a marker, so a first run costs no call.
 */
export async function ownPosts<T extends { user?: PostAuthor | null }>(
  octokit: Octokit,
  posts: readonly T[],
  carriesMarker: (post: T) => boolean,
): Promise<T[]> {
  const marked = posts.filter(carriesMarker);
  if (marked.length === 0) return [];
  const trusted = await trustedAuthor(octokit);
  const own = marked.filter((p) => isAuthor(p.user, trusted));
  if (own.length < marked.length)
    core.info(
      `api-key-guard: ignored ${marked.length - own.length} post(s) with the action's markers not written by ${trusted}.`,
    );
  return own;
}
