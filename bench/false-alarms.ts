// False alarms on real third-party code: every JS/TS/JSON/Markdown file under node_modules,
// scanned whole with the built-in rules, and every file of any type checked as a committed
// credential file (a .env, a private key). Prints each finding (redacted) for a person to judge.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isBinary } from '../src/changes/local-diff.js';
import { credentialFileForm } from '../src/scan/credential-files.js';
import { Scanner, wholeFile } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import type { Finding } from '../src/scan/types.js';

const TEXT_FILE = /\.(?:[cm]?js|[cm]?ts|json|md)$/;

function* walk(
  dir: string,
  include: (name: string) => boolean = (n) => TEXT_FILE.test(n),
): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path, include);
    else if (entry.isFile() && include(entry.name)) yield path;
  }
}

export interface FalseAlarmResult {
  files: number;
  megabytes: number;
  seconds: number;
  findings: Array<Pick<Finding, 'ruleId' | 'path' | 'line' | 'redacted'>>;
  /** Files of any type flagged as committed credential files. */
  credentialFiles: Array<Pick<Finding, 'ruleId' | 'path' | 'line' | 'redacted'>>;
}

export function runFalseAlarms(root: string): FalseAlarmResult {
  const scanner = new Scanner(builtinRules);
  const started = performance.now();
  let files = 0;
  let bytes = 0;
  const findings: FalseAlarmResult['findings'] = [];
  for (const path of walk(root)) {
    const text = readFileSync(path, 'utf8');
    files++;
    bytes += Buffer.byteLength(text);
    for (const f of scanner.scanFile(wholeFile(relative(root, path), text)))
      findings.push({ ruleId: f.ruleId, path: f.path, line: f.line, redacted: f.redacted });
  }
  const seconds = (performance.now() - started) / 1000;
  const credentialFiles: FalseAlarmResult['credentialFiles'] = [];
  // The name decides first, so only the few candidates are read.
  for (const path of walk(root, () => true)) {
    const shown = relative(root, path);
    if (!credentialFileForm(shown)) continue;
    const content = readFileSync(path);
    const file = isBinary(content)
      ? { path: shown, lines: [], status: 'binary' as const }
      : wholeFile(shown, content.toString('utf8'));
    const f = scanner.scanCredentialFile(file);
    if (f) credentialFiles.push({ ruleId: f.ruleId, path: f.path, line: f.line, redacted: f.redacted });
  }
  return {
    files,
    megabytes: bytes / 2 ** 20,
    seconds,
    findings,
    credentialFiles,
  };
}

export function printFalseAlarms(r: FalseAlarmResult): void {
  console.log(
    `\nnode_modules: ${r.files} JS/TS/JSON/Markdown files, ${r.megabytes.toFixed(1)} MB, ${r.seconds.toFixed(1)} s`,
  );
  console.log(
    `findings: ${r.findings.length} (${((r.findings.length / r.megabytes) * 20).toFixed(2)} per 20 MB)`,
  );
  for (const f of r.findings) console.log(`  ${f.ruleId}  ${f.path}:${f.line}  ${f.redacted}`);
  console.log(`credential files (any file type): ${r.credentialFiles.length}`);
  for (const f of r.credentialFiles) console.log(`  ${f.ruleId}  ${f.path}:${f.line}`);
}
