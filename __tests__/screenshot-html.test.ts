// The page behind docs/review-comment.png (scripts/review-html.ts): the action's real review body
// and inline comment for a generated sample, as HTML. Checked without a browser: the parts the
// image must show are there, and nothing that should not be (a key, a script, the hidden markers).
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml, markdownToHtml, renderSampleReview, reviewPageHtml } from '../scripts/review-html.js';
import { PROJECT_ROOT } from './fake-github/harness.js';

const sample = renderSampleReview();
const html = reviewPageHtml(sample);

describe('the review screenshot page', () => {
  it('shows the review heading and the inline comment on its line', () => {
    expect(html).toMatch(/<h2>🔑 API Key Guard: 2 exposed API keys<\/h2>/);
    expect(html).toMatch(/<h3>Do this now<\/h3>/);
    expect(html).toContain('<div class="file">app/client.py</div>');
    expect(html).toContain(`commented on line ${sample.inline.line}`);
    expect(html).toMatch(/🔴 High: Anthropic API key/);
  });

  it('has the revoke step with the Anthropic console link, and the provider table', () => {
    expect(html).toMatch(
      /Revoke this Anthropic key now at <a href="https:\/\/platform\.claude\.com\/settings\/keys">Claude Console → API keys<\/a>/,
    );
    const table =
      /<table>\s*<thead>\s*<tr>\s*<th>Provider<\/th>\s*<th>Revoke and reissue at<\/th>[\s\S]*?<\/table>/.exec(
        html,
      )?.[0];
    expect(table).toBeDefined();
    expect(table).toMatch(
      /<td>Anthropic<\/td>\s*<td><a href="https:\/\/platform\.claude\.com\/settings\/keys">/,
    );
    expect(table).toMatch(/<td>OpenAI<\/td>\s*<td><a href="https:\/\/platform\.openai\.com\/api-keys">/);
  });

  it('has the environment-variable step and the suggestion as a code block', () => {
    expect(html).toMatch(/Read the new key from the <code>ANTHROPIC_API_KEY<\/code> environment variable/);
    expect(sample.suggestion).not.toBeNull();
    expect(html).toContain('<div class="sg-head">Suggested change</div>');
    expect(html).toContain(`<code class="language-suggestion">${escapeHtml(sample.suggestion!.to)}</code>`);
    expect(sample.suggestion!.to).toContain('os.environ["ANTHROPIC_API_KEY"]');
  });

  it('shows the redacted value, never a generated key', () => {
    expect(sample.inline.redacted).toMatch(/^sk-ant-api03-…[A-Za-z0-9_-]{4}$/);
    expect(html).toContain(`<code>${sample.inline.redacted}</code>`);
    expect(html).toContain(`api_key=&quot;${sample.inline.redacted}&quot;`); // the line above the comment
    expect(sample.secrets).toHaveLength(2);
    for (const secret of sample.secrets) {
      expect(sample.body + sample.inline.markdown).not.toContain(secret);
      expect(html).not.toContain(secret);
      expect(html).not.toContain(secret.slice(13, 40));
    }
  });

  it('holds no script, event handler, external resource or hidden marker', () => {
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).not.toMatch(/<(img|link|iframe|object|embed)\b/i);
    expect(html).not.toContain('<!--');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(reviewPageHtml(renderSampleReview())).toBe(html); // the same seed gives the same page
  });
});

describe('markdownToHtml', () => {
  it('renders GFM tables and keeps only harmless HTML', () => {
    const out = markdownToHtml(
      [
        '| a | b |',
        '| --- | --- |',
        '| `x` | [y](https://example.com) |',
        '',
        '<script>alert(1)</script>',
        '',
        '[bad](javascript:alert(1)) <img src=x onerror=alert(1)> <sub>small</sub>',
        '',
        '<!-- api-key-guard:review -->',
      ].join('\n'),
    );
    expect(out).toMatch(
      /<table>[\s\S]*<td><code>x<\/code><\/td>\s*<td><a href="https:\/\/example\.com">y<\/a><\/td>/,
    );
    expect(out).not.toMatch(/<script|<img|href="javascript/i);
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('<sub>small</sub>');
    expect(out).not.toContain('api-key-guard:review');
  });
});

describe('docs/review-comment.png', () => {
  it('is a PNG, 900 pixels wide and under 300 KB', async () => {
    const png = await readFile(join(PROJECT_ROOT, 'docs', 'review-comment.png'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(900);
    expect(png.length).toBeLessThan(300 * 1024);
  });
});
