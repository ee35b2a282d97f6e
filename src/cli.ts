#!/usr/bin/env node
// The `api-key-guard` command; all logic is in src/cli/run.ts.
import { runCli } from './cli/run.js';

// A reader that closes early (`| head`) is not an error of the scan: stop quietly, keeping the
// exit code the scan decided so far.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: process.stdin,
  cwd: process.cwd(),
});
process.exitCode = code;
