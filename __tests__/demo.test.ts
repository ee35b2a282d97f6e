// `npm run demo` (demo/run.ts): the bundled action on the sample pull request of demo/sample.ts,
// against the fake GitHub API. Checks what the demo shows: a failing step, annotations and inline
// comments on the lines the sample's keys sit on (computed from the sample, not written down),
// the guidance, the committed .env, the placeholder file left alone, and no generated key in
// anything the action or the demo wrote. Keys are generated at run time; none lives here.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo, type DemoRun } from '../demo/demo.js';
import { buildSample } from '../demo/sample.js';
import { Scanner, wholeFile } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { PROJECT_ROOT } from './fake-github/harness.js';

const SEED = 20_250_106;
let cached: Promise<DemoRun> | undefined;
/** One run of the demo, shared by the tests that only read it. */
const demo = () => (cached ??= runDemo({ seed: SEED }));

describe('npm run demo', () => {
  it('runs the bundled action, which fails the step and the check run', async () => {
    const run = await demo();
    expect(run.result.timedOut).toBe(false);
    expect(run.result.code).toBe(1);
    expect(run.result.stderr).toBe('');
    expect(run.result.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', message: expect.stringMatching(/at or above 'medium'/) }),
    );
    expect(run.checkRuns).toHaveLength(1);
    expect(run.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.checks.filter((c) => !c.ok)).toEqual([]);
    expect(run.ok).toBe(true);
    expect(run.output).toMatch(/failed, exit code 1/);
    expect(run.output).toMatch(/check would block the merge/);
  });

  it('annotates the lines the sample put the keys on', async () => {
    const run = await demo();
    const { expected, keys } = run.sample;
    // The expected lines are computed from the generated files; check them against the head too.
    for (const [path, key, line] of [
      [expected.anthropic.path, keys.anthropic, expected.anthropic.line],
      [expected.openai.path, keys.openai, expected.openai.line],
    ] as const) {
      const text = run.sample.repo.contentAt(path, run.sample.pr.head.sha)!.toString('utf8');
      expect(text.split('\n')[line - 1]).toContain(key);
    }
    const annotations = run.checkRuns[0]!.output.annotations;
    const at = (path: string, line: number) =>
      annotations.filter((a) => a.path === path && a.start_line === line);
    expect(at(expected.anthropic.path, expected.anthropic.line)).toEqual([
      expect.objectContaining({ annotation_level: 'failure', title: expect.stringMatching(/Anthropic/) }),
    ]);
    expect(at(expected.openai.path, expected.openai.line)).toEqual([
      expect.objectContaining({ annotation_level: 'failure', title: expect.stringMatching(/OpenAI/) }),
    ]);
    // The printed text shows each one as path:line, level and title.
    expect(run.output).toContain(
      `${expected.anthropic.path}:${expected.anthropic.line}  [error]  High: Anthropic`,
    );
    expect(run.output).toContain(`${expected.openai.path}:${expected.openai.line}  [error]  High: OpenAI`);
  });

  it('posts a review requesting changes, with inline comments that say what to do', async () => {
    const run = await demo();
    const { expected } = run.sample;
    expect(run.reviews).toHaveLength(1);
    expect(run.reviews[0]!.state).toBe('CHANGES_REQUESTED');
    const comment = (path: string, line?: number) =>
      run.comments.find((c) => c.path === path && (line === undefined || c.line === line));
    const anthropic = comment(expected.anthropic.path, expected.anthropic.line);
    const openai = comment(expected.openai.path, expected.openai.line);
    expect(anthropic?.body).toMatch(
      /Revoke this Anthropic key now at \[[^\]]+\]\(https:\/\/platform\.claude\.com\/settings\/keys\)/,
    );
    expect(anthropic?.body).toMatch(/`ANTHROPIC_API_KEY` environment variable/);
    expect(anthropic?.body).toMatch(/```suggestion\n.*os\.environ\["ANTHROPIC_API_KEY"\]/);
    expect(openai?.body).toMatch(/Revoke this OpenAI key now at/);
    expect(openai?.body).toContain('${{ secrets.OPENAI_API_KEY }}');
    const body = run.reviews[0]!.body;
    expect(body).toMatch(/### Do this now/);
    expect(body).toMatch(/Revoke each exposed key/);
    expect(body).toContain('(https://platform.claude.com/settings/keys)');
    // The key removed by a later commit is listed in the body, with why it is not on a line.
    expect(body).toMatch(new RegExp(`scripts/seed\\\\\\.sh\\\\:${expected.removed.line}\\]`));
    expect(body).toMatch(/Removed by a later commit/);
    // Printed with path:line headers.
    expect(run.output).toContain(`: ${expected.anthropic.path}:${expected.anthropic.line} ──`);
    expect(run.output).toContain(body.trimEnd());
    expect(run.output).toContain(run.result.summary.trimEnd());
  });

  it('flags the committed .env as a credential file', async () => {
    const run = await demo();
    const annotations = run.checkRuns[0]!.output.annotations;
    expect(annotations).toContainEqual(
      expect.objectContaining({ path: '.env', message: expect.stringMatching(/\[credential-file-env\]$/) }),
    );
    const env = run.comments.find((c) => c.path === '.env' && c.body.includes('`credential-file-env`'));
    expect(env?.body).toMatch(/git rm --cached \.env/);
    expect(run.reviews[0]!.body).toMatch(/`\.gitignore` does not cover `\.env`/);
  });

  it('leaves the placeholder file alone', async () => {
    const run = await demo();
    const setup = run.sample.repo.contentAt('docs/setup.md', run.sample.pr.head.sha)!.toString('utf8');
    expect(setup).toMatch(/your-api-key-here/); // it does hold look-alikes
    for (const path of run.sample.expected.clean) {
      expect(run.checkRuns[0]!.output.annotations.filter((a) => a.path === path)).toEqual([]);
      expect(run.comments.filter((c) => c.path === path)).toEqual([]);
      expect(run.result.summary).not.toContain(path.replace(/\./g, '\\.'));
      expect(run.reportText).not.toContain(`"${path}"`);
    }
  });

  it('shows no generated key anywhere, and says so', async () => {
    const run = await demo();
    expect(run.leaks).toEqual([]);
    expect(run.sample.secrets).toHaveLength(5);
    const everything = [
      run.output,
      run.result.stdout.replace(/^::add-mask::.*$/gm, ''),
      run.result.stderr,
      run.result.summary,
      run.reportText,
      JSON.stringify(run.checkRuns),
      ...run.reviews.map((r) => r.body),
      // The bodies only: the fake's stored comments also hold GitHub's own diff_hunk of the line.
      ...run.comments.map((c) => `${c.path}:${c.line} ${c.body}`),
      ...run.writes.map((w) => w.body),
    ].join('\n');
    for (const secret of run.sample.secrets) expect(everything.includes(secret)).toBe(false);
    expect(run.output).toContain(
      `no raw secret in any output: checked ${run.sample.secrets.length} generated keys`,
    );
  });

  it('says so when the run does not behave as expected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'akg-demo-'));
    try {
      const entry = join(dir, 'noop.js');
      await writeFile(entry, 'process.exit(0);\n');
      const run = await runDemo({ seed: SEED, entry });
      expect(run.ok).toBe(false);
      expect(run.checks.filter((c) => !c.ok).length).toBeGreaterThan(3);
      expect(run.output).toMatch(/✗ the step failed with exit code 1 \(got 0\)/);
      expect(run.output).toMatch(/NOT as expected/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('generates different keys per seed and keeps no key-shaped literal in demo/', async () => {
    expect(buildSample(1).keys.anthropic).not.toBe(buildSample(2).keys.anthropic);
    expect(buildSample(3).keys).toEqual(buildSample(3).keys);
    const scanner = new Scanner(builtinRules);
    const dir = join(PROJECT_ROOT, 'demo');
    for (const name of await readdir(dir)) {
      const text = await readFile(join(dir, name), 'utf8');
      expect(scanner.scanFile(wholeFile(`demo/${name}`, text)).map((f) => f.ruleId)).toEqual([]);
    }
  });

  it('exits 0 as `node --import ./bench/register.mjs demo/run.ts`', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', './bench/register.mjs', 'demo/run.ts', '--seed', String(SEED)],
      { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^api-key-guard demo: the bundled action/);
    expect(child.stdout).toMatch(/no raw secret in any output: checked 5 generated keys/);
    expect(child.stdout).toMatch(/Result: as expected/);
    for (const secret of buildSample(SEED).secrets) expect(child.stdout.includes(secret)).toBe(false);
  });
});
