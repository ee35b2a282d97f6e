// Sample templates: how rules describe their true- and false-positive samples without committing
// a key-shaped literal. `{b64u:93}` becomes 93 random base64url characters, drawn from a seeded
// generator so every run of the tests sees the same values.
import { base62Checksum } from './checksum.js';

const ALPHABETS: Record<string, string> = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  b64u: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  upnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  lownum: 'abcdefghijklmnopqrstuvwxyz0123456789',
};

/** A small deterministic generator (mulberry32): the same seed gives the same samples. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomString(rand: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}

/** A GitHub/npm-style 36-character token body with a valid (or deliberately broken) checksum. */
function checksummedBody(rand: () => number, broken: boolean): string {
  const body = randomString(rand, ALPHABETS.alnum!, 30);
  const sum = base62Checksum(body);
  if (!broken) return body + sum;
  const last = sum[5] === 'A' ? 'B' : 'A';
  return body + sum.slice(0, 5) + last;
}

const TOKEN = new RegExp(
  `\\{(${[...Object.keys(ALPHABETS), 'crc36bad', 'crc36'].join('|')})(?::(\\d+))?\\}`,
  'g',
);

/**
 * Expands a template: `{NAME:N}` draws N characters of alphabet NAME; `{crc36}` draws a
 * checksum-valid 36-character body, `{crc36bad}` one whose checksum fails. Any other brace text
 * (`${{ secrets.X }}`, `{name}`) stays as written.
 */
export function expandTemplate(template: string, rand: () => number): string {
  return template.replace(TOKEN, (_m, name: string, len?: string) => {
    if (name === 'crc36') return checksummedBody(rand, false);
    if (name === 'crc36bad') return checksummedBody(rand, true);
    if (len === undefined) throw new Error(`sample token {${name}} needs a length, e.g. {${name}:20}`);
    return randomString(rand, ALPHABETS[name]!, Number(len));
  });
}
