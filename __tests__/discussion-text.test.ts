// What text a discussion event carries (src/changes/discussion.ts): which payload field is
// scanned, under which stable label, and what a reply needs to know. Keys are generated at run
// time (samples.ts); no key-shaped literal lives here.
import { describe, expect, it } from '@jest/globals';
import {
  isDiscussionEvent,
  pullRequestTexts,
  readDiscussion,
  type Discussion,
} from '../src/changes/discussion.js';
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';

const key = (seed = 7) => expandTemplate('sk-ant-api03-{b64u:93}AA', seededRandom(seed));
const scanner = new Scanner(builtinRules);
const scan = (d: Discussion | null) => (d ? d.texts.flatMap((t) => scanner.scanFile(t)) : []);

const user = (login: string) => ({ login, id: 1, type: 'User' });

function issueComment(action: string, options: { onPullRequest?: boolean; body?: unknown } = {}) {
  return {
    action,
    issue: {
      number: 12,
      title: 'A title',
      body: 'The issue body is not scanned on a comment event.',
      user: user('someone'),
      ...(options.onPullRequest === false ? {} : { pull_request: { url: 'https://api.test/pulls/12' } }),
    },
    comment: {
      id: 555,
      node_id: 'IC_kwDOabc123',
      body: 'body' in options ? options.body : `here you go: ${key()}`,
      user: user('octocat'),
      html_url: 'https://github.com/o/r/pull/12#issuecomment-555',
      created_at: '2025-01-06T09:00:00Z',
    },
  };
}

describe('readDiscussion', () => {
  it('an issue comment on a pull request: the comment body, source comment, with what a reply needs', () => {
    const d = readDiscussion('issue_comment', issueComment('created'))!;
    expect(d).toMatchObject({
      kind: 'issue-comment',
      number: 12,
      isPullRequest: true,
      commentId: 555,
      threadId: null,
      minimizableId: 'IC_kwDOabc123',
      author: 'octocat',
      createdAt: '2025-01-06T09:00:00Z',
      htmlUrl: 'https://github.com/o/r/pull/12#issuecomment-555',
      subject: 'issue-comment-555',
    });
    expect(d.texts.map((t) => [t.path, t.source])).toEqual([['pull request #12 comment 555', 'comment']]);
    const findings = scan(d);
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'anthropic-api-key', source: 'comment', line: 1, commit: null }),
    ]);
  });

  it('an issue comment on an issue is labelled as such; an edit is scanned, a deletion is not', () => {
    const d = readDiscussion('issue_comment', issueComment('edited', { onPullRequest: false }))!;
    expect(d.isPullRequest).toBe(false);
    expect(d.texts[0]!.path).toBe('issue #12 comment 555');
    expect(readDiscussion('issue_comment', issueComment('deleted'))).toBeNull();
  });

  it('the same key in the same comment keeps its fingerprint when the rest of the comment changes', () => {
    const before = scan(readDiscussion('issue_comment', issueComment('created')));
    const edited = issueComment('edited', { body: `Sorry!\n\nhere you go: ${key()}\n(edited)` });
    const after = scan(readDiscussion('issue_comment', edited));
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(after[0]!.line).toBe(3);
  });

  it('a review comment: threaded replies go to the thread’s first comment', () => {
    const payload = (inReplyTo?: number) => ({
      action: 'created',
      pull_request: { number: 3, title: 't', body: null },
      comment: {
        id: 900,
        node_id: 'PRRC_kwDOxyz',
        body: `use ${key()}`,
        user: user('reviewer'),
        ...(inReplyTo ? { in_reply_to_id: inReplyTo } : {}),
      },
    });
    const top = readDiscussion('pull_request_review_comment', payload())!;
    expect(top).toMatchObject({
      kind: 'review-comment',
      number: 3,
      isPullRequest: true,
      commentId: 900,
      threadId: 900,
      minimizableId: 'PRRC_kwDOxyz',
      subject: 'review-comment-900',
    });
    expect(top.texts[0]!.path).toBe('pull request #3 review comment 900');
    expect(readDiscussion('pull_request_review_comment', payload(880))!.threadId).toBe(880);
    expect(scan(top)).toHaveLength(1);
  });

  it('an issue: title and description, and nothing GitHub could minimize', () => {
    const d = readDiscussion('issues', {
      action: 'opened',
      issue: {
        number: 4,
        title: `key ${key(1)}`,
        body: `and ${key(2)}`,
        user: user('octocat'),
        node_id: 'I_kw',
      },
    })!;
    expect(d).toMatchObject({
      kind: 'issue',
      number: 4,
      commentId: null,
      minimizableId: null,
      subject: 'issue-4',
    });
    expect(d.texts.map((t) => t.path)).toEqual(['issue #4 title', 'issue #4 description']);
    expect(scan(d).map((f) => [f.path, f.source])).toEqual([
      ['issue #4 title', 'comment'],
      ['issue #4 description', 'comment'],
    ]);
    expect(readDiscussion('issues', { action: 'labeled', issue: { number: 4 } })).toBeNull();
  });

  it('malformed payloads: no reply target means null; odd node ids are not used; empty text is skipped', () => {
    const noId = issueComment('created');
    (noId.comment as { id: unknown }).id = '555';
    expect(readDiscussion('issue_comment', noId)).toBeNull();
    const oddNode = issueComment('created');
    oddNode.comment.node_id = 'x" } ) { evil }';
    expect(readDiscussion('issue_comment', oddNode)!.minimizableId).toBeNull();
    expect(readDiscussion('issue_comment', issueComment('created', { body: 42 }))!.texts).toEqual([]);
    expect(readDiscussion('issue_comment', issueComment('created', { body: '  \n' }))!.texts).toEqual([]);
    expect(readDiscussion('push', issueComment('created'))).toBeNull();
  });

  it('isDiscussionEvent names exactly the three discussion events', () => {
    expect(['issue_comment', 'pull_request_review_comment', 'issues'].map(isDiscussionEvent)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['pull_request', 'push', 'discussion_comment', 'toString'].map(isDiscussionEvent)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('pullRequestTexts', () => {
  it('the title and the description, source pull-request, under stable labels', () => {
    const texts = pullRequestTexts({
      pull_request: { number: 12, title: 'Add client', body: `Local test:\n${key()}` },
    });
    expect(texts.map((t) => [t.path, t.source, t.lines.length])).toEqual([
      ['pull request #12 title', 'pull-request', 1],
      ['pull request #12 description', 'pull-request', 2],
    ]);
    const findings = texts.flatMap((t) => scanner.scanFile(t));
    expect(findings).toEqual([
      expect.objectContaining({ path: 'pull request #12 description', line: 2, source: 'pull-request' }),
    ]);
  });

  it('a null description and a payload without a pull request give no text', () => {
    expect(
      pullRequestTexts({ pull_request: { number: 1, title: 'x', body: null } }).map((t) => t.path),
    ).toEqual(['pull request #1 title']);
    expect(pullRequestTexts({ after: 'abc' })).toEqual([]);
  });
});
