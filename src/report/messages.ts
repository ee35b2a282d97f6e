// Every sentence a person reads in the review, the inline comments, the job summary and the
// annotations, per language. Renderers hold no prose of their own: they pick a catalogue
// (`messages[locale]`) and fill in the blanks.
//
// Markdown messages take `Markdown` arguments (escaped or built by markdown-escape.ts), so
// untrusted text cannot reach a message raw. The `plain` messages are for annotations and
// workflow commands, which GitHub shows as plain text; they take plain strings.
//
// The guidance follows Anthropic's article "API Key Best Practices: Keeping Your Keys Safe and
// Secure" (ARTICLE_URL); the comments name the section each piece of advice comes from.
// To add a language: add a `Locale`, then a catalogue of type `Catalogue`; the compiler lists
// every message still missing.
import type { Severity } from '../scan/types.js';
import type { BodyReason, ScanNote } from './context.js';
import type { Markdown } from './markdown-escape.js';

export type Locale = 'en' | 'ko';
export const LOCALES: readonly Locale[] = ['en', 'ko'];

export const ARTICLE_URL =
  'https://support.claude.com/en/articles/9767949-api-key-best-practices-keeping-your-keys-safe-and-secure';
export const ARTICLE_TITLE = 'API Key Best Practices: Keeping Your Keys Safe and Secure';

/** Notes the catalogue words itself; `text` notes are rendered as given (escaped). */
export type CatalogueNote = Exclude<ScanNote, { kind: 'text' }>;

export interface Catalogue {
  severity: Record<Severity, string>;
  blocksMerge: string;
  /** A whole number formatted for the language (`5,000`). */
  count(n: number): string;

  // The review body.
  reviewHeading(total: number): string;
  reviewLead(total: number, blocking: number, failOn: Markdown): string;
  doNowHeading: string;
  /** Step 1: revoke and reissue. Article: "If a key may be compromised". */
  stepRevoke: string;
  revokeTableHeader: readonly [provider: string, where: string];
  /** The "where" cell for a provider without a known key page. */
  noKeyPage: string;
  moreProviders(n: number): string;
  /** Step 2: environment variables and secrets. Article: section 3 (and 1: encrypted secrets). */
  stepSecrets(envVars: Markdown, example: Markdown): string;
  /** Step 3: the history. Project reasoning: a pushed commit keeps the key after the line goes. */
  stepHistory: string;
  /** For keys in a pull request's title or description. */
  stepEditText: string;
  bodyFindingsHeading: string;
  bodyTableHeader: readonly [
    location: string,
    provider: string,
    severity: string,
    value: string,
    commit: string,
    why: string,
  ];
  reason: Record<BodyReason, string>;
  inlineElsewhere(n: number): string;
  moreInSummary(n: number, summary: Markdown): string;
  jobSummaryLink: string;
  workflowRunLink: string;
  checklistHeading: string;
  /** Sections 1, 2, 4, 5 and 7 of the article. */
  checklist: readonly string[];
  source(article: Markdown): string;
  notesHeading: string;
  note(note: CatalogueNote): string;
  reviewFooter(run: Markdown | undefined): string;
  resolvedHeading: string;
  resolvedBody(previous: number): string;

  // An inline review comment.
  inlineHeading(
    severity: string,
    description: Markdown,
    redacted: Markdown,
    ruleId: Markdown,
    blocks: boolean,
  ): string;
  /** Step 1 of an inline comment; without a known key page, a wording that fits any credential. */
  inlineRevoke(provider: Markdown, page: Markdown | undefined): string;
  inlineReadFrom(envVar: Markdown, secretExpression: Markdown): string;
  inlineHistory: string;
  /** Introduces a ```suggestion block that replaces the key with an environment lookup. */
  inlineSuggestion: string;
  inlineEditText: string;

  // The job summary.
  summaryHeading(blocked: boolean): string;
  summaryLead(total: number, blocking: number, failOn: Markdown): string;
  summaryClean: string;
  summaryResolved(previous: number): string;
  summaryTableHeader: readonly [
    location: string,
    provider: string,
    severity: string,
    value: string,
    commit: string,
    fingerprint: string,
  ];
  summaryTruncated(shown: number, total: number): string;
  pullRequestText: string;
  totalsHeading: string;
  totalsHeader: readonly [files: string, addedLines: string, binarySkipped: string, commits: string];
  nextStepsHeading: string;
  summaryFooter(version: Markdown, apiCalls: number | undefined): string;

  // Plain text: check annotations and workflow commands.
  plain: {
    title(severity: string, description: string): string;
    advice(provider: string, url: string | undefined, envVar: string): string;
    adviceText: string;
    message(description: string, redacted: string, advice: string, ruleId: string): string;
  };
}

function englishCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
}

function plural(n: number, one: string, many: string): string {
  return `${englishCount(n)} ${n === 1 ? one : many}`;
}

function englishBlockers(total: number, blocking: number): string {
  if (blocking === total) return total === 1 ? 'It blocks' : 'All of them block';
  return plural(blocking, 'of them blocks', 'of them block');
}

const en: Catalogue = {
  severity: { high: 'High', medium: 'Medium', low: 'Low' },
  blocksMerge: 'blocks the merge',
  count: englishCount,

  reviewHeading: (total) => `🔑 API Key Guard: ${plural(total, 'exposed API key', 'exposed API keys')}`,
  reviewLead: (total, blocking, failOn) =>
    (blocking > 0
      ? `**${englishBlockers(total, blocking)} the merge** (severity ${failOn} or above). `
      : `None reaches the ${failOn} threshold, so the check passes. `) +
    'Treat every key listed here as compromised: it was pushed, so anyone who can read this pull request may already have it.',
  doNowHeading: 'Do this now',
  stepRevoke:
    '**Revoke each exposed key and issue a new one, before anything else.** Deleting the line is not enough: the key is already in a pushed commit.',
  revokeTableHeader: ['Provider', 'Revoke and reissue at'],
  noKeyPage: "the service's own console (no link known)",
  moreProviders: (n) => `…and ${plural(n, 'more provider', 'more providers')}`,
  stepSecrets: (envVars, example) =>
    `**Keep the new key in a secret, never in the code.** Read it from an environment variable (${envVars}); in GitHub Actions, pass it from a repository secret, e.g. ${example}. Keep \`.env\` files out of git with \`.gitignore\`.`,
  stepHistory:
    '**Then take the key out of the branch history** (rewrite the commits, or squash-merge) so it never reaches the default branch.',
  stepEditText:
    "**Edit the key out of the pull request's title or description.** The edit history keeps the old text, which is why revoking comes first.",
  bodyFindingsHeading: 'Findings that cannot be commented on a line',
  bodyTableHeader: ['Location', 'Provider', 'Severity', 'Value', 'Commit', 'Why not on the line'],
  reason: {
    'removed-later': 'Removed by a later commit; still in the branch history',
    'no-patch': 'File too large for GitHub to show its diff',
    'outside-diff': "Line outside the pull request's diff",
    'pull-request-text': 'In the pull request title or description (the edit history keeps it)',
  },
  inlineElsewhere: (n) =>
    `${n === 1 ? 'The other finding is' : `The other ${englishCount(n)} findings are`} commented on ${n === 1 ? 'its line' : 'their lines'}.`,
  moreInSummary: (n, summary) => `…and ${plural(n, 'more finding', 'more findings')}: see the ${summary}.`,
  jobSummaryLink: 'job summary',
  workflowRunLink: 'Workflow run',
  checklistHeading: 'Keep keys safe',
  checklist: [
    // Section 1.
    'Never share a key, not in chats, issues, e-mail or support tickets; whoever needs access gets a key of their own.',
    // Section 2.
    "Review each key's usage and logs in the provider's console, and set usage and spend limits so a leaked key cannot run up charges.",
    // Section 4.
    'Rotate keys on a schedule, for example every 90 days: create the new key, then deactivate the old one.',
    // Section 5.
    'Use separate keys for development, testing and production: usage can be told apart, and a leak disables one use only.',
    // Section 7.
    'As secrets multiply, keep them in a key management system (KMS) with access control, audit trails and rotation.',
  ],
  source: (article) => `Source: Anthropic, ${article}.`,
  notesHeading: 'Notes',
  note: (note) => {
    switch (note.kind) {
      case 'commit-limit':
        return `The pull request has more than ${plural(note.limit, 'commit', 'commits')}, the most the GitHub API lists: only the net diff was scanned, so a key added and removed between commits may be missed.`;
      case 'file-limit':
        return `The pull request changes more than ${plural(note.limit, 'file', 'files')}, the most the GitHub API lists: the files past that were not scanned.`;
      case 'files-not-scanned':
        return `${plural(note.count, 'file was', 'files were')} not scanned: GitHub gave no diff for ${note.count === 1 ? 'it' : 'them'}.`;
      case 'read-only-token':
        return 'The token cannot write (a pull request from a fork), so no review or comment was posted: the results are in the job summary and the check.';
    }
  },
  reviewFooter: (run) =>
    `Found by api-key-guard in the lines this pull request adds. Values are redacted.${run ? ` ${run}` : ''}`,
  resolvedHeading: '✅ API Key Guard: resolved',
  resolvedBody: (previous) =>
    `The ${plural(previous, 'finding', 'findings')} reported earlier ${previous === 1 ? 'is' : 'are'} no longer in this pull request. Keys that were pushed stay in the branch history and in forks: revoke them and issue new ones if you have not already.`,

  inlineHeading: (severity, description, redacted, ruleId, blocks) =>
    `**${severity}: ${description}** ${redacted} · ${ruleId}${blocks ? ' · **blocks the merge**' : ''}`,
  inlineRevoke: (provider, page) =>
    page
      ? `1. Revoke this ${provider} key now at ${page} and issue a new one.`
      : '1. Revoke this credential now where it was issued (or change the password) and issue a new one.',
  inlineReadFrom: (envVar, secretExpression) =>
    `2. Read the new key from the ${envVar} environment variable (in GitHub Actions: ${secretExpression}), not from the code.`,
  inlineHistory: '3. Deleting this line is not enough: the pushed commit keeps the key, so revoke it first.',
  inlineSuggestion: 'Suggested change for this line (after revoking the key):',
  inlineEditText: '2. Edit the key out of the text: the edit history keeps the old version.',

  summaryHeading: (blocked) => (blocked ? '❌ API Key Guard: blocked' : '✅ API Key Guard: passed'),
  summaryLead: (total, blocking, failOn) =>
    blocking > 0
      ? `Found ${plural(total, 'exposed API key', 'exposed API keys')}, ${englishCount(blocking)} at severity ${failOn} or above: the check fails until ${blocking === 1 ? 'it is' : 'they are'} removed.`
      : `Found ${plural(total, 'API key', 'API keys')}, none at the ${failOn} threshold, so the check passes. Revoke ${total === 1 ? 'it' : 'them'} all the same.`,
  summaryClean: 'No API keys found in the lines this pull request adds.',
  summaryResolved: (previous) =>
    `The ${plural(previous, 'finding', 'findings')} reported earlier ${previous === 1 ? 'is' : 'are'} resolved: ${previous === 1 ? 'it is' : 'they are'} no longer in this pull request. Keys that were pushed stay in the branch history, so they must still be revoked.`,
  summaryTableHeader: ['Location', 'Provider', 'Severity', 'Value', 'Commit', 'Fingerprint'],
  summaryTruncated: (shown, total) =>
    `Showing the first ${englishCount(shown)} of ${plural(total, 'finding', 'findings')}: the job summary is limited to 1 MiB.`,
  pullRequestText: 'pull request title or description',
  totalsHeading: 'What was scanned',
  totalsHeader: ['Files', 'Added lines', 'Binary files skipped', 'Commits'],
  nextStepsHeading: 'What to do next',
  summaryFooter: (version, apiCalls) =>
    `api-key-guard ${version}${apiCalls === undefined ? '' : ` · ${plural(apiCalls, 'GitHub API call', 'GitHub API calls')}`}`,

  plain: {
    title: (severity, description) => `${severity}: ${description}`,
    advice: (provider, url, envVar) =>
      `${url ? `Revoke this ${provider} key now at ${url}` : 'Revoke this credential now where it was issued (or change the password)'} and issue a new one, then read it from the ${envVar} environment variable or a secret store.`,
    adviceText: 'Revoke this key now, then edit it out of the text (the edit history keeps it).',
    message: (description, redacted, advice, ruleId) => `${description} (${redacted}). ${advice} [${ruleId}]`,
  },
};

function koreanCount(n: number): string {
  return new Intl.NumberFormat('ko-KR').format(n);
}

const ko: Catalogue = {
  severity: { high: '높음', medium: '보통', low: '낮음' },
  blocksMerge: '병합 차단',
  count: koreanCount,

  reviewHeading: (total) => `🔑 API Key Guard: 노출된 API 키 ${koreanCount(total)}개`,
  reviewLead: (total, blocking, failOn) =>
    (blocking > 0
      ? `**${blocking === total ? '모두' : `그중 ${koreanCount(blocking)}개가`} 병합을 막습니다** (심각도 ${failOn} 이상). `
      : `${failOn} 기준에 이르는 키는 없어 검사는 통과합니다. 그래도 `) +
    '여기 나온 키는 모두 유출된 것으로 간주하십시오. 이미 푸시되었으므로 이 풀 리퀘스트를 읽을 수 있는 사람은 누구나 키를 가지고 있을 수 있습니다.',
  doNowHeading: '지금 할 일',
  stepRevoke:
    '**노출된 키를 가장 먼저 폐기하고 새 키를 재발급하십시오.** 해당 줄을 지우는 것만으로는 부족합니다. 키는 이미 푸시된 커밋에 들어 있습니다.',
  revokeTableHeader: ['제공업체', '키 폐기 및 재발급 위치'],
  noKeyPage: '해당 서비스의 콘솔 (알려진 링크 없음)',
  moreProviders: (n) => `그 밖의 제공업체 ${koreanCount(n)}곳`,
  stepSecrets: (envVars, example) =>
    `**새 키는 코드가 아니라 시크릿으로 관리하십시오.** 환경 변수(${envVars})에서 읽고, GitHub Actions에서는 저장소 시크릿으로 전달하십시오(예: ${example}). \`.env\` 파일은 \`.gitignore\`에 추가해 git에 올라가지 않게 하십시오.`,
  stepHistory:
    '**그다음 브랜치 기록에서 키를 제거하십시오** (커밋을 다시 작성하거나 스쿼시 병합). 그래야 키가 기본 브랜치에 들어가지 않습니다.',
  stepEditText:
    '**풀 리퀘스트 제목이나 설명에서 키를 지우십시오.** 수정 기록에 이전 내용이 남으므로 키 폐기가 먼저입니다.',
  bodyFindingsHeading: '줄에 댓글로 달 수 없는 발견 항목',
  bodyTableHeader: ['위치', '제공업체', '심각도', '값', '커밋', '줄에 달지 못한 이유'],
  reason: {
    'removed-later': '이후 커밋에서 삭제되었지만 브랜치 기록에 남아 있음',
    'no-patch': '파일이 너무 커서 GitHub가 diff를 제공하지 않음',
    'outside-diff': '풀 리퀘스트 diff 범위 밖의 줄',
    'pull-request-text': '풀 리퀘스트 제목 또는 설명에 있음 (수정 기록에 남음)',
  },
  inlineElsewhere: (n) => `나머지 발견 항목 ${koreanCount(n)}개는 해당 줄에 댓글로 달았습니다.`,
  moreInSummary: (n, summary) =>
    `그 밖에 발견 항목이 ${koreanCount(n)}개 더 있습니다. ${summary}을 확인하십시오.`,
  jobSummaryLink: '작업 요약',
  workflowRunLink: '워크플로 실행',
  checklistHeading: '키 보안 점검 목록',
  checklist: [
    '키를 공유하지 마십시오. 채팅, 이슈, 이메일, 지원 티켓에도 올리지 말고, 접근이 필요한 사람은 각자 키를 발급받게 하십시오.',
    '제공업체 콘솔에서 키의 사용량과 로그를 정기적으로 확인하고, 사용량 및 지출 한도를 설정해 유출된 키로 요금이 쌓이지 않게 하십시오.',
    '키를 정기적으로 교체하십시오(예: 90일마다). 새 키를 만든 뒤 이전 키를 비활성화합니다.',
    '개발, 테스트, 운영 환경에 각각 다른 키를 사용하십시오. 사용량을 구분할 수 있고, 키 하나가 유출되어도 한 용도만 영향을 받습니다.',
    '시크릿이 많아지면 키 관리 시스템(KMS)에서 한곳에 모아 관리하십시오. 접근 제어, 감사 기록, 키 교체를 함께 처리할 수 있습니다.',
  ],
  source: (article) => `출처: Anthropic, ${article}`,
  notesHeading: '참고',
  note: (note) => {
    switch (note.kind) {
      case 'commit-limit':
        return `이 풀 리퀘스트의 커밋이 GitHub API가 나열하는 최대치인 ${koreanCount(note.limit)}개를 넘습니다. 최종 diff만 검사했으므로 커밋 사이에서 추가되었다가 삭제된 키는 놓쳤을 수 있습니다.`;
      case 'file-limit':
        return `이 풀 리퀘스트가 변경한 파일이 GitHub API가 나열하는 최대치인 ${koreanCount(note.limit)}개를 넘습니다. 그 이후의 파일은 검사하지 않았습니다.`;
      case 'files-not-scanned':
        return `GitHub가 diff를 제공하지 않은 파일 ${koreanCount(note.count)}개는 검사하지 못했습니다.`;
      case 'read-only-token':
        return '토큰에 쓰기 권한이 없어(포크에서 온 풀 리퀘스트) 리뷰나 댓글을 남기지 못했습니다. 결과는 작업 요약과 검사 결과에서 확인하십시오.';
    }
  },
  reviewFooter: (run) =>
    `api-key-guard가 이 풀 리퀘스트에서 추가된 줄을 검사해 찾았습니다. 값은 가려서 표시합니다.${run ? ` ${run}` : ''}`,
  resolvedHeading: '✅ API Key Guard: 해결됨',
  resolvedBody: (previous) =>
    `앞서 보고한 발견 항목 ${koreanCount(previous)}개가 더 이상 이 풀 리퀘스트에 없습니다. 하지만 푸시된 키는 브랜치 기록과 포크에 남아 있으므로, 아직 폐기하지 않았다면 지금 폐기하고 새 키를 재발급하십시오.`,

  inlineHeading: (severity, description, redacted, ruleId, blocks) =>
    `**${severity}: ${description}** ${redacted} · ${ruleId}${blocks ? ' · **병합 차단**' : ''}`,
  inlineRevoke: (provider, page) =>
    page
      ? `1. 이 ${provider} 키를 지금 ${page}에서 폐기하고 새 키를 재발급하십시오.`
      : '1. 이 자격 증명을 발급한 곳에서 지금 폐기(또는 비밀번호 변경)하고 새로 발급받으십시오.',
  inlineReadFrom: (envVar, secretExpression) =>
    `2. 새 키는 코드에 쓰지 말고 환경 변수 ${envVar}에서 읽으십시오(GitHub Actions: ${secretExpression}).`,
  inlineHistory:
    '3. 이 줄을 지우는 것만으로는 부족합니다. 푸시된 커밋에 키가 남아 있으므로 먼저 폐기하십시오.',
  inlineSuggestion: '키를 폐기한 뒤 이 줄을 다음과 같이 바꾸는 것을 제안합니다.',
  inlineEditText: '2. 텍스트에서 키를 지우십시오. 수정 기록에는 이전 내용이 남습니다.',

  summaryHeading: (blocked) => (blocked ? '❌ API Key Guard: 차단됨' : '✅ API Key Guard: 통과'),
  summaryLead: (total, blocking, failOn) =>
    blocking > 0
      ? `노출된 API 키 ${koreanCount(total)}개를 찾았고, 그중 ${koreanCount(blocking)}개가 심각도 ${failOn} 이상입니다. 이 키를 제거할 때까지 검사는 실패합니다.`
      : `API 키 ${koreanCount(total)}개를 찾았지만 ${failOn} 기준에 이르는 키는 없어 검사는 통과합니다. 그래도 모두 폐기하십시오.`,
  summaryClean: '이 풀 리퀘스트에서 추가된 줄에서 API 키를 찾지 못했습니다.',
  summaryResolved: (previous) =>
    `앞서 보고한 발견 항목 ${koreanCount(previous)}개가 해결되어 더 이상 이 풀 리퀘스트에 없습니다. 하지만 푸시된 키는 브랜치 기록에 남아 있으므로 반드시 폐기해야 합니다.`,
  summaryTableHeader: ['위치', '제공업체', '심각도', '값', '커밋', '지문'],
  summaryTruncated: (shown, total) =>
    `전체 ${koreanCount(total)}개 중 처음 ${koreanCount(shown)}개만 표시합니다. 작업 요약은 1 MiB로 제한됩니다.`,
  pullRequestText: '풀 리퀘스트 제목 또는 설명',
  totalsHeading: '검사 범위',
  totalsHeader: ['파일', '추가된 줄', '건너뛴 바이너리 파일', '커밋'],
  nextStepsHeading: '다음 할 일',
  summaryFooter: (version, apiCalls) =>
    `api-key-guard ${version}${apiCalls === undefined ? '' : ` · GitHub API 호출 ${koreanCount(apiCalls)}회`}`,

  plain: {
    title: (severity, description) => `${severity}: ${description}`,
    advice: (provider, url, envVar) =>
      `${url ? `이 ${provider} 키를 지금 ${url} 에서 폐기하고 새 키를 재발급한 뒤` : '이 자격 증명을 발급한 곳에서 지금 폐기(또는 비밀번호 변경)하고 새로 발급받은 뒤'}, 환경 변수 ${envVar} 또는 시크릿 저장소에서 읽으십시오.`,
    adviceText: '이 키를 지금 폐기한 뒤 텍스트에서 지우십시오(수정 기록에 남습니다).',
    message: (description, redacted, advice, ruleId) => `${description} (${redacted}). ${advice} [${ruleId}]`,
  },
};

export const messages: Readonly<Record<Locale, Catalogue>> = { en, ko };

/** The catalogue for a locale; English when the locale is unknown or missing. */
export function catalogue(locale: string | undefined): Catalogue {
  return (LOCALES as readonly string[]).includes(locale ?? '') ? messages[locale as Locale] : en;
}
