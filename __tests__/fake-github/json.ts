// GitHub-shaped JSON for the fake's objects, shared by the server (API responses) and the harness
// (event payloads). Field names and nesting follow api.github.com; values are synthetic but stable.
import { createHash } from 'node:crypto';
import type {
  CheckRun,
  Commit,
  DiffEntry,
  FakeRepo,
  Issue,
  IssueComment,
  PullRequest,
  Review,
  ReviewComment,
} from './repo.js';

export const WEB_URL = 'https://github.com';

/** A stable numeric id for a login. */
function userId(login: string): number {
  return login === 'github-actions[bot]'
    ? 41898282
    : parseInt(createHash('sha1').update(login).digest('hex').slice(0, 7), 16);
}

export function nodeId(prefix: string, id: number | string): string {
  return `${prefix}_kwFake${Buffer.from(String(id)).toString('base64url')}`;
}

export function userJson(api: string, login: string) {
  const id = userId(login);
  const bot = login.endsWith('[bot]');
  return {
    login,
    id,
    node_id: nodeId(bot ? 'BOT' : 'U', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    url: `${api}/users/${encodeURIComponent(login)}`,
    html_url: `${WEB_URL}/${bot ? `apps/${login.replace('[bot]', '')}` : login}`,
    type: bot ? 'Bot' : 'User',
    site_admin: false,
  };
}

export function repoJson(api: string, repo: FakeRepo, fork?: { owner: string }) {
  const owner = fork?.owner ?? repo.owner;
  const fullName = `${owner}/${repo.name}`;
  return {
    id: fork ? repo.id + 1 : repo.id,
    node_id: nodeId('R', fork ? repo.id + 1 : repo.id),
    name: repo.name,
    full_name: fullName,
    private: repo.private,
    owner: userJson(api, owner),
    html_url: `${WEB_URL}/${fullName}`,
    description: null,
    fork: Boolean(fork),
    url: `${api}/repos/${fullName}`,
    pulls_url: `${api}/repos/${fullName}/pulls{/number}`,
    default_branch: repo.defaultBranch,
    visibility: repo.private ? 'private' : 'public',
    archived: false,
    disabled: false,
  };
}

export function fileJson(api: string, repo: FakeRepo, f: DiffEntry, ref: string) {
  const path = f.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.changes,
    blob_url: `${WEB_URL}/${repo.fullName}/blob/${ref}/${path}`,
    raw_url: `${WEB_URL}/${repo.fullName}/raw/${ref}/${path}`,
    contents_url: `${api}/repos/${repo.fullName}/contents/${path}?ref=${ref}`,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    ...(f.previous_filename !== undefined ? { previous_filename: f.previous_filename } : {}),
  };
}

function gitUser(api: string, person: { name: string; email: string }) {
  return person.email === 'octocat@example.com' ? userJson(api, 'octocat') : null;
}

/** A commit as in lists (pull request commits, compare); add `files` for the single-commit shape. */
export function commitJson(api: string, repo: FakeRepo, c: Commit) {
  const url = `${api}/repos/${repo.fullName}`;
  return {
    sha: c.sha,
    node_id: nodeId('C', c.sha),
    commit: {
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { sha: c.treeSha, url: `${url}/git/trees/${c.treeSha}` },
      url: `${url}/git/commits/${c.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null },
    },
    url: `${url}/commits/${c.sha}`,
    html_url: `${WEB_URL}/${repo.fullName}/commit/${c.sha}`,
    comments_url: `${url}/commits/${c.sha}/comments`,
    author: gitUser(api, c.author),
    committer: gitUser(api, c.committer),
    parents: c.parents.map((sha) => ({
      sha,
      url: `${url}/commits/${sha}`,
      html_url: `${WEB_URL}/${repo.fullName}/commit/${sha}`,
    })),
  };
}

export function pullJson(api: string, repo: FakeRepo, pr: PullRequest) {
  const url = `${api}/repos/${repo.fullName}/pulls/${pr.number}`;
  const html = `${WEB_URL}/${repo.fullName}/pull/${pr.number}`;
  const head = pr.head;
  const base = pr.base;
  const files = pr.files;
  const headRepo = repoJson(api, repo, head.repo.fork ? { owner: head.repo.owner } : undefined);
  return {
    url,
    id: 900_000 + pr.number,
    node_id: nodeId('PR', pr.number),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/repos/${repo.fullName}/issues/${pr.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    comments_url: `${api}/repos/${repo.fullName}/issues/${pr.number}/comments`,
    statuses_url: `${api}/repos/${repo.fullName}/statuses/${head.sha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: userJson(api, pr.user),
    body: pr.body,
    labels: pr.labels.map((name, i) => ({ id: 5000 + i, name, color: 'ededed', default: false })),
    created_at: pr.createdAt,
    updated_at: pr.createdAt,
    closed_at: pr.state === 'closed' ? pr.createdAt : null,
    merged_at: pr.merged ? pr.createdAt : null,
    merge_commit_sha: pr.mergeCommitSha,
    draft: pr.draft,
    head: {
      label: `${head.repo.owner}:${head.ref}`,
      ref: head.ref,
      sha: head.sha,
      user: userJson(api, head.repo.owner),
      repo: headRepo,
    },
    base: {
      label: `${repo.owner}:${base.ref}`,
      ref: base.ref,
      sha: base.sha,
      user: userJson(api, repo.owner),
      repo: repoJson(api, repo),
    },
    author_association: head.repo.fork ? 'CONTRIBUTOR' : 'MEMBER',
    merged: pr.merged,
    mergeable: pr.state === 'open' ? true : null,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    comments: repo.issueComments.filter((c) => c.issue_number === pr.number).length,
    review_comments: repo.reviewComments.filter((c) => c.pull_number === pr.number).length,
    commits: pr.commits.length,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
  };
}

export function issueCommentJson(api: string, repo: FakeRepo, c: IssueComment) {
  return {
    id: c.id,
    node_id: c.node_id,
    url: `${api}/repos/${repo.fullName}/issues/comments/${c.id}`,
    html_url: `${WEB_URL}/${repo.fullName}/${repo.pulls.has(c.issue_number) ? 'pull' : 'issues'}/${c.issue_number}#issuecomment-${c.id}`,
    issue_url: `${api}/repos/${repo.fullName}/issues/${c.issue_number}`,
    body: c.body,
    user: userJson(api, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'NONE',
  };
}

export function reviewJson(api: string, repo: FakeRepo, r: Review) {
  return {
    id: r.id,
    node_id: r.node_id,
    user: userJson(api, r.user),
    body: r.body,
    state: r.state,
    html_url: `${WEB_URL}/${repo.fullName}/pull/${r.pull_number}#pullrequestreview-${r.id}`,
    pull_request_url: `${api}/repos/${repo.fullName}/pulls/${r.pull_number}`,
    commit_id: r.commit_id,
    author_association: 'NONE',
    ...(r.submitted_at ? { submitted_at: r.submitted_at } : {}),
  };
}

export function reviewCommentJson(api: string, repo: FakeRepo, c: ReviewComment) {
  return {
    id: c.id,
    node_id: c.node_id,
    pull_request_review_id: c.review_id,
    url: `${api}/repos/${repo.fullName}/pulls/comments/${c.id}`,
    html_url: `${WEB_URL}/${repo.fullName}/pull/${c.pull_number}#discussion_r${c.id}`,
    pull_request_url: `${api}/repos/${repo.fullName}/pulls/${c.pull_number}`,
    diff_hunk: c.diff_hunk,
    path: c.path,
    position: c.position,
    original_position: c.position,
    commit_id: c.commit_id,
    original_commit_id: c.commit_id,
    user: userJson(api, c.user),
    body: c.body,
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'NONE',
    line: c.line,
    original_line: c.line,
    side: c.side,
    start_line: c.start_line,
    original_start_line: c.start_line,
    start_side: c.start_side,
    subject_type: 'line',
    ...(c.in_reply_to_id ? { in_reply_to_id: c.in_reply_to_id } : {}),
  };
}

/** An issue that is not a pull request, as in `issues` event payloads and GET /issues/{n}. */
export function issueJson(api: string, repo: FakeRepo, issue: Issue) {
  const url = `${api}/repos/${repo.fullName}/issues/${issue.number}`;
  return {
    url,
    repository_url: `${api}/repos/${repo.fullName}`,
    comments_url: `${url}/comments`,
    html_url: `${WEB_URL}/${repo.fullName}/issues/${issue.number}`,
    id: 800_000 + issue.number,
    node_id: issue.node_id,
    number: issue.number,
    title: issue.title,
    user: userJson(api, issue.user),
    labels: [],
    state: issue.state,
    locked: false,
    comments: repo.issueComments.filter((c) => c.issue_number === issue.number).length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: null,
    author_association: 'NONE',
    body: issue.body,
  };
}

export function checkRunJson(api: string, repo: FakeRepo, run: CheckRun) {
  const url = `${api}/repos/${repo.fullName}/check-runs/${run.id}`;
  return {
    id: run.id,
    node_id: nodeId('CR', run.id),
    head_sha: run.head_sha,
    external_id: run.external_id ?? '',
    url,
    html_url: `${WEB_URL}/${repo.fullName}/runs/${run.id}`,
    details_url: run.details_url,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    name: run.name,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    check_suite: { id: 800_000 + run.id },
    app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' },
    pull_requests: [],
  };
}
