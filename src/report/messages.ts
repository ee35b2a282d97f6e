// Every sentence a person reads in the review, the inline comments, the job summary and the
// annotations, per language. Renderers hold no prose of their own: they pick a catalogue
// (`messages[locale]`) and fill in the blanks.
//
// Markdown messages take `Markdown` arguments (escaped or built by markdown-escape.ts), so
// untrusted text cannot reach a message raw. The `plain` messages are for annotations and
// workflow commands, which GitHub shows as plain text; they take plain strings.
//
// The guidance follows Anthropic's article "API Key Best Practices: Keeping Your Keys Safe and
// Secure" (ARTICLE_URL); the remediation steps themselves, keyed by situation and citing their
// sections, are in src/guidance/catalogue*.ts and reach the renderers as `guidance`.
// To add a language: add a `Locale`, then a catalogue of type `Catalogue`; the compiler lists
// every message still missing.
import { guidanceEn } from '../guidance/catalogue-en.js';
import { guidanceKo } from '../guidance/catalogue-ko.js';
import type { Guidance } from '../guidance/catalogue.js';
import type { Severity } from '../scan/types.js';
import type { BodyReason, ScanNote } from './context.js';
import { codeSpan, type Markdown } from './markdown-escape.js';

export type Locale = 'en' | 'ko';
/** What a reply answers: a comment (conversation or review), or an issue's title and description. */
export type ReplyWhere = 'comment' | 'issue';
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
  revokeTableHeader: readonly [provider: string, where: string];
  /** The "where" cell for a provider without a known key page. */
  noKeyPage: string;
  moreProviders(n: number): string;
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
  /** Heading of the "afterwards" practices (guidance.afterwards). */
  checklistHeading: string;
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
  /** Introduces a ```suggestion block that replaces the key with an environment lookup. */
  inlineSuggestion: string;

  // The reply to a comment or an issue that holds a key. Article §1: never share a key in a
  // public discussion; "If a key may be compromised": revoke first.
  replyHeading(total: number, where: ReplyWhere): string;
  /** `author`: an @-mention or the escaped login, when known. */
  replyLead(author: Markdown | undefined, total: number, where: ReplyWhere): string;
  replyTableHeader: readonly [provider: string, value: string, rule: string, revoke: string];
  replyStepRevoke(total: number): string;
  /** Why editing comes second: the edit history and the notification e-mails keep the old text. */
  replyStepEdit(where: ReplyWhere): string;
  replyStepNeverShare: string;
  /** Said when the comment was minimized: hiding folds it away, it does not remove the key. */
  replyHidden: string;
  replyMore(n: number, summary: Markdown): string;
  replyFooter(run: Markdown | undefined): string;

  // The job summary.
  summaryHeading(blocked: boolean): string;
  summaryLead(total: number, blocking: number, failOn: Markdown): string;
  summaryClean: string;
  /** A clean comment or issue event: its text held no key. */
  summaryCleanText: string;
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
  /** The location cell of a key found in a comment or an issue. */
  commentText: string;
  totalsHeading: string;
  totalsHeader: readonly [files: string, addedLines: string, binarySkipped: string, commits: string];
  nextStepsHeading: string;
  summaryFooter(version: Markdown, apiCalls: number | undefined): string;

  // Plain text: check annotations and workflow commands.
  plain: {
    title(severity: string, description: string): string;
    message(description: string, redacted: string, advice: string, ruleId: string): string;
    /**
     * Opens the annotation of a key that a later commit removed: the annotation sits on the line
     * the key had in that commit, which may hold other text at the head.
     */
    inHistory(sha: string, line: number): string;
    /** The CLI's text report: a finding's commit, the totals, and where the advice comes from. */
    inCommit(sha: string): string;
    scanned(files: number, lines: number, binaryFiles: number): string;
    found(findings: number, scanned: string): string;
    clean(scanned: string): string;
    guidanceSource(title: string, url: string): string;
  };

  /** The remediation steps by situation, with their article citations (src/guidance). */
  guidance: Guidance;
}

function englishCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
}

function plural(n: number, one: string, many: string): string {
  return `${englishCount(n)} ${n === 1 ? one : many}`;
}

/** Untrusted names (file paths from a pull request) as inline code, the first few of them. */
function codeList(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).map((item) => codeSpan(item));
  return `${shown.join(', ')}${items.length > max ? ', …' : ''}`;
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
  revokeTableHeader: ['Provider', 'Revoke and reissue at'],
  noKeyPage: "the service's own console (no link known)",
  moreProviders: (n) => `…and ${plural(n, 'more provider', 'more providers')}`,
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
      case 'gitignore-missing':
        return `\`.gitignore\` does not cover \`.env\`: ${codeList(note.paths)} ${note.paths.length === 1 ? 'is' : 'are'} committed. Add ${codeList(note.lines)} to \`.gitignore\`, remove the ${note.paths.length === 1 ? 'file' : 'files'} from the repository with \`git rm --cached\`, and rotate every value ${note.paths.length === 1 ? 'it holds' : 'they hold'}.${
          note.reincludedBy?.length
            ? ` ${codeList(note.reincludedBy)} ${note.reincludedBy.length === 1 ? 'brings' : 'bring'} it back with a \`!\` line: remove that line, or the lines above change nothing.`
            : ''
        }`;
      case 'discussion':
        return `This run scanned ${
          note.what === 'issue'
            ? `the title and description of issue #${note.number}`
            : note.what === 'review-comment'
              ? `a review comment on pull request #${note.number}`
              : `a comment on #${note.number}`
        }, not code: its findings have no file or line.`;
    }
  },
  reviewFooter: (run) =>
    `Found by api-key-guard in the lines this pull request adds. Values are redacted.${run ? ` ${run}` : ''}`,
  resolvedHeading: '✅ API Key Guard: resolved',
  resolvedBody: (previous) =>
    `The ${plural(previous, 'finding', 'findings')} reported earlier ${previous === 1 ? 'is' : 'are'} no longer in this pull request. Keys that were pushed stay in the branch history and in forks: revoke them and issue new ones if you have not already.`,

  inlineHeading: (severity, description, redacted, ruleId, blocks) =>
    `**${severity}: ${description}** ${redacted} · ${ruleId}${blocks ? ' · **blocks the merge**' : ''}`,
  inlineSuggestion: 'Suggested change for this line (after revoking the key):',

  replyHeading: (total, where) =>
    `🔑 API Key Guard: ${total === 1 ? 'an API key' : `${englishCount(total)} API keys`} in this ${where}`,
  replyLead: (author, total, where) => {
    const subject = where === 'issue' ? "this issue's title or description" : 'this comment';
    const it = total === 1 ? 'it' : 'them';
    return (
      `${author ? `${author}, ${subject}` : subject.replace(/^t/, 'T')} contains ${total === 1 ? 'an API key' : `${englishCount(total)} API keys`}. ` +
      `Treat ${it} as compromised: anyone who can read this ${where}, and everyone who got its notification e-mail, may already have ${it}.`
    );
  },
  replyTableHeader: ['Provider', 'Value', 'Rule', 'Revoke and reissue at'],
  replyStepRevoke: (total) =>
    `**Revoke ${total === 1 ? 'the key' : 'each key'} now and issue a new one** at the page in the table above. Do this first.`,
  replyStepEdit: (where) =>
    where === 'issue'
      ? "**Then edit the key out of the issue's title or description.** The old title stays in the issue's timeline, the description's edit history keeps the old text, and the notification e-mails have already gone out: editing alone does not make the key safe."
      : '**Then edit the key out of the comment.** Its edit history keeps the old text for anyone who can read the comment, and the notification e-mails have already gone out: editing alone does not make the key safe.',
  replyStepNeverShare:
    '**Do not share keys in issues, pull requests or chats.** Whoever needs access should get a key of their own; keep keys in a secret store or an environment variable.',
  replyHidden:
    'The comment has been hidden as outdated. Hiding only folds it away: the key can still be read, so it must still be revoked.',
  replyMore: (n, summary) => `…and ${plural(n, 'more key', 'more keys')}: see the ${summary}.`,
  replyFooter: (run) =>
    `Found by api-key-guard. Values are redacted: the key is never repeated here.${run ? ` ${run}` : ''}`,

  summaryHeading: (blocked) => (blocked ? '❌ API Key Guard: blocked' : '✅ API Key Guard: passed'),
  summaryLead: (total, blocking, failOn) =>
    blocking > 0
      ? `Found ${plural(total, 'exposed API key', 'exposed API keys')}, ${englishCount(blocking)} at severity ${failOn} or above: the check fails until ${blocking === 1 ? 'it is' : 'they are'} removed.`
      : `Found ${plural(total, 'API key', 'API keys')}, none at the ${failOn} threshold, so the check passes. Revoke ${total === 1 ? 'it' : 'them'} all the same.`,
  summaryClean: 'No API keys found in the lines this pull request adds.',
  summaryCleanText: 'No API keys found in the text of this comment or issue.',
  summaryResolved: (previous) =>
    `The ${plural(previous, 'finding', 'findings')} reported earlier ${previous === 1 ? 'is' : 'are'} resolved: ${previous === 1 ? 'it is' : 'they are'} no longer in this pull request. Keys that were pushed stay in the branch history, so they must still be revoked.`,
  summaryTableHeader: ['Location', 'Provider', 'Severity', 'Value', 'Commit', 'Fingerprint'],
  summaryTruncated: (shown, total) =>
    `Showing the first ${englishCount(shown)} of ${plural(total, 'finding', 'findings')}: the job summary is limited to 1 MiB.`,
  pullRequestText: 'pull request title or description',
  commentText: 'comment or issue text',
  totalsHeading: 'What was scanned',
  totalsHeader: ['Files', 'Added lines', 'Binary files skipped', 'Commits'],
  nextStepsHeading: 'What to do next',
  summaryFooter: (version, apiCalls) =>
    `api-key-guard ${version}${apiCalls === undefined ? '' : ` · ${plural(apiCalls, 'GitHub API call', 'GitHub API calls')}`}`,

  plain: {
    title: (severity, description) => `${severity}: ${description}`,
    message: (description, redacted, advice, ruleId) => `${description} (${redacted}). ${advice} [${ruleId}]`,
    inHistory: (sha, line) =>
      `Added at line ${line} by commit ${sha} and removed by a later commit: the line differs now, but the key is still in the branch history.`,
    inCommit: (sha) => ` in ${sha}`,
    scanned: (files, lines, binaryFiles) =>
      `${files} file(s), ${lines} line(s)${binaryFiles ? `, ${binaryFiles} binary file(s) skipped` : ''}`,
    found: (findings, scanned) => `${findings} finding(s) in ${scanned}.`,
    clean: (scanned) => `No keys found in ${scanned}.`,
    guidanceSource: (title, url) => `Guidance: Anthropic, "${title}", ${url}`,
  },

  guidance: guidanceEn,
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
  revokeTableHeader: ['제공업체', '키 폐기 및 재발급 위치'],
  noKeyPage: '해당 서비스의 콘솔 (알려진 링크 없음)',
  moreProviders: (n) => `그 밖의 제공업체 ${koreanCount(n)}곳`,
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
      case 'gitignore-missing':
        return `\`.gitignore\`에 \`.env\`가 없습니다. ${codeList(note.paths)} 파일이 커밋되었습니다. \`.gitignore\`에 ${codeList(note.lines)} 줄을 추가하고, \`git rm --cached\`로 저장소에서 파일을 제거한 뒤 파일에 들어 있던 값을 모두 교체하십시오.${
          note.reincludedBy?.length
            ? ` ${codeList(note.reincludedBy)}의 \`!\` 줄이 이 파일을 다시 포함시키므로, 그 줄을 지워야 위 설정이 적용됩니다.`
            : ''
        }`;
      case 'discussion':
        return `이번 실행은 코드가 아니라 ${
          note.what === 'issue'
            ? `이슈 #${note.number}의 제목과 설명을`
            : note.what === 'review-comment'
              ? `풀 리퀘스트 #${note.number}의 리뷰 댓글을`
              : `#${note.number}의 댓글을`
        } 검사했으므로 발견 항목에 파일과 줄이 없습니다.`;
    }
  },
  reviewFooter: (run) =>
    `api-key-guard가 이 풀 리퀘스트에서 추가된 줄을 검사해 찾았습니다. 값은 가려서 표시합니다.${run ? ` ${run}` : ''}`,
  resolvedHeading: '✅ API Key Guard: 해결됨',
  resolvedBody: (previous) =>
    `앞서 보고한 발견 항목 ${koreanCount(previous)}개가 더 이상 이 풀 리퀘스트에 없습니다. 하지만 푸시된 키는 브랜치 기록과 포크에 남아 있으므로, 아직 폐기하지 않았다면 지금 폐기하고 새 키를 재발급하십시오.`,

  inlineHeading: (severity, description, redacted, ruleId, blocks) =>
    `**${severity}: ${description}** ${redacted} · ${ruleId}${blocks ? ' · **병합 차단**' : ''}`,
  inlineSuggestion: '키를 폐기한 뒤 이 줄을 다음과 같이 바꾸는 것을 제안합니다.',

  replyHeading: (total, where) =>
    `🔑 API Key Guard: 이 ${where === 'issue' ? '이슈' : '댓글'}에 API 키 ${koreanCount(total)}개`,
  replyLead: (author, total, where) =>
    `${author ? `${author} 님, ` : ''}${where === 'issue' ? '이 이슈의 제목 또는 설명' : '이 댓글'}에 API 키 ${koreanCount(total)}개가 들어 있습니다. ` +
    `유출된 것으로 간주하십시오. 이 ${where === 'issue' ? '이슈를' : '댓글을'} 읽을 수 있는 사람과 알림 이메일을 받은 사람은 누구나 이미 키를 가지고 있을 수 있습니다.`,
  replyTableHeader: ['제공업체', '값', '규칙', '키 폐기 및 재발급 위치'],
  replyStepRevoke: (total) =>
    `**${total === 1 ? '이 키를' : '각 키를'} 지금 폐기하고 새 키를 재발급하십시오.** 위 표의 페이지에서 할 수 있으며, 무엇보다 먼저 해야 합니다.`,
  replyStepEdit: (where) =>
    where === 'issue'
      ? '**그다음 이슈 제목이나 설명에서 키를 지우십시오.** 이전 제목은 이슈 타임라인에, 이전 설명은 수정 기록에 남고 알림 이메일도 이미 발송되었습니다. 수정만으로는 키가 안전해지지 않습니다.'
      : '**그다음 댓글에서 키를 지우십시오.** 댓글을 읽을 수 있는 사람은 누구나 수정 기록에서 이전 내용을 볼 수 있고 알림 이메일도 이미 발송되었습니다. 수정만으로는 키가 안전해지지 않습니다.',
  replyStepNeverShare:
    '**키를 이슈, 풀 리퀘스트, 채팅에 공유하지 마십시오.** 접근이 필요한 사람은 각자 키를 발급받고, 키는 시크릿 저장소나 환경 변수에 보관하십시오.',
  replyHidden:
    '이 댓글은 오래된 댓글(outdated)로 숨겼습니다. 숨기기는 댓글을 접어 둘 뿐이라 키는 여전히 읽을 수 있으므로 반드시 폐기해야 합니다.',
  replyMore: (n, summary) => `그 밖에 키가 ${koreanCount(n)}개 더 있습니다. ${summary}을 확인하십시오.`,
  replyFooter: (run) =>
    `api-key-guard가 찾았습니다. 값은 가려서 표시하며, 키 자체는 여기에 다시 적지 않습니다.${run ? ` ${run}` : ''}`,

  summaryHeading: (blocked) => (blocked ? '❌ API Key Guard: 차단됨' : '✅ API Key Guard: 통과'),
  summaryLead: (total, blocking, failOn) =>
    blocking > 0
      ? `노출된 API 키 ${koreanCount(total)}개를 찾았고, 그중 ${koreanCount(blocking)}개가 심각도 ${failOn} 이상입니다. 이 키를 제거할 때까지 검사는 실패합니다.`
      : `API 키 ${koreanCount(total)}개를 찾았지만 ${failOn} 기준에 이르는 키는 없어 검사는 통과합니다. 그래도 모두 폐기하십시오.`,
  summaryClean: '이 풀 리퀘스트에서 추가된 줄에서 API 키를 찾지 못했습니다.',
  summaryCleanText: '이 댓글 또는 이슈 본문에서 API 키를 찾지 못했습니다.',
  summaryResolved: (previous) =>
    `앞서 보고한 발견 항목 ${koreanCount(previous)}개가 해결되어 더 이상 이 풀 리퀘스트에 없습니다. 하지만 푸시된 키는 브랜치 기록에 남아 있으므로 반드시 폐기해야 합니다.`,
  summaryTableHeader: ['위치', '제공업체', '심각도', '값', '커밋', '지문'],
  summaryTruncated: (shown, total) =>
    `전체 ${koreanCount(total)}개 중 처음 ${koreanCount(shown)}개만 표시합니다. 작업 요약은 1 MiB로 제한됩니다.`,
  pullRequestText: '풀 리퀘스트 제목 또는 설명',
  commentText: '댓글 또는 이슈 본문',
  totalsHeading: '검사 범위',
  totalsHeader: ['파일', '추가된 줄', '건너뛴 바이너리 파일', '커밋'],
  nextStepsHeading: '다음 할 일',
  summaryFooter: (version, apiCalls) =>
    `api-key-guard ${version}${apiCalls === undefined ? '' : ` · GitHub API 호출 ${koreanCount(apiCalls)}회`}`,

  plain: {
    title: (severity, description) => `${severity}: ${description}`,
    message: (description, redacted, advice, ruleId) => `${description} (${redacted}). ${advice} [${ruleId}]`,
    inHistory: (sha, line) =>
      `커밋 ${sha}에서 ${line}번째 줄에 추가되었다가 이후 커밋에서 삭제되었습니다. 지금은 다른 내용이 있는 줄이지만, 키는 브랜치 기록에 그대로 남아 있습니다.`,
    inCommit: (sha) => ` (커밋 ${sha})`,
    scanned: (files, lines, binaryFiles) =>
      `파일 ${koreanCount(files)}개, ${koreanCount(lines)}줄${binaryFiles ? `, 바이너리 파일 ${koreanCount(binaryFiles)}개 건너뜀` : ''}`,
    found: (findings, scanned) => `키 ${koreanCount(findings)}개를 찾았습니다(${scanned} 검사).`,
    clean: (scanned) => `키를 찾지 못했습니다(${scanned} 검사).`,
    guidanceSource: (title, url) => `조치 안내 출처: Anthropic, "${title}", ${url}`,
  },

  guidance: guidanceKo,
};

export const messages: Readonly<Record<Locale, Catalogue>> = { en, ko };

/** The catalogue for a locale; English when the locale is unknown or missing. */
export function catalogue(locale: string | undefined): Catalogue {
  return (LOCALES as readonly string[]).includes(locale ?? '') ? messages[locale as Locale] : en;
}
