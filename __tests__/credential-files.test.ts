// Committed credential files (.env, .npmrc with a token, credentials files, private keys and
// keystores) are flagged as whole files, once each, in every input the CLI and the action read:
// a diff, the staged changes, plain paths. Values are generated at run time and PEM armour is
// built by concatenation, so this file holds nothing a scanner would flag.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { parseDiff } from '../src/changes/diff.js';
import { runCli } from '../src/cli/run.js';
import { parseConfig, resolveScan } from '../src/config.js';
import { scanAll, type ScannedFile } from '../src/scan/collect.js';
import { credentialFileFinding, credentialFileKinds } from '../src/scan/credential-files.js';
import { Scanner, wholeFile } from '../src/scan/engine.js';
import { fileFingerprint } from '../src/scan/redact.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';

const rand = seededRandom(4242);
const value = (template = '{alnum:32}') => expandTemplate(template, rand);
const BEGIN = '-----BEGIN ';
const END = '-----END ';
const pem = (label: string) => [
  `${BEGIN}${label}-----`,
  ...Array.from({ length: 4 }, () => value('{b64:64}')),
  `${END}${label}-----`,
];

/** Every value written into the fixtures, to prove no output repeats any of them. */
const written: string[] = [];
const v = (template?: string) => {
  const x = value(template);
  written.push(x);
  return x;
};

type Kind = 'env' | 'npmrc' | 'credentials' | 'private-key';

/** Text files and the kind each must be flagged as. */
const FLAGGED: Array<[path: string, lines: string[], kind: Kind]> = [
  ['.env', ['# local settings', `DB_PASSWORD=${v()}`], 'env'],
  ['services/api/.env.production', [`SESSION_SECRET="${v()}"`], 'env'],
  ['web/.env.local', [`STRIPE_WEBHOOK=${v()}`], 'env'],
  ['.npmrc', ['registry=https://registry.npmjs.org/', `//registry.npmjs.org/:_authToken=${v()}`], 'npmrc'],
  ['packages/lib/.npmrc', [`_auth=${v('{b64:40}')}`], 'npmrc'],
  ['.yarnrc.yml', ['nodeLinker: node-modules', `npmAuthToken: ${v()}`], 'npmrc'],
  ['.aws/credentials', ['[default]', `aws_secret_access_key = ${v('{b64:40}')}`], 'credentials'],
  ['ops/.git-credentials', [`https://deploy:${v()}@git.example.com`], 'credentials'],
  ['.netrc', [`machine api.example.com login me password ${v()}`], 'credentials'],
  ['.pypirc', ['[pypi]', 'username = __token__', `password = ${v()}`], 'credentials'],
  [
    'home/.docker/config.json',
    ['{', '  "auths": {', `    "registry.example.com": { "auth": "${v('{b64:40}')}" }`, '  }', '}'],
    'credentials',
  ],
  ['deploy/tls.pem', pem('PRIVATE KEY'), 'private-key'],
  ['deploy/legacy.pem', pem('RSA PRIVATE KEY'), 'private-key'],
  ['config/master.key', [v('{hex:32}')], 'private-key'],
  ['.ssh/id_ed25519', pem('OPENSSH PRIVATE KEY'), 'private-key'],
  [
    'keys/deploy.ppk',
    ['PuTTY-User-Key-File-3: ssh-ed25519', `Private-Lines: 1`, v('{b64:44}')],
    'private-key',
  ],
];

/** Binary files (NUL bytes): keystores are flagged by name alone. */
const BINARY_FLAGGED: Array<[path: string, kind: Kind]> = [
  ['keys/client.p12', 'private-key'],
  ['android/release.keystore', 'private-key'],
  ['certs/server-der.pem', 'private-key'],
];

/** Files that look alike but are templates, public material, source code or env references. */
const NOT_FLAGGED: Array<[path: string, lines: string[]]> = [
  ['.env.example', ['DB_PASSWORD=changeme']],
  ['.env.sample', ['API_KEY=']],
  ['.env.template', ['API_KEY=<your key>']],
  ['.env.dist', ['API_KEY=']],
  ['.env.defaults', ['PORT=3000']],
  ['.env.schema', ['PORT=number']],
  ['services/api/.env.production.example', ['API_KEY=']],
  ['src/.env.ts', ["export const env = process.env['NODE_ENV'];"]],
  ['src/credentials.ts', ["export const credentials = { user: process.env['USER'] };"]],
  ['app/credentials.py', ['credentials = load_from_vault()']],
  ['tools/.npmrc', ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', 'always-auth=true']],
  ['lib/.npmrc', ['# _authToken=put-yours-here', 'registry=https://registry.npmjs.org/']],
  ['certs/ca.pem', [...pem('CERTIFICATE'), ...pem('CERTIFICATE')]],
  ['keys/public.key', pem('PUBLIC KEY')],
  ['.ssh/id_ed25519.pub', [`ssh-ed25519 ${value('{b64:68}')} me@example.com`]],
  ['.docker/config.json', ['{ "credsStore": "desktop", "auths": { "https://index.docker.io/v1/": {} } }']],
  ['.netrc.d/.netrc', ['machine api.example.com login me']],
  ['.aws/config', ['[default]', 'region = eu-west-1']],
];

const binary = () => Buffer.concat([Buffer.from([0x30, 0x82, 0x00, 0x00]), Buffer.from(value('{b64:64}'))]);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'akg-credfiles-'));
}

/** Writes every fixture into a fresh directory. */
function fixtureDir(): string {
  const dir = tempDir();
  const put = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  for (const [path, lines] of [...FLAGGED, ...NOT_FLAGGED]) put(path, `${lines.join('\n')}\n`);
  for (const [path] of BINARY_FLAGGED) put(path, binary());
  return dir;
}

async function cli(argv: string[], opts: { stdin?: string; cwd: string }) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdin: Readable.from([opts.stdin ?? '']),
    cwd: opts.cwd,
  });
  return { code, stdout, stderr };
}

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  redacted: string;
  fingerprint: string;
}

const fileFindings = (stdout: string): Array<[string, string]> =>
  (JSON.parse(stdout) as { findings: JsonFinding[] }).findings
    .filter((f) => f.ruleId.startsWith('credential-file-'))
    .map((f) => [f.path, f.ruleId] as [string, string])
    .sort(([a], [b]) => (a < b ? -1 : 1));

const expected = [
  ...FLAGGED.map(([path, , kind]) => [path, `credential-file-${kind}`] as [string, string]),
  ...BINARY_FLAGGED.map(([path, kind]) => [path, `credential-file-${kind}`] as [string, string]),
].sort(([a], [b]) => (a < b ? -1 : 1));

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
}

function stagedRepo(): string {
  const dir = fixtureDir();
  git(dir, 'init', '-q');
  git(dir, 'add', '-A', '-f');
  return dir;
}

describe('credential files in every input', () => {
  it('flags each kind once per file in a plain path scan', async () => {
    const dir = fixtureDir();
    const out = await cli(['scan', dir, '--format', 'json'], { cwd: dir });
    expect(out.stderr).toBe('');
    expect(fileFindings(out.stdout)).toEqual(expected);
  });

  it('flags the same files in the staged changes and in a diff of them', async () => {
    const dir = stagedRepo();
    const staged = await cli(['scan', '--staged', '--format', 'json'], { cwd: dir });
    expect(staged.stderr).toBe('');
    expect(fileFindings(staged.stdout)).toEqual(expected);

    const diff = git(dir, 'diff', '--cached', '--no-color');
    expect(diff).toContain('Binary files /dev/null and b/keys/client.p12 differ');
    const fromDiff = await cli(['scan', '--diff', '-', '--format', 'json'], { cwd: dir, stdin: diff });
    expect(fileFindings(fromDiff.stdout)).toEqual(expected);
  });

  it('prints no file content in text, JSON or SARIF output', async () => {
    const dir = fixtureDir();
    for (const format of ['text', 'json', 'sarif']) {
      const out = await cli(['scan', dir, '--format', format], { cwd: dir });
      const leaked = written.filter((x) => out.stdout.includes(x) || out.stderr.includes(x));
      expect({ format, leaked }).toEqual({ format, leaked: [] });
    }
    const report = JSON.parse((await cli(['scan', dir, '--format', 'json'], { cwd: dir })).stdout) as {
      findings: JsonFinding[];
    };
    const envFinding = report.findings.find((f) => f.path === '.env' && f.ruleId === 'credential-file-env');
    expect(envFinding).toMatchObject({ line: 1, redacted: '.env' });
  });
});

const scanner = new Scanner(builtinRules);
const scan = async (files: ScannedFile[], s: Scanner = scanner) => (await scanAll(files, s)).findings;

describe('credential-file findings', () => {
  it('reports keys inside a .env as usual, next to the file finding', async () => {
    const key = expandTemplate('sk-ant-api03-{b64u:93}AA', rand);
    const findings = await scan([wholeFile('.env', `APP=demo\nANTHROPIC_API_KEY=${key}\n`, 'diff')]);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['credential-file-env', 1],
      ['anthropic-api-key', 2],
    ]);
    expect(findings[0]!.redacted).toBe('.env');
    expect(JSON.stringify(findings)).not.toContain(key.slice(14));
  });

  it('reports at the line a content gate matched, or the first added line', async () => {
    const npmrc = wholeFile('.npmrc', `registry=https://registry.npmjs.org/\n//r/:_authToken=${value()}\n`);
    const [finding] = await scan([npmrc]);
    expect(finding).toMatchObject({ ruleId: 'credential-file-npmrc', line: 2, column: 1, severity: 'high' });
    const env = { path: 'a/.env', lines: [{ line: 7, text: `X=${value()}` }], status: 'modified' as const };
    expect((await scan([env]))[0]).toMatchObject({ ruleId: 'credential-file-env', line: 7 });
  });

  it('flags a binary keystore at line 1 but not a binary .npmrc it cannot judge', async () => {
    const findings = await scan([
      { path: 'keys/client.p12', lines: [], status: 'binary' },
      { path: 'keys/client.pfx', lines: [], status: 'binary' },
      { path: '.npmrc', lines: [], status: 'binary' },
    ]);
    expect(findings.map((f) => [f.path, f.ruleId, f.line])).toEqual([
      ['keys/client.p12', 'credential-file-private-key', 1],
      ['keys/client.pfx', 'credential-file-private-key', 1],
    ]);
  });

  it('does not flag deleted files or files with nothing added', async () => {
    const diff = [
      'diff --git a/.env b/.env',
      'deleted file mode 100644',
      'index 1111111..0000000',
      '--- a/.env',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      `-SECRET=${value()}`,
      'diff --git a/old.p12 b/old.p12',
      'deleted file mode 100644',
      'index 2222222..0000000',
      'Binary files a/old.p12 and /dev/null differ',
      'diff --git a/keys/a.pem b/keys/b.pem',
      'similarity index 100%',
      'rename from keys/a.pem',
      'rename to keys/b.pem',
      '',
    ].join('\n');
    const { files } = parseDiff(diff);
    expect(files.map((f) => [f.path, f.status])).toEqual([
      ['.env', 'deleted'],
      ['old.p12', 'deleted'],
      ['keys/b.pem', 'renamed'],
    ]);
    expect(await scan(files)).toEqual([]);
  });

  it('honours the config: allowed paths, disabled kinds, severities and ignored fingerprints', async () => {
    const files = (): ScannedFile[] => [
      wholeFile('fixtures/.env', `A=${value()}\n`, 'diff'),
      wholeFile('.env.staging', `A=${value()}\n`, 'diff'),
      wholeFile('deploy/id_rsa', pem('RSA PRIVATE KEY').join('\n'), 'diff'),
    ];
    const withConfig = async (yaml: string) => {
      const { rules, policy } = resolveScan(parseConfig(yaml));
      return (await scan(files(), new Scanner(rules, policy)))
        .filter((f) => f.ruleId.startsWith('credential-file-'))
        .map((f) => [f.path, f.ruleId, f.severity]);
    };
    expect(await withConfig("allow:\n  paths: ['fixtures/**']\n")).toEqual([
      ['.env.staging', 'credential-file-env', 'medium'],
      ['deploy/id_rsa', 'credential-file-private-key', 'high'],
    ]);
    expect(await withConfig('disable: [credential-file-env]\n')).toEqual([
      ['deploy/id_rsa', 'credential-file-private-key', 'high'],
    ]);
    expect(
      await withConfig('severity:\n  credential-file-env: high\n  credential-file-private-key: low\n'),
    ).toEqual([
      ['fixtures/.env', 'credential-file-env', 'high'],
      ['.env.staging', 'credential-file-env', 'high'],
      ['deploy/id_rsa', 'credential-file-private-key', 'low'],
    ]);
    const fp = fileFingerprint('credential-file-env', '.env.staging');
    expect(await withConfig(`ignore-fingerprints: ['${fp}']\n`)).toEqual([
      ['fixtures/.env', 'credential-file-env', 'medium'],
      ['deploy/id_rsa', 'credential-file-private-key', 'high'],
    ]);
    expect(() => resolveScan(parseConfig('disable: [credential-file-nope]\n'))).toThrow(
      "unknown rule id 'credential-file-nope'",
    );
  });

  it('keeps a fingerprint per kind and path, whatever the content, line or commit', () => {
    const at = (path: string, line: number, text: string, commit: string | null) =>
      credentialFileFinding({ path, lines: [{ line, text }], commit })!.fingerprint;
    const a = at('.env', 1, `A=${value()}`, null);
    expect(at('.env', 9, `B=${value()}`, 'abc1234')).toBe(a);
    expect(a).toBe(fileFingerprint('credential-file-env', '.env'));
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(at('sub/.env', 1, 'A=1', null)).not.toBe(a);
  });

  it('has a credential-file-<kind> id, a provider and a description for every kind', () => {
    expect(credentialFileKinds.map((k) => k.id)).toEqual([
      'credential-file-env',
      'credential-file-npmrc',
      'credential-file-credentials',
      'credential-file-private-key',
    ]);
    const ruleIds = new Set(builtinRules.map((r) => r.id));
    for (const k of credentialFileKinds) {
      expect(ruleIds.has(k.id)).toBe(false);
      expect(k.provider).toBe('Credential file');
      expect(k.description).not.toBe('');
    }
  });
});
