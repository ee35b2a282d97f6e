// `npm run demo`: runs the bundled action (dist/index.js) on a sample pull request served by a
// local fake of the GitHub API and prints what it would post. Exits 0 when the action behaved as
// expected (it failed the step, with every finding where it belongs and no key in any output).
//
//   node --import ./bench/register.mjs demo/run.ts [--seed N]
import { runDemo } from './demo.js';

const at = process.argv.indexOf('--seed');
const seed = at > 0 ? Number(process.argv[at + 1]) : undefined;
if (seed !== undefined && !Number.isInteger(seed)) {
  process.stderr.write('usage: demo/run.ts [--seed <integer>]\n');
  process.exit(2);
}

const run = await runDemo(seed === undefined ? {} : { seed });
process.stdout.write(run.output);
process.exitCode = run.ok ? 0 : 1;
