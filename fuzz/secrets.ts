// Key-shaped values for the fuzz harness and the property tests, made at run time from the rules'
// own true-positive templates (never written as literals), together with a record of which
// characters the template's generators produced: those are the part no output may repeat.
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate } from '../src/scan/samples.js';

/** A half-open range [start, end) of UTF-16 units in a string. */
export type Range = [start: number, end: number];

export interface Tracked {
  text: string;
  /** Maximal runs of generated characters (adjacent placeholders form one run), in order. */
  random: Range[];
}

// Any `{name}` or `{name:N}`: expandTemplate decides whether it is a generator placeholder (it
// then returns something else) or literal brace text (returned unchanged).
const PLACEHOLDER = /\{[A-Za-z0-9]+(?::\d+)?\}/g;

/**
 * Expands a template like expandTemplate does, drawing from `rand` in the same order, so the
 * text is identical; it also reports where the generated characters are.
 */
export function expandTracked(template: string, rand: () => number): Tracked {
  let text = '';
  const random: Range[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    text += template.slice(last, m.index);
    const out = expandTemplate(m[0], rand);
    if (out !== m[0]) {
      const start = text.length;
      text += out;
      const prev = random[random.length - 1];
      if (prev && prev[1] === start) prev[1] = text.length;
      else random.push([start, text.length]);
    } else text += out;
    last = m.index + m[0].length;
  }
  text += template.slice(last);
  return { text, random };
}

export interface Plant {
  ruleId: string;
  template: string;
}

/** Every true-positive template of every built-in rule. */
export const PLANTS: readonly Plant[] = builtinRules.flatMap((r) =>
  r.samples.truePositives.map((template) => ({ ruleId: r.id, template })),
);

/** Characters that must not appear in an output as a run this long. */
export const WINDOW = 8;

/** The parts of `random` inside [from, to), as strings of at least WINDOW characters. */
export function sensitiveIn(text: string, random: readonly Range[], from: number, to: number): string[] {
  const out: string[] = [];
  for (const [s, e] of random) {
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (b - a >= WINDOW) out.push(text.slice(a, b));
  }
  return out;
}

// Renderers escape what they print (markdown backslashes and entities, a zero-width joiner after
// `@`, percent-encoding in workflow commands, JSON string escapes), and an escaped secret is as
// leaked as a plain one. This undoes all of them at once; it over-approximates, which is fine for
// a check that only looks for the secret.
function unescaped(text: string): string {
  return text
    .replace(/\u200d/g, '')
    .replace(/&(lt|gt|amp|quot|#\d+);/g, (_m, e: string) =>
      e === 'lt'
        ? '<'
        : e === 'gt'
          ? '>'
          : e === 'amp'
            ? '&'
            : e === 'quot'
              ? '"'
              : String.fromCharCode(+e.slice(1)),
    )
    .replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\(.)/gs, '$1');
}

export interface Leak {
  /** Which output (e.g. `review:ko`). */
  output: string;
  /** Offset in the output, or in its unescaped form when `escaped`. */
  offset: number;
  escaped: boolean;
  /** Index into the `sensitive` list it came from. */
  secret: number;
}

// Every window of WINDOW characters of a string holds a piece of ANCHOR characters that starts at
// a multiple of ANCHOR, so looking those pieces up (with the engine's native indexOf) and
// extending each hit finds every shared run of WINDOW or more.
const ANCHOR = WINDOW / 2;

/**
 * The first place where an output holds WINDOW or more consecutive characters of a sensitive
 * string, raw or escaped; null when there is none. Reports positions, never the characters.
 */
export function findLeak(
  outputs: ReadonlyArray<{ name: string; text: string }>,
  sensitive: readonly string[],
): Leak | null {
  const anchors: Array<{ secret: number; at: number; piece: string }> = [];
  sensitive.forEach((s, secret) => {
    if (s.length < WINDOW) return;
    for (let at = 0; at + ANCHOR <= s.length; at += ANCHOR)
      anchors.push({ secret, at, piece: s.slice(at, at + ANCHOR) });
  });
  if (anchors.length === 0) return null;
  for (const { name, text } of outputs) {
    const plain = unescaped(text);
    const bodies: Array<readonly [boolean, string]> =
      plain === text
        ? [[false, text]]
        : [
            [false, text],
            [true, plain],
          ];
    for (const [escaped, body] of bodies) {
      for (const { secret, at, piece } of anchors) {
        const s = sensitive[secret]!;
        for (let p = body.indexOf(piece); p >= 0; p = body.indexOf(piece, p + 1)) {
          let left = 0;
          while (left < at && left < p && body[p - left - 1] === s[at - left - 1]) left++;
          let right = 0;
          const after = at + ANCHOR;
          while (
            after + right < s.length &&
            p + ANCHOR + right < body.length &&
            body[p + ANCHOR + right] === s[after + right]
          )
            right++;
          if (left + ANCHOR + right >= WINDOW) return { output: name, offset: p - left, escaped, secret };
        }
      }
    }
  }
  return null;
}
