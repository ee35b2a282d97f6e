// Command-line parsing: every error names the option and the values it accepts.
import { parseArgs } from 'node:util';
import { LOCALES, type Locale } from '../report/messages.js';
import { FAIL_ON_VALUES, type FailOn } from '../scan/collect.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];
export const COMMANDS = ['scan', 'rules', 'demo'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions {
  command: Command;
  diff?: string;
  staged: boolean;
  paths: string[];
  format: Format;
  failOn: FailOn;
  config?: string;
  /** The language of the guidance in the text report and SARIF messages. */
  language: Locale;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage:
  api-key-guard scan --diff FILE|-   scan the added lines of a unified diff (- reads stdin)
  api-key-guard scan --staged        scan the staged changes (git diff --cached)
  api-key-guard scan PATH...         scan whole files (directories are walked)
  api-key-guard rules                list the built-in rules
  api-key-guard demo                 scan a bundled example whose keys are generated now

Options:
  --format text|json|sarif           output format (default: text)
  --fail-on high|medium|low|never    lowest severity that makes the exit code 1 (default: medium)
  --config FILE                      config file (default: .github/api-key-guard.yml when present)
  --language en|ko                   language of the guidance in text and SARIF output (default: en)
  -h, --help                         this help
  -v, --version                      the version

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or input error.
`;

function oneOf<T extends string>(
  option: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option}: '${value}' is not one of ${allowed.join(', ')}`);
}

export type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliOptions };

export function parseCli(argv: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        diff: { type: 'string' },
        staged: { type: 'boolean', default: false },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        language: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [commandWord, ...paths] = positionals;
  if (commandWord === undefined) throw new UsageError(`a command is needed: one of ${COMMANDS.join(', ')}`);
  if (!(COMMANDS as readonly string[]).includes(commandWord))
    throw new UsageError(`unknown command '${commandWord}': use one of ${COMMANDS.join(', ')}`);
  const command = commandWord as Command;
  const options: CliOptions = {
    command,
    diff: values.diff,
    staged: values.staged ?? false,
    paths,
    format: oneOf('format', values.format, FORMATS, 'text'),
    failOn: oneOf('fail-on', values['fail-on'], FAIL_ON_VALUES, 'medium'),
    config: values.config,
    language: oneOf('language', values.language, LOCALES, 'en'),
  };
  if (command === 'scan') {
    const inputs = [options.diff !== undefined, options.staged, paths.length > 0].filter(Boolean).length;
    if (inputs !== 1)
      throw new UsageError(
        'scan needs exactly one input: --diff FILE (or - for stdin), --staged, or one or more paths',
      );
  } else if (paths.length || options.diff !== undefined || options.staged) {
    throw new UsageError(`${command} takes no input; inputs go with scan`);
  }
  return { kind: 'run', options };
}
