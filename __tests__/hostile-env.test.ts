// Integration tests of the bundled action (dist/index.js, run like the runner runs it) in a
// malformed or hostile environment: an event file that is missing, garbled or incomplete, no
// token, an event with nothing to scan, a closed pull request, one without commits, file contents
// that are not UTF-8, and file names with spaces, quotes, emoji, bidirectional controls, `%`, `#`
// and line breaks. Each case ends with a clear message and the exit code of docs/exit-codes.md:
// 1 with one `::error::` naming the problem when the run cannot be used, 0 with a notice when the
// event carries nothing to scan. Never a stack trace.
//
// Keys are generated at run time from a template (src/scan/samples.ts).
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventError, readWorkflowEvent } from '../src/changes/event.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import { events, findLeaks, type ActionResult } from './fake-github/harness.js';
import { createRepo, READ_TOKEN, repoJson, type FakeGitHub, type FakeRepo } from './fake-github/server.js';
import { fakeGitHubPerTest, runAndRead as run } from './fake-github/session.js';

let nextSeed = 7_300_001;
const newKey = () => expandTemplate('sk-ant-api03-{b64u:93}AA', seededRandom(nextSeed++));
const keyLine = (key: string) => `client = anthropic.Anthropic(api_key="${key}")\n`;

const start = fakeGitHubPerTest();
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A file outside the run's own temp directory (which runAction removes), for GITHUB_EVENT_PATH. */
async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'akg-hostile-'));
  temps.push(dir);
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
const errorsOf = (r: ActionResult) => r.annotations.filter((a) => a.level === 'error');
const noticesOf = (r: ActionResult) => r.annotations.filter((a) => a.level === 'notice');

/** Exit 1, exactly one `::error::` matching `message`, no stack trace, no request to the API. */
function expectUnusable(r: ActionResult, fake: FakeGitHub, message: RegExp): void {
  expect({ code: r.code, timedOut: r.timedOut }).toEqual({ code: 1, timedOut: false });
  const errors = errorsOf(r);
  expect(errors).toHaveLength(1);
  expect(errors[0]!.message).toMatch(/^api-key-guard: /);
  expect(errors[0]!.message).toMatch(message);
  expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  expect(fake.requests).toEqual([]);
}

function expectNoLeak(key: string, r: ActionResult, fake: FakeGitHub, reportText = ''): void {
  expect(findLeaks(key, { result: r, fake })).toEqual([]);
  expect(reportText.includes(key)).toBe(false);
}

/** A repository with pull request #1 adding one key to src/app.py. */
function keyPullRequest(key: string, spec: Parameters<FakeRepo['pullRequest']>[0] = {}) {
  const repo = createRepo();
  const pr = repo.pullRequest({
    files: { 'src/app.py': { before: 'import anthropic\n', after: `import anthropic\n${keyLine(key)}` } },
    ...spec,
  });
  return { repo, pr };
}

// ---------------------------------------------------------------------------------------------

describe('an unusable environment: exit 1 and one ::error:: naming the problem, before any API call', () => {
  it('GITHUB_EVENT_PATH not set', async () => {
    const fake = await start(keyPullRequest(newKey()).repo);
    const r = await run(fake, events.pullRequest(fake, 1), { env: { GITHUB_EVENT_PATH: undefined } });
    expectUnusable(r, fake, /GITHUB_EVENT_PATH is not set/);
  });

  it('GITHUB_EVENT_PATH naming a file that does not exist', async () => {
    const fake = await start(keyPullRequest(newKey()).repo);
    const missing = join(tmpdir(), 'akg-no-such-dir', 'event.json');
    const r = await run(fake, events.pullRequest(fake, 1), { env: { GITHUB_EVENT_PATH: missing } });
    expectUnusable(r, fake, /event file .*akg-no-such-dir.* \(GITHUB_EVENT_PATH\).* does not exist/);
  });

  it('GITHUB_EVENT_PATH naming a directory', async () => {
    const fake = await start(keyPullRequest(newKey()).repo);
    const r = await run(fake, events.pullRequest(fake, 1), { env: { GITHUB_EVENT_PATH: tmpdir() } });
    expectUnusable(r, fake, /event file .* \(GITHUB_EVENT_PATH\).* cannot be read/);
  });

  it.each([
    ['truncated JSON', (key: string) => `{"action":"opened","pull_request":{"title":"${key}",`],
    ['not JSON at all', (key: string) => `action=opened\ntoken=${key}\n`],
    [
      'binary garbage',
      (key: string) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 1, 0x80]), Buffer.from(key)]),
    ],
    ['an empty file', () => ''],
  ])('an event file that is not JSON (%s): the error does not echo its content', async (_name, content) => {
    const key = newKey();
    const fake = await start(keyPullRequest(newKey()).repo);
    const eventPath = await tempFile('event.json', content(key));
    const r = await run(fake, events.pullRequest(fake, 1), { env: { GITHUB_EVENT_PATH: eventPath } });
    expectUnusable(r, fake, /event file .* \(GITHUB_EVENT_PATH\) (is not valid JSON|is empty)/);
    expectNoLeak(key, r, fake);
  });

  it.each([
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['a JSON string', '"pull_request"'],
  ])('an event file that holds %s, not an object', async (_name, content) => {
    const fake = await start(keyPullRequest(newKey()).repo);
    const eventPath = await tempFile('event.json', content);
    const r = await run(fake, events.pullRequest(fake, 1), { env: { GITHUB_EVENT_PATH: eventPath } });
    expectUnusable(r, fake, /event file .* does not hold a JSON object/);
  });

  it.each(['pull_request', 'pull_request_target'])(
    'a %s event whose file lacks pull_request, or parts of it',
    async (event) => {
      const fake = await start(keyPullRequest(newKey()).repo);
      const full = events.pullRequest(fake, 1).payload;
      const pull = full.pull_request as Record<string, unknown>;
      const without = { ...full };
      delete without.pull_request;
      const cases: [Record<string, unknown>, RegExp][] = [
        [
          without,
          new RegExp(`the ${event} event file '.+' \\(GITHUB_EVENT_PATH\\) has no 'pull_request' object`),
        ],
        [{ ...full, pull_request: 'opened' }, /has no 'pull_request' object/],
        [{ ...full, pull_request: { ...pull, head: {} } }, /'pull_request\.head\.sha'/],
        [{ ...full, pull_request: { ...pull, number: '1' } }, /'pull_request\.number'/],
        [{ ...full, pull_request: { ...pull, base: null } }, /'pull_request\.base\.sha'/],
      ];
      for (const [payload, message] of cases) {
        // The harness derives GITHUB_SHA from a well-formed payload; the broken one goes in a file.
        const eventPath = await tempFile('event.json', JSON.stringify(payload));
        const r = await run(fake, { event, payload: full }, { env: { GITHUB_EVENT_PATH: eventPath } });
        expectUnusable(r, fake, message);
      }
    },
  );

  it('GITHUB_EVENT_NAME not set', async () => {
    const fake = await start(keyPullRequest(newKey()).repo);
    const r = await run(fake, events.pullRequest(fake, 1), { env: { GITHUB_EVENT_NAME: undefined } });
    expectUnusable(r, fake, /GITHUB_EVENT_NAME is not set/);
  });

  it.each(['', '   '])('an empty github-token input (%j): the error names the input', async (token) => {
    const fake = await start(keyPullRequest(newKey()).repo);
    const r = await run(fake, events.pullRequest(fake, 1), { inputs: { 'github-token': token } });
    expectUnusable(r, fake, /input 'github-token': is required/);
  });
});

describe('readWorkflowEvent: what each event needs from its file', () => {
  const withPayload = async (eventName: string, payload: unknown) => ({
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: await tempFile('event.json', JSON.stringify(payload)),
  });
  const sha = 'a'.repeat(40);

  it.each([
    ['push', { before: sha }, /the push event file '.+' \(GITHUB_EVENT_PATH\) has no string 'after'/],
    ['push', { before: sha, after: 7 }, /has no string 'after'/],
    ['merge_group', { merge_group: { base_sha: sha } }, /has no string 'merge_group\.head_sha'/],
    ['merge_group', {}, /the merge_group event file .* has no 'merge_group' object/],
    [
      'pull_request',
      { pull_request: { number: 1, head: { sha: '' }, base: { sha } } },
      /'pull_request\.head\.sha'/,
    ],
  ])('%s %j is refused', async (event, payload, message) => {
    const env = await withPayload(event, payload);
    expect(() => readWorkflowEvent(env)).toThrow(EventError);
    expect(() => readWorkflowEvent(env)).toThrow(message);
  });

  it.each([
    ['push', { before: sha, after: '0'.repeat(40), deleted: true }],
    ['merge_group', { merge_group: { base_sha: sha, head_sha: sha } }],
    ['pull_request_target', { pull_request: { number: 3, head: { sha }, base: { sha } } }],
    ['watch', { action: 'started' }],
    ['workflow_dispatch', { inputs: null }],
  ])('%s %j is accepted', async (event, payload) => {
    expect(readWorkflowEvent(await withPayload(event, payload))).toEqual({ eventName: event, payload });
  });
});

describe('an event with nothing to scan: exit 0 and a notice', () => {
  it.each(['watch', 'star', 'deployment_status'])(
    'an unknown or unsupported event (%s), without an API call',
    async (event) => {
      const fake = await start(keyPullRequest(newKey()).repo);
      const r = await run(fake, {
        event,
        payload: {
          action: 'started',
          repository: repoJson(fake.url, fake.state),
          sender: { login: 'octocat' },
        },
      });
      expect(r.code).toBe(0);
      expect(errorsOf(r)).toEqual([]);
      const notices = noticesOf(r);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.message).toContain(`'${event}' event carries no changes to scan`);
      expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
      expect(fake.requests).toEqual([]);
    },
  );
});

describe('pull requests in unusual states', () => {
  it.each([
    ['closed without merging', { state: 'closed' as const }],
    ['merged', { state: 'closed' as const, merged: true }],
  ])('a %s pull request (action closed) is scanned like an open one', async (_name, spec) => {
    const key = newKey();
    const { repo } = keyPullRequest(key, spec);
    const fake = await start(repo);
    const r = await run(fake, events.pullRequest(fake, 1, { action: 'closed' }));
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ findings: '1', blocking: '1' });
    expect(repo.reviewComments).toEqual([expect.objectContaining({ path: 'src/app.py', line: 2 })]);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expectNoLeak(key, r, fake, r.reportText);
  });

  it('a merged pull request whose head repository is gone (head.repo null, fork deleted)', async () => {
    const key = newKey();
    const { repo } = keyPullRequest(key, { state: 'closed', merged: true, fork: true });
    const fake = await start(repo);
    const spec = events.pullRequest(fake, 1, { action: 'closed' });
    const pull = spec.payload.pull_request as { head: Record<string, unknown> };
    pull.head = { ...pull.head, repo: null, label: 'unknown repository' };
    const r = await run(fake, spec, { token: READ_TOKEN });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ findings: '1', blocking: '1' });
    expect(r.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', file: 'src/app.py', line: 2 }),
    );
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expectNoLeak(key, r, fake, r.reportText);
  });

  it('a closed pull request whose commits GitHub no longer serves: a clear error, no crash', async () => {
    const key = newKey();
    const { repo } = keyPullRequest(key, { state: 'closed' });
    const fake = await start(repo);
    fake.inject({ method: 'GET', path: /\/commits\/[0-9a-f]{40}$/, status: 404, times: Infinity });
    const r = await run(fake, events.pullRequest(fake, 1, { action: 'closed' }));
    expect(r.code).toBe(1);
    const errors = errorsOf(r);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^api-key-guard: .*(404|Not Found)/);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expectNoLeak(key, r, fake);
  });

  it('a pull request with no commits and no files: exit 0, nothing found, said plainly', async () => {
    const repo = createRepo();
    repo.pullRequest({});
    const fake = await start(repo);
    const spec = events.pullRequest(fake, 1);
    expect(spec.payload.pull_request).toMatchObject({ commits: 0, changed_files: 0 });
    const r = await run(fake, spec);
    expect(r.code).toBe(0);
    expect(errorsOf(r)).toEqual([]);
    expect(r.outputs).toMatchObject({ findings: '0', blocking: '0' });
    expect(r.log).toMatch(/api-key-guard: 0 finding\(s\), 0 blocking/);
    // The job summary's "What was scanned" table: 0 files, 0 added lines, 0 binary, 0 commits.
    expect(r.summary).toContain('| 0 | 0 | 0 | 0 |');
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('file contents that are not UTF-8', () => {
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it.each([false, true])(
    'Latin-1, invalid sequences and NUL bytes: keys in the valid parts are found (GitHub patch omitted: %s)',
    async (omitPatch) => {
      const keys = [newKey(), newKey(), newKey()];
      const repo = createRepo();
      const file = (content: Buffer) => ({ before: null, after: content, omitPatch });
      repo.pullRequest({
        files: {
          // Latin-1: é and ü are single bytes, invalid as UTF-8.
          'src/latin1.py': file(Buffer.concat([latin1('# café, über\n'), Buffer.from(keyLine(keys[0]!))])),
          // Invalid sequences on the key's own line: a lone continuation byte, a truncated
          // sequence, an overlong encoding and 0xFF.
          'src/invalid.py': file(
            Buffer.concat([
              Buffer.from('x = 1\n# '),
              Buffer.from([0x80, 0xc3, 0x28, 0xc0, 0xaf, 0xff, 0x20]),
              Buffer.from(keyLine(keys[1]!)),
            ]),
          ),
          // A NUL past git's 8000-byte window: still text, the NUL kept as a character.
          'src/late-nul.txt': file(
            Buffer.concat([
              Buffer.from('pad\n'.repeat(2100)),
              Buffer.from([0x00, 0x0a]),
              Buffer.from(keyLine(keys[2]!)),
            ]),
          ),
          // A NUL at the start: binary, like git, so not scanned line by line.
          'assets/blob.bin': file(
            Buffer.concat([Buffer.from([0x00, 0x01, 0x02, 0x0a]), Buffer.from(keyLine(newKey()))]),
          ),
        },
      });
      const fake = await start(repo);
      const r = await run(fake, events.pullRequest(fake, 1));
      expect(r.code).toBe(1);
      expect(errorsOf(r).filter((a) => !a.file)).toHaveLength(1); // the step's failure message
      const report = JSON.parse(r.reportText) as { findings: { path: string; line: number }[] };
      expect(report.findings.map((f) => [f.path, f.line]).sort()).toEqual([
        ['src/invalid.py', 2],
        ['src/late-nul.txt', 2102],
        ['src/latin1.py', 2],
      ]);
      if (omitPatch) {
        // Without a patch no line is in the diff GitHub shows: the review body lists the findings.
        expect(repo.reviewComments).toEqual([]);
        expect(repo.reviews).toHaveLength(1);
        for (const path of ['src/invalid.py', 'src/late-nul.txt', 'src/latin1.py'])
          expect(repo.reviews[0]!.body).toContain(path.replace(/[-.]/g, '\\$&'));
      } else {
        expect(repo.reviewComments.map((c) => [c.path, c.line]).sort()).toEqual([
          ['src/invalid.py', 2],
          ['src/late-nul.txt', 2102],
          ['src/latin1.py', 2],
        ]);
      }
      expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
      for (const key of keys) expectNoLeak(key, r, fake, r.reportText);
    },
  );
});

describe('odd characters in file names', () => {
  // Each name is a real git path (git allows any byte but NUL and `/` in a name).
  const NAMES = [
    'dir with spaces/my file.py',
    'quotes/"double" and \'single\'.py',
    'emoji/🔑 key file 🚀.py',
    'bidi/invoice\u202eyp.txt', // a right-to-left override: shows as "invoicetxt.py"
    'bidi/\u200fhebrew \u05e9\u05dc\u05d5\u05dd.py',
    'percent/100%25 done %0A.py',
    'hash/#1 issue.py',
    'punct/a,b:c;d.py',
    'markup/<img src=x onerror=alert(1)>.py',
    'markup/</details> `tick` *star* [link](http://x) @octocat.py',
    'newline/first\n# Heading\n.py',
    'cr/carriage\rreturn.py',
  ];

  async function oddNamesRun(token?: string) {
    const repo = createRepo();
    const keys = NAMES.map(() => newKey());
    const files: Record<string, string> = {};
    NAMES.forEach((name, i) => (files[name] = `# header\n${keyLine(keys[i]!)}`));
    repo.pullRequest({ files });
    const fake = await start(repo);
    const r = await run(fake, events.pullRequest(fake, 1), token ? { token } : {});
    return { repo, fake, keys, r };
  }

  /** Rendered markdown shows the name without letting it add structure, HTML or line breaks. */
  function expectSafeMarkdown(markdown: string): void {
    expect(markdown).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200f\r]/);
    expect(markdown).not.toMatch(/<img/i);
    expect(markdown).not.toContain('</details> `tick`');
    expect(markdown).not.toMatch(/^# Heading/m);
    expect(markdown).not.toMatch(/(^|[^\u200d])@octocat/);
    expect(markdown).not.toContain('[link](http://x)');
  }

  it('check-run annotations and review comments land on the exact paths; bodies render them safely', async () => {
    const { repo, fake, keys, r } = await oddNamesRun();
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ findings: String(NAMES.length) });
    const annotations = repo.checkRuns.flatMap((c) => c.output.annotations);
    expect(annotations.map((a) => [a.path, a.start_line]).sort()).toEqual(NAMES.map((n) => [n, 2]).sort());
    expect(repo.reviewComments.map((c) => [c.path, c.line]).sort()).toEqual(NAMES.map((n) => [n, 2]).sort());
    for (const c of repo.reviewComments) expectSafeMarkdown(c.body);
    for (const review of repo.reviews) expectSafeMarkdown(review.body);
    expectSafeMarkdown(r.summary);
    const report = JSON.parse(r.reportText) as { findings: { path: string }[] };
    expect(report.findings.map((f) => f.path).sort()).toEqual([...NAMES].sort());
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    keys.forEach((key) => expectNoLeak(key, r, fake, r.reportText));
  });

  it('workflow-command annotations (read-only token) carry each path escaped, and the runner reads it back exactly', async () => {
    const { fake, keys, r } = await oddNamesRun(READ_TOKEN);
    expect(r.code).toBe(1);
    const onFiles = r.annotations.filter((a) => a.file !== undefined);
    expect(onFiles.map((a) => [a.file, a.line]).sort()).toEqual(NAMES.map((n) => [n, 2]).sort());
    // Every command stays on one line of stdout: no raw CR or LF inside a property or message.
    const commandLines = r.stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l));
    expect(commandLines).toHaveLength(onFiles.length);
    for (const line of commandLines) expect(line).not.toContain('\r');
    expectSafeMarkdown(r.summary);
    keys.forEach((key) => expectNoLeak(key, r, fake, r.reportText));
  });
});
