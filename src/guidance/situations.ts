// Which remediation a finding needs, decided only from where the key was found: the file it sits
// in, the text it came from, and whether a later commit removed it. Pure; the catalogue
// (catalogue-en.ts, catalogue-ko.ts) words each situation and the renderers lay the steps out.
import type { BodyReason } from '../report/context.js';
import type { Finding } from '../scan/types.js';

export type Situation =
  /** Every finding: the key was exposed, so it is revoked and replaced first. */
  | 'revoke'
  /** In a pull request's title, description or a comment: edit it out. */
  | 'discussion'
  /** A committed `.env` or credential file: take it out of the index, ignore it. */
  | 'untrack-file'
  /** A CI configuration file: the CI's encrypted secrets. */
  | 'ci-secret'
  /** A Dockerfile: a build secret or the runtime environment, never ENV/ARG. */
  | 'docker-build'
  /** Ordinary code or configuration: an environment variable filled from a secret store. */
  | 'environment'
  /** Added, then removed by a later commit: still in the branch history. */
  | 'history';

/** The order steps are listed in: revoke first, the history last. */
export const SITUATIONS: readonly Situation[] = [
  'revoke',
  'discussion',
  'untrack-file',
  'ci-secret',
  'docker-build',
  'environment',
  'history',
];

export type CiSystem =
  'github' | 'gitlab' | 'circleci' | 'azure' | 'bitbucket' | 'travis' | 'jenkins' | 'other';

function normal(path: string): { full: string; base: string } {
  const full = path.replace(/\\/g, '/');
  return { full, base: full.slice(full.lastIndexOf('/') + 1) };
}

/** The CI system whose configuration the path is, or undefined. */
export function ciSystemOf(path: string): CiSystem | undefined {
  const { full, base } = normal(path);
  const lower = base.toLowerCase();
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(full)) return 'github';
  if (
    lower === '.gitlab-ci.yml' ||
    lower === '.gitlab-ci.yaml' ||
    /(^|\/)\.gitlab\/ci\/.+\.ya?ml$/.test(full)
  )
    return 'gitlab';
  if (/(^|\/)\.circleci\/config\.ya?ml$/.test(full)) return 'circleci';
  if (/^azure-pipelines[^/]*\.ya?ml$/.test(lower)) return 'azure';
  if (lower === 'bitbucket-pipelines.yml') return 'bitbucket';
  if (lower === '.travis.yml') return 'travis';
  if (base === 'Jenkinsfile' || base.startsWith('Jenkinsfile.') || lower.endsWith('.jenkinsfile'))
    return 'jenkins';
  if (
    [
      '.drone.yml',
      '.woodpecker.yml',
      'appveyor.yml',
      '.appveyor.yml',
      'cloudbuild.yaml',
      'cloudbuild.yml',
    ].includes(lower) ||
    /(^|\/)\.buildkite\/pipeline[^/]*\.ya?ml$/.test(full) ||
    /(^|\/)\.woodpecker\/[^/]+\.ya?ml$/.test(full)
  )
    return 'other';
  return undefined;
}

/** True for a CI configuration file (GitHub workflows, GitLab CI, CircleCI, Azure, Jenkins, …). */
export function isCiConfigPath(path: string): boolean {
  return ciSystemOf(path) !== undefined;
}

// `.env.example` and its kin are committed on purpose, with placeholders for others to copy.
const DOTENV_TEMPLATES = new Set(['example', 'sample', 'template', 'dist', 'defaults']);

/** True for `.env` and `.env.*` (`.env.local`, `.env.production`), not for templates such as `.env.example`. */
export function isDotenvPath(path: string): boolean {
  const base = normal(path).base.toLowerCase();
  if (base === '.env') return true;
  if (!base.startsWith('.env.')) return false;
  return !base
    .slice('.env.'.length)
    .split('.')
    .some((part) => DOTENV_TEMPLATES.has(part));
}

// `Dockerfile.prod` is a Dockerfile; `dockerfile.ts` or `Dockerfile.md` is code or prose about one.
const NOT_A_DOCKERFILE = /\.(ts|js|mjs|cjs|py|go|rb|java|kt|rs|md|txt|json|ya?ml)$/i;

/** True for `Dockerfile`, `Dockerfile.prod`, `api.dockerfile` and `Containerfile`. */
export function isDockerfilePath(path: string): boolean {
  const base = normal(path).base;
  const lower = base.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.endsWith('.dockerfile')) return true;
  return base.startsWith('Dockerfile.') && !NOT_A_DOCKERFILE.test(base);
}

/** Committed credential files are reported as a whole (line 1, no literal to replace). */
export function isWholeFileFinding(finding: Pick<Finding, 'ruleId'>): boolean {
  return finding.ruleId.startsWith('credential-file-');
}

/** A `.env` file, by its path or by the credential-file rule that found it. */
export function isDotenvFinding(finding: Pick<Finding, 'ruleId' | 'path'>): boolean {
  return finding.ruleId.startsWith('credential-file-env') || isDotenvPath(finding.path);
}

export function isTextSource(finding: Pick<Finding, 'source'>): boolean {
  return finding.source === 'pull-request' || finding.source === 'comment';
}

/**
 * The situations of one finding, in the order their steps are taken: always `revoke`, then the
 * one step that fits where the key is. `reason` is why the review lists the finding in its body,
 * if it does: `removed-later` means the key is gone from the diff but not from the history.
 */
export function situationsOf(
  finding: Pick<Finding, 'path' | 'source' | 'ruleId'>,
  reason?: BodyReason,
): Situation[] {
  if (isTextSource(finding)) return ['revoke', 'discussion'];
  if (reason === 'removed-later') return ['revoke', 'history'];
  if (isWholeFileFinding(finding) || isDotenvFinding(finding)) return ['revoke', 'untrack-file'];
  if (isCiConfigPath(finding.path)) return ['revoke', 'ci-secret'];
  if (isDockerfilePath(finding.path)) return ['revoke', 'docker-build'];
  return ['revoke', 'environment'];
}

/**
 * The situations among several findings, in step order. A key in a file is in a pushed commit,
 * and that commit keeps it after the line is fixed; the fix's own push does not re-report it
 * (same fingerprint), so the history step is given up front whenever a key sits in a file.
 */
export function situationsAmong(
  items: readonly { finding: Pick<Finding, 'path' | 'source' | 'ruleId'>; reason?: BodyReason }[],
): Situation[] {
  const present = new Set<Situation>();
  for (const { finding, reason } of items) {
    for (const s of situationsOf(finding, reason)) present.add(s);
    if (!isTextSource(finding)) present.add('history');
  }
  return SITUATIONS.filter((s) => present.has(s));
}
