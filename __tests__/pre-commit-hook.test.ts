// The plain git hook in docs/pre-commit.md, for real: the script is taken from the document as
// written, installed as .git/hooks/pre-commit in a temporary repository whose
// node_modules/.bin/api-key-guard points at the committed CLI bundle (dist/cli/index.js, as
// `npm install` would link it), and commits go through it. The key is generated at run time from
// the Anthropic rule's own sample template; none is written here.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Scanner, secretOf } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const DOC = join(ROOT, 'docs', 'pre-commit.md');
const MARKER = '<!-- pre-commit-hook';

/** The first ```sh block after the marker comment in docs/pre-commit.md. */
function hookScript(markdown: string): string {
  const at = markdown.indexOf(MARKER);
  if (at < 0) throw new Error(`docs/pre-commit.md has no '${MARKER}' marker`);
  const block = /```sh\n([\s\S]*?)\n```/.exec(markdown.slice(at));
  if (!block) throw new Error('no ```sh block after the pre-commit-hook marker');
  return `${block[1]!}\n`;
}

/** A line with a generated Anthropic key, and the key, as the scanner sees it. */
function generatedKeyLine(seed: number): { line: string; secret: string } {
  const rule = builtinRules.find((r) => r.id === 'anthropic-api-key')!;
  const line = expandTemplate(rule.samples.truePositives[0]!, seededRandom(seed));
  const finding = new Scanner([rule]).scanFile({ path: 'x', lines: [{ line: 1, text: line }] })[0]!;
  return { line, secret: secretOf(finding)! };
}

/** The environment of every git call: no user or system config, no inherited GIT_* variables. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: process.platform === 'win32' ? 'NUL' : '/dev/null',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    NO_COLOR: '1',
  };
}

let repo: string;

function git(...args: string[]) {
  const r = spawnSync('git', args, { cwd: repo, env: gitEnv(), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function commitCount(): number {
  const r = git('rev-list', '--count', 'HEAD');
  return r.code === 0 ? Number(r.out.trim()) : 0;
}

function write(path: string, text: string) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

beforeAll(() => {
  expect(existsSync(CLI)).toBe(true);
  repo = mkdtempSync(join(tmpdir(), 'akg-hook-'));
  expect(git('init', '-q').code).toBe(0);
  // What `npm install --save-dev …` leaves behind: the package's bin linked into node_modules/.bin.
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(CLI, join(repo, 'node_modules', '.bin', 'api-key-guard'));
  const hook = join(repo, '.git', 'hooks', 'pre-commit');
  mkdirSync(dirname(hook), { recursive: true });
  writeFileSync(hook, hookScript(readFileSync(DOC, 'utf8')));
  chmodSync(hook, 0o755);
});

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('the git pre-commit hook in docs/pre-commit.md', () => {
  it('is a POSIX shell script that runs the local CLI on the staged changes without downloading it', () => {
    const script = hookScript(readFileSync(DOC, 'utf8'));
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain('npx --no -- api-key-guard scan --staged');
    expect(spawnSync('sh', ['-n', join(repo, '.git', 'hooks', 'pre-commit')]).status).toBe(0);
  });

  it('lets a clean commit through', () => {
    write('.gitignore', 'node_modules/\n');
    write('README.md', '# demo\n\nThe key is read from the ANTHROPIC_API_KEY environment variable.\n');
    write('app.py', 'import os\napi_key = os.environ["ANTHROPIC_API_KEY"]\n');
    expect(git('add', '.gitignore', 'README.md', 'app.py').code).toBe(0);
    const r = git('commit', '-q', '-m', 'clean');
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.any(String) });
    expect(commitCount()).toBe(1);
    expect(git('ls-files').out.split('\n').filter(Boolean).sort()).toEqual([
      '.gitignore',
      'README.md',
      'app.py',
    ]);
  });

  it('refuses a commit that adds a generated key, names the rule and never prints the key', () => {
    const { line, secret } = generatedKeyLine(7);
    write('settings.env.txt', `${line}\n`);
    expect(git('add', 'settings.env.txt').code).toBe(0);
    const before = commitCount();
    const r = git('commit', '-q', '-m', 'add a key');
    expect(r.code).toBe(1);
    expect(r.out).toContain('anthropic-api-key');
    expect(r.out).toContain('api-key-guard: commit refused. Nothing was committed.');
    expect(r.out).not.toContain(secret);
    expect(r.out).not.toContain(secret.slice(-12));
    expect(commitCount()).toBe(before);
  });

  it('lets the commit through once the key is replaced by an environment lookup', () => {
    write('settings.env.txt', 'ANTHROPIC_API_KEY=${ANTHROPIC_API_KEY}\n');
    expect(git('add', 'settings.env.txt').code).toBe(0);
    const before = commitCount();
    const r = git('commit', '-q', '-m', 'read the key from the environment');
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.any(String) });
    expect(commitCount()).toBe(before + 1);
  });

  it('refuses a committed .env file even when no value in it is recognised', () => {
    write('.env', 'DB_HOST=localhost\nDB_USER=app\n');
    expect(git('add', '-f', '.env').code).toBe(0);
    const before = commitCount();
    const r = git('commit', '-q', '-m', 'add .env');
    // Leave the index as it was whatever happens, so the next case starts clean.
    if (r.code === 0) expect(git('reset', '-q', '--soft', 'HEAD~1').code).toBe(0);
    expect(git('rm', '-q', '--cached', '.env').code).toBe(0);
    // A commit let through here means dist/cli/index.js predates the credential-file check in
    // src/: run `npm run bundle` (CI's dist/ check fails too).
    expect(r.code).toBe(1);
    expect(r.out).toContain('credential-file-env');
    expect(commitCount()).toBe(before);
  });

  it('fails closed: a scan that cannot run (a broken config) refuses the commit', () => {
    write('.github/api-key-guard.yml', 'disable: 5\n');
    write('notes.txt', 'nothing secret\n');
    expect(git('add', 'notes.txt').code).toBe(0);
    const before = commitCount();
    const r = git('commit', '-q', '-m', 'notes');
    expect(r.code).toBe(1);
    expect(r.out).toContain('the scan did not run (exit 2)');
    expect(commitCount()).toBe(before);
    rmSync(join(repo, '.github'), { recursive: true });
  });
});
