// The command-line pipeline: inputs → changes → scan → report → exit code.
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, DEFAULT_CONFIG_PATH, parseConfig, resolveScan, type EffectiveScan } from '../config.js';
import { DiffParseError } from '../changes/diff.js';
import { renderJson } from '../report/json.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { blocking, ruleNoteTexts, scanAll, type ScannedFile } from '../scan/collect.js';
import { Scanner } from '../scan/engine.js';
import { credentialFileKinds } from '../scan/credential-files.js';
import { builtinRules } from '../scan/rules/index.js';
import { VERSION } from '../version.js';
import { parseCli, USAGE, UsageError, type CliOptions } from './args.js';
import { runDemo } from './demo.js';
import { diffSource, InputError, pathSource, stagedSource } from './sources.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream;
  cwd: string;
}

function loadScan(options: CliOptions, cwd: string): EffectiveScan {
  const explicit = options.config !== undefined;
  const path = options.config ?? `${cwd}/${DEFAULT_CONFIG_PATH}`;
  if (!explicit && !existsSync(path)) return resolveScan({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--config: cannot read '${options.config ?? path}'`);
  }
  const source = options.config ?? DEFAULT_CONFIG_PATH;
  return resolveScan(parseConfig(text, source), source);
}

function inputFor(options: CliOptions, io: CliIo): AsyncIterable<ScannedFile> {
  if (options.diff !== undefined) return diffSource(options.diff, io.stdin);
  if (options.staged) return stagedSource(io.cwd);
  return pathSource(options.paths, io.cwd);
}

async function scan(options: CliOptions, io: CliIo): Promise<number> {
  const { rules, policy } = loadScan(options, io.cwd);
  const { findings, stats, notes } = await scanAll(inputFor(options, io), new Scanner(rules, policy));
  for (const text of ruleNoteTexts(notes)) io.stderr(`api-key-guard: ${text}\n`);
  if (options.format === 'json') io.stdout(renderJson(findings, stats));
  else if (options.format === 'sarif') io.stdout(renderSarif(findings, rules, VERSION, options.language));
  else io.stdout(renderText(findings, stats, new Map(rules.map((r) => [r.id, r])), options.language));
  return blocking(findings, options.failOn).length > 0 ? 1 : 0;
}

function listRules(io: CliIo): number {
  for (const r of [...builtinRules, ...credentialFileKinds])
    io.stdout(`${r.id.padEnd(32)} ${r.severity.padEnd(6)} ${r.provider}: ${r.description}\n`);
  return 0;
}

/** Returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseCli(argv);
    if (parsed.kind === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const { options } = parsed;
    if (options.command === 'rules') return listRules(io);
    if (options.command === 'demo') return await runDemo(io, options.language);
    return await scan(options, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`api-key-guard: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof InputError || err instanceof ConfigError || err instanceof DiffParseError) {
      io.stderr(`api-key-guard: ${err.message}\n`);
      return 2;
    }
    io.stderr(`api-key-guard: unexpected error: ${(err as Error).message}\n`);
    return 2;
  }
}
