// When a pull request commits a .env file, is `.env` in the repository's .gitignore? Read at the
// pull request's head through the contents API (never a checkout): the root .gitignore, the one
// in each flagged file's directory and those between, at most a few. If a flagged file is not ignored, the
// reader gets a note with the exact lines to add, so the next .env stays out of the repository.
import ignore, { type Ignore } from 'ignore';
import type { ScanNote } from '../report/context.js';
import type { Finding } from '../scan/types.js';
import type { Octokit } from './client.js';

export interface GitignoreTarget {
  owner: string;
  repo: string;
  /** The pull request's head commit. */
  ref: string;
}

export type GitignoreNote = Extract<ScanNote, { kind: 'gitignore-missing' }>;

/** The credential-file kind this check is about. */
export const ENV_FILE_RULE = 'credential-file-env';
/** Directories whose .gitignore is read, the root included: one to three requests as a rule. */
export const MAX_GITIGNORES = 6;
/** What the note suggests: every .env variant, except the template that is meant to be shared. */
const ENV_LINE = '.env';
const ENV_VARIANT_LINES = ['.env.*', '!.env.example'];

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The directories strictly between the root and `dir`: `a/b/c` → `a`, `a/b`. */
function ancestorsOf(dir: string): string[] {
  const parts = dir ? dir.split('/') : [];
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

const depth = (dir: string) => (dir ? dir.split('/').length : 0);

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** A .gitignore's text at the ref; null when there is none (404). Other errors propagate. */
async function readGitignore(octokit: Octokit, target: GitignoreTarget, dir: string): Promise<string | null> {
  const { owner, repo, ref } = target;
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path: join(dir, '.gitignore'), ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
    // Past 1 MB the JSON form carries no content; no real .gitignore is that large.
    if (data.encoding !== 'base64') throw new Error(`${join(dir, '.gitignore')} is too large to read`);
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (err) {
    if ((err as { status?: unknown }).status === 404) return null;
    throw err;
  }
}

interface Layer {
  dir: string;
  rules: Ignore;
}

/**
 * Git's verdict for a path under the layers (root first): a deeper .gitignore overrides a
 * shallower one, except that nothing inside an ignored directory can be re-included.
 */
export function isIgnored(path: string, layers: readonly Layer[]): boolean {
  let ignored = false;
  for (const { dir, rules } of layers) {
    if (dir && !path.startsWith(`${dir}/`)) continue;
    const rel = dir ? path.slice(dir.length + 1) : path;
    const relDir = dirOf(rel);
    if (relDir && rules.test(`${relDir}/`).ignored) return true;
    const verdict = rules.test(rel);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/** The .gitignore files whose `!` line re-includes a path that a shallower one ignores. */
export function reincludingFiles(path: string, layers: readonly Layer[]): string[] {
  const found: string[] = [];
  let ignored = false;
  for (const { dir, rules } of layers) {
    if (dir && !path.startsWith(`${dir}/`)) continue;
    const verdict = rules.test(dir ? path.slice(dir.length + 1) : path);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored && ignored) {
      ignored = false;
      found.push(join(dir, '.gitignore'));
    }
  }
  return ignored ? [] : found;
}

/** Builds the layers from .gitignore texts keyed by directory ('' is the root). */
export function gitignoreLayers(texts: ReadonlyMap<string, string | null>): Layer[] {
  return [...texts]
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .sort(([a], [b]) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))
    .map(([dir, text]) => ({ dir, rules: ignore({ ignorecase: false }).add(text) }));
}

/** The note for the .env paths the layers do not ignore; null when all are ignored. */
export function decideGitignore(envPaths: readonly string[], layers: readonly Layer[]): GitignoreNote | null {
  const paths = envPaths.filter((p) => !isIgnored(p, layers));
  if (!paths.length) return null;
  const dirs = [...new Set(paths.map(dirOf))];
  const lines: string[] = [];
  // A line is suggested when some directory of a missing file lacks what it covers.
  if (dirs.some((d) => !isIgnored(join(d, ENV_LINE), layers))) lines.push(ENV_LINE);
  const variant = (p: string) => p !== ENV_LINE && !p.endsWith(`/${ENV_LINE}`);
  if (paths.some(variant) || dirs.some((d) => !isIgnored(join(d, '.env.local'), layers)))
    lines.push(...ENV_VARIANT_LINES);
  const reincludedBy = [...new Set(paths.flatMap((p) => reincludingFiles(p, layers)))];
  return { kind: 'gitignore-missing', paths, lines, ...(reincludedBy.length ? { reincludedBy } : {}) };
}

/**
 * The gitignore note for a pull request's findings, or null: no committed .env among them, all
 * of them ignored, or the .gitignore could not be read (then `debug` says why; never throws).
 */
export async function gitignoreNote(
  octokit: Octokit,
  target: GitignoreTarget,
  findings: readonly Finding[],
  debug: (message: string) => void = () => {},
): Promise<GitignoreNote | null> {
  const envPaths = [
    ...new Set(findings.filter((f) => f.ruleId === ENV_FILE_RULE && f.source === 'diff').map((f) => f.path)),
  ];
  if (!envPaths.length) return null;
  try {
    // The root first, then the flagged files' own directories, then the ones between (shallow
    // first), up to the cap: git applies every .gitignore from the root down to the file.
    const own = envPaths.map(dirOf);
    const between = own.flatMap(ancestorsOf).sort((a, b) => depth(a) - depth(b));
    const dirs = [...new Set(['', ...own, ...between])].slice(0, MAX_GITIGNORES);
    const texts = new Map<string, string | null>();
    await Promise.all(dirs.map(async (d) => texts.set(d, await readGitignore(octokit, target, d))));
    return decideGitignore(envPaths, gitignoreLayers(texts));
  } catch (err) {
    debug(
      `api-key-guard: could not check .gitignore at ${target.ref.slice(0, 7)}: ${(err as Error).message}`,
    );
    return null;
  }
}
