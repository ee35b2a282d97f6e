// Where the action's config comes from: the config file read through the contents API at the BASE
// of the change (a pull request's base commit, the commit before a push, the default branch for a
// new branch or a manual run), never from the changes being scanned, so a pull request cannot
// switch its own scan off. A missing file means the defaults; a malformed one is a ConfigError
// naming the file and the ref, which fails the run.
import type { Octokit } from './github/client.js';
import { ConfigError, parseConfig, resolveScan, type EffectiveScan, type GuardConfig } from './config.js';

export interface LoadedConfig {
  config: GuardConfig;
  scan: EffectiveScan;
  /** `path@ref` the config was read from; null when there is no config file (the defaults). */
  source: string | null;
}

export interface ConfigLocation {
  owner: string;
  repo: string;
  /** Repository-relative path, as Settings.configPath gives it. */
  path: string;
  /** A commit sha or branch; undefined is the repository's default branch. */
  ref: string | undefined;
}

interface EventLike {
  eventName: string;
  payload: {
    pull_request?: { base?: { sha?: string } };
    before?: string;
    merge_group?: { base_sha?: string };
    repository?: { default_branch?: string };
  };
}

/**
 * The ref to read the config at: the base of what the event changes. Undefined means the default
 * branch (the contents API's own default).
 */
export function configRef(event: EventLike): string | undefined {
  const { payload } = event;
  const defaultBranch = payload.repository?.default_branch;
  const prBase = payload.pull_request?.base?.sha;
  if (prBase) return prBase;
  if (event.eventName === 'push' && payload.before && !/^0+$/.test(payload.before)) return payload.before;
  if (event.eventName === 'merge_group' && payload.merge_group?.base_sha) return payload.merge_group.base_sha;
  return defaultBranch;
}

function shortRef(ref: string | undefined): string {
  if (ref === undefined) return 'the default branch';
  return /^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 7) : ref;
}

const defaults = (): LoadedConfig => ({ config: {}, scan: resolveScan({}), source: null });

/** Reads, parses and resolves the config at `ref`. Throws ConfigError for a malformed file. */
export async function readConfig(octokit: Octokit, where: ConfigLocation): Promise<LoadedConfig> {
  const { owner, repo, path, ref } = where;
  const source = `${path}@${shortRef(ref)}`;
  let data;
  try {
    ({ data } = await octokit.rest.repos.getContent({ owner, repo, path, ...(ref ? { ref } : {}) }));
  } catch (err) {
    if ((err as { status?: number }).status === 404) return defaults();
    throw new Error(`could not read the config ${source}: ${(err as Error).message}`, { cause: err });
  }
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
    throw new ConfigError(source, 'is not a file');
  if (data.encoding !== 'base64' || (data.content === '' && data.size > 0))
    throw new ConfigError(source, `is too large (${data.size} bytes)`);
  const text = Buffer.from(data.content, 'base64').toString('utf8');
  const config = parseConfig(text, source);
  return { config, scan: resolveScan(config, source), source };
}
