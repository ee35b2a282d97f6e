// A large, realistic unified diff for the speed benchmark: `git log -p` output of many commits,
// each touching files in many languages (new files and modified files with several hunks), with
// long and short lines, minified bundles, lockfile churn, and keys sprinkled in from the rules'
// own true-positive sample templates (expanded at run time, never written down).
import type { Rule } from '../src/scan/types.js';
import { expandTemplate, randomString, seededRandom } from '../src/scan/samples.js';
import { codeLines, fill, int, minifiedLine, pick, type Rand } from './codegen.js';

interface Kind {
  ext: string;
  language: string;
  weight: number;
  dirs: string[];
}

const KINDS: Kind[] = [
  { ext: 'py', language: 'python', weight: 12, dirs: ['src', 'app', 'services/api', 'tests'] },
  { ext: 'js', language: 'javascript', weight: 9, dirs: ['web/src', 'lib', 'scripts'] },
  { ext: 'tsx', language: 'javascript', weight: 4, dirs: ['web/src/components'] },
  { ext: 'ts', language: 'typescript', weight: 13, dirs: ['src', 'packages/core/src', 'server'] },
  { ext: 'go', language: 'go', weight: 8, dirs: ['internal', 'pkg', 'cmd'] },
  { ext: 'java', language: 'java', weight: 6, dirs: ['src/main/java/com/acme'] },
  { ext: 'rb', language: 'ruby', weight: 3, dirs: ['app/models', 'lib'] },
  { ext: 'php', language: 'php', weight: 3, dirs: ['app/Http/Controllers'] },
  { ext: 'cs', language: 'csharp', weight: 4, dirs: ['src/Api'] },
  { ext: 'rs', language: 'rust', weight: 3, dirs: ['src'] },
  { ext: 'yaml', language: 'yaml', weight: 6, dirs: ['deploy', '.github/workflows', 'charts/app'] },
  { ext: 'json', language: 'json', weight: 3, dirs: ['config', 'fixtures'] },
  { ext: 'md', language: 'markdown', weight: 5, dirs: ['docs', '.'] },
  { ext: 'sh', language: 'shell', weight: 3, dirs: ['scripts', 'bin'] },
  { ext: 'tf', language: 'terraform', weight: 3, dirs: ['infra'] },
  { ext: 'properties', language: 'properties', weight: 1, dirs: ['src/main/resources'] },
  { ext: 'xml', language: 'xml', weight: 2, dirs: ['src/main/resources', 'android/app'] },
  { ext: 'css', language: 'css', weight: 3, dirs: ['web/styles'] },
  { ext: 'sql', language: 'sql', weight: 2, dirs: ['migrations'] },
  { ext: 'toml', language: 'toml', weight: 1, dirs: ['.'] },
  { ext: 'env.example', language: 'dotenv', weight: 1, dirs: ['.'] },
];
const TOTAL_WEIGHT = KINDS.reduce((n, k) => n + k.weight, 0);

const POOL_LINES = 6000;
const LONG_LINE_RATE = 0.01;

/** Key lines sprinkled into added lines: about one per this many added lines. */
export const KEY_EVERY = 2500;

function pickKind(rand: Rand): Kind {
  let x = rand() * TOTAL_WEIGHT;
  for (const k of KINDS) if ((x -= k.weight) < 0) return k;
  return KINDS[0]!;
}

/** Line pools per language, so a 100 MB diff costs slices of arrays rather than template fills. */
function buildPools(rand: Rand): Map<string, string[]> {
  const pools = new Map<string, string[]>();
  for (const language of new Set(KINDS.map((k) => k.language))) {
    const lines = codeLines(language, POOL_LINES, rand);
    for (let i = 0; i < lines.length; i++) {
      if (rand() < LONG_LINE_RATE) {
        // Long lines: a big literal (an embedded SQL query, a long message, a data table row).
        const words: string[] = [];
        for (let n = int(rand, 30, 400); n > 0; n--)
          words.push(fill(pick(rand, ['{w}', '{id}', '{n}']), rand));
        lines[i] = `${lines[i]} ${JSON.stringify(words.join(' '))}`;
      }
    }
    pools.set(language, lines);
  }
  return pools;
}

function lockEntry(rand: Rand): string[] {
  const name = fill(pick(rand, ['{w}', '@{w}/{w}', '{w}-{w}', '{w}.js']), rand);
  const version = `${int(rand, 0, 12)}.${int(rand, 0, 30)}.${int(rand, 0, 20)}`;
  const base = name.split('/').pop()!;
  return [
    `    "node_modules/${name}": {`,
    `      "version": "${version}",`,
    `      "resolved": "https://registry.npmjs.org/${name}/-/${base}-${version}.tgz",`,
    `      "integrity": "sha512-${randomString(rand, B64, 86)}==",`,
    rand() < 0.5 ? '      "dev": true,' : '      "peer": true,',
    `      "license": "${pick(rand, ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause'])}"`,
    '    },',
  ];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export interface GeneratedDiff {
  /** The diff in pieces, each a whole commit header or a whole file: any prefix is a valid diff. */
  pieces: string[];
  /** Bytes (UTF-8 = UTF-16 length here: the text is ASCII) of pieces[0..i] inclusive. */
  cumulative: number[];
  /** Keys planted in the first pieces[0..i]: cumulative too. */
  keysCumulative: number[];
}

/** Generates about `targetBytes` of diff. Everything is ASCII, so string length = bytes. */
export function generateDiff(targetBytes: number, rules: readonly Rule[], seed = 42): GeneratedDiff {
  const rand = seededRandom(seed);
  const pools = buildPools(rand);
  const minified: string[] = [];
  for (let i = 0; i < 24; i++) minified.push(minifiedLine(int(rand, 2_000, 150_000), rand));
  const lockPool: string[] = [];
  for (let i = 0; i < 3000; i++) lockPool.push(...lockEntry(rand));
  const keyLines: string[] = [];
  const templates = rules.flatMap((r) => r.samples.truePositives);
  for (let i = 0; i < 2000 && templates.length; i++)
    keyLines.push(expandTemplate(pick(rand, templates), rand));

  const pieces: string[] = [];
  const cumulative: number[] = [];
  const keysCumulative: number[] = [];
  let bytes = 0;
  let keys = 0;
  const add = (piece: string) => {
    pieces.push(piece);
    bytes += piece.length;
    cumulative.push(bytes);
    keysCumulative.push(keys);
  };
  const added = (text: string) => {
    if (keyLines.length && rand() < 1 / KEY_EVERY) {
      keys++;
      return `+${pick(rand, keyLines)}`;
    }
    return `+${text}`;
  };

  let filesInCommit = 0;
  while (bytes < targetBytes) {
    if (filesInCommit === 0) {
      filesInCommit = int(rand, 1, 40);
      const sha = randomString(rand, '0123456789abcdef', 40);
      add(
        `commit ${sha}\nAuthor: ${fill('{Id}', rand)} <dev${int(rand, 1, 90)}@example.com>\n` +
          `Date:   Mon Jun ${int(rand, 1, 28)} 10:${int(rand, 10, 59)}:00 2025 +0200\n\n    ${fill('{t}', rand)}\n\n`,
      );
    }
    filesInCommit--;
    const out: string[] = [];
    const r = rand();
    if (r < 0.01) {
      // A minified bundle: a few very long lines.
      const path = `web/dist/assets/index-${fill('{h7}', rand)}.min.js`;
      const n = int(rand, 1, 3);
      out.push(
        `diff --git a/${path} b/${path}`,
        'new file mode 100644',
        `index 0000000..${fill('{h7}', rand)}`,
      );
      out.push('--- /dev/null', `+++ b/${path}`, `@@ -0,0 +1,${n} @@`);
      for (let i = 0; i < n; i++) out.push(added(pick(rand, minified)));
    } else if (r < 0.06) {
      // Lockfile churn: modified package-lock.json, long hunks of integrity hashes.
      hunks(out, 'package-lock.json', lockPool, rand, added, false);
    } else {
      const kind = pickKind(rand);
      const path = `${pick(rand, kind.dirs)}/${fill('{id}', rand)}.${kind.ext}`;
      hunks(out, path, pools.get(kind.language)!, rand, added, rand() < 0.3);
    }
    add(`${out.join('\n')}\n`);
  }
  return { pieces, cumulative, keysCumulative };
}

/** A file's diff: a new file (one hunk) or a modified file with several hunks. */
function hunks(
  out: string[],
  path: string,
  pool: string[],
  rand: Rand,
  added: (text: string) => string,
  isNew: boolean,
): void {
  const h7 = () => randomString(rand, '0123456789abcdef', 7);
  out.push(`diff --git a/${path} b/${path}`);
  let at = int(rand, 0, pool.length - 1);
  const next = () => {
    at = (at + 1) % pool.length;
    return pool[at]!;
  };
  if (isNew) {
    const n = int(rand, 5, rand() < 0.9 ? 250 : 2000);
    out.push(
      'new file mode 100644',
      `index 0000000..${h7()}`,
      '--- /dev/null',
      `+++ b/${path}`,
      `@@ -0,0 +1,${n} @@`,
    );
    for (let i = 0; i < n; i++) out.push(added(next()));
    return;
  }
  out.push(`index ${h7()}..${h7()} 100644`, `--- a/${path}`, `+++ b/${path}`);
  let oldLine = int(rand, 1, 60);
  let newLine = oldLine;
  for (let h = int(rand, 1, 8); h > 0; h--) {
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    const context = (n: number) => {
      for (let i = 0; i < n; i++) {
        body.push(` ${next()}`);
        oldCount++;
        newCount++;
      }
    };
    context(3);
    for (let seg = int(rand, 1, 4); seg > 0; seg--) {
      for (let i = rand() < 0.6 ? int(rand, 0, 8) : 0; i > 0; i--) {
        body.push(`-${next()}`);
        oldCount++;
      }
      for (let i = int(rand, 1, rand() < 0.85 ? 25 : 300); i > 0; i--) {
        body.push(added(next()));
        newCount++;
      }
      if (seg > 1) context(int(rand, 1, 4));
    }
    context(3);
    const fn = rand() < 0.5 ? ` ${pool[int(rand, 0, pool.length - 1)]!.trim().slice(0, 60)}` : '';
    out.push(`@@ -${oldLine},${oldCount} +${newLine},${newCount} @@${fn}`, ...body);
    const gap = int(rand, 5, 200);
    oldLine += oldCount + gap;
    newLine += newCount + gap;
  }
}

/** The shortest prefix of whole pieces (commit headers, files) of at least `bytes`. */
export function prefix(diff: GeneratedDiff, bytes: number): { text: string; bytes: number; keys: number } {
  let n = diff.cumulative.findIndex((c) => c >= bytes) + 1;
  if (n === 0) n = diff.pieces.length;
  return {
    text: diff.pieces.slice(0, n).join(''),
    bytes: diff.cumulative[n - 1]!,
    keys: diff.keysCumulative[n - 1]!,
  };
}
