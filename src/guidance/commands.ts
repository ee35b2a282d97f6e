// The commands and snippets the guidance quotes, built from a finding's real path and variable
// name so the author can copy them: `git rm --cached`, a `.gitignore` entry, the CI's way to
// reference a secret, a Docker build secret. Plain strings; the renderers format them as code.
import type { CiSystem } from './situations.js';

// Characters a POSIX shell takes literally in an unquoted word.
const SHELL_SAFE = /^[A-Za-z0-9_./@%+=:,-]+$/;

/** One shell word: quoted when needed, and never read as an option (`-x` becomes `./-x`). */
export function shellWord(text: string): string {
  const word = text.startsWith('-') ? `./${text}` : text;
  return SHELL_SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `git rm --cached <paths>`: stops tracking the files and leaves them on disk. */
export function untrackCommand(paths: readonly string[]): string {
  return ['git rm --cached', ...paths.map(shellWord)].join(' ');
}

/**
 * The `.gitignore` line for a committed secret file: a dotenv file by its name (every copy of it,
 * in any directory, is local), any other file by its exact path from the repository root.
 */
export function gitignoreEntry(path: string, dotenv: boolean): string {
  const normal = path.replace(/\\/g, '/').replace(/^\/+/, '');
  const name = dotenv ? normal.slice(normal.lastIndexOf('/') + 1) : `/${normal}`;
  // Pattern characters and a leading `#` or `!` would change what the line matches.
  return name
    .replace(/[\\*?[]/g, '\\$&')
    .replace(/^([#!])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/** How a pipeline of the CI system reads a stored secret into the variable `envVar`. */
export function ciSecretReference(system: CiSystem, envVar: string, githubSecretName: string): string {
  switch (system) {
    case 'github':
      return `${envVar}: \${{ secrets.${githubSecretName} }}`;
    case 'azure':
      return `$(${envVar})`;
    case 'jenkins':
      return `${envVar} = credentials('${envVar.toLowerCase().replace(/_/g, '-')}')`;
    default:
      return `$${envVar}`;
  }
}

/** The Dockerfile line that mounts a build secret for one `RUN` step only. */
export function buildSecretMount(envVar: string): string {
  return `RUN --mount=type=secret,id=${envVar.toLowerCase()} …`;
}

/** Hands the variable from the host's environment to the container when it starts. */
export function runtimeEnvironment(envVar: string): string {
  return `docker run -e ${envVar} …`;
}
