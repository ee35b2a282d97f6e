// Hidden markers (HTML comments, invisible once rendered) that identify the action's own
// content on GitHub: its reviews, its sticky comment, and each finding it has reported.
//
// A marker counts only when it stands alone on its own line, exactly in the form written here.
// User text cannot produce one: escaped text turns `<` into `&lt;`, and code spans break `<!--`
// with a zero-width joiner (markdown-escape.ts). But anyone can type a marker in a comment of
// their own: a marker is trusted only in a post written by the account the action posts as
// (github/identity.ts `ownPosts`), never on its text alone.

const NAMESPACE = 'api-key-guard';

/** Opens every review the action posts. */
export const REVIEW_MARKER = `<!-- ${NAMESPACE}:review -->`;
/** Opens the single comment the action keeps updated in place (the sticky comment). */
export const STICKY_MARKER = `<!-- ${NAMESPACE}:sticky -->`;
/** Marks the notice posted when a pull request became clean, so it is posted once. */
export const RESOLVED_MARKER = `<!-- ${NAMESPACE}:resolved -->`;

const FINGERPRINT = /^[0-9a-f]{32}$/;
// What a reply answers: a kind and a number, e.g. `issue-comment-123` or `issue-12`.
const REPLY_SUBJECT = /^[a-z]+(?:-[a-z]+)*-[1-9][0-9]*$/;

/**
 * Opens the action's reply to a comment or an issue that holds a key; the subject names what it
 * answers, so a re-run (or an `edited` event) can tell it has already answered. Throws on a
 * subject that is not a kind and a number.
 */
export function replyMarker(subject: string): string {
  if (!REPLY_SUBJECT.test(subject)) throw new Error(`not a reply subject: ${JSON.stringify(subject)}`);
  return `<!-- ${NAMESPACE}:reply:${subject} -->`;
}

/** A finding's marker; throws if the fingerprint is not 32 lower-case hex digits. */
export function fingerprintMarker(fingerprint: string): string {
  if (!FINGERPRINT.test(fingerprint))
    throw new Error(`not a finding fingerprint: ${JSON.stringify(fingerprint)}`);
  return `<!-- ${NAMESPACE}:fp:${fingerprint} -->`;
}

// Line-anchored, so a marker quoted inside a sentence or a table cell does not count.
const FINGERPRINT_LINE = /^<!-- api-key-guard:fp:([0-9a-f]{32}) -->[ \t]*\r?$/gm;

/** The fingerprints marked in a posted body, unique, in order of appearance. */
export function fingerprintsIn(body: string | null | undefined): string[] {
  if (!body) return [];
  const seen = new Set<string>();
  for (const m of body.matchAll(FINGERPRINT_LINE)) seen.add(m[1]!);
  return [...seen];
}

function hasLine(body: string | null | undefined, marker: string): boolean {
  if (!body) return false;
  return body.split(/\r?\n/).some((line) => line.trimEnd() === marker);
}

/** True when the body carries the review marker on a line of its own. */
export function isReviewBody(body: string | null | undefined): boolean {
  return hasLine(body, REVIEW_MARKER);
}

/** True when the body is the action's "findings resolved" notice. */
export function isResolvedNotice(body: string | null | undefined): boolean {
  return hasLine(body, RESOLVED_MARKER);
}

/** True when the body carries the sticky-comment marker on a line of its own. */
export function isStickyComment(body: string | null | undefined): boolean {
  return hasLine(body, STICKY_MARKER);
}

/** True when the body is the action's reply to `subject` (see replyMarker). */
export function isReplyTo(body: string | null | undefined, subject: string): boolean {
  return REPLY_SUBJECT.test(subject) && hasLine(body, replyMarker(subject));
}

/** True when the body is any of the action's own content: a review, the sticky comment, or a finding. */
export function isOwnContent(body: string | null | undefined): boolean {
  return isReviewBody(body) || isStickyComment(body) || fingerprintsIn(body).length > 0;
}
