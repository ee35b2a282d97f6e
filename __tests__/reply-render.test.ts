// The reply to a comment or an issue that holds a key (src/report/reply.ts): both languages, the
// key and the comment's text never in it, the author mentioned only with a valid login, and the
// markers a re-run reads. Keys are generated at run time from templates (samples.ts).
import { describe, expect, it } from '@jest/globals';
import { keyPageFor } from '../src/guidance/key-pages.js';
import { fingerprintsIn, isReplyTo, replyMarker } from '../src/report/markers.js';
import { LOCALES, messages } from '../src/report/messages.js';
import { authorRef, MAX_REPLY_ROWS, renderReply, type ReplyInput } from '../src/report/reply.js';
import { secretOf } from '../src/scan/engine.js';
import { manyFindings, scanLines } from './helpers/render-fixtures.js';

const findings = scanLines('pull request #12 comment 555', [
  'ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA',
  'token = "ghp_{crc36}"',
]).map((f) => ({ ...f, source: 'comment' as const, commit: null }));
// Copies lose the raw secret the scanner keeps; take it from the originals.
const secrets = scanLines('pull request #12 comment 555', [
  'ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA',
  'token = "ghp_{crc36}"',
]).map((f) => secretOf(f)!);

const input = (extra: Partial<ReplyInput> = {}): ReplyInput => ({
  findings,
  subject: 'issue-comment-555',
  where: 'comment',
  author: 'octocat',
  runUrl: 'https://github.com/o/r/actions/runs/42',
  ...extra,
});

describe('renderReply', () => {
  it.each(LOCALES)('%s: provider, redacted value, rule id and key page; never the key', (locale) => {
    const body = renderReply(input({ locale }));
    const t = messages[locale];
    expect(secrets).toHaveLength(2);
    for (const secret of secrets) expect(body).not.toContain(secret);
    expect(body.split('\n')[0]).toBe(replyMarker('issue-comment-555'));
    expect(isReplyTo(body, 'issue-comment-555')).toBe(true);
    expect(isReplyTo(body, 'issue-comment-556')).toBe(false);
    expect(fingerprintsIn(body).sort()).toEqual(findings.map((f) => f.fingerprint).sort());
    expect(body).toContain(t.replyHeading(2, 'comment'));
    for (const f of findings) {
      expect(body).toContain(`\`${f.redacted}\``);
      expect(body).toContain(`\`${f.ruleId}\``);
      expect(body).toContain(keyPageFor(f.provider)!.url);
    }
    // Revoke first, then edit: the order the steps are numbered in.
    expect(body.indexOf(`1. ${t.replyStepRevoke(2)}`)).toBeGreaterThan(0);
    expect(body.indexOf(`2. ${t.replyStepEdit('comment')}`)).toBeGreaterThan(body.indexOf('1. '));
    expect(body).toContain('[');
    expect(body).toContain('(https://github.com/o/r/actions/runs/42)');
    expect(body).not.toContain(t.replyHidden);
  });

  it('Korean reads as Korean: 키 폐기, 재발급, 합니다체', () => {
    const body = renderReply(input({ locale: 'ko', where: 'issue', hidden: false }));
    expect(body).toContain('폐기');
    expect(body).toContain('재발급');
    expect(body).toMatch(/이슈의 제목 또는 설명에 API 키 2개가 들어 있습니다\./);
    expect(body).toContain('@octocat 님');
  });

  it('mentions a valid login only; other logins are shown escaped and mention no one', () => {
    expect(authorRef('octocat')).toBe('@octocat');
    expect(authorRef('a-b-c1')).toBe('@a-b-c1');
    expect(authorRef(null)).toBeUndefined();
    for (const login of [
      'dependabot[bot]',
      'x @org/team',
      '-bad',
      'a--b',
      'a'.repeat(40),
      '[x](javascript:y)',
    ]) {
      const body = renderReply(input({ author: login }));
      const lead = body.split('\n\n')[2]!;
      expect(lead).not.toMatch(/@[A-Za-z0-9]/);
      expect(lead).not.toContain('](javascript');
    }
    const hostile = renderReply(input({ author: '<!-- api-key-guard:reply:issue-comment-1 -->' }));
    expect(isReplyTo(hostile, 'issue-comment-1')).toBe(false);
    const anonymous = renderReply(input({ author: undefined }));
    expect(anonymous).toContain(messages.en.replyLead(undefined, 2, 'comment'));
    expect(anonymous).toContain('This comment contains 2 API keys.');
  });

  it('says the comment was hidden only when it was', () => {
    expect(renderReply(input({ hidden: true }))).toContain(messages.en.replyHidden);
    expect(renderReply(input({ hidden: true, locale: 'ko' }))).toContain(messages.ko.replyHidden);
  });

  it(`shows at most ${MAX_REPLY_ROWS} rows and points at the summary for the rest, marking every key`, () => {
    const many = manyFindings(MAX_REPLY_ROWS + 5, 3);
    const body = renderReply(input({ findings: many }));
    const rows = body.split('\n').filter((l) => /^\| [^-]/.test(l) && !l.startsWith('| Provider'));
    expect(rows).toHaveLength(MAX_REPLY_ROWS);
    expect(body).toContain(
      '…and 5 more keys: see the [job summary](https://github.com/o/r/actions/runs/42).',
    );
    expect(fingerprintsIn(body)).toHaveLength(new Set(many.map((f) => f.fingerprint)).size);
    expect(body.length).toBeLessThan(65_536);
  });
});

describe('reply markers', () => {
  it('name a kind and a number, alone on their line', () => {
    expect(replyMarker('review-comment-9')).toBe('<!-- api-key-guard:reply:review-comment-9 -->');
    for (const bad of ['', 'issue', 'issue-0', 'Issue-1', 'issue-1 -->', 'a--b-1'])
      expect(() => replyMarker(bad)).toThrow(/not a reply subject/);
    expect(isReplyTo(`see ${replyMarker('issue-3')} here`, 'issue-3')).toBe(false);
    expect(isReplyTo(`x\n${replyMarker('issue-3')}  \ny`, 'issue-3')).toBe(true);
    expect(isReplyTo(replyMarker('issue-3'), 'bad subject')).toBe(false);
  });
});
