// What a pull request adds, read through the REST API: the net diff (`GET /pulls/{n}/files`) and,
// with scanCommits, every commit on its own (`GET /pulls/{n}/commits`, then `GET /commits/{sha}`),
// so a key added in one commit and deleted in a later one is still found, with that commit's sha.
//
// API reads for a pull request of F files and C commits, when GitHub gives every patch:
// ceil(F/100) file pages + ceil(C/100) commit pages + C commits (+1 for a commit of more than 300
// files, +1 `GET /pulls/{n}` only when the payload gave no commit count and 250 were listed).
// Files without a patch add a blob read each (binary names excepted), an old-version read each at
// most, and one comparison for the merge base.
import type { Octokit } from '../github/client.js';
import {
  commentableLines,
  GitHubFiles,
  MAX_LISTED_FILES,
  type ChangeSet,
  type DiffEntry,
  type Repo,
} from './github-files.js';

export interface PullRequestTarget extends Repo {
  number: number;
  headSha: string;
  baseSha: string;
  /** Read every commit as well as the net diff. */
  scanCommits: boolean;
  /** `pull_request.commits` of the event payload, when known. */
  commitCount?: number;
  /** `pull_request.changed_files` of the event payload, when known. */
  changedFiles?: number;
}

/** `GET /pulls/{n}/commits` lists at most this many commits. */
export const MAX_PR_COMMITS = 250;

export async function readPullRequest(octokit: Octokit, pr: PullRequestTarget): Promise<ChangeSet> {
  const { owner, repo } = pr;
  const reader = new GitHubFiles(octokit, { owner, repo });

  const entries: DiffEntry[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number: pr.number,
    per_page: 100,
  }))
    entries.push(...page.data);
  if (entries.length >= MAX_LISTED_FILES || (pr.changedFiles ?? 0) > entries.length)
    reader.note(
      `GitHub lists at most ${MAX_LISTED_FILES} files of a pull request${pr.changedFiles ? ` (this one changes ${pr.changedFiles})` : ''}: the net diff of the others was not read${pr.scanCommits ? '; their commits were' : ''}.`,
    );

  const commits = pr.scanCommits ? await listCommits(octokit, pr, reader) : [];

  // The net diff is against the merge base; asked for only when a file has no patch.
  const mergeBase = async () => {
    try {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${pr.baseSha}...${pr.headSha}`,
        per_page: 1,
      });
      return data.merge_base_commit.sha;
    } catch {
      return pr.baseSha;
    }
  };
  const files = [...(await reader.scanned(entries, null, mergeBase)), ...(await reader.commitFiles(commits))];
  return { files, commentableLines: commentableLines(entries), notes: reader.notes, stats: reader.stats };
}

/** The shas of the pull request's commits, oldest first; empty when GitHub cannot list them all. */
async function listCommits(octokit: Octokit, pr: PullRequestTarget, reader: GitHubFiles): Promise<string[]> {
  const { owner, repo } = pr;
  const shas: string[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listCommits, {
    owner,
    repo,
    pull_number: pr.number,
    per_page: 100,
  }))
    shas.push(...page.data.map((c) => c.sha));
  let total = pr.commitCount;
  if (total === undefined && shas.length >= MAX_PR_COMMITS)
    total = (await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number })).data.commits;
  if ((total ?? shas.length) > MAX_PR_COMMITS || shas.length > MAX_PR_COMMITS) {
    reader.note(
      `This pull request has ${total ?? 'more than ' + MAX_PR_COMMITS} commits and GitHub lists at most ${MAX_PR_COMMITS}: only the net diff was scanned, so a key added and then removed in between would not be seen.`,
    );
    return [];
  }
  if (shas.length && shas[shas.length - 1] !== pr.headSha)
    reader.note(
      `The pull request changed while this run read it (its last commit is ${shas[shas.length - 1]!.slice(0, 7)}, the run is for ${pr.headSha.slice(0, 7)}); the next run will cover the new commits.`,
    );
  return shas;
}
