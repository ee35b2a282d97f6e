// Bugs the property tests and the fuzz harness found in src/ and that are not fixed yet. The
// generators steer around each one while it is listed here, so every other check keeps running;
// __tests__/known-issues.test.ts pins each with a minimal case and fails once the bug is fixed.
// Then set the flag to false (or delete it) so the generators cover that input again.
export const KNOWN_ISSUES = {
  /**
   * src/guidance/suggestion.ts (used by src/github/publish-review.ts): on a line holding two keys,
   * the suggested replacement for one keeps the other verbatim, so the inline comment posts a key.
   */
  suggestionKeepsOtherKey: false,
} as const;
