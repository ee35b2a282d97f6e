// The HTML behind docs/review-comment.png (scripts/screenshot.ts): a review of a generated sample,
// rendered by the action's own renderers (src/report/review.ts) and suggestion builder, turned
// into HTML by a GFM renderer (marked) and wrapped in a page laid out like a pull request's
// conversation tab. Pure: no I/O, the same seed gives the same page; the generated keys never
// reach the HTML (the code line shown above the comment carries the redacted value instead).
import { Marked, type Tokens } from 'marked';
import { envVarFor } from '../src/guidance/advice.js';
import { suggestLine, type Suggestion } from '../src/guidance/suggestion.js';
import type { PlacedFinding, RepoLinks } from '../src/report/context.js';
import { renderInlineComment, renderReviewBody } from '../src/report/review.js';
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import type { Finding } from '../src/scan/types.js';

export const SAMPLE_SEED = 20_250_106;

export interface CodeLine {
  /** New-file line number. */
  line: number;
  /** The line as shown: any generated key replaced by its redacted form. */
  text: string;
  added: boolean;
}

export interface ReviewSample {
  owner: string;
  repo: string;
  /** The review body and the inline comment, as the action posts them (markdown). */
  body: string;
  inline: { path: string; line: number; markdown: string; context: CodeLine[]; redacted: string };
  /** The inline comment's suggestion, when it has one, and the (redacted) line it replaces. */
  suggestion: { from: string; to: string } | null;
  /** The keys generated for the sample: none may appear in the page. */
  secrets: string[];
}

const HEAD_SHA = '3f9c2a7d5e1b4c8a9f0e6d2b7a1c5e8f4d3b2a10';
const rules = new Map(builtinRules.map((r) => [r.id, r]));

/**
 * A pull request adding `app/client.py` with an Anthropic key and a workflow with an OpenAI key,
 * both on lines of the diff; the review the action would post for it, and the inline comment on
 * the Anthropic key's line.
 */
export function renderSampleReview(seed: number = SAMPLE_SEED): ReviewSample {
  const rand = seededRandom(seed);
  const anthropicKey = expandTemplate('sk-ant-api03-{b64u:93}AA', rand);
  const openaiKey = expandTemplate('sk-proj-{b64u:74}T3BlbkFJ{b64u:74}', rand);
  const client = [
    'import os',
    '',
    'import anthropic',
    '',
    '# TODO: read from the environment before merging',
    `client = anthropic.Anthropic(api_key="${anthropicKey}")`,
  ];
  const workflow = ['    env:', `      OPENAI_API_KEY: ${openaiKey}`];
  const scanner = new Scanner(builtinRules);
  const findings: Finding[] = [
    ...scanner.scanFile({
      path: 'app/client.py',
      lines: client.map((text, i) => ({ line: i + 1, text })).slice(3),
      commit: HEAD_SHA,
      source: 'diff',
    }),
    ...scanner.scanFile({
      path: '.github/workflows/nightly-eval.yml',
      lines: workflow.map((text, i) => ({ line: i + 9, text })),
      commit: HEAD_SHA,
      source: 'diff',
    }),
  ];
  const anthropic = findings.find((f) => f.ruleId === 'anthropic-api-key');
  if (!anthropic || findings.length !== 2)
    throw new Error(`review sample: expected an Anthropic and an OpenAI finding, got ${findings.length}`);

  const owner = 'acme';
  const repo = 'support-bot';
  const links: RepoLinks = {
    serverUrl: 'https://github.com',
    owner,
    repo,
    headSha: HEAD_SHA,
    runUrl: `https://github.com/${owner}/${repo}/actions/runs/4242424242`,
  };
  const placed: PlacedFinding[] = findings.map((finding) => ({ finding, placement: 'inline' }));
  const body = renderReviewBody({ findings: placed, rules, failOn: 'medium', links });

  const lineText = client[anthropic.line - 1]!;
  const suggestion: Suggestion | null = suggestLine({
    path: anthropic.path,
    lineText,
    column: anthropic.column,
    endColumn: anthropic.endColumn,
    envVar: envVarFor(anthropic, rules.get(anthropic.ruleId)),
  });
  const markdown = renderInlineComment(anthropic, { rules, failOn: 'medium', suggestion });
  const redactedLine = lineText.split(anthropicKey).join(anthropic.redacted);
  const context: CodeLine[] = client.slice(-4).map((text, i, shown) => {
    const line = client.length - shown.length + i + 1;
    return { line, text: text.split(anthropicKey).join(anthropic.redacted), added: line >= 4 };
  });
  return {
    owner,
    repo,
    body,
    inline: { path: anthropic.path, line: anthropic.line, markdown, context, redacted: anthropic.redacted },
    suggestion: suggestion ? { from: redactedLine, to: suggestion.line } : null,
    secrets: [anthropicKey, openaiKey],
  };
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const ALLOWED_TAG = /^<\/?(sub|sup|br)\s*\/?>$/i;

/**
 * GitHub-flavoured markdown to HTML, sanitized the way GitHub treats a comment: HTML comments
 * (the action's hidden markers) are dropped, a few harmless tags kept, any other HTML shown as
 * text, links only to http(s); a ```suggestion block becomes a "Suggested change" box showing
 * `suggestionFrom` (the line it replaces) removed and the suggestion added.
 */
export function markdownToHtml(markdown: string, options: { suggestionFrom?: string } = {}): string {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag): string {
        const trimmed = text.trim();
        if (/^<!--[\s\S]*-->$/.test(trimmed)) return '';
        if (ALLOWED_TAG.test(trimmed)) return trimmed.toLowerCase();
        return escapeHtml(text);
      },
      link({ href, tokens }: Tokens.Link): string {
        const label = this.parser.parseInline(tokens);
        if (!/^https?:\/\//i.test(href)) return label;
        return `<a href="${escapeHtml(href)}">${label}</a>`;
      },
      image({ text }: Tokens.Image): string {
        return escapeHtml(text);
      },
      code({ text, lang }: Tokens.Code): string {
        if (lang === 'suggestion') {
          const from =
            options.suggestionFrom === undefined
              ? ''
              : `<div class="sg-line sg-del"><span class="sg-sign">-</span><code>${escapeHtml(options.suggestionFrom)}</code></div>`;
          return [
            '<div class="suggested-change">',
            '<div class="sg-head">Suggested change</div>',
            from,
            `<pre class="sg-line sg-add"><span class="sg-sign">+</span><code class="language-suggestion">${escapeHtml(text)}</code></pre>`,
            '</div>',
          ].join('');
        }
        const cls = lang ? ` class="language-${escapeHtml(lang)}"` : '';
        return `<pre><code${cls}>${escapeHtml(text)}</code></pre>\n`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;padding:24px;background:#fff;color:#24292f;
  font:14px/1.5 -apple-system,"Segoe UI","Noto Sans","Liberation Sans","DejaVu Sans",Helvetica,Arial,sans-serif,"Noto Color Emoji"}
a{color:#0a66d6;text-decoration:none}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",Menlo,monospace;font-size:12px}
.event{display:flex;gap:12px;align-items:center;margin:0 0 12px}
.badge{width:32px;height:32px;border-radius:50%;flex:none;display:grid;place-items:center;
  background:#d1242f;color:#fff;font-weight:700}
.who{font-weight:600}
.label{border:1px solid #d0d7de;border-radius:2em;padding:0 7px;font-size:12px;color:#57606a;margin-left:4px}
.muted{color:#57606a}
.card{border:1px solid #d0d7de;border-radius:6px;margin:0 0 16px;overflow:hidden}
.card-head{background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:8px 16px;display:flex;gap:8px;align-items:center}
.avatar{width:24px;height:24px;border-radius:50%;background:#2f81f7;color:#fff;font-size:11px;font-weight:700;
  display:grid;place-items:center;flex:none}
.md{padding:4px 16px 8px}
.md h2{font-size:20px;margin:12px 0 8px;padding-bottom:6px;border-bottom:1px solid #d8dee4}
.md h3{font-size:16px;margin:18px 0 8px}
.md p{margin:0 0 12px}
.md ul,.md ol{margin:0 0 12px;padding-left:2em}
.md li{margin:4px 0}
.md li>p{margin:8px 0}
.md code{background:#eff1f3;border-radius:6px;padding:.15em .4em}
.md pre{background:#f6f8fa;border-radius:6px;padding:12px 16px;overflow:hidden}
.md pre code{background:none;padding:0}
.md table{border-collapse:collapse;margin:4px 0 12px}
.md th,.md td{border:1px solid #d0d7de;padding:5px 12px;text-align:left}
.md th{font-weight:600;background:#f6f8fa}
.md hr{border:0;border-top:1px solid #d8dee4;margin:16px 0}
.md sub{color:#57606a}
.thread{margin:8px 16px 16px;border:1px solid #d0d7de;border-radius:6px;overflow:hidden}
.file{background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:6px 12px;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
.diff{width:100%;border-collapse:collapse;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
.diff td{padding:1px 8px;white-space:pre}
.diff .num{width:1%;color:#6e7781;text-align:right;user-select:none}
.diff .add{background:#e6ffec}
.diff .add .num{background:#ccffd8}
.diff .target{box-shadow:inset 3px 0 0 #d4a72c}
.comment{border-top:1px solid #d0d7de}
.comment .card-head{background:#fff;border-bottom:0;padding:10px 16px 0}
.suggested-change{border:1px solid #d0d7de;border-radius:6px;overflow:hidden;margin:0 0 12px}
.sg-head{background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:6px 12px;font-weight:600;font-size:12px}
.md .sg-line{margin:0;border-radius:0;padding:2px 12px;white-space:pre;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
.md .sg-line code{background:none;padding:0}
.sg-del{background:#ffebe9}
.md .sg-add{background:#e6ffec}
.sg-sign{display:inline-block;width:16px;color:#57606a}
`;

/** The page: the review event, its body, and the inline comment under its line of the diff. */
export function reviewPageHtml(sample: ReviewSample): string {
  const { inline } = sample;
  const diffRows = inline.context
    .map(
      (c) =>
        `<tr class="${c.added ? 'add' : ''}${c.line === inline.line ? ' target' : ''}">` +
        `<td class="num">${c.line}</td><td>${c.added ? '+' : ' '}${escapeHtml(c.text)}</td></tr>`,
    )
    .join('');
  const bot = (verb: string) =>
    `<span class="avatar">GA</span><span class="who">github-actions</span><span class="label">bot</span>` +
    `<span class="muted">${verb}</span>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`${sample.owner}/${sample.repo}`)}: review by api-key-guard</title>
<style>${CSS}</style></head>
<body>
<div class="event"><span class="badge">!</span><span><span class="who">github-actions</span><span class="label">bot</span> <span class="muted">requested changes</span></span></div>
<div class="card">
<div class="card-head">${bot('reviewed')}</div>
<div class="md">${markdownToHtml(sample.body)}</div>
<div class="thread">
<div class="file">${escapeHtml(inline.path)}</div>
<table class="diff">${diffRows}</table>
<div class="comment">
<div class="card-head">${bot(`commented on line ${inline.line}`)}</div>
<div class="md">${markdownToHtml(inline.markdown, sample.suggestion ? { suggestionFrom: sample.suggestion.from } : {})}</div>
</div>
</div>
</div>
</body></html>
`;
}
