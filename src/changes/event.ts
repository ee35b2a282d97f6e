// Which reader an event needs: one switch from the workflow event to the change readers, so the
// pipeline does not repeat the payload plumbing. Also the check that the runner's event is usable
// at all (readWorkflowEvent), run before anything else.
import { readFileSync } from 'node:fs';
import type { Octokit } from '../github/client.js';
import type { ChangeSet, Repo } from './github-files.js';
import { readPullRequest } from './pull-request.js';
import { readCommit, readMergeGroup, readPush } from './push.js';

/** The part of @actions/github's context the readers use. */
export interface EventContext {
  eventName: string;
  /** GITHUB_SHA. */
  sha: string;
  repo: Repo;
  payload: Record<string, unknown>;
}

interface Payload {
  pull_request?: {
    number: number;
    head: { sha: string };
    base: { sha: string };
    commits?: number;
    changed_files?: number;
  };
  before?: string;
  after?: string;
  commits?: { id: string }[];
  size?: number;
  deleted?: boolean;
  repository?: { default_branch?: string };
  merge_group?: { base_sha: string; head_sha: string };
}

export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
export const COMMIT_EVENTS = ['workflow_dispatch', 'schedule', 'workflow_call', 'repository_dispatch'];

/** Events whose changes readEventChanges reads (discussion events are handled apart). */
export function carriesChanges(eventName: string): boolean {
  return (
    PULL_REQUEST_EVENTS.includes(eventName) ||
    eventName === 'push' ||
    eventName === 'merge_group' ||
    COMMIT_EVENTS.includes(eventName)
  );
}

/** The runner's event cannot be used: the message names the variable or file and what is wrong. */
export class EventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventError';
  }
}

/** Dotted payload paths each event's reader relies on, each with the type it must have. */
const REQUIRED: Record<string, [path: string, type: 'number' | 'string'][]> = {
  pull_request: [
    ['pull_request.number', 'number'],
    ['pull_request.head.sha', 'string'],
    ['pull_request.base.sha', 'string'],
  ],
  push: [
    ['before', 'string'],
    ['after', 'string'],
  ],
  merge_group: [
    ['merge_group.base_sha', 'string'],
    ['merge_group.head_sha', 'string'],
  ],
};
REQUIRED.pull_request_target = REQUIRED.pull_request!;

/**
 * Checks the event the runner hands over: GITHUB_EVENT_NAME, and GITHUB_EVENT_PATH naming a
 * readable file that holds a JSON object with what the event's reader needs. Throws EventError.
 * Runs before @actions/github is loaded: it parses the file while its modules load and, on a file
 * that is not JSON, would crash with a bare stack trace instead of an error naming the problem.
 * The file's content is never quoted (it may hold the very key being looked for).
 */
export function readWorkflowEvent(env: NodeJS.ProcessEnv): {
  eventName: string;
  payload: Record<string, unknown>;
} {
  const runner = 'the GitHub Actions runner sets it for every step; run api-key-guard as a workflow step';
  const eventName = env.GITHUB_EVENT_NAME?.trim();
  if (!eventName) throw new EventError(`GITHUB_EVENT_NAME is not set: ${runner}`);
  const path = env.GITHUB_EVENT_PATH;
  if (!path) throw new EventError(`GITHUB_EVENT_PATH is not set: ${runner}`);
  const at = `'${path}' (GITHUB_EVENT_PATH)`;
  const file = `the event file ${at}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new EventError(
      `${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`}`,
    );
  }
  if (text.trim() === '') throw new EventError(`${file} is empty`);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (err) {
    // Only the position: V8's message quotes the text around it.
    const position = /position (\d+)/.exec((err as Error).message);
    throw new EventError(`${file} is not valid JSON${position ? ` (at position ${position[1]})` : ''}`);
  }
  if (!isObject(payload)) throw new EventError(`${file} does not hold a JSON object`);
  const required = REQUIRED[eventName] ?? [];
  const top = required[0]?.[0].split('.')[0];
  if (top && required[0]![0].includes('.') && !isObject(payload[top]))
    throw new EventError(`the ${eventName} event file ${at} has no '${top}' object`);
  for (const [dotted, type] of required) {
    const value = dotted.split('.').reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), payload);
    if (typeof value !== type || value === '')
      throw new EventError(`the ${eventName} event file ${at} has no ${type} '${dotted}'`);
  }
  return { eventName, payload };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The changes of the event; null for an event that carries none (comments and the like). */
export async function readEventChanges(
  octokit: Octokit,
  event: EventContext,
  options: { scanCommits: boolean },
): Promise<ChangeSet | null> {
  const payload = event.payload as Payload;
  const { owner, repo } = event.repo;
  const pr = payload.pull_request;
  if (PULL_REQUEST_EVENTS.includes(event.eventName) && pr)
    return readPullRequest(octokit, {
      owner,
      repo,
      number: pr.number,
      headSha: pr.head.sha,
      baseSha: pr.base.sha,
      scanCommits: options.scanCommits,
      ...(pr.commits !== undefined ? { commitCount: pr.commits } : {}),
      ...(pr.changed_files !== undefined ? { changedFiles: pr.changed_files } : {}),
    });
  if (event.eventName === 'push' && payload.before && payload.after)
    return readPush(octokit, {
      owner,
      repo,
      before: payload.before,
      after: payload.after,
      ...(payload.commits ? { commits: payload.commits } : {}),
      ...(payload.size !== undefined ? { size: payload.size } : {}),
      ...(payload.deleted !== undefined ? { deleted: payload.deleted } : {}),
      ...(payload.repository?.default_branch ? { defaultBranch: payload.repository.default_branch } : {}),
    });
  if (event.eventName === 'merge_group' && payload.merge_group)
    return readMergeGroup(octokit, {
      owner,
      repo,
      baseSha: payload.merge_group.base_sha,
      headSha: payload.merge_group.head_sha,
    });
  if (COMMIT_EVENTS.includes(event.eventName) && event.sha)
    return readCommit(octokit, { owner, repo, sha: event.sha });
  return null;
}
