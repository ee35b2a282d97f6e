// Runs the bundled action (dist/index.js) the way the GitHub Actions runner does, against the fake
// GitHub API: the event payload in a file, the GITHUB_* variables, one INPUT_<NAME> per input
// (action.yml defaults included), file commands (step summary, outputs) in temp files, and the
// workflow commands on stdout (annotations, masks) parsed back.
//
//   const fake = await startFakeGitHub(repo);
//   const result = await runAction({ fake, ...events.pullRequest(fake, 1), inputs: { 'fail-on': 'high' } });
//   result.code, result.annotations, result.summary, result.outputs
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  issueCommentJson,
  issueJson,
  nodeId,
  pullJson,
  repoJson,
  reviewCommentJson,
  userJson,
  WEB_URL,
} from './json.js';
import type { FakeGitHub } from './server.js';
import type { Commit, FakeRepo } from './repo.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ACTION_ENTRY = join(PROJECT_ROOT, 'dist', 'index.js');

type Payload = Record<string, unknown>;

export interface RunActionOptions {
  fake: FakeGitHub;
  /** GITHUB_EVENT_NAME, e.g. 'pull_request'. */
  event: string;
  payload: Payload;
  /** Inputs by their action.yml name ('fail-on'); undeclared inputs are passed too. */
  inputs?: Record<string, string>;
  /** Extra variables; undefined removes one. Applied last. */
  env?: Record<string, string | undefined>;
  /** What `${{ github.token }}` expands to in input defaults; default the fake's first write token. */
  token?: string;
  /** GITHUB_SHA / GITHUB_REF; by default derived from the event and payload as the runner does. */
  sha?: string;
  ref?: string;
  /** Files to put in GITHUB_WORKSPACE (empty by default, as without actions/checkout). */
  workspaceFiles?: Record<string, string>;
  /** The script to run; default dist/index.js. */
  entry?: string;
  /** Killed after this long; default 30 s. */
  timeoutMs?: number;
  /** Keep the temp directory (workspace, RUNNER_TEMP, event file) for inspection; the caller removes it. */
  keepTemp?: boolean;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

export interface ActionResult {
  /** Exit code; null when killed (see timedOut). */
  code: number | null;
  timedOut: boolean;
  /** Exactly what the process wrote, workflow commands included. */
  stdout: string;
  stderr: string;
  /** stdout with the runner's masking applied: ::add-mask:: lines dropped, masked values as ***. */
  log: string;
  /** The job summary written through GITHUB_STEP_SUMMARY. */
  summary: string;
  /** Outputs written through GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** ::error / ::warning / ::notice commands, unescaped. */
  annotations: Annotation[];
  /** Values registered with ::add-mask::. */
  masks: string[];
  /** Every workflow command, in order. */
  commands: WorkflowCommand[];
  /** GITHUB_WORKSPACE and RUNNER_TEMP of the run; removed afterwards unless keepTemp. */
  workspace: string;
  runnerTemp: string;
}

// ---------------------------------------------------------------------------------------------
// Workflow commands and file commands

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

/** Parses `::name key=value,key=value::message` lines, honouring ::stop-commands::. */
export function parseCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const m = /^::([A-Za-z][\w-]*)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
    }
    const command = { command: m[1]!, properties, message: unescapeData(m[3]!) };
    if (command.command === 'stop-commands') stopToken = command.message;
    else commands.push(command);
  }
  return commands;
}

export function annotationsOf(commands: WorkflowCommand[]): Annotation[] {
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return commands
    .filter((c) => c.command === 'error' || c.command === 'warning' || c.command === 'notice')
    .map((c) => {
      const p = c.properties;
      const a: Annotation = { level: c.command as Annotation['level'], message: c.message };
      if (p.title !== undefined) a.title = p.title;
      if (p.file !== undefined) a.file = p.file;
      if (p.line !== undefined) a.line = num(p.line);
      if (p.endLine !== undefined) a.endLine = num(p.endLine);
      if ((p.col ?? p.column) !== undefined) a.col = num(p.col ?? p.column);
      if (p.endColumn !== undefined) a.endColumn = num(p.endColumn);
      return a;
    });
}

/** Parses a GITHUB_OUTPUT / GITHUB_ENV file: `name=value` lines and `name<<DELIMITER` heredocs. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const heredoc = line.indexOf('<<');
    const eq = line.indexOf('=');
    if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
      if (i >= lines.length) throw new Error(`file command: no closing '${delimiter}' for '${name}'`);
      out[name] = value.join('\n');
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`file command: cannot parse line '${line}'`);
    }
  }
  return out;
}

function renderLog(stdout: string, masks: string[]): string {
  const sorted = [...masks].filter(Boolean).sort((a, b) => b.length - a.length);
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .map((line) => sorted.reduce((l, m) => l.split(m).join('***'), line))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// The runner's environment

interface ActionYml {
  inputs?: Record<string, { default?: unknown }>;
}

/** The runner's INPUT_ name: upper case, spaces to underscores, dashes kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function inputDefaults(token: string): Record<string, string> {
  const action = parseYaml(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as ActionYml;
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const raw = spec?.default === undefined || spec.default === null ? '' : String(spec.default);
    out[name] = raw.replace(/\$\{\{\s*github\.token\s*\}\}/g, token);
  }
  return out;
}

/** GITHUB_SHA, GITHUB_REF and the head/base refs the runner sets for an event. */
export function contextFor(
  state: FakeRepo,
  event: string,
  payload: Payload,
): { sha: string; ref: string; headRef: string; baseRef: string } {
  const pr = payload.pull_request as
    | { number: number; merge_commit_sha: string; head: { ref: string }; base: { ref: string; sha: string } }
    | undefined;
  const defaults = {
    sha: state.branchSha(state.defaultBranch),
    ref: `refs/heads/${state.defaultBranch}`,
    headRef: '',
    baseRef: '',
  };
  if (event === 'pull_request' && pr)
    return {
      sha: pr.merge_commit_sha,
      ref: `refs/pull/${pr.number}/merge`,
      headRef: pr.head.ref,
      baseRef: pr.base.ref,
    };
  if (event === 'pull_request_target' && pr)
    return { sha: pr.base.sha, ref: `refs/heads/${pr.base.ref}`, headRef: pr.head.ref, baseRef: pr.base.ref };
  if (event === 'push') return { ...defaults, sha: String(payload.after), ref: String(payload.ref) };
  if (event === 'merge_group') {
    const group = payload.merge_group as { head_sha: string; head_ref: string };
    return { ...defaults, sha: group.head_sha, ref: group.head_ref };
  }
  if (event === 'workflow_dispatch' && typeof payload.ref === 'string')
    return { ...defaults, sha: state.resolveRef(payload.ref) ?? defaults.sha, ref: payload.ref };
  return defaults;
}

const STRIPPED =
  /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|STATE_)|^(https?_proxy|all_proxy|no_proxy|NODE_OPTIONS)$/i;

/** Runs the action once and collects what the runner would see. */
export async function runAction(options: RunActionOptions): Promise<ActionResult> {
  const { fake, event, payload } = options;
  const state = fake.state;
  const root = await mkdtemp(join(tmpdir(), 'akg-action-'));
  try {
    const workspace = join(root, 'workspace');
    const runnerTemp = join(root, 'temp');
    const files = join(runnerTemp, '_runner_file_commands');
    await mkdir(workspace, { recursive: true });
    await mkdir(files, { recursive: true });
    await mkdir(join(runnerTemp, '_github_workflow'), { recursive: true });
    for (const [path, text] of Object.entries(options.workspaceFiles ?? {})) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await writeFile(join(workspace, path), text);
    }
    const eventPath = join(runnerTemp, '_github_workflow', 'event.json');
    await writeFile(eventPath, JSON.stringify(payload, null, 2));
    const fileCommand = async (name: string) => {
      const path = join(files, `${name}_fake`);
      await writeFile(path, '');
      return path;
    };
    const summaryPath = await fileCommand('step_summary');
    const outputPath = await fileCommand('set_output');
    const ctx = contextFor(state, event, payload);

    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !STRIPPED.test(k)) env[k] = v;
    Object.assign(env, {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION: '__api-key-guard',
      GITHUB_ACTION_PATH: PROJECT_ROOT,
      GITHUB_ACTOR: 'octocat',
      GITHUB_API_URL: fake.url,
      GITHUB_GRAPHQL_URL: fake.graphqlUrl,
      GITHUB_SERVER_URL: WEB_URL,
      GITHUB_REPOSITORY: state.fullName,
      GITHUB_REPOSITORY_OWNER: state.owner,
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: options.sha ?? ctx.sha,
      GITHUB_REF: options.ref ?? ctx.ref,
      GITHUB_REF_NAME: (options.ref ?? ctx.ref).replace(/^refs\/(heads|tags|pull)\//, ''),
      GITHUB_HEAD_REF: ctx.headRef,
      GITHUB_BASE_REF: ctx.baseRef,
      GITHUB_RUN_ID: '4242424242',
      GITHUB_RUN_NUMBER: '7',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'scan',
      GITHUB_WORKFLOW: 'api-key-guard',
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_ENV: await fileCommand('set_env'),
      GITHUB_STATE: await fileCommand('save_state'),
      GITHUB_PATH: await fileCommand('add_path'),
      RUNNER_TEMP: runnerTemp,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: 'fake-runner',
      RUNNER_ENVIRONMENT: 'github-hosted',
    });
    const inputs = { ...inputDefaults(options.token ?? state.defaultToken), ...options.inputs };
    for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
    for (const [k, v] of Object.entries(options.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }

    const { code, stdout, stderr, timedOut } = await spawnNode(
      options.entry ?? ACTION_ENTRY,
      workspace,
      env,
      options.timeoutMs ?? 30_000,
    );
    const commands = parseCommands(stdout);
    const masks = commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
    return {
      code,
      timedOut,
      stdout,
      stderr,
      log: renderLog(stdout, masks),
      summary: await readFile(summaryPath, 'utf8'),
      outputs: parseFileCommand(await readFile(outputPath, 'utf8')),
      annotations: annotationsOf(commands),
      masks,
      commands,
      workspace,
      runnerTemp,
    };
  } finally {
    if (!options.keepTemp) await rm(root, { recursive: true, force: true });
  }
}

function spawnNode(
  entry: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolvePromise, reject) => {
    // No shell: variable names such as INPUT_FAIL-ON are not valid shell identifiers.
    const child = spawn(process.execPath, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, timedOut });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Posting as someone else

export interface ApiAnswer {
  status: number;
  // Response bodies are GitHub's JSON; tests read the fields they need.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/**
 * One API call to the fake with `token` (see FakeRepo.addToken): what another user, such as the
 * pull request's author or an attacker, would send. `path` is relative to the repository
 * (`/pulls/1/reviews`) unless it starts with `//` (`//user`, `//graphql`: from the API root).
 */
export async function apiAs(
  fake: FakeGitHub,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const url = path.startsWith('//')
    ? `${fake.url}${path.slice(1)}`
    : `${fake.url}/repos/${fake.state.fullName}${path}`;
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${token}`,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

// ---------------------------------------------------------------------------------------------
// Leak checks

/**
 * Every place `secret` shows up in what the action produced or sent: stdout (apart from the
 * ::add-mask:: command that registers it, which the runner never shows), stderr, summary,
 * outputs, annotations, and each recorded request's path, query, headers and body.
 */
export function findLeaks(secret: string, where: { result?: ActionResult; fake?: FakeGitHub }): string[] {
  const leaks: string[] = [];
  const r = where.result;
  if (r) {
    const stdout = r.stdout
      .split('\n')
      .filter((l) => l !== `::add-mask::${secret}`)
      .join('\n');
    if (stdout.includes(secret)) leaks.push('stdout');
    if (r.stderr.includes(secret)) leaks.push('stderr');
    if (r.summary.includes(secret)) leaks.push('summary');
    for (const [name, value] of Object.entries(r.outputs))
      if (value.includes(secret)) leaks.push(`output ${name}`);
    r.annotations.forEach((a, i) => {
      if (JSON.stringify(a).includes(JSON.stringify(secret).slice(1, -1))) leaks.push(`annotation ${i}`);
    });
  }
  for (const req of where.fake?.requests ?? []) {
    const at = `request #${req.seq} ${req.method} ${req.path}`;
    if (req.path.includes(secret) || decodeURIComponent(req.path).includes(secret)) leaks.push(`${at} path`);
    if (Object.values(req.query).some((v) => v.includes(secret))) leaks.push(`${at} query`);
    if (req.body.includes(secret) || req.body.includes(JSON.stringify(secret).slice(1, -1)))
      leaks.push(`${at} body`);
    if (Object.values(req.headers).some((v) => v.includes(secret))) leaks.push(`${at} headers`);
  }
  return leaks;
}

// ---------------------------------------------------------------------------------------------
// Event payloads built from the fake's state

export interface EventSpec {
  event: string;
  payload: Payload;
}

const ZERO_SHA = '0000000000000000000000000000000000000000';

function pushCommitJson(fake: FakeGitHub, c: Commit) {
  const added: string[] = [];
  const removed: string[] = [];
  const modified: string[] = [];
  for (const f of c.files) {
    if (f.status === 'added') added.push(f.filename);
    else if (f.status === 'removed') removed.push(f.filename);
    else if (f.status === 'renamed') {
      added.push(f.filename);
      removed.push(f.previous_filename!);
    } else modified.push(f.filename);
  }
  const person = (p: Commit['author']) => ({ name: p.name, email: p.email, username: p.email.split('@')[0] });
  return {
    id: c.sha,
    tree_id: c.treeSha,
    distinct: true,
    message: c.message,
    timestamp: c.author.date,
    url: `${WEB_URL}/${fake.state.fullName}/commit/${c.sha}`,
    author: person(c.author),
    committer: person(c.committer),
    added,
    removed,
    modified,
  };
}

export interface PullRequestEventOptions {
  action?: string;
  before?: string;
  sender?: string;
  /** New title / description, stored in the fake's state first (as an `edited` event follows an edit). */
  title?: string;
  body?: string | null;
}

function pullRequestEvent(
  fake: FakeGitHub,
  event: 'pull_request' | 'pull_request_target',
  number: number,
  options: PullRequestEventOptions,
): EventSpec {
  const state = fake.state;
  const pr = state.pulls.get(number);
  if (!pr) throw new Error(`fake repo: no pull request #${number}`);
  if (options.title !== undefined) pr.title = options.title;
  if (options.body !== undefined) pr.body = options.body;
  const action = options.action ?? 'opened';
  const payload: Payload = {
    action,
    number,
    pull_request: pullJson(fake.url, state, pr),
    repository: repoJson(fake.url, state),
    sender: userJson(fake.url, options.sender ?? pr.user),
  };
  if (action === 'synchronize') {
    payload.before = options.before ?? pr.commits.at(-2)?.sha ?? pr.mergeBase;
    payload.after = pr.head.sha;
  }
  return { event, payload };
}

export const events = {
  /** `pull_request` (action 'opened' by default; 'synchronize' adds before/after). */
  pullRequest(fake: FakeGitHub, number: number, options: PullRequestEventOptions = {}) {
    return pullRequestEvent(fake, 'pull_request', number, options);
  },

  /** `pull_request_target`: the same payload; GITHUB_SHA is the base branch head. */
  pullRequestTarget(fake: FakeGitHub, number: number, options: PullRequestEventOptions = {}) {
    return pullRequestEvent(fake, 'pull_request_target', number, options);
  },

  /** `push` of a branch (default: the default branch) from `before` (default: the head's parent) to its head. */
  push(fake: FakeGitHub, options: { branch?: string; before?: string; after?: string } = {}): EventSpec {
    const state = fake.state;
    const branch = options.branch ?? state.defaultBranch;
    const after = options.after ?? state.branchSha(branch);
    const before = options.before ?? state.getCommit(after).parents[0] ?? ZERO_SHA;
    const commits = (
      before === ZERO_SHA ? [state.getCommit(after)] : state.commitsBetween(before, after)
    ).slice(-20);
    return {
      event: 'push',
      payload: {
        ref: `refs/heads/${branch}`,
        before,
        after,
        created: before === ZERO_SHA,
        deleted: false,
        forced: false,
        base_ref: null,
        compare: `${WEB_URL}/${state.fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
        commits: commits.map((c) => pushCommitJson(fake, c)),
        head_commit: pushCommitJson(fake, state.getCommit(after)),
        repository: repoJson(fake.url, state),
        pusher: { name: 'octocat', email: 'octocat@example.com' },
        sender: userJson(fake.url, 'octocat'),
      },
    };
  },

  /**
   * `merge_group` for a pull request: creates the merge queue branch
   * gh-readonly-queue/<base>/pr-<n>-<base sha> at the pull request merged into its base.
   */
  mergeGroup(fake: FakeGitHub, number: number): EventSpec {
    const state = fake.state;
    const pr = state.pulls.get(number);
    if (!pr) throw new Error(`fake repo: no pull request #${number}`);
    const baseSha = pr.base.sha;
    const headSha = pr.mergeCommitSha;
    const branch = `gh-readonly-queue/${pr.base.ref}/pr-${number}-${baseSha}`;
    state.branches.set(branch, headSha);
    const head = state.getCommit(headSha);
    return {
      event: 'merge_group',
      payload: {
        action: 'checks_requested',
        merge_group: {
          head_sha: headSha,
          head_ref: `refs/heads/${branch}`,
          base_sha: baseSha,
          base_ref: `refs/heads/${pr.base.ref}`,
          head_commit: {
            id: head.sha,
            tree_id: head.treeSha,
            message: `${pr.title} (#${number})`,
            timestamp: head.author.date,
            author: { name: head.author.name, email: head.author.email },
            committer: { name: head.committer.name, email: head.committer.email },
          },
        },
        repository: repoJson(fake.url, state),
        sender: userJson(fake.url, 'octocat'),
      },
    };
  },

  /** `workflow_dispatch` on a branch (default: the default branch). */
  workflowDispatch(
    fake: FakeGitHub,
    options: { branch?: string; inputs?: Record<string, string> } = {},
  ): EventSpec {
    const state = fake.state;
    return {
      event: 'workflow_dispatch',
      payload: {
        inputs: options.inputs ?? null,
        ref: `refs/heads/${options.branch ?? state.defaultBranch}`,
        repository: repoJson(fake.url, state),
        sender: userJson(fake.url, 'octocat'),
        workflow: '.github/workflows/api-key-guard.yml',
      },
    };
  },

  /**
   * `issue_comment` (action 'created' by default) on a pull request or an issue; the comment is
   * also added to the fake's state.
   */
  issueComment(
    fake: FakeGitHub,
    number: number,
    options: { body?: string; user?: string; action?: string } = {},
  ): EventSpec {
    const state = fake.state;
    const pr = state.pulls.get(number);
    const plain = state.issues.get(number);
    if (!pr && !plain) throw new Error(`fake repo: no pull request or issue #${number}`);
    const id = state.nextId();
    const at = state.now();
    const comment = {
      id,
      node_id: nodeId('IC', id),
      issue_number: number,
      body: options.body ?? '/api-key-guard rescan',
      user: options.user ?? 'octocat',
      created_at: at,
      updated_at: at,
      minimized: null,
    };
    state.issueComments.push(comment);
    let issue: Payload;
    if (pr) {
      const pull = pullJson(fake.url, state, pr);
      issue = {
        url: pull.issue_url,
        repository_url: `${fake.url}/repos/${state.fullName}`,
        html_url: pull.html_url,
        id: pull.id,
        node_id: nodeId('PR', number),
        number,
        title: pr.title,
        user: pull.user,
        labels: pull.labels,
        state: pr.state,
        locked: false,
        comments: state.issueComments.filter((c) => c.issue_number === number).length,
        created_at: pr.createdAt,
        updated_at: at,
        body: pr.body,
        pull_request: {
          url: pull.url,
          html_url: pull.html_url,
          diff_url: pull.diff_url,
          patch_url: pull.patch_url,
          merged_at: pull.merged_at,
        },
      };
    } else issue = issueJson(fake.url, state, plain!);
    return {
      event: 'issue_comment',
      payload: {
        action: options.action ?? 'created',
        issue,
        comment: issueCommentJson(fake.url, state, comment),
        repository: repoJson(fake.url, state),
        sender: userJson(fake.url, comment.user),
      },
    };
  },

  /**
   * `pull_request_review_comment` (action 'created' by default): a comment on the first line of
   * the pull request's first file, or a reply in the thread of `inReplyTo`; added to the state.
   */
  reviewComment(
    fake: FakeGitHub,
    number: number,
    options: { body?: string; user?: string; action?: string; inReplyTo?: number } = {},
  ): EventSpec {
    const state = fake.state;
    const pr = state.pulls.get(number);
    if (!pr) throw new Error(`fake repo: no pull request #${number}`);
    const parent = state.reviewComments.find((c) => c.id === options.inReplyTo);
    if (options.inReplyTo !== undefined && !parent)
      throw new Error(`fake repo: no review comment ${options.inReplyTo}`);
    const file = pr.files[0];
    if (!file) throw new Error(`fake repo: pull request #${number} changes no file`);
    const id = state.nextId();
    const at = state.now();
    const comment = {
      id,
      node_id: nodeId('PRRC', id),
      review_id: state.nextId(),
      pull_number: number,
      path: parent?.path ?? file.filename,
      line: parent?.line ?? 1,
      side: 'RIGHT' as const,
      start_line: null,
      start_side: null,
      position: null,
      body: options.body ?? 'Looks good.',
      commit_id: pr.head.sha,
      user: options.user ?? 'octocat',
      created_at: at,
      updated_at: at,
      diff_hunk: parent?.diff_hunk ?? (file.patch ?? '').split('\n')[0]!,
      minimized: null,
      in_reply_to_id: parent?.id ?? null,
    };
    state.reviewComments.push(comment);
    return {
      event: 'pull_request_review_comment',
      payload: {
        action: options.action ?? 'created',
        comment: reviewCommentJson(fake.url, state, comment),
        pull_request: pullJson(fake.url, state, pr),
        repository: repoJson(fake.url, state),
        sender: userJson(fake.url, comment.user),
      },
    };
  },

  /** `issues` (action 'opened' by default) for an issue made with `repo.issue(...)`. */
  issue(fake: FakeGitHub, number: number, options: { action?: string } = {}): EventSpec {
    const state = fake.state;
    const issue = state.issues.get(number);
    if (!issue) throw new Error(`fake repo: no issue #${number}`);
    return {
      event: 'issues',
      payload: {
        action: options.action ?? 'opened',
        issue: issueJson(fake.url, state, issue),
        repository: repoJson(fake.url, state),
        sender: userJson(fake.url, issue.user),
      },
    };
  },
};
