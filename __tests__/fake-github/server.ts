// A local fake of the GitHub REST API (and a one-mutation GraphQL endpoint) for tests: it serves
// the in-memory state of ./repo.ts on 127.0.0.1 with GitHub's JSON shapes, status codes, error
// bodies, pagination (per_page/page and RFC 5988 Link headers) and caps, checks tokens, injects
// faults and records every request. Each token writes as its own login (repo.ts TokenInfo), and
// says who it is as GitHub does: GraphQL `viewer { login }` for every token, GET /user for a
// user's token only (403 for an installation token such as the default GITHUB_TOKEN).
//
//   const repo = createRepo();
//   repo.pullRequest({ files: { 'app.py': { before: 'a = 1\n', after: 'a = 1\nkey = "..."\n' } } });
//   const fake = await startFakeGitHub(repo);
//   ... GITHUB_API_URL=fake.url ...
//   await fake.close();
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  checkRunJson,
  commitJson,
  fileJson,
  issueCommentJson,
  nodeId,
  pullJson,
  repoJson,
  reviewCommentJson,
  reviewJson,
  userJson,
  WEB_URL,
} from './json.js';
import {
  ACTIONS_BOT,
  createRepo,
  patchLines,
  tokenKind,
  type CheckAnnotation,
  type CheckRun,
  type FakeRepo,
  type FaultRule,
  type PullRequest,
  type ReviewComment,
  type TokenInfo,
} from './repo.js';

export * from './repo.js';
export { pullJson, repoJson, commitJson, userJson } from './json.js';

export interface RecordedRequest {
  /** 1, 2, 3… in arrival order. */
  seq: number;
  method: string;
  /** The path without the query string, e.g. /repos/owner/repo/pulls/1/files. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  status: number;
  /** Handling time in ms, excluding the artificial delay. */
  durationMs: number;
  /** True when a fault rule produced the response. */
  fault: boolean;
}

export interface RequestFilter {
  method?: string;
  path?: RegExp | string;
}

export interface FakeGitHub {
  /** Base URL of the REST API (GITHUB_API_URL), e.g. http://127.0.0.1:40123 */
  url: string;
  /** The GraphQL endpoint (GITHUB_GRAPHQL_URL): `${url}/graphql`. */
  graphqlUrl: string;
  state: FakeRepo;
  requests: RecordedRequest[];
  /** How many recorded requests match (all of them without a filter). */
  count(filter?: RequestFilter): number;
  /** Adds a fault rule (same as pushing to state.faults) and returns it, to read `hits` later. */
  inject(rule: FaultRule): FaultRule;
  close(): Promise<void>;
}

/** Ready-made fault rules for the failures GitHub actually produces. */
export const faults = {
  serverError: (method: string, path: RegExp | string, times = 1): FaultRule => ({
    method,
    path,
    status: 500,
    times,
    body: { message: 'Server Error' },
  }),
  /** A 429 with `retry-after`, as for a secondary rate limit on GitHub.com. */
  tooManyRequests: (method: string, path: RegExp | string, retryAfter = 1, times = 1): FaultRule => ({
    method,
    path,
    status: 429,
    times,
    headers: { 'retry-after': String(retryAfter) },
    body: secondaryRateLimitBody(),
  }),
  /** GitHub's 403 secondary rate limit (retry-after set). */
  secondaryRateLimit: (method: string, path: RegExp | string, retryAfter = 1, times = 1): FaultRule => ({
    method,
    path,
    status: 403,
    times,
    headers: { 'retry-after': String(retryAfter) },
    body: secondaryRateLimitBody(),
  }),
  /** GitHub's 403 primary rate limit: x-ratelimit-remaining 0 and a reset time one second away. */
  primaryRateLimit: (method: string, path: RegExp | string, times = 1): FaultRule => ({
    method,
    path,
    status: 403,
    times,
    headers: {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
    },
    body: errorBody(403, 'API rate limit exceeded for installation ID 1.', 'rate-limits-for-the-rest-api'),
  }),
  unprocessable: (method: string, path: RegExp | string, times = 1): FaultRule => ({
    method,
    path,
    status: 422,
    times,
    body: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] },
  }),
};

const MAX_BODY = 65536;
const MAX_CHECK_TEXT = 65535;
const DOCS = 'https://docs.github.com/rest';

// ---------------------------------------------------------------------------------------------
// Errors

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly payload: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(payload.message));
  }
}

function errorBody(status: number, message: string, doc = '', extra: Record<string, unknown> = {}) {
  return { message, ...extra, documentation_url: doc ? `${DOCS}/${doc}` : DOCS, status: String(status) };
}

function secondaryRateLimitBody() {
  return errorBody(
    403,
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
    'overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  );
}

const notFound = () => new HttpError(404, errorBody(404, 'Not Found'));
/** 422 in the short form GitHub uses for review and dismissal errors: `errors` is a list of strings. */
const unprocessable = (...errors: string[]) =>
  new HttpError(422, errorBody(422, 'Unprocessable Entity', '', { errors }));
/** 422 in the long form: "Validation Failed" with a resource/field/code error. */
const validationFailed = (resource: string, field: string, message: string) =>
  new HttpError(
    422,
    errorBody(422, 'Validation Failed', '', { errors: [{ resource, code: 'custom', field, message }] }),
  );
/** 422 from GitHub's JSON-schema request validation. */
const invalidRequest = (detail: string) =>
  new HttpError(422, errorBody(422, `Invalid request.\n\n${detail}`));
const missing = (field: string) => invalidRequest(`"${field}" wasn't supplied.`);

// ---------------------------------------------------------------------------------------------
// Routing

interface Ctx {
  state: FakeRepo;
  api: string;
  method: string;
  /** The path inside the repository, e.g. /pulls/1/files (for the Link headers). */
  rest: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  token: TokenInfo;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (ctx: Ctx) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/** `/pulls/:number/files`, `/contents/*path`: `:x` is one segment, `*x` the rest of the path. */
function route(method: string, template: string, handler: Handler): Route {
  const names: string[] = [];
  const source = template.replace(/([:*])(\w+)/g, (_m, kind: string, name: string) => {
    names.push(name);
    return kind === ':' ? '([^/]+)' : '(.*)';
  });
  return { method, pattern: new RegExp(`^${source}$`), names, handler };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers,
});

// ---------------------------------------------------------------------------------------------
// Pagination

function intParam(ctx: Ctx, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

interface PageOptions {
  /** per_page when the request has none; default 30. */
  defaultPerPage?: number;
  /** The largest per_page honoured; default 100. */
  maxPerPage?: number;
  /** The most items GitHub returns across all pages (250 commits, 3000 files). */
  cap?: number;
}

/** One page of `items` and the Link header GitHub sends with it (absent when there is one page). */
function paginate<T>(
  ctx: Ctx,
  all: T[],
  options: PageOptions = {},
): { items: T[]; headers: Record<string, string> } {
  const items = options.cap === undefined ? all : all.slice(0, options.cap);
  const requested = intParam(ctx, 'per_page');
  const perPage =
    requested === undefined
      ? (options.defaultPerPage ?? 30)
      : Math.min(Math.max(requested, 1), options.maxPerPage ?? 100);
  const page = Math.max(intParam(ctx, 'page') ?? 1, 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const headers: Record<string, string> = {};
  if (last > 1) {
    const link = (p: number, rel: string) => {
      const query = new URLSearchParams(ctx.query);
      query.set('page', String(p));
      return `<${ctx.api}/repositories/${ctx.state.id}${ctx.rest}?${query}>; rel="${rel}"`;
    };
    const rels: string[] = [];
    if (page > 1) rels.push(link(Math.min(page - 1, last), 'prev'));
    if (page < last) rels.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) rels.push(link(1, 'first'));
    headers.link = rels.join(', ');
  }
  return { items: items.slice((page - 1) * perPage, page * perPage), headers };
}

// ---------------------------------------------------------------------------------------------
// Helpers for handlers

function pullOf(ctx: Ctx): PullRequest {
  const pr = ctx.state.pulls.get(Number(ctx.params.number));
  if (!pr) throw notFound();
  return pr;
}

function str(ctx: Ctx, field: string, required: boolean): string | undefined {
  const value = ctx.body[field];
  if (value === undefined || value === null) {
    if (required) throw missing(field);
    return undefined;
  }
  if (typeof value !== 'string')
    throw invalidRequest(`For 'properties/${field}', ${JSON.stringify(value)} is not a string.`);
  return value;
}

function base64Lines(buf: Buffer): string {
  return (buf.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n';
}

function wantsRaw(ctx: Ctx): boolean {
  return /application\/vnd\.github(?:\.v3)?\.raw/.test(String(ctx.headers.accept ?? ''));
}

// ---------------------------------------------------------------------------------------------
// Repository and pull requests

function getRepo(ctx: Ctx): Reply {
  return json(repoJson(ctx.api, ctx.state));
}

function getPull(ctx: Ctx): Reply {
  return json(pullJson(ctx.api, ctx.state, pullOf(ctx)));
}

/** GitHub lists at most 250 commits for a pull request. */
function listPullCommits(ctx: Ctx): Reply {
  const { items, headers } = paginate(ctx, pullOf(ctx).commits, { cap: 250 });
  return json(
    items.map((c) => commitJson(ctx.api, ctx.state, c)),
    200,
    headers,
  );
}

/** GitHub lists at most 3000 files for a pull request. */
function listPullFiles(ctx: Ctx): Reply {
  const pr = pullOf(ctx);
  const { items, headers } = paginate(ctx, pr.files, { cap: 3000 });
  const ref = pr.head.sha;
  return json(
    items.map((f) => fileJson(ctx.api, ctx.state, f, ref)),
    200,
    headers,
  );
}

// ---------------------------------------------------------------------------------------------
// Commits and comparisons

/** A commit with its files: 300 per page without per_page, else up to 100; 3000 at most. */
function getCommit(ctx: Ctx): Reply {
  const ref = ctx.params.ref!;
  const sha = ctx.state.resolveRef(ref);
  if (!sha) throw new HttpError(422, errorBody(422, `No commit found for SHA: ${ref}`));
  const commit = ctx.state.getCommit(sha);
  const { items, headers } = paginate(ctx, commit.files, { defaultPerPage: 300, cap: 3000 });
  const additions = commit.files.reduce((n, f) => n + f.additions, 0);
  const deletions = commit.files.reduce((n, f) => n + f.deletions, 0);
  return json(
    {
      ...commitJson(ctx.api, ctx.state, commit),
      stats: { total: additions + deletions, additions, deletions },
      files: items.map((f) => fileJson(ctx.api, ctx.state, f, sha)),
    },
    200,
    headers,
  );
}

/**
 * Without per_page/page: the last 250 commits and up to 300 files. With them: commits paginated
 * (30 per page by default), files (up to 300) on the first page only.
 */
function compare(ctx: Ctx): Reply {
  const parts = ctx.params.basehead!.split('...');
  if (parts.length !== 2) throw notFound();
  const [base, head] = parts.map((p) => ctx.state.resolveRef(p.replace(/^[^:]+:/, '')));
  if (!base || !head) throw notFound();
  const state = ctx.state;
  const mergeBase = state.mergeBase(base, head);
  const ahead = state.commitsBetween(base, head);
  const behind = state.commitsBetween(head, base).length;
  const files = state.diffCommits(mergeBase, head).slice(0, 300);
  const paged = ctx.query.has('per_page') || ctx.query.has('page');
  let commits = ahead.slice(-250);
  let headers: Record<string, string> = {};
  let pageFiles = files;
  if (paged) {
    ({ items: commits, headers } = paginate(ctx, ahead));
    if ((intParam(ctx, 'page') ?? 1) > 1) pageFiles = [];
  }
  const url = `${ctx.api}/repos/${state.fullName}`;
  const status =
    ahead.length && behind ? 'diverged' : ahead.length ? 'ahead' : behind ? 'behind' : 'identical';
  return json(
    {
      url: `${url}/compare/${ctx.params.basehead}`,
      html_url: `${WEB_URL}/${state.fullName}/compare/${ctx.params.basehead}`,
      permalink_url: `${WEB_URL}/${state.fullName}/compare/${base}...${head}`,
      diff_url: `${WEB_URL}/${state.fullName}/compare/${ctx.params.basehead}.diff`,
      patch_url: `${WEB_URL}/${state.fullName}/compare/${ctx.params.basehead}.patch`,
      base_commit: commitJson(ctx.api, state, state.getCommit(base)),
      merge_base_commit: commitJson(ctx.api, state, state.getCommit(mergeBase)),
      status,
      ahead_by: ahead.length,
      behind_by: behind,
      total_commits: ahead.length,
      commits: commits.map((c) => commitJson(ctx.api, state, c)),
      files: pageFiles.map((f) => fileJson(ctx.api, state, f, head)),
    },
    200,
    headers,
  );
}

// ---------------------------------------------------------------------------------------------
// Contents and blobs

/** A file (base64, or raw with the raw media type), a directory listing, or 404. */
function getContents(ctx: Ctx): Reply {
  const state = ctx.state;
  const ref = ctx.query.get('ref') || state.defaultBranch;
  const sha = state.resolveRef(ref);
  if (!sha) throw new HttpError(404, errorBody(404, `No commit found for the ref ${ref}`));
  const path = (ctx.params.path ?? '').replace(/\/+$/, '');
  const tree = state.getCommit(sha).tree;
  const url = (p: string, type: string) => ({
    url: `${ctx.api}/repos/${state.fullName}/contents/${p}?ref=${encodeURIComponent(ref)}`,
    html_url: `${WEB_URL}/${state.fullName}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${p}`,
  });
  const blob = tree.get(path);
  if (blob !== undefined) {
    const content = state.blobs.get(blob)!;
    if (wantsRaw(ctx))
      return { status: 200, body: content, headers: { 'content-type': 'application/vnd.github.raw' } };
    const tooLarge = content.length > 1024 * 1024;
    const name = path.split('/').pop()!;
    return json({
      type: 'file',
      encoding: tooLarge ? 'none' : 'base64',
      size: content.length,
      name,
      path,
      content: tooLarge ? '' : base64Lines(content),
      sha: blob,
      ...url(path, 'file'),
      git_url: `${ctx.api}/repos/${state.fullName}/git/blobs/${blob}`,
      download_url: `https://raw.githubusercontent.com/${state.fullName}/${ref}/${path}`,
    });
  }
  const prefix = path ? `${path}/` : '';
  const entries = new Map<string, { type: 'file' | 'dir'; sha: string; size: number }>();
  for (const [p, s] of tree) {
    if (!p.startsWith(prefix)) continue;
    const [name, ...rest] = p.slice(prefix.length).split('/');
    if (rest.length) entries.set(name!, { type: 'dir', sha: s, size: 0 });
    else entries.set(name!, { type: 'file', sha: s, size: state.blobs.get(s)!.length });
  }
  if (!entries.size) throw notFound();
  return json(
    [...entries]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, e]) => ({
        type: e.type,
        name,
        path: prefix + name,
        sha: e.sha,
        size: e.size,
        ...url(prefix + name, e.type),
      })),
  );
}

function getBlob(ctx: Ctx): Reply {
  const sha = ctx.params.sha!;
  const content = ctx.state.blobs.get(sha);
  if (!content) throw notFound();
  if (wantsRaw(ctx))
    return { status: 200, body: content, headers: { 'content-type': 'application/vnd.github.raw' } };
  return json({
    sha,
    node_id: nodeId('B', sha),
    size: content.length,
    url: `${ctx.api}/repos/${ctx.state.fullName}/git/blobs/${sha}`,
    content: base64Lines(content),
    encoding: 'base64',
  });
}

// ---------------------------------------------------------------------------------------------
// Check runs

const CHECK_STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'];
const CONCLUSIONS = [
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'success',
  'skipped',
  'stale',
  'timed_out',
];
const LEVELS = ['notice', 'warning', 'failure'];

/** Validates `output` and returns its annotations; GitHub takes at most 50 per request. */
function checkOutput(
  ctx: Ctx,
): { fields: Partial<CheckRun['output']>; annotations: CheckAnnotation[] } | undefined {
  const output = ctx.body.output;
  if (output === undefined) return undefined;
  if (typeof output !== 'object' || output === null)
    throw invalidRequest(`For 'properties/output', it is not an object.`);
  const o = output as Record<string, unknown>;
  for (const field of ['title', 'summary'])
    if (typeof o[field] !== 'string') throw missing(`output.${field}`);
  for (const field of ['summary', 'text'])
    if (typeof o[field] === 'string' && (o[field] as string).length > MAX_CHECK_TEXT)
      throw validationFailed(
        'CheckRun',
        `output.${field}`,
        `${field} is too long (maximum is ${MAX_CHECK_TEXT} characters)`,
      );
  const annotations = (o.annotations ?? []) as Record<string, unknown>[];
  if (!Array.isArray(annotations)) throw invalidRequest(`For 'properties/annotations', it is not an array.`);
  if (annotations.length > 50)
    throw invalidRequest(
      `For 'properties/annotations', ${annotations.length} items is more than the maximum of 50.`,
    );
  for (const a of annotations) {
    for (const field of ['path', 'start_line', 'end_line', 'annotation_level', 'message'])
      if (a[field] === undefined) throw missing(field);
    if (!LEVELS.includes(String(a.annotation_level)))
      throw invalidRequest(
        `For 'properties/annotation_level', "${String(a.annotation_level)}" is not a member of ${JSON.stringify(LEVELS)}.`,
      );
    if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line)
      throw validationFailed(
        'CheckRun',
        'annotations',
        'start_column and end_column may only be set when start_line equals end_line',
      );
  }
  return {
    fields: {
      title: o.title as string,
      summary: o.summary as string,
      text: (o.text as string | undefined) ?? null,
    },
    annotations: annotations as unknown as CheckAnnotation[],
  };
}

function checkStatus(ctx: Ctx, run: Partial<CheckRun>): void {
  const status = str(ctx, 'status', false);
  const conclusion = str(ctx, 'conclusion', false);
  if (status !== undefined && !CHECK_STATUSES.includes(status))
    throw invalidRequest(
      `For 'properties/status', "${status}" is not a member of ${JSON.stringify(CHECK_STATUSES)}.`,
    );
  if (conclusion !== undefined && !CONCLUSIONS.includes(conclusion))
    throw invalidRequest(
      `For 'properties/conclusion', "${conclusion}" is not a member of ${JSON.stringify(CONCLUSIONS)}.`,
    );
  if (status !== undefined) run.status = status;
  if (conclusion !== undefined) {
    run.conclusion = conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed' && !run.conclusion)
    throw validationFailed('CheckRun', 'conclusion', 'Conclusion must be provided when status is completed');
  if (run.status === 'completed') run.completed_at ??= str(ctx, 'completed_at', false) ?? ctx.state.now();
}

function createCheckRun(ctx: Ctx): Reply {
  const name = str(ctx, 'name', true)!;
  const headSha = str(ctx, 'head_sha', true)!;
  if (!ctx.state.commits.has(headSha))
    throw new HttpError(422, errorBody(422, `No commit found for SHA: ${headSha}`));
  const output = checkOutput(ctx);
  const run: CheckRun = {
    id: ctx.state.nextId(),
    name,
    head_sha: headSha,
    status: 'queued',
    conclusion: null,
    started_at: str(ctx, 'started_at', false) ?? ctx.state.now(),
    completed_at: null,
    details_url: str(ctx, 'details_url', false) ?? null,
    external_id: str(ctx, 'external_id', false) ?? null,
    output: { title: null, summary: null, text: null, annotations: [] },
    annotationBatches: [output?.annotations.length ?? 0],
  };
  checkStatus(ctx, run);
  if (output) Object.assign(run.output, output.fields, { annotations: [...output.annotations] });
  ctx.state.checkRuns.push(run);
  return json(checkRunJson(ctx.api, ctx.state, run), 201);
}

function checkRunOf(ctx: Ctx): CheckRun {
  const run = ctx.state.checkRuns.find((r) => r.id === Number(ctx.params.id));
  if (!run) throw notFound();
  return run;
}

/** Updates appended annotations to those already on the run, as GitHub does. */
function updateCheckRun(ctx: Ctx): Reply {
  const run = checkRunOf(ctx);
  const output = checkOutput(ctx);
  const next = { ...run };
  checkStatus(ctx, next);
  const name = str(ctx, 'name', false);
  Object.assign(run, { status: next.status, conclusion: next.conclusion, completed_at: next.completed_at });
  if (name !== undefined) run.name = name;
  run.annotationBatches.push(output?.annotations.length ?? 0);
  if (output) {
    Object.assign(run.output, output.fields);
    run.output.annotations.push(...output.annotations);
  }
  return json(checkRunJson(ctx.api, ctx.state, run));
}

function getCheckRun(ctx: Ctx): Reply {
  return json(checkRunJson(ctx.api, ctx.state, checkRunOf(ctx)));
}

function listAnnotations(ctx: Ctx): Reply {
  const run = checkRunOf(ctx);
  const { items, headers } = paginate(ctx, run.output.annotations);
  const rows = items.map((a) => ({
    path: a.path,
    start_line: a.start_line,
    end_line: a.end_line,
    start_column: a.start_column ?? null,
    end_column: a.end_column ?? null,
    annotation_level: a.annotation_level,
    title: a.title ?? null,
    message: a.message,
    raw_details: a.raw_details ?? null,
    blob_href: `${WEB_URL}/${ctx.state.fullName}/blob/${run.head_sha}/${a.path}`,
  }));
  return json(rows, 200, headers);
}

// ---------------------------------------------------------------------------------------------
// Reviews and review comments

function listReviews(ctx: Ctx): Reply {
  const pr = pullOf(ctx);
  const { items, headers } = paginate(
    ctx,
    ctx.state.reviews.filter((r) => r.pull_number === pr.number),
  );
  return json(
    items.map((r) => reviewJson(ctx.api, ctx.state, r)),
    200,
    headers,
  );
}

type Side = 'LEFT' | 'RIGHT';
type PlacedComment = Pick<
  ReviewComment,
  'path' | 'body' | 'line' | 'side' | 'start_line' | 'start_side' | 'position' | 'diff_hunk'
>;

/** Places one inline comment on the pull request's net diff, or throws GitHub's 422. */
function placeComment(pr: PullRequest, raw: unknown): PlacedComment {
  if (typeof raw !== 'object' || raw === null) throw invalidRequest(`For 'items', it is not an object.`);
  const c = raw as Record<string, unknown>;
  if (typeof c.path !== 'string') throw missing('path');
  if (typeof c.body !== 'string') throw missing('body');
  if (c.body.length > MAX_BODY)
    throw validationFailed(
      'PullRequestReviewComment',
      'body',
      `body is too long (maximum is ${MAX_BODY} characters)`,
    );
  const file = pr.files.find((f) => f.filename === c.path);
  if (!file) throw unprocessable('Path could not be resolved');
  const lines = patchLines(file.patch);
  const base = { path: c.path, body: c.body, start_line: null, start_side: null };
  if (c.subject_type === 'file') return { ...base, line: null, side: null, position: null, diff_hunk: '' };
  if (c.position !== undefined) {
    const at = lines.atPosition(Number(c.position));
    if (!at) throw unprocessable('Position could not be resolved');
    return {
      ...base,
      line: at.line,
      side: at.side,
      position: Number(c.position),
      diff_hunk: lines.hunkAt(at.side, at.line),
    };
  }
  const side = (c.side ?? 'RIGHT') as Side;
  if (side !== 'LEFT' && side !== 'RIGHT')
    throw invalidRequest(`For 'properties/side', "${String(side)}" is not a member of ["LEFT","RIGHT"].`);
  const valid = side === 'RIGHT' ? lines.right : lines.left;
  if (typeof c.line !== 'number' || !valid.has(c.line)) throw unprocessable('Line could not be resolved');
  let startLine: number | null = null;
  let startSide: Side | null = null;
  if (c.start_line !== undefined && c.start_line !== null) {
    startSide = (c.start_side ?? side) as Side;
    const startValid = startSide === 'RIGHT' ? lines.right : lines.left;
    if (typeof c.start_line !== 'number' || !startValid.has(c.start_line))
      throw unprocessable('Start line could not be resolved');
    if (startSide === side && c.start_line >= c.line)
      throw unprocessable('start_line must precede the end line.');
    startLine = c.start_line;
  }
  return {
    ...base,
    line: c.line,
    side,
    start_line: startLine,
    start_side: startSide,
    position: null,
    diff_hunk: lines.hunkAt(side, c.line),
  };
}

/**
 * Creates a review like GitHub: every inline comment must land on a line inside a hunk of the
 * pull request's net diff, otherwise the whole review fails with 422 and nothing is stored.
 */
function createReview(ctx: Ctx): Reply {
  const pr = pullOf(ctx);
  const state = ctx.state;
  const body = str(ctx, 'body', false) ?? '';
  const event = str(ctx, 'event', false);
  const comments = ctx.body.comments ?? [];
  if (body.length > MAX_BODY)
    throw validationFailed(
      'PullRequestReview',
      'body',
      `body is too long (maximum is ${MAX_BODY} characters)`,
    );
  if (event !== undefined && !['APPROVE', 'REQUEST_CHANGES', 'COMMENT'].includes(event))
    throw invalidRequest(
      `For 'properties/event', "${event}" is not a member of ["APPROVE","REQUEST_CHANGES","COMMENT"].`,
    );
  if (!Array.isArray(comments)) throw invalidRequest(`For 'properties/comments', it is not an array.`);
  if (event === 'REQUEST_CHANGES' && !body)
    throw unprocessable('Review Body is required when requesting changes');
  if (event === 'COMMENT' && !body && !comments.length)
    throw unprocessable('Review Body is required when commenting');
  if (event === 'APPROVE' && ctx.token.login === ACTIONS_BOT)
    throw unprocessable('GitHub Actions is not permitted to approve pull requests.');
  const commitId = str(ctx, 'commit_id', false) ?? pr.head.sha;
  if (!state.commits.has(commitId)) throw unprocessable(`No commit found for SHA: ${commitId}`);
  const placed = comments.map((c) => placeComment(pr, c));

  const id = state.nextId();
  const at = state.now();
  const review = {
    id,
    node_id: nodeId('PRR', id),
    pull_number: pr.number,
    user: ctx.token.login,
    body,
    state:
      event === undefined
        ? ('PENDING' as const)
        : event === 'APPROVE'
          ? ('APPROVED' as const)
          : event === 'REQUEST_CHANGES'
            ? ('CHANGES_REQUESTED' as const)
            : ('COMMENTED' as const),
    commit_id: commitId,
    submitted_at: event === undefined ? null : at,
  };
  state.reviews.push(review);
  for (const p of placed) {
    const commentId = state.nextId();
    state.reviewComments.push({
      ...p,
      id: commentId,
      node_id: nodeId('PRRC', commentId),
      review_id: id,
      pull_number: pr.number,
      commit_id: commitId,
      user: ctx.token.login,
      created_at: at,
      updated_at: at,
      minimized: null,
    });
  }
  return json(reviewJson(ctx.api, state, review));
}

function dismissReview(ctx: Ctx): Reply {
  const pr = pullOf(ctx);
  const review = ctx.state.reviews.find((r) => r.id === Number(ctx.params.id) && r.pull_number === pr.number);
  if (!review) throw notFound();
  const message = str(ctx, 'message', true)!;
  if (review.state === 'PENDING') throw unprocessable('Can not dismiss a pending pull request review');
  if (review.state === 'COMMENTED') throw unprocessable('Can not dismiss a commented pull request review');
  if (review.state === 'DISMISSED') throw unprocessable('Can not dismiss a dismissed pull request review');
  review.state = 'DISMISSED';
  review.dismissal_message = message;
  return json(reviewJson(ctx.api, ctx.state, review));
}

/** The `since` query parameter: only what was updated at or after it (all without it). */
function updatedSince(ctx: Ctx): (item: { updated_at: string }) => boolean {
  const since = Date.parse(ctx.query.get('since') ?? '');
  return (item) => Number.isNaN(since) || Date.parse(item.updated_at) >= since;
}

function listReviewComments(ctx: Ctx): Reply {
  const pr = pullOf(ctx);
  const since = updatedSince(ctx);
  const { items, headers } = paginate(
    ctx,
    ctx.state.reviewComments.filter((c) => c.pull_number === pr.number && since(c)),
  );
  return json(
    items.map((c) => reviewCommentJson(ctx.api, ctx.state, c)),
    200,
    headers,
  );
}

/**
 * A reply in a review thread: it takes the thread's place in the diff. GitHub only accepts the
 * thread's first comment (replies to replies are not supported), so a reply's id is a 404 here.
 */
function createReviewReply(ctx: Ctx): Reply {
  const pr = pullOf(ctx);
  const parent = ctx.state.reviewComments.find(
    (c) => c.id === Number(ctx.params.id) && c.pull_number === pr.number && !c.in_reply_to_id,
  );
  if (!parent) throw notFound();
  const body = str(ctx, 'body', true)!;
  if (body.length > MAX_BODY)
    throw validationFailed(
      'PullRequestReviewComment',
      'body',
      `body is too long (maximum is ${MAX_BODY} characters)`,
    );
  const id = ctx.state.nextId();
  const at = ctx.state.now();
  const reply: ReviewComment = {
    ...parent,
    id,
    node_id: nodeId('PRRC', id),
    // GitHub files each reply under a review of its own.
    review_id: ctx.state.nextId(),
    body,
    user: ctx.token.login,
    created_at: at,
    updated_at: at,
    minimized: null,
    in_reply_to_id: parent.id,
  };
  ctx.state.reviewComments.push(reply);
  return json(reviewCommentJson(ctx.api, ctx.state, reply), 201);
}

// ---------------------------------------------------------------------------------------------
// Issue comments (the conversation of a pull request or an issue)

function commentBody(ctx: Ctx): string {
  const body = str(ctx, 'body', true)!;
  if (body.length > MAX_BODY)
    throw new HttpError(
      422,
      errorBody(422, 'Validation Failed', '', {
        errors: [
          {
            resource: 'IssueComment',
            code: 'unprocessable',
            field: 'data',
            message: `Body is too long (maximum is ${MAX_BODY} characters)`,
          },
        ],
      }),
    );
  return body;
}

/** A pull request's or an issue's number (they share numbers, as on GitHub), else 404. */
function issueNumberOf(ctx: Ctx): number {
  const number = Number(ctx.params.number);
  if (!ctx.state.pulls.has(number) && !ctx.state.issues.has(number)) throw notFound();
  return number;
}

function listIssueComments(ctx: Ctx): Reply {
  const number = issueNumberOf(ctx);
  const since = updatedSince(ctx);
  const { items, headers } = paginate(
    ctx,
    ctx.state.issueComments.filter((c) => c.issue_number === number && since(c)),
  );
  return json(
    items.map((c) => issueCommentJson(ctx.api, ctx.state, c)),
    200,
    headers,
  );
}

function createIssueComment(ctx: Ctx): Reply {
  const number = issueNumberOf(ctx);
  const body = commentBody(ctx);
  const id = ctx.state.nextId();
  const at = ctx.state.now();
  const comment = {
    id,
    node_id: nodeId('IC', id),
    issue_number: number,
    body,
    user: ctx.token.login,
    created_at: at,
    updated_at: at,
    minimized: null,
  };
  ctx.state.issueComments.push(comment);
  return json(issueCommentJson(ctx.api, ctx.state, comment), 201);
}

function issueCommentOf(ctx: Ctx) {
  const comment = ctx.state.issueComments.find((c) => c.id === Number(ctx.params.id));
  if (!comment) throw notFound();
  return comment;
}

function updateIssueComment(ctx: Ctx): Reply {
  const comment = issueCommentOf(ctx);
  comment.body = commentBody(ctx);
  comment.updated_at = ctx.state.now();
  return json(issueCommentJson(ctx.api, ctx.state, comment));
}

function deleteIssueComment(ctx: Ctx): Reply {
  const comment = issueCommentOf(ctx);
  ctx.state.issueComments.splice(ctx.state.issueComments.indexOf(comment), 1);
  return { status: 204 };
}

const repoRoutes: Route[] = [
  route('GET', '', getRepo),
  route('GET', '/pulls/:number', getPull),
  route('GET', '/pulls/:number/commits', listPullCommits),
  route('GET', '/pulls/:number/files', listPullFiles),
  route('GET', '/pulls/:number/reviews', listReviews),
  route('POST', '/pulls/:number/reviews', createReview),
  route('PUT', '/pulls/:number/reviews/:id/dismissals', dismissReview),
  route('GET', '/pulls/:number/comments', listReviewComments),
  route('POST', '/pulls/:number/comments/:id/replies', createReviewReply),
  route('GET', '/commits/*ref', getCommit),
  route('GET', '/compare/*basehead', compare),
  route('GET', '/contents', getContents),
  route('GET', '/contents/*path', getContents),
  route('GET', '/git/blobs/:sha', getBlob),
  route('POST', '/check-runs', createCheckRun),
  route('GET', '/check-runs/:id', getCheckRun),
  route('PATCH', '/check-runs/:id', updateCheckRun),
  route('GET', '/check-runs/:id/annotations', listAnnotations),
  route('GET', '/issues/:number/comments', listIssueComments),
  route('POST', '/issues/:number/comments', createIssueComment),
  route('PATCH', '/issues/comments/:id', updateIssueComment),
  route('DELETE', '/issues/comments/:id', deleteIssueComment),
];

// ---------------------------------------------------------------------------------------------
// The authenticated user

/** GET /user: a user's token gets its user; an installation token gets GitHub's 403. */
function getAuthenticatedUser(ctx: Ctx): Reply {
  if (tokenKind(ctx.token) === 'installation')
    throw new HttpError(
      403,
      errorBody(403, 'Resource not accessible by integration', 'users/users#get-the-authenticated-user'),
    );
  return json({ ...userJson(ctx.api, ctx.token.login), name: null, email: null });
}

// ---------------------------------------------------------------------------------------------
// GraphQL: the minimizeComment mutation and the `viewer { login }` query

const CLASSIFIERS = ['SPAM', 'ABUSE', 'OFF_TOPIC', 'OUTDATED', 'DUPLICATE', 'RESOLVED'];

function graphqlError(message: string, extra: Record<string, unknown> = {}): Reply {
  return json({ data: null, errors: [{ message, ...extra }] });
}

/** Reads `minimizeComment(input: {...})` with inline values or `$variables`. */
function minimizeInput(
  query: string,
  variables: Record<string, unknown>,
): { subjectId?: unknown; classifier?: unknown } {
  const call = /minimizeComment\s*\(\s*input\s*:\s*(\$\w+|\{[^}]*\})\s*\)/.exec(query);
  if (!call) return {};
  const arg = call[1]!;
  if (arg.startsWith('$')) return (variables[arg.slice(1)] ?? {}) as Record<string, unknown>;
  const value = (field: string) => {
    const m = new RegExp(`${field}\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|\\$\\w+|\\w+)`).exec(arg);
    if (!m) return undefined;
    const v = m[1]!;
    if (v.startsWith('$')) return variables[v.slice(1)];
    return v.startsWith('"') ? (JSON.parse(v) as string) : v;
  };
  return { subjectId: value('subjectId'), classifier: value('classifier') };
}

function graphql(ctx: Ctx): Reply {
  const query = ctx.body.query;
  const variables = (ctx.body.variables ?? {}) as Record<string, unknown>;
  if (typeof query !== 'string')
    return graphqlError('A query attribute must be specified and must be a string.');
  // `query { viewer { login } }` (named or not): the token's login, `[bot]` included for an app.
  if (/^\s*(?:query\b\s*\w*\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(query))
    return json({ data: { viewer: { login: ctx.token.login } } });
  if (!/^\s*mutation\b/.test(query) || !/\bminimizeComment\s*\(/.test(query))
    return graphqlError(
      'The fake GitHub GraphQL endpoint only supports the minimizeComment mutation and the viewer { login } query.',
    );
  if (ctx.token.access !== 'write')
    return graphqlError('Resource not accessible by integration', {
      type: 'FORBIDDEN',
      path: ['minimizeComment'],
    });
  const { subjectId, classifier } = minimizeInput(query, variables);
  if (typeof subjectId !== 'string' || typeof classifier !== 'string' || !CLASSIFIERS.includes(classifier))
    return graphqlError(
      `Argument 'input' on Field 'minimizeComment' has an invalid value (subjectId: ${JSON.stringify(subjectId)}, classifier: ${JSON.stringify(classifier)}).`,
    );
  const subject =
    ctx.state.issueComments.find((c) => c.node_id === subjectId) ??
    ctx.state.reviewComments.find((c) => c.node_id === subjectId);
  if (!subject)
    return graphqlError(`Could not resolve to a node with the global id of '${subjectId}'`, {
      type: 'NOT_FOUND',
      path: ['minimizeComment'],
    });
  subject.minimized = classifier;
  ctx.state.minimized.push({ subjectId, classifier });
  return json({
    data: {
      minimizeComment: { minimizedComment: { isMinimized: true, minimizedReason: classifier.toLowerCase() } },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The server

const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/**
 * True when a recorded request could change something: any method but GET/HEAD/OPTIONS, except
 * a GraphQL query (a POST that only reads, such as `viewer { login }`).
 */
export function isWriteRequest(request: Pick<RecordedRequest, 'method' | 'path' | 'body'>): boolean {
  if (!isWrite(request.method)) return false;
  if (request.method === 'POST' && /^(?:\/api)?\/graphql$/.test(request.path)) {
    try {
      const { query } = JSON.parse(request.body) as { query?: unknown };
      return !(typeof query === 'string' && /^\s*(?:query\b|\{)/.test(query));
    } catch {
      return true;
    }
  }
  return true;
}

/** The route for a /repos/{owner}/{repo}/… or /repositories/{id}/… path of this repository. */
function findRoute(
  state: FakeRepo,
  method: string,
  path: string,
): { route: Route; params: Record<string, string>; rest: string } | undefined {
  const repo =
    /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path) ?? /^\/repositories\/(\d+)()(\/.*)?$/.exec(path);
  if (!repo) return undefined;
  const byName = path.startsWith('/repos/');
  const matches = byName
    ? decodeURIComponent(repo[1]!).toLowerCase() === state.owner.toLowerCase() &&
      decodeURIComponent(repo[2]!).toLowerCase() === state.name.toLowerCase()
    : Number(repo[1]) === state.id;
  if (!matches) return undefined;
  const rest = repo[3] ?? '';
  for (const r of repoRoutes) {
    const m = r.method === method ? r.pattern.exec(rest) : null;
    if (!m) continue;
    const params: Record<string, string> = {};
    r.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? '')));
    return { route: r, params, rest };
  }
  return undefined;
}

function authenticate(state: FakeRepo, header: string | undefined): TokenInfo {
  if (!header)
    throw new HttpError(
      401,
      errorBody(401, 'Requires authentication', 'overview/authenticating-to-the-rest-api'),
    );
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  const info = m ? state.tokens.get(m[1]!) : undefined;
  if (!info) throw new HttpError(401, errorBody(401, 'Bad credentials'));
  return info;
}

function applyFault(state: FakeRepo, method: string, path: string): Reply | undefined {
  for (const rule of state.faults) {
    if (rule.method && rule.method.toUpperCase() !== method) continue;
    if (!(typeof rule.path === 'string' ? new RegExp(rule.path) : rule.path).test(path)) continue;
    if ((rule.hits ?? 0) >= (rule.times ?? 1)) continue;
    rule.hits = (rule.hits ?? 0) + 1;
    const body =
      rule.body ??
      (rule.status === 403
        ? secondaryRateLimitBody()
        : errorBody(rule.status, rule.status >= 500 ? 'Server Error' : 'Fault injected'));
    return { status: rule.status, body, headers: rule.headers ?? {} };
  }
  return undefined;
}

function handle(
  state: FakeRepo,
  api: string,
  req: IncomingMessage,
  url: URL,
  text: string,
): Reply & { fault?: boolean } {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const fault = applyFault(state, method, path);
  if (fault) return { ...fault, fault: true };

  const reset = String(Math.ceil(Date.UTC(2030, 0, 1) / 1000));
  const rateHeaders = () => ({
    'x-ratelimit-limit': String(state.rateLimit.limit),
    'x-ratelimit-remaining': String(state.rateLimit.remaining),
    'x-ratelimit-used': String(state.rateLimit.limit - state.rateLimit.remaining),
    'x-ratelimit-reset': reset,
    'x-ratelimit-resource': path === '/graphql' ? 'graphql' : 'core',
  });
  if (state.rateLimit.remaining <= 0)
    throw new HttpError(
      403,
      errorBody(
        403,
        'API rate limit exceeded for installation ID 1.',
        'overview/rate-limits-for-the-rest-api',
      ),
      rateHeaders(),
    );
  state.rateLimit.remaining--;

  let body: Record<string, unknown> = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new HttpError(400, errorBody(400, 'Problems parsing JSON'));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new HttpError(400, errorBody(400, 'Body should be a JSON object'));
  }
  const token = authenticate(state, req.headers.authorization);
  const base = { state, api, method, query: url.searchParams, body, headers: req.headers, token };
  let reply: Reply;
  if (path === '/graphql' || path === '/api/graphql') {
    if (method !== 'POST') throw notFound();
    reply = graphql({ ...base, rest: path, params: {} });
  } else if (path === '/user') {
    if (method !== 'GET') throw notFound();
    reply = getAuthenticatedUser({ ...base, rest: path, params: {} });
  } else {
    const found = findRoute(state, method, path);
    if (!found) throw notFound();
    if (isWrite(method) && token.access !== 'write')
      throw new HttpError(403, errorBody(403, 'Resource not accessible by integration'));
    reply = found.route.handler({ ...base, rest: found.rest, params: found.params });
  }
  return { ...reply, headers: { ...rateHeaders(), ...reply.headers } };
}

function send(res: ServerResponse, reply: Reply, requestId: string): void {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-api-version-selected': '2022-11-28',
    'x-github-request-id': requestId,
    ...reply.headers,
  };
  let payload: string | Buffer = '';
  if (reply.body !== undefined)
    payload =
      Buffer.isBuffer(reply.body) || typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  if (reply.status === 204) payload = '';
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Starts the fake on 127.0.0.1 with an ephemeral port, serving `state` (default: a fresh repo). */
export async function startFakeGitHub(state: FakeRepo = createRepo()): Promise<FakeGitHub> {
  const requests: RecordedRequest[] = [];
  let api = '';
  const server = createServer((req, res) => {
    const fail = (err: unknown) => {
      if (!res.headersSent)
        send(res, { status: 500, body: errorBody(500, `fake GitHub: ${String(err)}`) }, 'FAKE:error');
    };
    (async () => {
      const text = await readBody(req);
      const started = performance.now();
      const url = new URL(req.url ?? '/', api);
      const record: RecordedRequest = {
        seq: requests.length + 1,
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headerRecord(req),
        body: text,
        status: 0,
        durationMs: 0,
        fault: false,
      };
      requests.push(record);
      let reply: Reply & { fault?: boolean };
      try {
        reply = handle(state, api, req, url, text);
      } catch (err) {
        reply =
          err instanceof HttpError
            ? { status: err.status, body: err.payload, headers: err.headers }
            : { status: 500, body: errorBody(500, `fake GitHub: ${(err as Error).stack ?? String(err)}`) };
      }
      record.status = reply.status;
      record.fault = reply.fault ?? false;
      record.durationMs = performance.now() - started;
      if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
      send(res, reply, `FAKE:${record.seq}`);
    })().catch(fail);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  api = `http://127.0.0.1:${port}`;
  return {
    url: api,
    graphqlUrl: `${api}/graphql`,
    state,
    requests,
    count(filter: RequestFilter = {}) {
      return requests.filter(
        (r) =>
          (!filter.method || r.method === filter.method.toUpperCase()) &&
          (!filter.path ||
            (typeof filter.path === 'string' ? new RegExp(filter.path) : filter.path).test(r.path)),
      ).length;
    },
    inject(rule: FaultRule) {
      state.faults.push(rule);
      return rule;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
