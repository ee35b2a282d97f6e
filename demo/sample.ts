// The demo's sample pull request, built in the fake GitHub API's in-memory repository
// (__tests__/fake-github/repo.ts). Its keys come from sample templates (src/scan/samples.ts)
// expanded at run time, so no key-shaped literal lives in this file; `expected` says where each
// finding must land, computed from the generated files rather than written down by hand.
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import { createRepo, type FakeRepo, type PullRequest } from '../__tests__/fake-github/repo.js';

export const PR_TITLE = 'Summarise support tickets with Claude, plus a nightly eval';
export const PR_BODY = [
  'Adds `summarize()` backed by the Anthropic API and a nightly workflow that compares it with GPT.',
  '',
  '- `app/client.py`: the Claude client',
  '- `.github/workflows/nightly-eval.yml`: runs the eval every night',
  '- `scripts/seed.sh`: clones the private fixtures',
  '- `docs/setup.md`: how to set the keys locally',
  '',
  'Set `ANTHROPIC_API_KEY` and `OPENAI_API_KEY` before running locally.',
].join('\n');

/** The keys the sample holds, each generated now from a template. */
export interface SampleKeys {
  anthropic: string;
  openai: string;
  /** Added by the first commit in scripts/seed.sh, removed by the second. */
  github: string;
  /** The values of the committed .env. */
  envValues: string[];
}

/** Where the action must report each finding (1-based lines of the head's files). */
export interface SampleExpectations {
  anthropic: { path: string; line: number };
  openai: { path: string; line: number };
  /** The key removed by a later commit: reported in the review body, not on a line. */
  removed: { path: string; line: number; commit: number };
  envFile: { path: string };
  /** Files that hold only placeholders and must not be flagged. */
  clean: string[];
}

export interface Sample {
  repo: FakeRepo;
  pr: PullRequest;
  keys: SampleKeys;
  /** Every generated secret value, for the leak check. */
  secrets: string[];
  expected: SampleExpectations;
  /** What each file holds, one line each, for the reader. */
  legend: string[];
}

const lineOf = (text: string, needle: string): number => {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`demo sample: '${needle.slice(0, 12)}…' not found`);
  return i + 1;
};

/** Builds the sample repository and its pull request; `seed` fixes the generated keys. */
export function buildSample(seed: number = Date.now() % 2 ** 32): Sample {
  const rand = seededRandom(seed);
  const gen = (template: string) => expandTemplate(template, rand);
  const keys: SampleKeys = {
    anthropic: gen('sk-ant-api03-{b64u:93}AA'),
    openai: gen('sk-proj-{b64u:74}T3BlbkFJ{b64u:74}'),
    github: gen('ghp_{crc36}'),
    envValues: [gen('{alnum:40}'), gen('{hex:64}')],
  };
  // Look-alikes that must stay quiet: a token whose checksum fails, and an all-x OpenAI shape.
  const badChecksum = gen('ghp_{crc36bad}');
  const xs = (n: number) => 'x'.repeat(n);
  const openaiPlaceholder = ['sk-proj-', xs(74), 'T3BlbkFJ', xs(74)].join('');

  const clientBefore = [
    'import os',
    '',
    'import anthropic',
    '',
    '',
    'def summarize(ticket: str) -> str:',
    '    return ticket[:200]',
    '',
  ].join('\n');
  const client = [
    'import os',
    '',
    'import anthropic',
    '',
    '# TODO: read from the environment before merging',
    `client = anthropic.Anthropic(api_key="${keys.anthropic}")`,
    '',
    '',
    'def summarize(ticket: str) -> str:',
    '    message = client.messages.create(',
    '        model="claude-sonnet-4-5",',
    '        max_tokens=300,',
    '        messages=[{"role": "user", "content": f"Summarise this ticket:\\n{ticket}"}],',
    '    )',
    '    return message.content[0].text',
    '',
  ].join('\n');
  const workflow = [
    'name: nightly-eval',
    'on:',
    '  schedule:',
    "    - cron: '0 3 * * *'",
    'jobs:',
    '  eval:',
    '    runs-on: ubuntu-latest',
    '    env:',
    '      ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}',
    `      OPENAI_API_KEY: ${keys.openai}`,
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: python -m eval.compare --models claude,gpt',
    '',
  ].join('\n');
  const seedWithToken = [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    `GITHUB_TOKEN=${keys.github}`,
    'git clone "https://x-access-token:${GITHUB_TOKEN}@github.com/acme/ticket-fixtures" fixtures',
    '',
  ].join('\n');
  const seedFixed = [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    ': "${GITHUB_TOKEN:?set GITHUB_TOKEN first}"',
    'git clone "https://x-access-token:${GITHUB_TOKEN}@github.com/acme/ticket-fixtures" fixtures',
    '',
  ].join('\n');
  const env = [
    '# local settings',
    'DEBUG=true',
    `SESSION_SECRET=${keys.envValues[0]}`,
    `WEBHOOK_SIGNING_KEY=${keys.envValues[1]}`,
    '',
  ].join('\n');
  const setup = [
    '# Local setup',
    '',
    'Put your own keys in the environment, never in the code:',
    '',
    '    export ANTHROPIC_API_KEY=your-api-key-here',
    `    export OPENAI_API_KEY=${openaiPlaceholder}`,
    `    export GITHUB_TOKEN=${badChecksum}   # (not a real token: its checksum fails)`,
    '',
    'In CI they come from repository secrets: `${{ secrets.ANTHROPIC_API_KEY }}`.',
    '',
  ].join('\n');

  const repo = createRepo({
    owner: 'acme',
    repo: 'support-bot',
    initialFiles: {
      'README.md': '# support-bot\n\nSummarises support tickets.\n',
      '.gitignore': '__pycache__/\n*.pyc\n',
      'app/client.py': clientBefore,
    },
  });
  const pr = repo.pullRequest({
    title: PR_TITLE,
    body: PR_BODY,
    head: 'feature/claude-summaries',
    user: 'dev-sam',
    commits: [
      {
        message: 'Call Claude for ticket summaries; nightly eval against GPT',
        files: {
          'app/client.py': client,
          '.github/workflows/nightly-eval.yml': workflow,
          'scripts/seed.sh': seedWithToken,
        },
      },
      {
        message: 'seed.sh: read the token from the environment',
        files: { 'scripts/seed.sh': seedFixed },
      },
      {
        message: 'Local settings and setup notes',
        files: { '.env': env, 'docs/setup.md': setup },
      },
    ],
  });

  return {
    repo,
    pr,
    keys,
    secrets: [keys.anthropic, keys.openai, keys.github, ...keys.envValues],
    expected: {
      anthropic: { path: 'app/client.py', line: lineOf(client, keys.anthropic) },
      openai: { path: '.github/workflows/nightly-eval.yml', line: lineOf(workflow, keys.openai) },
      removed: { path: 'scripts/seed.sh', line: lineOf(seedWithToken, keys.github), commit: 1 },
      envFile: { path: '.env' },
      clean: ['docs/setup.md', 'README.md'],
    },
    legend: [
      `app/client.py                       an Anthropic key (line ${lineOf(client, keys.anthropic)})`,
      `.github/workflows/nightly-eval.yml  an OpenAI key in the job's env (line ${lineOf(workflow, keys.openai)}), next to a proper secrets reference`,
      `scripts/seed.sh                     a GitHub token, added by the first commit (line ${lineOf(seedWithToken, keys.github)}) and removed by the second`,
      '.env                                a committed .env file (.gitignore does not cover it)',
      'docs/setup.md                       placeholders only: your-api-key-here, an all-x OpenAI shape, a token whose checksum fails, ${{ secrets.… }}; must NOT be flagged',
    ],
  };
}
