// Detection quality on the generated corpus: recall per rule family (a planted key counts as found
// when a finding on its file and line reports exactly its secret) and findings on the placeholder
// set (there must be none). Secrets are compared in memory and never printed.
import { Scanner, secretOf } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import type { Finding, Rule } from '../src/scan/types.js';
import { buildDetectionCorpus, buildPlaceholderCorpus, families, type Corpus, type Plant } from './corpus.js';

export interface FamilyRecall {
  provider: string;
  rules: number;
  planted: number;
  /** Found: a finding on the plant's file and line with exactly the planted secret. */
  found: number;
  /** Found by a rule of the family itself (not only by another family's or the generic rule). */
  attributed: number;
  /** Some finding on the plant's file and line (maybe another secret or span). */
  lineHits: number;
  recall: number;
  /** Distinct file types the family's keys were planted in. */
  fileTypes: number;
  missesByFileType: Record<string, number>;
  modes: Record<string, number>;
}

export interface FindingRef {
  path: string;
  line: number;
  ruleId: string;
  redacted: string;
}

export interface DetectionResult {
  families: FamilyRecall[];
  byFileType: { fileType: string; planted: number; found: number }[];
  planted: number;
  found: number;
  missed: Omit<Plant, 'secret'>[];
  /** Findings in the detection corpus that match no plant (false positives in ordinary code). */
  extraFindings: FindingRef[];
  /**
   * Whole-file findings (a committed .env), counted apart from the keys: `expected` files of the
   * corpus are credential files, `flagged` of them were flagged, `unexpected` are any others.
   */
  credentialFiles: { expected: number; flagged: number; unexpected: FindingRef[] };
  placeholderFiles: number;
  placeholderLines: number;
  /** Line and whole-file findings: a placeholder `.env.example` must not be flagged either. */
  placeholderFindings: FindingRef[];
  notes: string[];
  ms: { build: number; scan: number };
}

const ref = (f: Finding): FindingRef => ({
  path: f.path,
  line: f.line,
  ruleId: f.ruleId,
  redacted: f.redacted,
});

function scanAll(scanner: Scanner, corpus: Corpus): Finding[] {
  const out: Finding[] = [];
  for (const file of corpus.files) out.push(...scanner.scanFile(file));
  return out;
}

function credentialFileFindings(scanner: Scanner, corpus: Corpus): Finding[] {
  return corpus.files.map((f) => scanner.scanCredentialFile(f)).filter((f): f is Finding => f !== null);
}

export function evaluateDetection(rules: readonly Rule[] = builtinRules, perFamily = 120): DetectionResult {
  const t0 = performance.now();
  const corpus = buildDetectionCorpus(rules, { perFamily });
  const placeholders = buildPlaceholderCorpus(rules);
  const t1 = performance.now();
  const scanner = new Scanner(rules);
  const findings = scanAll(scanner, corpus);
  const fileFindings = credentialFileFindings(scanner, corpus);
  const placeholderFindings = [
    ...credentialFileFindings(scanner, placeholders),
    ...scanAll(scanner, placeholders),
  ];
  const t2 = performance.now();

  const at = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.path}\u0000${f.line}`;
    at.set(key, [...(at.get(key) ?? []), f]);
  }
  const matched = new Set<Finding>();
  const familyRows = new Map<string, FamilyRecall>();
  for (const [provider, list] of families(rules)) {
    familyRows.set(provider, {
      provider,
      rules: list.length,
      planted: 0,
      found: 0,
      attributed: 0,
      lineHits: 0,
      recall: 0,
      fileTypes: 0,
      missesByFileType: {},
      modes: {},
    });
  }
  const byFileType = new Map<string, { fileType: string; planted: number; found: number }>();
  const missed: Omit<Plant, 'secret'>[] = [];
  for (const plant of corpus.plants) {
    const row = familyRows.get(plant.provider)!;
    const ft = byFileType.get(plant.fileType) ?? { fileType: plant.fileType, planted: 0, found: 0 };
    byFileType.set(plant.fileType, ft);
    row.planted++;
    ft.planted++;
    row.modes[plant.mode] = (row.modes[plant.mode] ?? 0) + 1;
    const here = at.get(`${plant.path}\u0000${plant.line}`) ?? [];
    if (here.length) row.lineHits++;
    const hit = here.find((f) => secretOf(f) === plant.secret);
    if (hit) {
      row.found++;
      if (here.some((f) => secretOf(f) === plant.secret && f.provider === plant.provider)) row.attributed++;
      ft.found++;
      for (const f of here) if (secretOf(f) === plant.secret) matched.add(f);
    } else {
      row.missesByFileType[plant.fileType] = (row.missesByFileType[plant.fileType] ?? 0) + 1;
      const { secret: _secret, ...rest } = plant;
      missed.push(rest);
    }
  }
  for (const row of familyRows.values()) {
    row.recall = row.planted ? row.found / row.planted : 0;
    row.fileTypes = new Set(
      corpus.plants.filter((p) => p.provider === row.provider).map((p) => p.fileType),
    ).size;
  }
  return {
    families: [...familyRows.values()],
    byFileType: [...byFileType.values()],
    planted: corpus.plants.length,
    found: corpus.plants.length - missed.length,
    missed,
    extraFindings: findings.filter((f) => !matched.has(f)).map(ref),
    credentialFiles: {
      expected: corpus.credentialFiles.length,
      flagged: fileFindings.filter((f) => corpus.credentialFiles.includes(f.path)).length,
      unexpected: fileFindings.filter((f) => !corpus.credentialFiles.includes(f.path)).map(ref),
    },
    placeholderFiles: placeholders.files.length,
    placeholderLines: placeholders.files.reduce((n, f) => n + f.lines.length, 0),
    placeholderFindings: placeholderFindings.map(ref),
    notes: corpus.notes,
    ms: { build: t1 - t0, scan: t2 - t1 },
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_h, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function printDetection(r: DetectionResult): void {
  console.log('\n== Detection: recall per rule family (generated corpus) ==');
  console.log(
    table(
      [
        'family',
        'rules',
        'file types',
        'planted',
        'found',
        'recall',
        'own rule',
        'line hit',
        'modes',
        'misses by file type',
      ],
      r.families.map((f) => [
        f.provider,
        f.rules,
        f.fileTypes,
        f.planted,
        f.found,
        pct(f.recall),
        f.attributed,
        f.lineHits,
        Object.entries(f.modes)
          .map(([m, n]) => `${m}:${n}`)
          .join(' '),
        Object.entries(f.missesByFileType)
          .map(([t, n]) => `${t}:${n}`)
          .join(' ') || '-',
      ]),
    ),
  );
  console.log(`\ntotal: ${r.found}/${r.planted} (${pct(r.found / Math.max(1, r.planted))})`);
  console.log('\nby file type:');
  console.log(
    table(
      ['file type', 'planted', 'found', 'recall'],
      r.byFileType.map((f) => [f.fileType, f.planted, f.found, pct(f.found / Math.max(1, f.planted))]),
    ),
  );
  if (r.missed.length) {
    console.log(`\nmissed (first 25 of ${r.missed.length}):`);
    for (const m of r.missed.slice(0, 25))
      console.log(`  ${m.path}:${m.line}  ${m.ruleId}  (${m.mode}, ${m.fileType})`);
  }
  console.log(`\nextra findings in the detection corpus (not a planted key): ${r.extraFindings.length}`);
  for (const f of r.extraFindings.slice(0, 15))
    console.log(`  ${f.path}:${f.line}  ${f.ruleId}  ${f.redacted}`);
  const cf = r.credentialFiles;
  console.log(
    `committed credential files (whole-file findings, apart from the keys): ${cf.flagged}/${cf.expected} flagged, ${cf.unexpected.length} unexpected`,
  );
  for (const f of cf.unexpected.slice(0, 15))
    console.log(`  ${f.path}:${f.line}  ${f.ruleId}  ${f.redacted}`);
  console.log(
    `\nplaceholder set: ${r.placeholderFiles} files, ${r.placeholderLines} lines, ${r.placeholderFindings.length} findings (expected 0)`,
  );
  for (const f of r.placeholderFindings.slice(0, 25))
    console.log(`  ${f.path}:${f.line}  ${f.ruleId}  ${f.redacted}`);
  if (r.notes.length) {
    console.log('\nnotes on the rules:');
    for (const n of r.notes) console.log(`  - ${n}`);
  }
  console.log(`\n(corpus built in ${r.ms.build.toFixed(0)} ms, scanned in ${r.ms.scan.toFixed(0)} ms)`);
}

export function runDetect(): DetectionResult {
  const result = evaluateDetection();
  printDetection(result);
  return result;
}
