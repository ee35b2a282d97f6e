// Where the CLI's added lines come from: a diff file or stdin, the staged changes, or whole files.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readDiffFiles } from '../changes/diff.js';
import { isBinary } from '../changes/local-diff.js';
import type { ScannedFile } from '../scan/collect.js';
import { wholeFile } from '../scan/engine.js';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function diffSource(file: string, stdin: NodeJS.ReadableStream): AsyncIterable<ScannedFile> {
  if (file === '-') return readDiffFiles(stdin);
  const stream = createReadStream(file, { encoding: 'utf8' });
  stream.on('error', () => undefined); // surfaced by the reader's iteration below
  return guardOpen(file, readDiffFiles(stream));
}

async function* guardOpen(file: string, files: AsyncIterable<ScannedFile>): AsyncIterable<ScannedFile> {
  try {
    await stat(file);
  } catch {
    throw new InputError(`--diff: cannot read '${file}': no such file`);
  }
  yield* files;
}

export async function* stagedSource(cwd: string): AsyncIterable<ScannedFile> {
  const git = spawn('git', ['diff', '--cached', '--no-color', '--no-ext-diff', '--find-renames'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errText = '';
  git.stderr.on('data', (d: Buffer) => (errText += d.toString()));
  const exited = new Promise<number>((resolve) => {
    git.on('error', () => resolve(-1));
    git.on('close', (code) => resolve(code ?? -1));
  });
  git.stdout.setEncoding('utf8');
  yield* readDiffFiles(git.stdout);
  const code = await exited;
  // Outside a repository git falls back to `diff --no-index`, which has no --cached.
  if (code !== 0 && /--no-index/.test(errText))
    throw new InputError(
      `--staged: ${cwd} is not inside a git repository (run it in one, or scan --diff FILE or paths)`,
    );
  if (code !== 0)
    throw new InputError(`--staged: git diff --cached failed: ${firstLine(errText) || `exit ${code}`}`);
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);

async function* walk(path: string): AsyncIterable<string> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new InputError(`cannot read '${path}': no such file or directory`);
  if (!info.isDirectory()) {
    yield path;
    return;
  }
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.isDirectory() && SKIP_DIRS.has(e.name)) continue;
    if (e.isDirectory() || e.isFile()) yield* walk(join(path, e.name));
  }
}

export async function* pathSource(paths: readonly string[], cwd: string): AsyncIterable<ScannedFile> {
  for (const root of paths) {
    for await (const file of walk(root)) {
      const shown = relative(cwd, file) || file;
      // Read once: the same bytes decide binary-or-text and are scanned.
      const content = await readFile(file);
      if (isBinary(content)) {
        yield { path: shown, lines: [], status: 'binary' };
        continue;
      }
      yield wholeFile(shown, content.toString('utf8'));
    }
  }
}

/** git's first line says what went wrong; outside a repository the rest is its usage text. */
function firstLine(text: string): string {
  return text.trim().split(/\r?\n/, 1)[0]!.slice(0, 300);
}
