// The in-memory state behind the fake GitHub API: one repository (commits with real trees and
// git-style blob SHAs, branches, pull requests) plus everything the API has written (check runs,
// reviews, comments, minimized comments), the tokens it accepts and the faults it injects.
//
// Commits are built from plain text; each commit's `files` and each pull request's net diff are
// computed like GitHub does: a tree-to-tree diff with rename detection and a `patch` field in
// unified-diff hunk format (starting at `@@`, three lines of context, no trailing newline).
import { createHash } from 'node:crypto';
import { diffLines, structuredPatch } from 'diff';

export type Content = string | Buffer;
export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed';

/** One changed file, as in the `files` arrays of GitHub's commit, compare and pull-request APIs. */
export interface DiffEntry {
  /** Blob SHA of the new content (of the old content for a removed file). */
  sha: string;
  filename: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary files, files marked `omitPatch`, and changes with no hunk (pure renames). */
  patch?: string;
  previous_filename?: string;
}

export interface GitPerson {
  name: string;
  email: string;
  date: string;
}

export interface Commit {
  sha: string;
  treeSha: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
  /** path → blob SHA, the whole tree at this commit. */
  tree: ReadonlyMap<string, string>;
  /** The diff against the first parent (against the empty tree for a root commit). */
  files: DiffEntry[];
  /** Creation order, for sorting commits oldest first. */
  seq: number;
}

/**
 * How a commit changes one path:
 * - a string or Buffer: the content after the commit (the file is added or modified);
 * - null: the file is removed;
 * - an object: `after` as above (undefined keeps the content, useful with `from`), `before` the
 *   content in the parent (null: absent), `from` a path this file is renamed from, `omitPatch` to
 *   make GitHub-style `files` entries leave out `patch` (as GitHub does for very large diffs).
 * When `before` differs from the parent, the builder first commits the `before` contents (a seed
 * commit, on the base branch for a pull request), so the commit itself shows exactly before → after.
 */
export type FileSpec =
  Content | null | { before?: Content | null; after?: Content | null; from?: string; omitPatch?: boolean };

export interface CommitSpec {
  files: Record<string, FileSpec>;
  message?: string;
  /** Branch to commit on (created from the default branch when missing); default: the default branch. */
  branch?: string;
  author?: { name: string; email: string };
}

export interface PullRequestSpec {
  number?: number;
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  merged?: boolean;
  draft?: boolean;
  /** Base branch; default: the default branch. */
  base?: string;
  /** Head branch name; default `feature/pr-<number>`. Created from the base when it does not exist. */
  head?: string;
  /** true or a fork owner's login: the head lives in a fork (`<owner>/<repo>`, `fork: true`). */
  fork?: boolean | string;
  /** Author login; default `octocat`. */
  user?: string;
  labels?: string[];
  /** Commits made on the head branch, oldest first. */
  commits?: CommitSpec[];
  /** Shorthand for a single commit. */
  files?: Record<string, FileSpec>;
  /** Commits landing on the base branch after the head branched off (base.sha ≠ merge base). */
  baseCommits?: CommitSpec[];
}

export type Access = 'write' | 'read-only';

/**
 * What kind of token: an installation token (the default GITHUB_TOKEN or a GitHub App's, posting
 * as `<app>[bot]`; GET /user answers 403) or a user's token (a PAT; GET /user answers its user).
 */
export type TokenKind = 'installation' | 'user';

export interface TokenInfo {
  access: Access;
  /** The login the API shows as author of what this token writes (and GraphQL `viewer`). */
  login: string;
  /** Default: `installation` for a `[bot]` login, else `user`. */
  kind?: TokenKind;
}

/** The kind of a token, filling in the default. */
export function tokenKind(info: TokenInfo): TokenKind {
  return info.kind ?? (info.login.endsWith('[bot]') ? 'installation' : 'user');
}

export interface FaultRule {
  /** HTTP method; any when absent. */
  method?: string;
  /** Matched against the request path (no query), e.g. /\/pulls\/1\/files$/. */
  path: RegExp | string;
  status: number;
  /** How many matching requests fail; default 1, Infinity for all. */
  times?: number;
  headers?: Record<string, string>;
  /**
   * JSON body (a string is sent as is). Default: GitHub's secondary-rate-limit message for 403,
   * `Server Error` for 5xx, `Fault injected` otherwise.
   */
  body?: unknown;
  /** How many requests this rule has failed so far (maintained by the server). */
  hits?: number;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed' | string;
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  details_url: string | null;
  external_id: string | null;
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    /** Every annotation sent, appended request after request. */
    annotations: CheckAnnotation[];
  };
  /** Annotations received per request (create first, then each update). */
  annotationBatches: number[];
}

export type ReviewState = 'PENDING' | 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED' | 'DISMISSED';

export interface Review {
  id: number;
  node_id: string;
  pull_number: number;
  user: string;
  body: string;
  state: ReviewState;
  commit_id: string;
  submitted_at: string | null;
  dismissal_message?: string;
}

export interface ReviewComment {
  id: number;
  node_id: string;
  review_id: number;
  pull_number: number;
  path: string;
  line: number | null;
  side: 'LEFT' | 'RIGHT' | null;
  start_line: number | null;
  start_side: 'LEFT' | 'RIGHT' | null;
  position: number | null;
  body: string;
  commit_id: string;
  user: string;
  created_at: string;
  updated_at: string;
  diff_hunk: string;
  minimized: string | null;
  /** The thread's first comment, for a reply (GitHub keeps threads one level deep). */
  in_reply_to_id?: number | null;
}

/** An issue that is not a pull request (pull requests live in `pulls`; both share numbers). */
export interface Issue {
  number: number;
  node_id: string;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  created_at: string;
  updated_at: string;
}

export interface IssueSpec {
  number?: number;
  title?: string;
  body?: string | null;
  /** Author login; default `octocat`. */
  user?: string;
}

export interface IssueComment {
  id: number;
  node_id: string;
  issue_number: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
  /** The classifier of a minimizeComment mutation, null while visible. */
  minimized: string | null;
}

export interface MinimizeCall {
  subjectId: string;
  classifier: string;
}

export interface FakeRepoOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  private?: boolean;
  /** Files of the initial commit on the default branch; default a README.md. */
  initialFiles?: Record<string, Content>;
  /** token → access; default {@link WRITE_TOKEN}: write and {@link READ_TOKEN}: read-only. */
  tokens?: Record<string, Access | TokenInfo>;
}

export const WRITE_TOKEN = 'fake-token-write';
export const READ_TOKEN = 'fake-token-read-only';
export const ACTIONS_BOT = 'github-actions[bot]';

const EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0);

/** Git's blob id: sha1("blob <size>\0<content>"). */
export function blobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function toBuffer(content: Content): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

/** Git's heuristic: a NUL byte in the first 8000 bytes makes a file binary. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

function range(start: number, count: number): string {
  // jsdiff numbers an empty range from the line after it; git from the line before it.
  if (count === 0) return `${Math.max(0, start - 1)},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** A GitHub-style `patch` field: hunks only, git-style `@@` headers, no trailing newline. */
export function unifiedPatch(
  before: string,
  after: string,
): { patch: string; additions: number; deletions: number } {
  const { hunks } = structuredPatch('a', 'b', before, after, undefined, undefined, { context: 3 });
  let additions = 0;
  let deletions = 0;
  const out: string[] = [];
  for (const h of hunks) {
    out.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`);
    for (const line of h.lines) {
      if (line.startsWith('+')) additions++;
      else if (line.startsWith('-')) deletions++;
      out.push(line);
    }
  }
  return { patch: out.join('\n'), additions, deletions };
}

export interface PatchLines {
  /** New-file line numbers a RIGHT-side comment may use (context and added lines of a hunk). */
  right: Set<number>;
  /** Old-file line numbers a LEFT-side comment may use (context and removed lines). */
  left: Set<number>;
  /** The hunk text from its `@@` header down to the given line (GitHub's `diff_hunk`). */
  hunkAt: (side: 'LEFT' | 'RIGHT', line: number) => string;
  /** The line a legacy `position` (1 = the line after the first `@@`) points at, if any. */
  atPosition: (position: number) => { side: 'LEFT' | 'RIGHT'; line: number } | undefined;
}

/** Reads the hunk ranges of a `patch` field, for validating review comment lines. */
export function patchLines(patch: string | undefined): PatchLines {
  const right = new Set<number>();
  const left = new Set<number>();
  const rows: { side: 'LEFT' | 'RIGHT' | 'BOTH' | null; oldLine: number; newLine: number; hunk: number }[] =
    [];
  const lines = patch ? patch.split('\n') : [];
  const hunkStarts: number[] = [];
  let oldLine = 0;
  let newLine = 0;
  for (const [i, text] of lines.entries()) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      hunkStarts.push(i);
      rows.push({ side: null, oldLine: 0, newLine: 0, hunk: i });
      continue;
    }
    const hunk = hunkStarts[hunkStarts.length - 1] ?? 0;
    if (text.startsWith('+')) {
      right.add(newLine);
      rows.push({ side: 'RIGHT', oldLine: 0, newLine: newLine++, hunk });
    } else if (text.startsWith('-')) {
      left.add(oldLine);
      rows.push({ side: 'LEFT', oldLine: oldLine++, newLine: 0, hunk });
    } else if (text.startsWith(' ') || text === '') {
      right.add(newLine);
      left.add(oldLine);
      rows.push({ side: 'BOTH', oldLine: oldLine++, newLine: newLine++, hunk });
    } else {
      rows.push({ side: null, oldLine: 0, newLine: 0, hunk }); // "\ No newline at end of file"
    }
  }
  const hunkAt = (side: 'LEFT' | 'RIGHT', line: number): string => {
    const at = rows.findIndex(
      (r) =>
        (r.side === side || r.side === 'BOTH') &&
        (side === 'RIGHT' ? r.newLine === line : r.oldLine === line),
    );
    if (at < 0) return '';
    return lines.slice(rows[at]!.hunk, at + 1).join('\n');
  };
  const atPosition = (position: number) => {
    const row = Number.isInteger(position) && position >= 1 ? rows[position] : undefined;
    if (!row || row.side === null) return undefined;
    return row.side === 'LEFT'
      ? { side: 'LEFT' as const, line: row.oldLine }
      : { side: 'RIGHT' as const, line: row.newLine };
  };
  return { right, left, hunkAt, atPosition };
}

function similarity(a: string, b: string): number {
  const total = a.split('\n').length + b.split('\n').length;
  let common = 0;
  for (const part of diffLines(a, b)) if (!part.added && !part.removed) common += part.count ?? 0;
  return (2 * common) / total;
}

interface NormalizedSpec {
  before?: Content | null;
  after?: Content | null;
  from?: string;
  omitPatch?: boolean;
}

function normalize(spec: FileSpec): NormalizedSpec {
  if (spec === null || typeof spec === 'string' || Buffer.isBuffer(spec)) return { after: spec };
  return spec;
}

/** A pull request; `head.sha`, `base.sha`, `commits` and `files` follow the branches as they move. */
export class PullRequest {
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  labels: string[];
  readonly user: string;
  readonly createdAt: string;

  constructor(
    private readonly repo: FakeRepo,
    readonly number: number,
    private readonly headBranch: string,
    private readonly headKey: string,
    readonly baseRef: string,
    readonly headRepo: { full_name: string; fork: boolean; owner: string },
    spec: PullRequestSpec,
  ) {
    this.title = spec.title ?? `Pull request #${number}`;
    this.body = spec.body === undefined ? 'Changes for review.' : spec.body;
    this.state = spec.state ?? 'open';
    this.merged = spec.merged ?? false;
    this.draft = spec.draft ?? false;
    this.labels = spec.labels ?? [];
    this.user = spec.user ?? 'octocat';
    this.createdAt = repo.now();
  }

  /** The key of the head branch in the repository's branch map (fork heads are not plain branches). */
  get headBranchKey(): string {
    return this.headKey;
  }

  get head(): { sha: string; ref: string; repo: { full_name: string; fork: boolean; owner: string } } {
    return { sha: this.repo.branchSha(this.headKey), ref: this.headBranch, repo: this.headRepo };
  }

  get base(): { sha: string; ref: string } {
    return { sha: this.repo.branchSha(this.baseRef), ref: this.baseRef };
  }

  get mergeBase(): string {
    return this.repo.mergeBase(this.base.sha, this.head.sha);
  }

  /** The pull request's commits, oldest first (all of them; the API caps at 250). */
  get commits(): Commit[] {
    return this.repo.commitsBetween(this.base.sha, this.head.sha);
  }

  /** The net diff from the merge base to the head, as GitHub's "Files changed". */
  get files(): DiffEntry[] {
    return this.repo.diffCommits(this.mergeBase, this.head.sha);
  }

  /** GitHub's test merge commit (refs/pull/N/merge): the head merged into the current base. */
  get mergeCommitSha(): string {
    return this.repo.testMergeCommit(this);
  }
}

export class FakeRepo {
  readonly owner: string;
  readonly name: string;
  readonly id = 700_100;
  readonly defaultBranch: string;
  readonly private: boolean;
  readonly tokens = new Map<string, TokenInfo>();

  readonly commits = new Map<string, Commit>();
  readonly blobs = new Map<string, Buffer>();
  readonly branches = new Map<string, string>();
  readonly pulls = new Map<number, PullRequest>();
  readonly issues = new Map<number, Issue>();

  // Written through the API.
  readonly checkRuns: CheckRun[] = [];
  readonly reviews: Review[] = [];
  readonly reviewComments: ReviewComment[] = [];
  readonly issueComments: IssueComment[] = [];
  readonly minimized: MinimizeCall[] = [];

  // Server behaviour.
  readonly faults: FaultRule[] = [];
  /** Artificial delay before each response, in ms (not counted in recorded durations). */
  delayMs = 0;
  /** The primary rate limit; a request when `remaining` is 0 gets GitHub's 403. */
  rateLimit = { limit: 5000, remaining: 5000 };

  private ticks = 0;
  private seq = 0;
  private nextIdValue = 1_000_001;
  private nextPullNumber = 1;
  private readonly noPatch = new Set<string>();
  private readonly diffCache = new Map<string, DiffEntry[]>();
  private readonly mergeCache = new Map<string, string>();

  constructor(options: FakeRepoOptions = {}) {
    this.owner = options.owner ?? 'owner';
    this.name = options.repo ?? 'repo';
    this.defaultBranch = options.defaultBranch ?? 'main';
    this.private = options.private ?? false;
    const tokens = options.tokens ?? { [WRITE_TOKEN]: 'write', [READ_TOKEN]: 'read-only' };
    for (const [token, info] of Object.entries(tokens))
      this.tokens.set(token, typeof info === 'string' ? { access: info, login: ACTIONS_BOT } : info);
    const initial = options.initialFiles ?? { 'README.md': `# ${this.name}\n` };
    this.commit({ files: initial, message: 'Initial commit' });
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /**
   * Registers a token that writes as `login` (another user: an attacker, a PAT, a GitHub App) and
   * returns it: `fake-token-<login>` unless given.
   */
  addToken(login: string, options: { access?: Access; kind?: TokenKind; token?: string } = {}): string {
    const token = options.token ?? `fake-token-${login.replace(/[^A-Za-z0-9-]/g, '-')}`;
    this.tokens.set(token, {
      access: options.access ?? 'write',
      login,
      ...(options.kind ? { kind: options.kind } : {}),
    });
    return token;
  }

  /** The first write token, then any token: what `${{ github.token }}` stands for. */
  get defaultToken(): string {
    for (const [token, info] of this.tokens) if (info.access === 'write') return token;
    const first = this.tokens.keys().next();
    if (first.done) throw new Error('fake repo: no tokens');
    return first.value;
  }

  /** A deterministic clock: each call moves one second on. */
  now(): string {
    return new Date(EPOCH + this.ticks++ * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  nextId(): number {
    return this.nextIdValue++;
  }

  // ---- building history ----

  putBlob(content: Content): string {
    const buf = toBuffer(content);
    const sha = blobSha(buf);
    this.blobs.set(sha, buf);
    return sha;
  }

  branchSha(branch: string): string {
    const sha = this.branches.get(branch);
    if (!sha) throw new Error(`fake repo: no branch '${branch}'`);
    return sha;
  }

  /** Creates (or moves) a branch to `from` (a ref or SHA; default: the default branch's head). */
  branch(name: string, from: string = this.defaultBranch): string {
    const sha = this.resolveRef(from);
    if (!sha) throw new Error(`fake repo: cannot resolve '${from}'`);
    this.branches.set(name, sha);
    return sha;
  }

  /** Commits on `spec.branch` (default: the default branch), seeding any `before` contents first. */
  commit(spec: CommitSpec): Commit {
    const branch = spec.branch ?? this.defaultBranch;
    if (!this.branches.has(branch) && this.branches.size > 0) this.branch(branch);
    let parent = this.branches.get(branch);
    const seeds = this.seedsFor(parent, spec.files);
    if (seeds) {
      parent = this.makeCommit(
        parent,
        seeds,
        `Add files for ${Object.keys(seeds).join(', ')}`,
        spec.author,
      ).sha;
    }
    const commit = this.makeCommit(parent, spec.files, spec.message, spec.author);
    this.branches.set(branch, commit.sha);
    return commit;
  }

  /** Opens an issue (not a pull request); it takes the next number pull requests would. */
  issue(spec: IssueSpec = {}): Issue {
    const number = spec.number ?? this.nextPullNumber;
    if (this.pulls.has(number) || this.issues.has(number)) throw new Error(`fake repo: #${number} exists`);
    this.nextPullNumber = Math.max(this.nextPullNumber, number + 1);
    const at = this.now();
    const issue: Issue = {
      number,
      node_id: `I_kwFake${Buffer.from(String(number)).toString('base64url')}`,
      title: spec.title ?? `Issue #${number}`,
      body: spec.body === undefined ? 'Something is wrong.' : spec.body,
      user: spec.user ?? 'octocat',
      state: 'open',
      created_at: at,
      updated_at: at,
    };
    this.issues.set(number, issue);
    return issue;
  }

  pullRequest(spec: PullRequestSpec = {}): PullRequest {
    const number = spec.number ?? this.nextPullNumber;
    if (this.pulls.has(number) || this.issues.has(number))
      throw new Error(`fake repo: pull request #${number} exists`);
    this.nextPullNumber = Math.max(this.nextPullNumber, number + 1);
    const base = spec.base ?? this.defaultBranch;
    const baseSha = this.branchSha(base);
    const headBranch = spec.head ?? `feature/pr-${number}`;
    const forkOwner = spec.fork ? (typeof spec.fork === 'string' ? spec.fork : 'contributor') : undefined;
    const headKey = forkOwner ? `${forkOwner}:${headBranch}` : headBranch;
    const commits = spec.commits ?? (spec.files ? [{ files: spec.files }] : []);

    if (!this.branches.has(headKey)) {
      // `before` contents belong to the base, so the pull request shows exactly before → after.
      const seeds = this.seedsFor(baseSha, Object.assign({}, ...commits.map((c) => c.files).reverse()));
      if (seeds) this.commit({ branch: base, files: seeds, message: 'Add files the pull request changes' });
      this.branches.set(headKey, this.branchSha(base));
    }
    for (const c of commits) {
      const parent = this.branches.get(headKey);
      if (this.seedsFor(parent, c.files))
        throw new Error(
          `fake repo: a 'before' in pull request #${number} does not match the previous commit`,
        );
      this.commit({ ...c, branch: headKey });
    }
    for (const c of spec.baseCommits ?? []) this.commit({ ...c, branch: base });

    const headRepo = forkOwner
      ? { full_name: `${forkOwner}/${this.name}`, fork: true, owner: forkOwner }
      : { full_name: this.fullName, fork: false, owner: this.owner };
    const pr = new PullRequest(this, number, headBranch, headKey, base, headRepo, spec);
    this.pulls.set(number, pr);
    return pr;
  }

  private seedsFor(
    parent: string | undefined,
    files: Record<string, FileSpec>,
  ): Record<string, FileSpec> | null {
    const tree = parent ? this.getCommit(parent).tree : new Map<string, string>();
    const seeds: Record<string, FileSpec> = {};
    for (const [path, raw] of Object.entries(files)) {
      const spec = normalize(raw);
      if (spec.before === undefined) continue;
      const at = spec.from ?? path;
      const current = tree.get(at);
      if (spec.before === null) {
        if (current !== undefined) seeds[at] = null;
      } else if (current !== blobSha(toBuffer(spec.before))) {
        seeds[at] = spec.before;
      }
    }
    return Object.keys(seeds).length ? seeds : null;
  }

  private makeCommit(
    parent: string | undefined,
    files: Record<string, FileSpec>,
    message?: string,
    author?: { name: string; email: string },
  ): Commit {
    const parentTree = parent ? this.getCommit(parent).tree : new Map<string, string>();
    const tree = new Map(parentTree);
    for (const [path, raw] of Object.entries(files)) {
      const spec = normalize(raw);
      let content: Content | null | undefined = spec.after;
      if (spec.from !== undefined) {
        const source = tree.get(spec.from);
        if (source === undefined) throw new Error(`fake repo: rename source '${spec.from}' does not exist`);
        tree.delete(spec.from);
        if (content === undefined) content = this.blobs.get(source)!;
      }
      if (content === null) {
        if (!tree.delete(path)) throw new Error(`fake repo: cannot remove missing '${path}'`);
      } else if (content !== undefined) {
        const sha = this.putBlob(content);
        tree.set(path, sha);
        if (spec.omitPatch) this.noPatch.add(`${path}\0${sha}`);
      }
    }
    return this.storeCommit(
      parent ? [parent] : [],
      tree,
      message ?? `Update ${Object.keys(files).join(', ')}`,
      author,
    );
  }

  private storeCommit(
    parents: string[],
    tree: Map<string, string>,
    message: string,
    author?: { name: string; email: string },
  ): Commit {
    const treeSha = sha1([...tree].sort(([a], [b]) => (a < b ? -1 : 1)).join('\n'));
    const date = this.now();
    const person = { name: author?.name ?? 'Octo Cat', email: author?.email ?? 'octocat@example.com', date };
    const seq = this.seq++;
    const sha = sha1(`tree ${treeSha}\n${parents.map((p) => `parent ${p}\n`).join('')}${seq}\n\n${message}`);
    const first = parents[0];
    const files = this.diffTrees(first ? this.getCommit(first).tree : new Map(), tree);
    const commit: Commit = {
      sha,
      treeSha,
      parents,
      message,
      author: person,
      committer: person,
      tree,
      files,
      seq,
    };
    this.commits.set(sha, commit);
    return commit;
  }

  // ---- reading history ----

  getCommit(sha: string): Commit {
    const c = this.commits.get(sha);
    if (!c) throw new Error(`fake repo: no commit ${sha}`);
    return c;
  }

  /**
   * A branch name, `refs/heads/x`, `heads/x`, `refs/pull/N/head|merge`, a full SHA or a unique
   * prefix of at least 7 hex digits → the commit SHA; undefined when unknown.
   */
  resolveRef(ref: string): string | undefined {
    const pull = /^(?:refs\/)?pull\/(\d+)\/(head|merge)$/.exec(ref);
    if (pull) {
      const pr = this.pulls.get(Number(pull[1]));
      if (!pr) return undefined;
      return pull[2] === 'head' ? pr.head.sha : pr.mergeCommitSha;
    }
    const name = ref.replace(/^refs\/heads\//, '').replace(/^heads\//, '');
    if (!name.includes(':') && this.branches.has(name)) return this.branches.get(name);
    if (this.commits.has(ref)) return ref;
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      const matches = [...this.commits.keys()].filter((sha) => sha.startsWith(ref));
      if (matches.length === 1) return matches[0];
    }
    return undefined;
  }

  /** The content of `path` at `ref` (default: the default branch), or undefined. */
  contentAt(path: string, ref: string = this.defaultBranch): Buffer | undefined {
    const sha = this.resolveRef(ref);
    const blob = sha ? this.getCommit(sha).tree.get(path) : undefined;
    return blob ? this.blobs.get(blob) : undefined;
  }

  /** Every commit reachable from `sha`, including it. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...this.getCommit(s).parents);
    }
    return seen;
  }

  mergeBase(a: string, b: string): string {
    const fromA = this.ancestors(a);
    let best: Commit | undefined;
    for (const sha of this.ancestors(b)) {
      const c = this.getCommit(sha);
      if (fromA.has(sha) && (!best || c.seq > best.seq)) best = c;
    }
    if (!best) throw new Error(`fake repo: ${a} and ${b} share no history`);
    return best.sha;
  }

  /** Commits reachable from `head` but not from `base`, oldest first (git log base..head). */
  commitsBetween(base: string, head: string): Commit[] {
    const exclude = this.ancestors(base);
    return [...this.ancestors(head)]
      .filter((sha) => !exclude.has(sha))
      .map((sha) => this.getCommit(sha))
      .sort((x, y) => x.seq - y.seq);
  }

  diffCommits(from: string, to: string): DiffEntry[] {
    const key = `${from}..${to}`;
    let files = this.diffCache.get(key);
    if (!files) {
      files = this.diffTrees(this.getCommit(from).tree, this.getCommit(to).tree);
      this.diffCache.set(key, files);
    }
    return files;
  }

  /** The test merge commit of a pull request, created on first use for each base/head pair. */
  testMergeCommit(pr: PullRequest): string {
    const baseSha = pr.base.sha;
    const headSha = pr.head.sha;
    const key = `${baseSha}:${headSha}`;
    const cached = this.mergeCache.get(key);
    if (cached) return cached;
    const tree = new Map(this.getCommit(baseSha).tree);
    const headTree = this.getCommit(headSha).tree;
    for (const f of this.diffCommits(this.mergeBase(baseSha, headSha), headSha)) {
      if (f.previous_filename) tree.delete(f.previous_filename);
      if (f.status === 'removed') tree.delete(f.filename);
      else tree.set(f.filename, headTree.get(f.filename)!);
    }
    const commit = this.storeCommit([baseSha, headSha], tree, `Merge ${headSha} into ${baseSha}`);
    this.mergeCache.set(key, commit.sha);
    return commit.sha;
  }

  /** GitHub's file list between two trees: sorted by path, renames detected (exact, then ≥ 50% similar). */
  diffTrees(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): DiffEntry[] {
    const entries: DiffEntry[] = [];
    const removed = [...before.keys()].filter((p) => !after.has(p));
    const added = [...after.keys()].filter((p) => !before.has(p));
    for (const [path, sha] of after) {
      const old = before.get(path);
      if (old !== undefined && old !== sha) entries.push(this.entry(path, old, path, sha));
    }
    const unmatched = new Set(removed);
    const addedLeft: string[] = [];
    for (const path of added) {
      const sha = after.get(path)!;
      const source = [...unmatched].find((p) => before.get(p) === sha);
      if (source === undefined) addedLeft.push(path);
      else {
        unmatched.delete(source);
        entries.push(this.entry(source, sha, path, sha));
      }
    }
    const trySimilar = unmatched.size * addedLeft.length <= 2500;
    for (const path of addedLeft) {
      const sha = after.get(path)!;
      let best: { path: string; score: number } | undefined;
      if (trySimilar && !isBinary(this.blobs.get(sha)!)) {
        const text = this.blobs.get(sha)!.toString('utf8');
        for (const candidate of unmatched) {
          const old = this.blobs.get(before.get(candidate)!)!;
          if (isBinary(old)) continue;
          const score = similarity(old.toString('utf8'), text);
          if (score >= 0.5 && (!best || score > best.score)) best = { path: candidate, score };
        }
      }
      if (best) {
        unmatched.delete(best.path);
        entries.push(this.entry(best.path, before.get(best.path)!, path, sha));
      } else {
        entries.push(this.entry(undefined, undefined, path, sha));
      }
    }
    for (const path of unmatched) entries.push(this.entry(path, before.get(path)!, undefined, undefined));
    return entries.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
  }

  private entry(
    oldPath: string | undefined,
    oldSha: string | undefined,
    newPath: string | undefined,
    newSha: string | undefined,
  ): DiffEntry {
    const oldBuf = oldSha ? this.blobs.get(oldSha)! : Buffer.alloc(0);
    const newBuf = newSha ? this.blobs.get(newSha)! : Buffer.alloc(0);
    const filename = (newPath ?? oldPath)!;
    const status: FileStatus = !oldPath
      ? 'added'
      : !newPath
        ? 'removed'
        : oldPath !== newPath
          ? 'renamed'
          : 'modified';
    const entry: DiffEntry = {
      sha: (newSha ?? oldSha)!,
      filename,
      status,
      additions: 0,
      deletions: 0,
      changes: 0,
    };
    if (status === 'renamed') entry.previous_filename = oldPath;
    if (!isBinary(oldBuf) && !isBinary(newBuf)) {
      const { patch, additions, deletions } = unifiedPatch(oldBuf.toString('utf8'), newBuf.toString('utf8'));
      Object.assign(entry, { additions, deletions, changes: additions + deletions });
      const omitted = this.noPatch.has(`${filename}\0${entry.sha}`);
      if (patch && !omitted) entry.patch = patch;
    }
    return entry;
  }
}

/** A repository with one initial commit on `main` and a write and a read-only token. */
export function createRepo(options?: FakeRepoOptions): FakeRepo {
  return new FakeRepo(options);
}
