// What the renderers know besides the findings: where the repository lives (for links), where
// each finding can be shown, and the notes a scan leaves. Pure data and URL building, no I/O.
import { isBlocking, SEVERITY_ORDER } from '../scan/collect.js';
import type { Finding } from '../scan/types.js';
import { encodePath, safeUrl } from './markdown-escape.js';

export interface RepoLinks {
  /** `GITHUB_SERVER_URL`, e.g. `https://github.com` or a GitHub Enterprise Server address. */
  serverUrl: string;
  owner: string;
  repo: string;
  /** The pull request's head commit: where findings without a commit of their own are linked. */
  headSha?: string;
  /** The workflow run, where the job summary is; see `runUrl`. */
  runUrl?: string;
}

/** Why a finding is listed in the review body instead of commented on its line. */
export type BodyReason =
  /** Added by one commit and removed by a later one: not in the net diff, still in the history. */
  | 'removed-later'
  /** GitHub gave no patch for the file (too large), so no line of it can carry a comment. */
  | 'no-patch'
  /** The line is not inside a hunk of the pull request's net diff. */
  | 'outside-diff'
  /** Found in the pull request's title or description. */
  | 'pull-request-text';

export const BODY_REASONS: readonly BodyReason[] = [
  'removed-later',
  'no-patch',
  'outside-diff',
  'pull-request-text',
];

/** A finding and where the review shows it. The finding object is kept as is (not copied). */
export type PlacedFinding =
  { finding: Finding; placement: 'inline' } | { finding: Finding; placement: 'body'; reason: BodyReason };

/** Something the reader should know about how the scan went. */
export type ScanNote =
  /** More commits than the API lists (250): only the net diff was scanned. */
  | { kind: 'commit-limit'; limit: number }
  /** More files than the API lists (3,000): the rest were not scanned. */
  | { kind: 'file-limit'; limit: number }
  /** Files whose patch GitHub omitted and which were not fetched either. */
  | { kind: 'files-not-scanned'; count: number }
  /** The token cannot write (a fork's pull request): no review or comment could be posted. */
  | { kind: 'read-only-token' }
  /** Committed .env files (`paths`) that no .gitignore covers; `lines` are the lines to add. */
  | {
      kind: 'gitignore-missing';
      paths: string[];
      lines: string[];
      /** `.gitignore` files whose `!` line brings a committed .env back after another ignored it. */
      reincludedBy?: string[];
    }
  /** The run scanned a comment or an issue, not code: its findings have no file or line. */
  | { kind: 'discussion'; what: 'issue-comment' | 'review-comment' | 'issue'; number: number }
  /** Anything else, as plain text (escaped when rendered). */
  | { kind: 'text'; text: string };

const SHA = /^[0-9a-f]{7,64}$/i;

function base(links: RepoLinks): string | undefined {
  const server = safeUrl(links.serverUrl.replace(/\/+$/, ''));
  if (!server || !links.owner || !links.repo) return undefined;
  return `${server.replace(/\/+$/, '')}/${encodeURIComponent(links.owner)}/${encodeURIComponent(links.repo)}`;
}

/** `{server}/{owner}/{repo}/actions/runs/{runId}` (with `/attempts/{n}` past the first). */
export function runUrl(links: RepoLinks, runId: number | string, attempt?: number): string | undefined {
  const repo = base(links);
  if (!repo || !/^\d+$/.test(String(runId))) return undefined;
  return `${repo}/actions/runs/${runId}${attempt && attempt > 1 ? `/attempts/${attempt}` : ''}`;
}

/** `{server}/{owner}/{repo}/commit/{sha}`, or undefined when the sha is not hex. */
export function commitUrl(links: RepoLinks, sha: string | null | undefined): string | undefined {
  const repo = base(links);
  return repo && sha && SHA.test(sha) ? `${repo}/commit/${sha.toLowerCase()}` : undefined;
}

/** `{server}/{owner}/{repo}/blob/{sha}/{path}#L{line}`, each path segment percent-encoded. */
export function blobUrl(
  links: RepoLinks,
  sha: string | null | undefined,
  path: string,
  line: number,
): string | undefined {
  const repo = base(links);
  if (!repo || !sha || !SHA.test(sha) || !path) return undefined;
  const anchor = Number.isInteger(line) && line > 0 ? `#L${line}` : '';
  return `${repo}/blob/${sha.toLowerCase()}/${encodePath(path)}${anchor}`;
}

/** The blob link for a finding: at its own commit, else at the head; none for pull-request text. */
export function findingUrl(links: RepoLinks, finding: Finding): string | undefined {
  if (finding.source === 'pull-request' || finding.source === 'comment') return undefined;
  return blobUrl(links, finding.commit ?? links.headSha, finding.path, finding.line);
}

/** The first 7 characters of a commit sha, or undefined when it is not hex. */
export function shortSha(sha: string | null | undefined): string | undefined {
  return sha && SHA.test(sha) ? sha.slice(0, 7).toLowerCase() : undefined;
}

/** True when the finding reaches the blocking threshold (`fail-on`); the scan layer owns the rule. */
export { isBlocking };

/** Most severe first; the input order is kept among equals. */
export function bySeverity<T>(items: readonly T[], finding: (item: T) => Finding): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[finding(b.item).severity] - SEVERITY_ORDER[finding(a.item).severity] || a.i - b.i,
    )
    .map((x) => x.item);
}

/**
 * The name of the GitHub Actions secret suggested for an environment variable. Secret names
 * hold only `A-Z`, `0-9` and `_`, must not start with a digit or with `GITHUB_` (reserved).
 */
export function secretNameFor(envVar: string): string {
  let name = envVar.toUpperCase().replace(/[^A-Z0-9_]+/g, '_');
  if (name.startsWith('GITHUB_')) name = `GH_${name.slice('GITHUB_'.length)}`;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return name || 'API_KEY';
}
