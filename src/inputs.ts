// The action's inputs, read once and checked in one place. Every input is read here with
// core.getInput, given its default, normalised and validated; a bad value fails with an error
// that names the input, quotes the value and lists what is accepted. Nothing else in the action
// calls core.getInput.
import * as core from '@actions/core';
import path from 'node:path';
import { DEFAULT_CONFIG_PATH } from './config.js';
import { FAIL_ON_VALUES, type FailOn } from './scan/collect.js';

export const COMMENT_MODES = ['review', 'summary', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Settings {
  githubToken: string;
  /** Lowest severity that fails the step. */
  failOn: FailOn;
  /** review: a PR review with inline comments; summary: one sticky comment; off: no comment. */
  comment: CommentMode;
  /** Workflow-command / check-run annotations on the lines. */
  annotations: boolean;
  language: Language;
  /** The config file, a normalised repository-relative POSIX path (no `./`, no `..`). */
  configPath: string;
  /** Scan every commit of a pull request, not only its net diff. */
  scanCommits: boolean;
  /** Absolute path to write SARIF to, inside GITHUB_WORKSPACE or RUNNER_TEMP; null: no SARIF file. */
  sarifFile: string | null;
  /** Also hide (minimize, as outdated) a comment that holds a key, besides replying to it. */
  minimizeComments: boolean;
}

/** A bad input value. The message names the input, quotes the value and says what is accepted. */
export class InputError extends Error {
  readonly input: string;

  constructor(input: string, message: string) {
    super(`input '${input}': ${message}`);
    this.name = 'InputError';
    this.input = input;
  }
}

/** Reads, defaults and validates every input of the action. Throws InputError. */
export function getSettings(): Settings {
  // Each input is read exactly once.
  const raw = (name: string) => core.getInput(name);
  const githubToken = raw('github-token');
  if (!githubToken)
    throw new InputError(
      'github-token',
      'is required: pass a token that can read the repository, such as ${{ github.token }}',
    );
  return {
    githubToken,
    failOn: oneOf('fail-on', raw('fail-on'), FAIL_ON_VALUES, 'medium'),
    comment: oneOf('comment', raw('comment'), COMMENT_MODES, 'review'),
    annotations: bool('annotations', raw('annotations'), true),
    language: oneOf('language', raw('language'), LANGUAGES, 'en'),
    configPath: repoPath('config', raw('config'), DEFAULT_CONFIG_PATH),
    scanCommits: bool('scan-commits', raw('scan-commits'), true),
    sarifFile: outputPath('sarif-file', raw('sarif-file'), process.env),
    minimizeComments: bool('minimize-comments', raw('minimize-comments'), false),
  };
}

/** An enumerated input: matched case-insensitively, empty means the default. */
export function oneOf<T extends string>(name: string, value: string, accepted: readonly T[], fallback: T): T {
  const v = value.trim();
  if (v === '') return fallback;
  const match = accepted.find((a) => a === v.toLowerCase());
  if (match === undefined) throw new InputError(name, `'${value}' is not one of ${accepted.join(', ')}`);
  return match;
}

/** A boolean input: exactly `true` or `false`, in any case; empty means the default. */
export function bool(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new InputError(name, `'${value}' is not one of true, false`);
}

/**
 * A path inside the repository, as the contents API takes it: relative, POSIX separators, no `..`
 * segment. Returned normalised (`./a//b.yml` → `a/b.yml`); empty means the default.
 */
export function repoPath(name: string, value: string, fallback: string): string {
  const v = value.trim();
  if (v === '') return fallback;
  const rule = 'must be a relative path inside the repository, without .. and not absolute';
  if (v.startsWith('/') || v.startsWith('\\') || /^[A-Za-z]:/.test(v) || v.includes('\\'))
    throw new InputError(name, `'${value}' ${rule} (use / as the separator)`);
  if (v.split('/').includes('..')) throw new InputError(name, `'${value}' ${rule}`);
  const normalised = path.posix.normalize(v).replace(/^(\.\/)+/, '');
  if (normalised === '.' || normalised === '' || normalised.endsWith('/'))
    throw new InputError(name, `'${value}' ${rule}, and must name a file`);
  return normalised;
}

/**
 * A file the action writes: a relative path is taken from GITHUB_WORKSPACE (else the current
 * directory); the result must stay inside GITHUB_WORKSPACE or RUNNER_TEMP, so `..` may be used only
 * while it does not escape them. Returns the absolute path, or null when the input is empty.
 */
export function outputPath(name: string, value: string, env: NodeJS.ProcessEnv): string | null {
  const v = value.trim();
  if (v === '') return null;
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  const roots = [workspace, ...(env.RUNNER_TEMP ? [path.resolve(env.RUNNER_TEMP)] : [])];
  const where = roots.length > 1 ? 'GITHUB_WORKSPACE or RUNNER_TEMP' : 'GITHUB_WORKSPACE';
  const resolved = path.resolve(workspace, v);
  const inside = (root: string) => {
    const rel = path.relative(root, resolved);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  };
  if (!roots.some(inside))
    throw new InputError(
      name,
      `'${value}' must be a file path inside ${where} (${roots.join(', ')}): a relative path, or an absolute one under them, that does not escape them with ..`,
    );
  if (/[\\/]$/.test(v)) throw new InputError(name, `'${value}' must name a file, not a directory`);
  return resolved;
}
