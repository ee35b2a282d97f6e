// The remediation catalogue: which situations a finding is in, the steps each situation gets in
// the review body and on the finding's line, in English and Korean, each citing its source.
// Keys are generated at run time by the real scanner (render-fixtures); none is written here.
import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { AFTERWARDS, CITATIONS } from '../src/guidance/catalogue.js';
import { ciSecretReference, gitignoreEntry, shellWord, untrackCommand } from '../src/guidance/commands.js';
import {
  ciSystemOf,
  isCiConfigPath,
  isDockerfilePath,
  isDotenvPath,
  SITUATIONS,
  situationsAmong,
  situationsOf,
  type Situation,
} from '../src/guidance/situations.js';
import { runCli } from '../src/cli/run.js';
import { annotationMessage } from '../src/report/annotations.js';
import type { BodyReason, PlacedFinding } from '../src/report/context.js';
import { escapeText, link } from '../src/report/markdown-escape.js';
import { fingerprintsIn } from '../src/report/markers.js';
import { ARTICLE_URL, LOCALES, messages, type Locale } from '../src/report/messages.js';
import {
  renderInlineComment,
  renderReviewBody,
  REVIEW_BODY_LIMIT,
  type ReviewInput,
} from '../src/report/review.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderJobSummary } from '../src/report/summary.js';
import { renderText } from '../src/report/text.js';
import { secretOf } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import type { Finding } from '../src/scan/types.js';
import { links, LINE_TEMPLATES, rules, scanLines, tableAfter } from './helpers/render-fixtures.js';

const ANTHROPIC = 'sk-ant-api03-{b64u:93}AA';

/** The one finding of `ruleId` the scanner reports on the generated lines. */
function found(
  path: string,
  lines: string[],
  ruleId = 'anthropic-api-key',
  options: Parameters<typeof scanLines>[2] = {},
): Finding {
  const finding = scanLines(path, lines, options).find((f) => f.ruleId === ruleId);
  if (!finding) throw new Error(`no ${ruleId} finding in ${path}`);
  return finding;
}

/** A committed credential file as the credential-file scan reports it: line 1, no literal. */
function credentialFile(path: string, ruleId: string, like: Finding): Finding {
  return {
    ...like,
    ruleId,
    provider: 'Credential file',
    path,
    line: 1,
    column: 1,
    endColumn: 1,
    redacted: path,
  };
}

interface Case {
  finding: Finding;
  reason?: BodyReason;
}

const code = found('src/client.py', [`client = Anthropic(api_key="${ANTHROPIC}")`]);
const CASES: Record<Situation, Case> = {
  revoke: { finding: code },
  environment: { finding: code },
  'untrack-file': {
    finding: found('config/.env', ['OPENAI_API_KEY=sk-proj-{b64u:74}T3BlbkFJ{b64u:74}'], 'openai-api-key'),
  },
  'ci-secret': {
    finding: found('.github/workflows/deploy.yml', [`          ANTHROPIC_API_KEY: ${ANTHROPIC}`]),
  },
  'docker-build': { finding: found('docker/Dockerfile', [`ENV ANTHROPIC_API_KEY=${ANTHROPIC}`]) },
  history: {
    finding: found('src/old.py', [`KEY = "${ANTHROPIC}"`], 'anthropic-api-key', { seed: 11 }),
    reason: 'removed-later',
  },
  discussion: {
    finding: found('pull request description', [`key: ${ANTHROPIC}`], 'anthropic-api-key', {
      source: 'pull-request',
      commit: null,
    }),
    reason: 'pull-request-text',
  },
};

/**
 * Hand-written expectations: a phrase of each situation's step on a line and in the body, and the
 * citation it must end with. `project` citations are not links.
 */
const EXPECTED: Record<
  Locale,
  {
    line: Record<Situation, string>;
    now: Record<Situation, string>;
    cite: Record<Situation, string>;
  }
> = {
  en: {
    line: {
      revoke: 'key now at [',
      discussion: 'Edit the key out of the text.',
      'untrack-file':
        'Take `config/.env` out of git with `git rm --cached config/.env`, add `.env` to `.gitignore`',
      'ci-secret':
        'Store the new key as an encrypted secret in the CI settings and refer to it by name (`ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}`)',
      'docker-build': 'Do not put the key in ENV or ARG',
      environment: 'Read the new key from the `ANTHROPIC_API_KEY` environment variable',
      history: 'rewrite the branch (`git rebase -i`, then force-push) or squash-merge',
    },
    now: {
      revoke: '**Revoke each exposed key and issue a new one, before anything else.**',
      discussion: "**Edit the key out of the pull request's title, description or comment.**",
      'untrack-file': '**Take the committed secret file out of git:** run `git rm --cached config/.env`',
      'ci-secret': "**Use the CI's encrypted secrets in CI configuration.**",
      'docker-build': '**In a Dockerfile, keep the key out of ENV and ARG:**',
      environment: '**Keep the new key in a secret, never in the code.**',
      history: '**Then keep the key out of the default branch.**',
    },
    cite: {
      revoke: `([article “If a key may be compromised”, “GitHub partnership”](${ARTICLE_URL}))`,
      discussion: `([article §1](${ARTICLE_URL}))`,
      'untrack-file': `([article §3](${ARTICLE_URL}))`,
      'ci-secret': `([article §1, §3](${ARTICLE_URL}))`,
      'docker-build': `([article §1, §3](${ARTICLE_URL}))`,
      environment: `([article §1, §3](${ARTICLE_URL}))`,
      history: "(api-key-guard's reasoning about git history)",
    },
  },
  ko: {
    line: {
      revoke: '키를 폐기하고 새 키를 재발급하십시오.',
      discussion: '텍스트에서 키를 지우십시오.',
      'untrack-file': '`git rm --cached config/.env` 명령으로 `config/.env` 파일을 git 추적 대상에서 빼고',
      'ci-secret': '새 키는 CI 설정에 암호화된 시크릿으로 저장하고',
      'docker-build': 'ENV나 ARG에 키를 넣지 마십시오.',
      environment: '새 키는 코드에 쓰지 말고 환경 변수 `ANTHROPIC_API_KEY`에서 읽으십시오.',
      history: '스쿼시 병합하십시오.',
    },
    now: {
      revoke: '**무엇보다 먼저 노출된 키를 모두 폐기하고 새 키를 재발급하십시오.**',
      discussion: '**풀 리퀘스트 제목, 설명 또는 댓글에서 키를 지우십시오.**',
      'untrack-file': '**커밋된 비밀 파일을 git 추적 대상에서 빼십시오.** `git rm --cached config/.env`',
      'ci-secret': '**CI 설정 파일에는 키 값을 쓰지 말고 CI의 암호화된 시크릿을 사용하십시오.**',
      'docker-build': '**Dockerfile의 ENV나 ARG에 키를 넣지 마십시오.**',
      environment: '**새 키는 코드가 아니라 시크릿으로 관리하십시오.**',
      history: '**마지막으로 키가 기본 브랜치에 들어가지 않게 하십시오.**',
    },
    cite: {
      revoke: `([가이드 “키가 유출되었을 수 있는 경우”, “GitHub 파트너십”](${ARTICLE_URL}))`,
      discussion: `([가이드 §1](${ARTICLE_URL}))`,
      'untrack-file': `([가이드 §3](${ARTICLE_URL}))`,
      'ci-secret': `([가이드 §1, §3](${ARTICLE_URL}))`,
      'docker-build': `([가이드 §1, §3](${ARTICLE_URL}))`,
      environment: `([가이드 §1, §3](${ARTICLE_URL}))`,
      history: '(git 기록에 대한 api-key-guard의 권장 사항)',
    },
  },
};

/** The line of `text` holding `phrase`; fails when there is none. */
function lineWith(text: string, phrase: string): string {
  const line = text.split('\n').find((l) => l.includes(phrase));
  if (line === undefined) throw new Error(`no line holds ${JSON.stringify(phrase)} in:\n${text}`);
  return line;
}

function placed({ finding, reason }: Case): PlacedFinding {
  return reason ? { finding, placement: 'body', reason } : { finding, placement: 'inline' };
}

function review(findings: PlacedFinding[], extra: Partial<ReviewInput> = {}): string {
  return renderReviewBody({ findings, rules, failOn: 'medium', links, ...extra });
}

/** The secret, and a stretch from its random middle: neither may appear in any output. */
function expectNoSecret(output: string, finding: Finding): void {
  const secret = secretOf(finding);
  expect(secret).toBeDefined();
  expect(output).not.toContain(secret!);
  expect(output).not.toContain(secret!.slice(20, 40));
}

describe('situationsOf and the path predicates', () => {
  it('recognises .env files but not their templates', () => {
    for (const path of [
      '.env',
      'app/.env',
      '.env.local',
      'deploy/.env.production',
      'X/.ENV',
      '.env.test.local',
    ])
      expect([path, isDotenvPath(path)]).toEqual([path, true]);
    for (const path of [
      '.env.example',
      'app/.env.sample',
      '.env.template',
      '.env.dist',
      '.env.defaults',
      '.env.production.example',
      '.envrc',
      'src/env.ts',
      'environment.yml',
    ])
      expect([path, isDotenvPath(path)]).toEqual([path, false]);
  });

  it('recognises CI configuration files and their CI system', () => {
    const ci: [string, string][] = [
      ['.github/workflows/ci.yml', 'github'],
      ['.github/workflows/release.yaml', 'github'],
      ['.gitlab-ci.yml', 'gitlab'],
      ['.gitlab/ci/deploy.yml', 'gitlab'],
      ['.circleci/config.yml', 'circleci'],
      ['azure-pipelines.yml', 'azure'],
      ['build/azure-pipelines-release.yml', 'azure'],
      ['bitbucket-pipelines.yml', 'bitbucket'],
      ['.travis.yml', 'travis'],
      ['Jenkinsfile', 'jenkins'],
      ['ci/Jenkinsfile.release', 'jenkins'],
      ['.drone.yml', 'other'],
      ['.buildkite/pipeline.yml', 'other'],
    ];
    for (const [path, system] of ci) expect([path, ciSystemOf(path)]).toEqual([path, system]);
    for (const path of [
      'src/workflows/ci.yml',
      '.github/workflow.yml',
      '.github/workflows/README.md',
      'docker-compose.yml',
      'config/app.yml',
      'jenkinsfile.md',
    ])
      expect([path, isCiConfigPath(path)]).toEqual([path, false]);
  });

  it('recognises Dockerfiles', () => {
    for (const path of ['Dockerfile', 'docker/Dockerfile.prod', 'api.dockerfile', 'Containerfile'])
      expect([path, isDockerfilePath(path)]).toEqual([path, true]);
    for (const path of [
      'docker-compose.yml',
      'Dockerfile.md',
      'src/dockerfile.ts',
      'docs/Dockerfile.md/x.py',
    ])
      expect([path, isDockerfilePath(path)]).toEqual([path, false]);
  });

  it('decides the situations from path, source, rule and placement', () => {
    const f = (path: string, source: Finding['source'] = 'diff', ruleId = 'anthropic-api-key') => ({
      path,
      source,
      ruleId,
    });
    expect(situationsOf(f('src/app.py'))).toEqual(['revoke', 'environment']);
    expect(situationsOf(f('.env.example'))).toEqual(['revoke', 'environment']);
    expect(situationsOf(f('config/.env.local'))).toEqual(['revoke', 'untrack-file']);
    expect(situationsOf(f('config/app.env', 'diff', 'credential-file-env'))).toEqual([
      'revoke',
      'untrack-file',
    ]);
    expect(situationsOf(f('deploy/id_rsa', 'diff', 'credential-file-private-key'))).toEqual([
      'revoke',
      'untrack-file',
    ]);
    expect(situationsOf(f('.gitlab-ci.yml'))).toEqual(['revoke', 'ci-secret']);
    expect(situationsOf(f('Dockerfile'))).toEqual(['revoke', 'docker-build']);
    expect(situationsOf(f('src/app.py'), 'removed-later')).toEqual(['revoke', 'history']);
    expect(situationsOf(f('src/app.py'), 'outside-diff')).toEqual(['revoke', 'environment']);
    expect(situationsOf(f('pull request description', 'pull-request'))).toEqual(['revoke', 'discussion']);
    expect(situationsOf(f('comment', 'comment'))).toEqual(['revoke', 'discussion']);
  });

  it('lists the situations among findings in step order, the history for any key in a file', () => {
    const among = situationsAmong([
      { finding: { path: 'src/app.py', source: 'diff', ruleId: 'x' } },
      { finding: { path: 'Dockerfile', source: 'diff', ruleId: 'x' } },
      { finding: { path: 'pr', source: 'pull-request', ruleId: 'x' } },
    ]);
    expect(among).toEqual(['revoke', 'discussion', 'docker-build', 'environment', 'history']);
    expect(situationsAmong([{ finding: { path: 'pr', source: 'comment', ruleId: 'x' } }])).toEqual([
      'revoke',
      'discussion',
    ]);
  });
});

describe('the commands the steps quote', () => {
  it('quotes paths for the shell and keeps them from reading as options', () => {
    expect(untrackCommand(['config/.env', 'a b/.env.local'])).toBe(
      "git rm --cached config/.env 'a b/.env.local'",
    );
    expect(shellWord("it's.env")).toBe(`'it'\\''s.env'`);
    expect(shellWord('-rf.env')).toBe('./-rf.env');
    expect(shellWord('$(touch x).env')).toBe("'$(touch x).env'");
  });

  it('writes .gitignore entries that match only the file meant', () => {
    expect(gitignoreEntry('config/.env.local', true)).toBe('.env.local');
    expect(gitignoreEntry('deploy/id_rsa', false)).toBe('/deploy/id_rsa');
    expect(gitignoreEntry('keys/key[1]*.pem', false)).toBe('/keys/key\\[1]\\*.pem');
    expect(gitignoreEntry('#secret.env', true)).toBe('\\#secret.env');
  });

  it('references a secret the way each CI reads it', () => {
    expect(ciSecretReference('github', 'GITHUB_TOKEN', 'GH_TOKEN')).toBe(
      'GITHUB_TOKEN: ${{ secrets.GH_TOKEN }}',
    );
    expect(ciSecretReference('gitlab', 'API_KEY', 'API_KEY')).toBe('$API_KEY');
    expect(ciSecretReference('azure', 'API_KEY', 'API_KEY')).toBe('$(API_KEY)');
    expect(ciSecretReference('jenkins', 'API_KEY', 'API_KEY')).toBe("API_KEY = credentials('api-key')");
  });
});

describe('the catalogue', () => {
  it('cites a source for every situation and every afterwards practice', () => {
    for (const s of SITUATIONS) expect([s, CITATIONS[s].length > 0]).toEqual([s, true]);
    for (const locale of LOCALES) {
      const g = messages[locale].guidance;
      for (const a of AFTERWARDS) expect(g.afterwards[a].length).toBeGreaterThan(20);
    }
  });

  it('Korean is written in Korean, with the usual terms', () => {
    const g = messages.ko.guidance;
    const f = { code: (s: string) => `\`${s}\``, strong: (s: string) => s };
    const all = [
      g.now.revoke(f, { inCommits: true }),
      g.now.revoke(f, { inCommits: false }),
      g.now.discussion(f, {}),
      g.now.environment(f, { envVars: '`X`' }),
      g.now['ci-secret'](f, { files: '`a.yml`', reference: '`$X`' }),
      g.line.history(f, {}),
      ...Object.values(g.afterwards),
    ].join('\n');
    for (const term of ['키 폐기', '재발급', '환경 변수', '시크릿 관리', '합니다', '십시오'])
      expect(all).toContain(term);
    // No English sentence left behind: Latin words only in names (KMS, AWS Secrets Manager…).
    expect(all).not.toMatch(/\b(the|and|with|from|your|this|not|revoke)\b/i);
  });
});

describe.each(LOCALES)('every situation renders with its citation (%s)', (locale) => {
  const expected = EXPECTED[locale];

  it.each(SITUATIONS.filter((s) => s !== 'revoke'))(
    '%s: the inline comment has revoke and this step',
    (s) => {
      const { finding, reason } = CASES[s];
      const comment = renderInlineComment(finding, { rules, failOn: 'medium', locale, reason });
      // Revoke first, then the situation's own step, and nothing else.
      expect(comment.match(/^\d\. /gm)).toEqual(['1. ', '2. ']);
      const revoke = lineWith(comment, expected.line.revoke);
      expect(revoke.startsWith('1. ')).toBe(true);
      expect(revoke).toContain(` ${finding.provider} `);
      expect(revoke.endsWith(expected.cite.revoke)).toBe(true);
      const step = lineWith(comment, expected.line[s]);
      expect(step.startsWith('2. ')).toBe(true);
      expect(step.endsWith(expected.cite[s])).toBe(true);
      for (const other of SITUATIONS.filter((o) => o !== s && o !== 'revoke'))
        expect(comment).not.toContain(expected.line[other]);
      expectNoSecret(comment, finding);
    },
  );

  it.each(SITUATIONS)('%s: the review body has the "do now" step with its citation', (s) => {
    const body = review([placed(CASES[s])], { locale });
    const step = lineWith(body, expected.now[s]);
    expect(step).toMatch(/^\d\. \*\*/);
    expect(step.endsWith(expected.cite[s])).toBe(true);
    expectNoSecret(body, CASES[s].finding);
  });

  it('the body carries the checklist once, each practice cited, and every step in order', () => {
    const body = review(
      SITUATIONS.map((s) => placed(CASES[s])),
      { locale },
    );
    const heading = `### ${messages[locale].checklistHeading}`;
    expect(body.split(heading)).toHaveLength(2);
    const positions = SITUATIONS.map((s) => body.indexOf(expected.now[s]));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(body.match(/^\d\. \*\*/gm)).toHaveLength(SITUATIONS.length);
    const practices: [string, number][] =
      locale === 'en'
        ? [
            ['Never share a key', 1],
            ['usage and logs', 2],
            ['spend limits', 2],
            ['every 90 days', 4],
            ['separate keys for development', 5],
            ['secret scanning', 6],
            ['key management system (KMS)', 7],
          ]
        : [
            ['키를 공유하지 마십시오', 1],
            ['사용량과 로그', 2],
            ['지출 한도', 2],
            ['90일마다', 4],
            ['각각 다른 키', 5],
            ['시크릿 스캔', 6],
            ['키 관리 시스템(KMS)', 7],
          ];
    const label = locale === 'en' ? 'article' : '가이드';
    for (const [phrase, section] of practices) {
      const item = lineWith(body.slice(body.indexOf(heading)), phrase);
      expect(item.startsWith('- ')).toBe(true);
      expect(item.endsWith(`([${label} §${section}](${ARTICLE_URL}))`)).toBe(true);
    }
    for (const c of Object.values(CASES)) expectNoSecret(body, c.finding);
  });

  it('the job summary gives the same steps, once', () => {
    const findings = SITUATIONS.map((s) => CASES[s].finding);
    const summary = renderJobSummary({
      findings,
      rules,
      failOn: 'medium',
      stats: { files: 6, addedLines: 6, bytes: 600 },
      links,
      version: '0.1.0',
      locale,
    });
    for (const s of [
      'revoke',
      'discussion',
      'untrack-file',
      'ci-secret',
      'docker-build',
      'environment',
    ] as const)
      expect(lineWith(summary, expected.now[s]).endsWith(expected.cite[s])).toBe(true);
    expect(summary.split(`### ${messages[locale].checklistHeading}`)).toHaveLength(2);
    for (const f of findings) expectNoSecret(summary, f);
  });

  it('annotations, SARIF and the text report carry the line steps in plain text', () => {
    const { finding } = CASES['docker-build'];
    const plainCite = locale === 'en' ? '(article §1, §3)' : '(가이드 §1, §3)';
    const annotation = annotationMessage(finding, { rules, locale });
    expect(annotation).toContain('RUN --mount=type=secret,id=anthropic_api_key');
    expect(annotation).toContain(plainCite);
    expect(annotation).not.toContain('](');
    const text = renderText([finding], { files: 1, addedLines: 1, bytes: 100 }, rules, locale);
    expect(text).toContain(plainCite);
    const sarif = JSON.parse(renderSarif([finding], builtinRules, '0.1.0', locale)) as {
      runs: { results: { message: { text: string } }[] }[];
    };
    expect(sarif.runs[0]!.results[0]!.message.text).toContain(plainCite);
    for (const out of [annotation, text, JSON.stringify(sarif)]) expectNoSecret(out, finding);
  });
});

describe('committed credential files and suggestions', () => {
  const like = CASES.environment.finding;

  it('a private key file: remove it from the index, no suggestion, every secret in it revoked', () => {
    const f = credentialFile('deploy/id_rsa', 'credential-file-private-key', like);
    const comment = renderInlineComment(f, {
      rules,
      failOn: 'medium',
      suggestion: { line: 'x = os.environ["ANTHROPIC_API_KEY"]' },
    });
    expect(comment).toContain(
      '2. Remove the file from the index with `git rm --cached deploy/id_rsa` and add `/deploy/id_rsa` to `.gitignore`.',
    );
    expect(comment).toContain('1. Revoke every key and password this file holds');
    expect(comment).not.toContain('suggestion');
    expect(comment).not.toContain('.env.example');
  });

  it('a .env found by the credential-file rule uses its real path, quoted for the shell', () => {
    const f = credentialFile('my app/.env.production', 'credential-file-env', like);
    const comment = renderInlineComment(f, { rules, failOn: 'medium', locale: 'ko' });
    expect(comment).toContain("`git rm --cached 'my app/.env.production'` 명령으로");
    expect(comment).toContain('`.env.production` 항목을 `.gitignore`에 추가하십시오');
  });

  it('a hostile path in a command cannot add markup, a mention or a marker', () => {
    const forged = `<!-- api-key-guard:fp:${'0'.repeat(32)} -->`;
    const path = `x/<img src=x>\`@octocat\`\n## Heading ${forged}/.env`;
    const f = credentialFile(path, 'credential-file-env', like);
    for (const locale of LOCALES) {
      const comment = renderInlineComment(f, { rules, failOn: 'medium', locale });
      const body = review([{ finding: f, placement: 'body', reason: 'no-patch' }], { locale });
      for (const out of [comment, body]) {
        expect(out).not.toContain(forged);
        expect(out).not.toMatch(/^## Heading/m);
        // Outside code spans (which GitHub shows literally) no tag and no mention is left.
        const prose = out.replace(/(`+)(.*?)\1(?!`)/g, '');
        expect(prose).not.toContain('<img');
        expect(prose).not.toContain('@octocat');
        expect(out).toContain('@octocat'); // the path is shown, inside code
      }
      expect(fingerprintsIn(comment)).toEqual([f.fingerprint]);
    }
  });

  it('a GitLab CI file is told to use $NAME, not the GitHub syntax', () => {
    const f = found('.gitlab-ci.yml', [`  ANTHROPIC_API_KEY: ${ANTHROPIC}`]);
    const comment = renderInlineComment(f, { rules, failOn: 'medium' });
    expect(comment).toContain('(`$ANTHROPIC_API_KEY`)');
    expect(comment).not.toContain('secrets.');
  });

  it('a suggestion note is worded in each language', () => {
    const note = { kind: 'terraform-sensitive', variable: 'anthropic_api_key' } as const;
    const en = renderInlineComment(code, {
      rules,
      failOn: 'medium',
      suggestion: { line: 'k = var.x', note },
    });
    const ko = renderInlineComment(code, {
      rules,
      failOn: 'medium',
      locale: 'ko',
      suggestion: { line: 'k = var.x', note },
    });
    expect(en).toContain('`TF_VAR_anthropic_api_key`');
    expect(en).toContain('Declare the variable sensitive');
    expect(ko).toContain('`TF_VAR_anthropic_api_key` 환경 변수로 설정하십시오');
    expect(ko).not.toContain('Declare');
  });
});

describe('200 findings of mixed situations stay within the review body limit', () => {
  const PATHS = [
    (i: number) => `services/service-${i}/src/config/settings-for-the-production-environment-${i}.py`,
    (i: number) => `services/service-${i}/deploy/environments/production/.env`,
    (i: number) => `.github/workflows/deploy-service-${i}-to-the-production-environment.yml`,
    (i: number) => `services/service-${i}/docker/images/production/Dockerfile`,
    () => 'pull request description',
  ];
  const REASONS: (BodyReason | undefined)[] = ['removed-later', 'outside-diff', 'no-patch', undefined];

  function mixed(count: number): PlacedFinding[] {
    const out: PlacedFinding[] = [];
    for (let i = 0; out.length < count; i++) {
      const kind = i % PATHS.length;
      const text = kind === 4;
      const template = LINE_TEMPLATES[i % LINE_TEMPLATES.length]!;
      const [finding] = scanLines(PATHS[kind]!(i), [template], {
        seed: 100 + i,
        ...(text ? { source: 'pull-request' as const, commit: null } : {}),
      });
      if (!finding) continue;
      const reason = text ? 'pull-request-text' : REASONS[i % REASONS.length];
      out.push(reason ? { finding, placement: 'body', reason } : { finding, placement: 'inline' });
    }
    return out;
  }

  const findings = mixed(200);

  it.each(LOCALES)('%s', (locale) => {
    expect(findings).toHaveLength(200);
    const body = review(findings, { locale });
    expect(body.length).toBeLessThanOrEqual(REVIEW_BODY_LIMIT);
    const inBody = findings.filter((p) => p.placement === 'body').length;
    const shown = tableAfter(body, locale === 'en' ? '| Location |' : '| 위치 |').length;
    // The table was cut to fit, and says so.
    expect(shown).toBeGreaterThan(20);
    expect(shown).toBeLessThan(inBody);
    expect(fingerprintsIn(body)).toHaveLength(shown);
    const t = messages[locale];
    expect(body).toContain(t.moreInSummary(inBody - shown, link(escapeText(t.jobSummaryLink), links.runUrl)));
    // Every situation's step and the checklist survive the cut.
    for (const s of SITUATIONS)
      expect([s, body.includes(EXPECTED[locale].now[s].slice(0, 20))]).toEqual([s, true]);
    expect(body).toContain(`### ${messages[locale].checklistHeading}`);
    for (const p of findings.slice(0, 40)) {
      const secret = secretOf(p.finding);
      if (secret) expect(body).not.toContain(secret);
    }
  });

  it('the generated findings really are of every situation', () => {
    const situations = new Set(
      findings.flatMap((p) => situationsOf(p.finding, p.placement === 'body' ? p.reason : undefined)),
    );
    expect([...situations].sort()).toEqual([...SITUATIONS].sort());
  });
});

describe('the CLI --language option', () => {
  async function cli(argv: string[], stdin = '') {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      stdin: Readable.from([stdin]),
      cwd: process.cwd(),
    });
    return { code, stdout, stderr };
  }

  const key = expandTemplate(ANTHROPIC, seededRandom(5));
  const diff = [
    'diff --git a/.env b/.env',
    'new file mode 100644',
    'index 0000000..1111111',
    '--- /dev/null',
    '+++ b/.env',
    '@@ -0,0 +1 @@',
    `+ANTHROPIC_API_KEY=${key}`,
    '',
  ].join('\n');

  it('ko changes the guidance of the text report and of SARIF, not the findings or the exit code', async () => {
    const en = await cli(['scan', '--diff', '-'], diff);
    const ko = await cli(['scan', '--diff', '-', '--language', 'ko'], diff);
    expect(en.code).toBe(1);
    expect(ko.code).toBe(1);
    expect(en.stdout).toContain('Take .env out of git with git rm --cached .env');
    expect(ko.stdout).toContain('git rm --cached .env 명령으로 .env 파일을 git 추적 대상에서 빼고');
    expect(ko.stdout).not.toContain('Take .env out of git');
    expect(ko.stdout).toContain('(가이드 §3)');
    // The finding lines themselves are the same.
    expect(ko.stdout.split('\n')[0]).toBe(en.stdout.split('\n')[0]);
    const sarif = await cli(['scan', '--diff', '-', '--format', 'sarif', '--language', 'ko'], diff);
    expect(sarif.stdout).toContain('폐기');
    for (const out of [en, ko, sarif]) expect(out.stdout + out.stderr).not.toContain(key.slice(13, 60));
  });

  it.each([['fr'], ['EN'], ['']])(
    'a bad value (%j) is a usage error naming --language and en, ko',
    async (value) => {
      const out = await cli(['scan', '--diff', '-', '--language', value], diff);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain(`--language: '${value}' is not one of en, ko`);
    },
  );

  it('the help lists the option', async () => {
    const out = await cli(['--help']);
    expect(out.stdout).toMatch(/--language en\|ko\s+language of the guidance/);
  });
});
