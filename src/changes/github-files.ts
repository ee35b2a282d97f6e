// Reads changed files through the GitHub REST API and turns GitHub's file entries (from a pull
// request's file list, a commit, a comparison) into the ScannedFiles the scanner takes. Shared by
// the pull-request and push readers.
//
// Every read is made at most once per run: commits, blobs and file contents are cached by what
// identifies them (commit sha, blob sha, ref + path), as promises so concurrent readers share one
// request. When GitHub leaves out a file's `patch` (large diffs; binary files never have one),
// the new version is read as a blob (by the entry's `sha`) and the old one through the contents
// API at the parent (for a pull request's net diff, the merge base), and the two are diffed
// locally. Before asking the contents API, the old version is looked up in what the run already
// knows: a commit read earlier that changed the path gives its blob sha, so walking back along
// single-parent commits usually ends at a blob already fetched or at the same (ref, path) key.
import type { ScannedFile } from '../scan/collect.js';
import type { FileStatus } from './diff.js';
import { parsePatchField } from './diff.js';
import type { Octokit } from '../github/client.js';
import { addedLines, allLines, isBinary, rightSideLines } from './local-diff.js';

export interface ChangeSet {
  /** Net-diff entries carry `commit: null`; per-commit entries carry the commit's sha. */
  files: ScannedFile[];
  /** Per new path, the new-file lines shown in the net diff's hunks (where inline comments may go). */
  commentableLines: Map<string, Set<number>>;
  /** What the run could not read or chose not to, in sentences for the summary. */
  notes: string[];
  stats: {
    /** Commits whose files were read. */
    commits: number;
    /** Distinct paths read with added content (binary ones included). */
    files: number;
    /** Distinct paths skipped as binary. */
    binaryFiles: number;
  };
}

export interface Repo {
  owner: string;
  repo: string;
}

/** A file entry as GitHub's pulls, commits and compare endpoints list it. */
export interface DiffEntry {
  sha?: string | null;
  filename: string;
  status: string;
  additions?: number;
  deletions?: number;
  changes?: number;
  patch?: string;
  previous_filename?: string;
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  files: DiffEntry[];
  /** GitHub lists at most 3000 files of a commit; true when that many came back. */
  capped: boolean;
}

/** GitHub lists at most this many files of a pull request or a commit. */
export const MAX_LISTED_FILES = 3000;
/** Parallel reads; the throttling plugin allows 10 at a time. */
export const CONCURRENCY = 8;

const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif webp bmp ico icns tif tiff psd pdf zip gz tgz bz2 xz zst 7z rar jar war ear ' +
    'class so dylib dll exe o a lib pyc wasm woff woff2 ttf otf eot mp3 mp4 m4a mov avi mkv wav ' +
    'ogg flac webm sqlite db'
  ).split(' '),
);

/**
 * Binary by name, so its blob need not be fetched just to find a NUL byte. Used only for entries
 * GitHub gave no patch, which binary files never have.
 */
export function hasBinaryExtension(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

/** Runs fn over items, at most `limit` at once, keeping the order of the results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The `rel="next"` address of a Link header. */
export function nextLink(link: unknown): string | undefined {
  if (typeof link !== 'string') return undefined;
  return /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
}

function statusOf(entry: DiffEntry): FileStatus {
  switch (entry.status) {
    case 'added':
      return 'added';
    case 'renamed':
      return 'renamed';
    case 'copied':
      return 'copied';
    case 'removed':
      return 'deleted';
    default:
      return 'modified';
  }
}

function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

function shortSha(sha: string): string {
  return /^[0-9a-f]{40}$/i.test(sha) ? sha.slice(0, 7) : sha;
}

/** Where the old version of an entry is: a ref (a commit sha) and the path there. */
export type OldSide = { ref: string } | (() => Promise<string>);

/** One run's reader: holds the caches, the notes and the counts. */
export class GitHubFiles {
  readonly notes: string[] = [];
  private readonly paths = new Set<string>();
  private readonly binaryPaths = new Set<string>();
  private readonly commits = new Map<string, Promise<CommitInfo>>();
  private readonly blobs = new Map<string, Promise<Buffer | null>>();
  private readonly contents = new Map<string, Promise<Buffer | null>>();
  /** Per commit read in full: path → blob sha after that commit (null: removed). */
  private readonly changedIn = new Map<string, Map<string, string | null>>();
  /** Single parent of each commit read in full. */
  private readonly parentOf = new Map<string, string>();
  private commitsRead = 0;

  constructor(
    readonly octokit: Octokit,
    readonly repo: Repo,
  ) {}

  get stats(): ChangeSet['stats'] {
    return { commits: this.commitsRead, files: this.paths.size, binaryFiles: this.binaryPaths.size };
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** A commit with all its files (`GET /commits/{sha}`, following the file list's pages). */
  commit(sha: string): Promise<CommitInfo> {
    let p = this.commits.get(sha);
    if (!p) {
      p = this.readCommit(sha);
      this.commits.set(sha, p);
    }
    return p;
  }

  private async readCommit(sha: string): Promise<CommitInfo> {
    const { owner, repo } = this.repo;
    let res = await this.octokit.rest.repos.getCommit({ owner, repo, ref: sha });
    const head = res.data;
    const files: DiffEntry[] = [...(head.files ?? [])];
    for (let url = nextLink(res.headers.link); url; url = nextLink(res.headers.link)) {
      res = (await this.octokit.request(`GET ${url}`)) as typeof res;
      files.push(...(res.data.files ?? []));
    }
    const info: CommitInfo = {
      sha: head.sha,
      parents: head.parents.map((p) => p.sha),
      files,
      capped: files.length >= MAX_LISTED_FILES,
    };
    this.commitsRead++;
    if (info.capped)
      this.note(
        `Commit ${shortSha(sha)} changes more files than GitHub lists (${MAX_LISTED_FILES}); the rest of it was not scanned.`,
      );
    else if (info.parents.length === 1) {
      // Complete and linear: what it changed tells the content of these paths after it.
      const changed = new Map<string, string | null>();
      for (const f of files) {
        if (f.status === 'removed') changed.set(f.filename, null);
        else {
          if (f.status === 'renamed' && f.previous_filename) changed.set(f.previous_filename, null);
          if (f.sha) changed.set(f.filename, f.sha);
        }
      }
      this.changedIn.set(info.sha, changed);
      this.parentOf.set(info.sha, info.parents[0]!);
    }
    return info;
  }

  /** A blob's bytes (`GET /git/blobs/{sha}`); null when GitHub has no such blob. */
  blob(sha: string): Promise<Buffer | null> {
    let p = this.blobs.get(sha);
    if (!p) {
      p = this.readBlob(sha);
      this.blobs.set(sha, p);
    }
    return p;
  }

  private async readBlob(sha: string): Promise<Buffer | null> {
    const { owner, repo } = this.repo;
    try {
      const { data } = await this.octokit.rest.git.getBlob({ owner, repo, file_sha: sha });
      return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
    } catch (err) {
      if (httpStatus(err) === 404 || httpStatus(err) === 422) return null;
      throw err;
    }
  }

  /** A file's bytes at a ref; null when it does not exist there. */
  contentAt(ref: string, path: string): Promise<Buffer | null> {
    // What this run already knows about the path at this ref, walking back along commits.
    let at = ref;
    for (let hops = 0; hops < 10_000; hops++) {
      const changed = this.changedIn.get(at);
      if (changed === undefined) break;
      if (changed.has(path)) {
        const sha = changed.get(path)!;
        return sha === null ? Promise.resolve(null) : this.blob(sha);
      }
      const parent = this.parentOf.get(at);
      if (parent === undefined) break;
      at = parent;
    }
    const key = `${at}\0${path}`;
    let p = this.contents.get(key);
    if (!p) {
      p = this.readContents(at, path);
      this.contents.set(key, p);
    }
    return p;
  }

  private async readContents(ref: string, path: string): Promise<Buffer | null> {
    const { owner, repo } = this.repo;
    let data;
    try {
      ({ data } = await this.octokit.rest.repos.getContent({ owner, repo, path, ref }));
    } catch (err) {
      if (httpStatus(err) === 404) return null;
      throw err;
    }
    if (Array.isArray(data) || data.type !== 'file') return null;
    // Over 1 MB the contents API sends no content ('none'); the blob API still does.
    if (!('content' in data) || data.encoding !== 'base64' || (data.content === '' && data.size > 0))
      return this.blob(data.sha);
    const bytes = Buffer.from(data.content, 'base64');
    if (!this.blobs.has(data.sha)) this.blobs.set(data.sha, Promise.resolve(bytes));
    return bytes;
  }

  /**
   * Scanned files for GitHub's entries. `commit` is set on each file (null for a net diff);
   * `oldRef` is where the old versions are, asked for only when an entry has no patch.
   */
  async scanned(
    entries: readonly DiffEntry[],
    commit: string | null,
    oldRef: OldSide,
  ): Promise<ScannedFile[]> {
    let resolvedOld: Promise<string> | undefined;
    const old = () => (resolvedOld ??= typeof oldRef === 'function' ? oldRef() : Promise.resolve(oldRef.ref));
    const files = await mapLimit(entries, CONCURRENCY, (e) => this.entry(e, commit, old));
    return files.filter((f): f is ScannedFile => f !== null);
  }

  private async entry(
    e: DiffEntry,
    commit: string | null,
    oldRef: () => Promise<string>,
  ): Promise<ScannedFile | null> {
    if (e.status === 'removed' || e.status === 'unchanged') return null;
    const path = e.filename;
    const status = statusOf(e);
    const where = commit ? ` in commit ${shortSha(commit)}` : '';
    if (e.patch !== undefined) {
      this.paths.add(path);
      return { path, lines: parsePatchField(e.patch), status, commit, source: 'diff' };
    }
    // No patch: a pure rename or mode change has nothing to read.
    if ((e.status === 'renamed' || e.status === 'copied' || e.status === 'changed') && !e.changes)
      return null;
    this.paths.add(path);
    if (hasBinaryExtension(path) || !e.sha) return this.binary(path, commit);
    const content = await this.blob(e.sha);
    if (content === null) {
      this.note(`Could not read ${path}${where} (blob ${shortSha(e.sha)}); it was not scanned.`);
      return null;
    }
    if (isBinary(content)) return this.binary(path, commit);
    const text = content.toString('utf8');
    let oldText: string | null = null;
    if (e.status !== 'added') {
      const before = await this.contentAt(await oldRef(), e.previous_filename ?? path);
      oldText = before === null || isBinary(before) ? null : before.toString('utf8');
    }
    const lines = oldText === null ? allLines(text) : addedLines(oldText, text);
    return { path, lines, status, commit, source: 'diff' };
  }

  private binary(path: string, commit: string | null): ScannedFile {
    this.binaryPaths.add(path);
    return { path, lines: [], status: 'binary', commit, source: 'diff' };
  }

  /** Per-commit files of the commits, in the given order. Merge commits are left to the net diff. */
  async commitFiles(shas: readonly string[]): Promise<ScannedFile[]> {
    const infos = await mapLimit(shas, CONCURRENCY, (sha) => this.commit(sha));
    const merges = infos.filter((c) => c.parents.length > 1).length;
    if (merges)
      this.note(
        `${merges} merge commit(s) were not scanned on their own (their diff against the first parent repeats the merged branch); what they add is in the net diff.`,
      );
    const perCommit = await mapLimit(
      infos.filter((c) => c.parents.length <= 1),
      CONCURRENCY,
      (c) =>
        c.parents.length === 0
          ? this.scanned(
              c.files.map((f) => ({ ...f, status: 'added' })),
              c.sha,
              { ref: c.sha },
            )
          : this.scanned(c.files, c.sha, { ref: c.parents[0]! }),
    );
    return perCommit.flat();
  }
}

/** New-file lines shown in each patch of a net diff, keyed by the (new) path. */
export function commentableLines(entries: readonly DiffEntry[]): Map<string, Set<number>> {
  const map = new Map<string, Set<number>>();
  for (const e of entries) {
    if (e.status === 'removed' || e.patch === undefined) continue;
    map.set(e.filename, rightSideLines(e.patch));
  }
  return map;
}
