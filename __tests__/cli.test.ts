import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../src/cli/run.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import { VERSION } from '../src/version.js';

const rand = seededRandom(2024);
const anthropicKey = () => expandTemplate('sk-ant-api03-{b64u:93}AA', rand);

async function cli(argv: string[], opts: { stdin?: string; cwd?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdin: Readable.from([opts.stdin ?? '']),
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

function diffAdding(path: string, ...added: string[]) {
  return [
    `diff --git a/${path} b/${path}`,
    'index 1111111..2222222 100644',
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -1,1 +1,${added.length + 1} @@`,
    ' first = 1',
    ...added.map((l) => `+${l}`),
    '',
  ].join('\n');
}

function tempDir() {
  return mkdtempSync(join(tmpdir(), 'akg-cli-'));
}

describe('api-key-guard scan', () => {
  it('reports a key in a diff file with exit 1 and never prints the secret', async () => {
    const key = anthropicKey();
    const dir = tempDir();
    writeFileSync(join(dir, 'pr.diff'), diffAdding('src/app.py', 'x = 2', `API_KEY = "${key}"`));
    const out = await cli(['scan', '--diff', join(dir, 'pr.diff')]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('src/app.py:3:12  HIGH  Anthropic');
    expect(out.stdout).toContain(`sk-ant-api03-…${key.slice(-4)}`);
    expect(out.stdout + out.stderr).not.toContain(key.slice(13, 60));
  });

  it('reads a diff from stdin and prints the JSON schema', async () => {
    const key = anthropicKey();
    const out = await cli(['scan', '--diff', '-', '--format', 'json'], {
      stdin: diffAdding('a.js', `const k = '${key}';`),
    });
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout);
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'anthropic-api-key',
        path: 'a.js',
        line: 2,
        column: 12,
        source: 'diff',
        commit: null,
      }),
    ]);
    expect(report.stats).toEqual({
      files: 1,
      addedLines: 1,
      bytes: Buffer.byteLength(`const k = '${key}';`) + 1,
    });
  });

  it('counts binary files in a diff as skipped', async () => {
    const binary =
      'diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n';
    const out = await cli(['scan', '--diff', '-'], { stdin: binary + diffAdding('a.js', 'const a = 1;') });
    expect(out).toMatchObject({
      code: 0,
      stdout: 'No keys found in 1 file(s), 1 line(s), 1 binary file(s) skipped.\n',
    });
  });

  it('prints SARIF', async () => {
    const out = await cli(['scan', '--diff', '-', '--format', 'sarif'], {
      stdin: diffAdding('a.js', `k='${anthropicKey()}'`),
    });
    const sarif = JSON.parse(out.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(1);
  });

  it('exits by --fail-on and severity', async () => {
    const dir = tempDir();
    const config = join(dir, 'c.yml');
    writeFileSync(config, 'severity:\n  anthropic-api-key: low\n');
    const stdin = diffAdding('a.js', `k='${anthropicKey()}'`);
    expect((await cli(['scan', '--diff', '-', '--config', config], { stdin })).code).toBe(0);
    expect((await cli(['scan', '--diff', '-', '--config', config, '--fail-on', 'low'], { stdin })).code).toBe(
      1,
    );
    expect((await cli(['scan', '--diff', '-', '--fail-on', 'never'], { stdin })).code).toBe(0);
    expect((await cli(['scan', '--diff', '-', '--fail-on', 'high'], { stdin })).code).toBe(1);
  });

  it('exits 0 with a clean diff', async () => {
    const out = await cli(['scan', '--diff', '-'], {
      stdin: diffAdding('a.js', 'const apiKey = process.env.ANTHROPIC_API_KEY;'),
    });
    expect(out).toMatchObject({ code: 0, stdout: 'No keys found in 1 file(s), 1 line(s).\n' });
  });

  it.each([
    [['scan', '--diff', '-', '--format', 'xml'], "--format: 'xml' is not one of text, json, sarif"],
    [
      ['scan', '--diff', '-', '--fail-on', 'critical'],
      "--fail-on: 'critical' is not one of high, medium, low, never",
    ],
    [['scan'], 'scan needs exactly one input'],
    [['scan', '--staged', 'x.py'], 'scan needs exactly one input'],
    [['frobnicate'], "unknown command 'frobnicate': use one of scan, rules, demo"],
    [[], 'a command is needed'],
    [['scan', '--bogus'], "Unknown option '--bogus'"],
  ])('usage error %j exits 2 naming the option', async (argv, message) => {
    const out = await cli(argv as string[]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stdout).toBe('');
  });

  it('input errors exit 2 with a clear message', async () => {
    const missing = await cli(['scan', '--diff', '/no/such/file.diff']);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain("cannot read '/no/such/file.diff'");
    const badConfig = await cli(['scan', '--diff', '-', '--config', '/no/such.yml']);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('--config');
    const malformed = await cli(['scan', '--diff', '-'], {
      stdin: 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,1 +1,3 @@\n+only one\n',
    });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/line \d+/);
  });

  it('scans plain paths and walks directories, skipping binary files', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'settings.yml'), `name: app\nanthropic_key: ${anthropicKey()}\n`);
    writeFileSync(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'ok.txt'), 'nothing to see\n');
    const out = await cli(['scan', dir, '--format', 'json'], { cwd: dir });
    const report = JSON.parse(out.stdout);
    expect(out.code).toBe(1);
    expect(
      report.findings.map((f: { path: string; line: number; source: string }) => [f.path, f.line, f.source]),
    ).toEqual([['conf/settings.yml', 2, 'file']]);
    expect(report.stats.files).toBe(2);
  });

  it('scans staged changes', async () => {
    const dir = tempDir();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    writeFileSync(join(dir, 'clean.txt'), 'hello\n');
    writeFileSync(join(dir, 'leak.env'), `ANTHROPIC_API_KEY=${anthropicKey()}\n`);
    git('add', 'clean.txt', 'leak.env');
    const out = await cli(['scan', '--staged', '--format', 'json'], { cwd: dir });
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['leak.env']);
    const outside = await cli(['scan', '--staged'], { cwd: tmpdir() + '/' + 'no-such-dir-akg' });
    expect(outside.code).toBe(2);
  });
});

describe('other commands', () => {
  it('lists rules, prints help and version', async () => {
    const rules = await cli(['rules']);
    expect(rules.code).toBe(0);
    expect(rules.stdout.split('\n')[0]).toMatch(/^anthropic-api-key\s+high\s+Anthropic/);
    expect((await cli(['--help'])).stdout).toContain('Exit codes');
    expect((await cli(['--version'])).stdout).toBe(`${VERSION}\n`);
  });

  it('demo finds the generated keys and stays quiet on the placeholders', async () => {
    const out = await cli(['demo']);
    expect(out.code).toBe(0);
    for (const id of ['anthropic-api-key', 'openai-api-key', 'github-pat', 'aws-access-key-id'])
      expect(out.stdout).toContain(`[${id}]`);
    expect(out.stdout).not.toMatch(/README\.md:\d+/);
    expect(out.stdout).toContain('A real run would exit with code 1');
  });
});

describe('the bundled CLI', () => {
  const bundle = join(process.cwd(), 'dist', 'cli', 'index.js');
  it('runs from dist/ with node, as `npx api-key-guard` would', () => {
    expect(existsSync(bundle)).toBe(true);
    const version = spawnSync(process.execPath, [bundle, '--version'], { encoding: 'utf8' });
    expect(version.stdout).toBe(`${VERSION}\n`);
    const key = anthropicKey();
    const scan = spawnSync(process.execPath, [bundle, 'scan', '--diff', '-'], {
      input: diffAdding('x.ts', `k="${key}"`),
      encoding: 'utf8',
    });
    expect(scan.status).toBe(1);
    expect(scan.stdout).toContain('x.ts:2:4');
    expect(scan.stdout).not.toContain(key.slice(13, 40));
  });

  it("stops quietly when its reader closes early (`| head -n 1`), with the scan's exit code", () => {
    const key = anthropicKey();
    const lines = Array.from({ length: 3000 }, (_, i) => `k${i}="${key}"`);
    const piped = spawnSync(
      'bash',
      ['-c', `node "${bundle}" scan --diff - | head -n 1 >/dev/null; echo "\${PIPESTATUS[0]}"`],
      {
        input: diffAdding('x.ts', ...lines),
        encoding: 'utf8',
      },
    );
    expect(piped.stderr).not.toMatch(/EPIPE|Error/);
    expect(piped.stdout.trim()).toBe('1');
  });

  it('outside a git repository, --staged says so in one line', () => {
    const outside = spawnSync(process.execPath, [bundle, 'scan', '--staged'], {
      cwd: tmpdir(),
      encoding: 'utf8',
    });
    expect(outside.status).toBe(2);
    expect(outside.stderr.trim().split('\n')).toHaveLength(1);
    expect(outside.stderr).toMatch(/--staged: .*not inside a git repository/i);
  });
});

describe('version', () => {
  it('matches package.json', async () => {
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync('package.json', 'utf8')).version).toBe(VERSION);
  });
});
