#!/usr/bin/env node
// The `api-key-guard` command; all logic is in src/cli/run.ts.
import { runCli } from './cli/run.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: process.stdin,
  cwd: process.cwd(),
});
process.exitCode = code;
