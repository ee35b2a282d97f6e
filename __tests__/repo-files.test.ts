// The repository's own plumbing, parsed and checked: the workflows (least privilege, actions
// pinned, CI runs .ci/run with its dist/ check, the self-test runs `uses: ./`), Dependabot, the
// pre-commit hooks (their entries parse as CLI commands and point at the package's bin), the
// Marketplace metadata in action.yml, the .env.example template (placeholders only, one line per
// input) and the relative links of the contributor documents.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseCli } from '../src/cli/args.js';
import { credentialFileFinding } from '../src/scan/credential-files.js';
import { Scanner, wholeFile } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';

type Dict = Record<string, unknown>;

const read = (path: string) => readFileSync(path, 'utf8');
const yamlFile = (path: string) => parse(read(path)) as Dict;

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string> | string;
  steps: Step[];
  strategy?: { matrix?: Record<string, unknown> };
  if?: string;
}
interface Workflow {
  on: Dict;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const WORKFLOWS = readdirSync('.github/workflows').filter((f) => /\.ya?ml$/.test(f));
const workflow = (name: string) => yamlFile(join('.github/workflows', name)) as unknown as Workflow;

describe('workflows', () => {
  it('are ci.yml and self-test.yml, at least', () => {
    expect(WORKFLOWS).toEqual(expect.arrayContaining(['ci.yml', 'self-test.yml']));
  });

  it.each(WORKFLOWS)('%s: every job has permissions (its own or the workflow’s), never write-all', (name) => {
    const wf = workflow(name);
    expect(Object.keys(wf.jobs).length).toBeGreaterThan(0);
    for (const [id, job] of Object.entries(wf.jobs)) {
      const permissions = job.permissions ?? wf.permissions;
      expect({ job: id, hasPermissions: permissions !== undefined }).toEqual({
        job: id,
        hasPermissions: true,
      });
      expect(permissions).not.toBe('write-all');
    }
    expect(wf.permissions).not.toBe('write-all');
  });

  it.each(WORKFLOWS)('%s: actions are local or pinned to a major tag or a full commit SHA', (name) => {
    for (const job of Object.values(workflow(name).jobs))
      for (const step of job.steps)
        if (step.uses !== undefined)
          expect(step.uses).toMatch(/^(?:\.\/.*|[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@(?:v\d+|[0-9a-f]{40}))$/);
  });

  it.each(WORKFLOWS)('%s: checkouts keep no credentials in .git/config', (name) => {
    for (const job of Object.values(workflow(name).jobs))
      for (const step of job.steps)
        if (step.uses?.startsWith('actions/checkout@'))
          expect(step.with?.['persist-credentials']).toBe(false);
  });

  it('ci.yml runs .ci/run on pushes and pull requests, on Node.js 20 and 24, read-only', () => {
    const wf = workflow('ci.yml');
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(wf.permissions).toEqual({ contents: 'read' });
    const jobs = Object.values(wf.jobs);
    for (const job of jobs) expect(job.permissions).toBeUndefined();
    const ci = jobs.find((job) => job.steps.some((s) => /\.ci\/run\b/.test(s.run ?? '')));
    expect(ci).toBeDefined();
    expect(ci!.strategy?.matrix?.node).toEqual(expect.arrayContaining([20, 24]));
    const setup = ci!.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['node-version']).toBe('${{ matrix.node }}');
  });

  it('.ci/run installs from the lock file, lints, type-checks, tests, bundles and checks dist/', () => {
    const script = read('.ci/run');
    expect(script).toMatch(/^set -euo pipefail$/m);
    const order = ['npm ci', 'npm run lint', 'npm run build', 'npm test', 'npm run bundle'].map((cmd) => {
      const at = script.indexOf(`\n${cmd}`);
      expect({ cmd, found: at >= 0 }).toEqual({ cmd, found: true });
      return at;
    });
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const bundle = order.at(-1)!;
    const check = script.search(/git (?:status --porcelain|diff --exit-code) -- dist/);
    expect(check).toBeGreaterThan(bundle);
    expect(script.slice(check)).toMatch(/exit 1/);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    for (const name of ['lint', 'build', 'test', 'bundle']) expect(pkg.scripts[name]).toBeDefined();
  });

  it('self-test.yml runs `uses: ./` on pull requests with the permissions the review needs', () => {
    const wf = workflow('self-test.yml');
    expect(Object.keys(wf.on)).toContain('pull_request');
    // A checkout of the pull request followed by `uses: ./` must never get a write token for forks.
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    expect(wf.permissions).toEqual({});
    const pr = Object.values(wf.jobs).find((job) => job.if?.includes("== 'pull_request'"));
    expect(pr).toBeDefined();
    expect(pr!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', checks: 'write' });
    const local = pr!.steps.findIndex((s) => s.uses === './');
    const checkout = pr!.steps.findIndex((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout).toBeGreaterThanOrEqual(0);
    expect(local).toBeGreaterThan(checkout);
  });

  it('self-test.yml answers keys in comments, review comments and issues without hiding them', () => {
    const wf = workflow('self-test.yml');
    expect(wf.on).toMatchObject({
      issue_comment: { types: ['created', 'edited'] },
      pull_request_review_comment: { types: ['created', 'edited'] },
      issues: { types: ['opened', 'edited'] },
    });
    const discussion = Object.values(wf.jobs).find((job) => job.if?.includes("!= 'pull_request'"));
    expect(discussion).toBeDefined();
    expect(discussion!.permissions).toEqual({
      contents: 'read',
      issues: 'write',
      'pull-requests': 'write',
    });
    const step = discussion!.steps.find((s) => s.uses === './');
    expect(step?.with?.['minimize-comments']).toBe(false);
  });
});

describe('dependabot.yml', () => {
  const config = yamlFile('.github/dependabot.yml') as {
    version: number;
    updates: Array<{
      'package-ecosystem': string;
      directory: string;
      schedule: { interval: string };
      groups?: Record<string, { 'dependency-type'?: string; patterns?: string[] }>;
    }>;
  };

  it('updates npm and GitHub Actions weekly', () => {
    expect(config.version).toBe(2);
    const byEcosystem = new Map(config.updates.map((u) => [u['package-ecosystem'], u]));
    for (const ecosystem of ['npm', 'github-actions']) {
      expect(byEcosystem.get(ecosystem)?.schedule.interval).toBe('weekly');
      expect(byEcosystem.get(ecosystem)?.directory).toBe('/');
    }
  });

  it('groups the npm development dependencies into one pull request', () => {
    const npm = config.updates.find((u) => u['package-ecosystem'] === 'npm')!;
    expect(Object.values(npm.groups ?? {}).map((g) => g['dependency-type'])).toContain('development');
  });
});

describe('release.yml', () => {
  it('groups generated release notes, with a catch-all category last', () => {
    const config = yamlFile('.github/release.yml') as {
      changelog: { categories: Array<{ title: string; labels: string[] }> };
    };
    const categories = config.changelog.categories;
    expect(categories.length).toBeGreaterThan(1);
    expect(categories.at(-1)!.labels).toEqual(['*']);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  interface Hook {
    id: string;
    name: string;
    entry: string;
    language: string;
    pass_filenames?: boolean;
    always_run?: boolean;
    stages?: string[];
    minimum_pre_commit_version?: string;
  }
  const hooks = parse(read('.pre-commit-hooks.yaml')) as Hook[];
  const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string> };

  it('offers api-key-guard (staged changes) and api-key-guard-files (whole files)', () => {
    expect(hooks.map((h) => h.id)).toEqual(['api-key-guard', 'api-key-guard-files']);
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      expect(hook.name).toMatch(/^api-key-guard/);
    }
  });

  it.each(hooks.map((h) => [h.id, h] as const))(
    '%s: the entry runs a bin of package.json that exists, with arguments the CLI accepts',
    (_id, hook) => {
      const [command, ...args] = hook.entry.split(/\s+/);
      const bin = pkg.bin[command!];
      expect(bin).toBeDefined();
      expect(existsSync(bin!)).toBe(true);
      expect(read(bin!).startsWith('#!/usr/bin/env node')).toBe(true);
      // Executable as committed: the git hook in docs/pre-commit.md runs it through a symlink.
      if (process.platform !== 'win32') expect(statSync(bin!).mode & 0o111).not.toBe(0);
      // pre-commit appends the file names unless pass_filenames is false.
      const files = hook.pass_filenames === false ? [] : ['some/file.txt'];
      const parsed = parseCli([...args, ...files]);
      expect(parsed.kind).toBe('run');
      if (parsed.kind === 'run') expect(parsed.options.command).toBe('scan');
    },
  );

  it('api-key-guard reads the index itself: no file names, runs at commit time only', () => {
    const staged = hooks.find((h) => h.id === 'api-key-guard')!;
    expect(staged.entry).toBe('api-key-guard scan --staged');
    expect(staged.pass_filenames).toBe(false);
    expect(staged.always_run).toBe(true);
    expect(staged.stages).not.toContain('pre-push');
  });

  it('uses the stage names of pre-commit 3.2 and says so', () => {
    const known = ['pre-commit', 'pre-merge-commit', 'pre-push', 'manual', 'commit-msg', 'post-commit'];
    for (const hook of hooks) {
      for (const stage of hook.stages ?? []) expect(known).toContain(stage);
      expect(hook.minimum_pre_commit_version).toBe('3.2.0');
    }
  });
});

describe('action.yml Marketplace metadata', () => {
  const action = yamlFile('action.yml') as {
    name: string;
    description: string;
    branding: { icon: string; color: string };
  };

  it('has a description under the Marketplace limit of 125 characters', () => {
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.description.length).toBeLessThan(125);
  });

  it('has a branding icon and one of the colours the Marketplace accepts', () => {
    expect(action.branding.icon).toMatch(/^[a-z0-9-]+$/);
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(
      action.branding.color,
    );
  });
});

describe('.env.example', () => {
  const text = read('.env.example');
  const assignments = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const m = /^([A-Z][A-Z0-9_-]*)=(.*)$/.exec(l);
      if (!m) throw new Error(`.env.example: not NAME=value: ${l}`);
      return { name: m[1]!, value: m[2]! };
    });

  it('gives no finding, and the credential-file check skips it while it flags a .env', () => {
    const scanner = new Scanner(builtinRules);
    expect(scanner.scanFile(wholeFile('.env.example', text)).map((f) => f.ruleId)).toEqual([]);
    const lines = text.split('\n').map((t, i) => ({ line: i + 1, text: t }));
    expect(credentialFileFinding({ path: '.env.example', lines })).toBeNull();
    expect(credentialFileFinding({ path: '.env', lines })?.ruleId).toBe('credential-file-env');
  });

  it('holds placeholders only: no token, and no value a rule would take for one', () => {
    const token = assignments.find((a) => a.name === 'INPUT_GITHUB-TOKEN');
    expect(token).toBeUndefined();
    for (const { name, value } of assignments)
      expect({ name, value }).toEqual({ name, value: expect.stringMatching(/^(?:<[^>]+>|[\w./:<>-]*)$/) });
  });

  it('sets INPUT_<NAME> for every input of action.yml but the token, with hyphens kept', () => {
    const action = yamlFile('action.yml') as { inputs: Record<string, unknown> };
    const expected = Object.keys(action.inputs)
      .filter((name) => name !== 'github-token')
      .map((name) => `INPUT_${name.toUpperCase()}`);
    const inputs = assignments.map((a) => a.name).filter((n) => n.startsWith('INPUT_'));
    expect(inputs.sort()).toEqual(expected.sort());
    expect(text).toContain('# INPUT_GITHUB-TOKEN=<');
  });

  it('names the GitHub context the stubbed @actions/github reads', () => {
    const names = new Set(assignments.map((a) => a.name));
    for (const name of [
      'GITHUB_EVENT_NAME',
      'GITHUB_EVENT_PATH',
      'GITHUB_REPOSITORY',
      'GITHUB_SHA',
      'GITHUB_API_URL',
      'GITHUB_GRAPHQL_URL',
      'GITHUB_SERVER_URL',
      'RUNNER_TEMP',
      'GITHUB_STEP_SUMMARY',
    ])
      expect(names.has(name)).toBe(true);
  });
});

describe('contributor documents', () => {
  it.each(['CONTRIBUTING.md', 'CHANGELOG.md', 'docs/pre-commit.md', 'docs/releasing.md'])(
    '%s: every relative link leads to a file or directory of the repository',
    (doc) => {
      const text = read(doc);
      const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1]!)
        .filter((t) => !/^(?:[a-z]+:|#)/.test(t))
        .map((t) => t.replace(/#.*$/, ''));
      for (const target of targets)
        expect({ doc, target, exists: existsSync(resolve(dirname(doc), target)) }).toEqual({
          doc,
          target,
          exists: true,
        });
    },
  );
});
