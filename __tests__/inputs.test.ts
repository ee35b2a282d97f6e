import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { getSettings, InputError, outputPath, repoPath } from '../src/inputs.js';

const INPUTS = [
  'github-token',
  'fail-on',
  'comment',
  'annotations',
  'language',
  'config',
  'scan-commits',
  'sarif-file',
  'minimize-comments',
];
const envName = (input: string) => `INPUT_${input.toUpperCase()}`;
const WORKSPACE = path.resolve('/tmp/akg-workspace');
const TEMP = path.resolve('/tmp/akg-runner-temp');

let saved: NodeJS.ProcessEnv;

beforeEach(() => {
  saved = { ...process.env };
  for (const i of INPUTS) delete process.env[envName(i)];
  process.env[envName('github-token')] = 'test-token';
  process.env.GITHUB_WORKSPACE = WORKSPACE;
  process.env.RUNNER_TEMP = TEMP;
});

afterEach(() => {
  process.env = saved;
});

function withInputs(inputs: Record<string, string>) {
  for (const [k, v] of Object.entries(inputs)) process.env[envName(k)] = v;
  return getSettings();
}

function errorOf(inputs: Record<string, string>): InputError {
  try {
    withInputs(inputs);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error(`no error for ${JSON.stringify(inputs)}`);
}

describe('getSettings', () => {
  it('gives every default when only the token is set', () => {
    expect(getSettings()).toEqual({
      githubToken: 'test-token',
      failOn: 'medium',
      comment: 'review',
      annotations: true,
      language: 'en',
      configPath: '.github/api-key-guard.yml',
      scanCommits: true,
      sarifFile: null,
      minimizeComments: false,
    });
  });

  it('reads and normalises every input', () => {
    expect(
      withInputs({
        'fail-on': 'HIGH',
        comment: 'Summary',
        annotations: 'FALSE',
        language: 'ko',
        config: './ci//guard.yml',
        'scan-commits': 'False',
        'sarif-file': 'out/results.sarif',
        'minimize-comments': 'TRUE',
      }),
    ).toEqual({
      githubToken: 'test-token',
      failOn: 'high',
      comment: 'summary',
      annotations: false,
      language: 'ko',
      configPath: 'ci/guard.yml',
      scanCommits: false,
      sarifFile: path.join(WORKSPACE, 'out/results.sarif'),
      minimizeComments: true,
    });
  });

  it('requires the token', () => {
    process.env[envName('github-token')] = '';
    expect(errorOf({}).message).toMatch(/^input 'github-token': is required/);
  });

  it.each([
    ['fail-on', 'critical', "input 'fail-on': 'critical' is not one of high, medium, low, never"],
    ['comment', 'inline', "input 'comment': 'inline' is not one of review, summary, off"],
    ['language', 'fr', "input 'language': 'fr' is not one of en, ko"],
    ['annotations', 'yes', "input 'annotations': 'yes' is not one of true, false"],
    ['scan-commits', '1', "input 'scan-commits': '1' is not one of true, false"],
    ['minimize-comments', 'on', "input 'minimize-comments': 'on' is not one of true, false"],
  ])('%s=%s names the input, quotes the value and lists the accepted values', (input, value, message) => {
    const err = errorOf({ [input]: value });
    expect(err.message).toBe(message);
    expect(err.input).toBe(input);
  });

  it.each([
    '../secrets.yml',
    'a/../../b.yml',
    '/etc/guard.yml',
    'C:\\guard.yml',
    'dir\\guard.yml',
    '.',
    'ci/',
  ])("config '%s' is refused with the rule and the value", (value) => {
    const err = errorOf({ config: value });
    expect(err.message).toContain(`input 'config': '${value}' must be a relative path inside the repository`);
  });

  it.each([
    ['../out.sarif'],
    ['/etc/out.sarif'],
    [path.join(WORKSPACE, '..', 'elsewhere.sarif')],
    [path.join(TEMP, '../x.sarif')],
  ])("sarif-file '%s' outside the workspace and the runner temp is refused", (value) => {
    const err = errorOf({ 'sarif-file': value });
    expect(err.message).toContain(
      `input 'sarif-file': '${value}' must be a file path inside GITHUB_WORKSPACE or RUNNER_TEMP`,
    );
  });

  it('accepts a sarif-file under RUNNER_TEMP or one whose .. stays inside the workspace', () => {
    expect(withInputs({ 'sarif-file': path.join(TEMP, 'guard.sarif') }).sarifFile).toBe(
      path.join(TEMP, 'guard.sarif'),
    );
    expect(withInputs({ 'sarif-file': 'reports/../guard.sarif' }).sarifFile).toBe(
      path.join(WORKSPACE, 'guard.sarif'),
    );
  });

  it('reads each input once, through core.getInput', () => {
    const reads: string[] = [];
    const env = new Proxy(process.env, {
      get(target, key) {
        if (typeof key === 'string' && key.startsWith('INPUT_')) reads.push(key);
        return Reflect.get(target, key) as unknown;
      },
    });
    const original = process.env;
    process.env = env;
    try {
      getSettings();
    } finally {
      process.env = original;
    }
    expect(reads.sort()).toEqual(INPUTS.map(envName).sort());
  });
});

describe('path rules', () => {
  it('repoPath normalises and keeps the default for empty', () => {
    expect(repoPath('config', '', 'x.yml')).toBe('x.yml');
    expect(repoPath('config', ' ./a/./b.yml ', 'x.yml')).toBe('a/b.yml');
    expect(repoPath('config', '.github/..hidden.yml', 'x.yml')).toBe('.github/..hidden.yml');
  });

  it('outputPath without RUNNER_TEMP allows the workspace only', () => {
    expect(outputPath('sarif-file', 'a.sarif', { GITHUB_WORKSPACE: WORKSPACE })).toBe(
      path.join(WORKSPACE, 'a.sarif'),
    );
    expect(() =>
      outputPath('sarif-file', path.join(TEMP, 'a.sarif'), { GITHUB_WORKSPACE: WORKSPACE }),
    ).toThrow(/inside GITHUB_WORKSPACE \(/);
    expect(() => outputPath('sarif-file', 'out/', { GITHUB_WORKSPACE: WORKSPACE })).toThrow(
      /must name a file/,
    );
    expect(() => outputPath('sarif-file', '.', { GITHUB_WORKSPACE: WORKSPACE })).toThrow(
      /must be a file path/,
    );
  });
});

describe('action.yml', () => {
  const action = parseYaml(readFileSync('action.yml', 'utf8')) as {
    inputs: Record<string, { description: string; default?: string }>;
    outputs: Record<string, { description: string }>;
    runs: { using: string; main: string };
  };

  it('declares exactly the inputs getSettings reads, each with a description', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUTS].sort());
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10);
  });

  it('has defaults that getSettings accepts and would choose itself', () => {
    for (const [name, input] of Object.entries(action.inputs))
      if (name !== 'github-token') process.env[envName(name)] = input.default ?? '';
    const fromAction = getSettings();
    for (const name of INPUTS) if (name !== 'github-token') delete process.env[envName(name)];
    expect(fromAction).toEqual(getSettings());
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}');
  });

  it('declares the outputs and the node24 runtime', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(['blocking', 'findings', 'report', 'sarif-file']);
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});
