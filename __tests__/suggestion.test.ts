// suggestLine: the in-line fix for a ```suggestion block. Keys are generated at run time
// (samples.ts) and located by the real scanner; no key-shaped literal lives in this file.
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { Scanner, secretOf, wholeFile } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import { suggestLine, type Suggestion, type SuggestionNote } from '../src/guidance/suggestion.js';
import { suggestionNoteText } from '../src/report/guidance.js';
import { catalogue } from '../src/report/messages.js';

const ENV = 'ANTHROPIC_API_KEY';
const scanner = new Scanner(builtinRules);

function makeKey(seed: number): string {
  return expandTemplate('sk-ant-api03-{b64u:93}AA', seededRandom(seed));
}

/** `<KEY>` in the template becomes a generated key; the scanner finds it as on a real diff. */
function located(path: string, template: string, seed = 1) {
  const key = makeKey(seed);
  const lineText = template.split('<KEY>').join(key);
  const findings = scanner.scanFile(wholeFile(path, lineText, 'diff'));
  const finding = findings.find((f) => secretOf(f) === key);
  if (!finding) throw new Error(`scanner found no key in ${path}: ${template}`);
  expect(lineText.slice(finding.column - 1, finding.endColumn - 1)).toBe(key);
  return { key, lineText, column: finding.column, endColumn: finding.endColumn };
}

/** Runs suggestLine on a generated line and checks the secret never comes back. */
function suggest(path: string, template: string, seed = 1, envVar = ENV): Suggestion | null {
  const { key, lineText, column, endColumn } = located(path, template, seed);
  const result = suggestLine({ path, lineText, column, endColumn, envVar });
  if (result) {
    expect(result.line).not.toContain(key);
    expect(JSON.stringify(result.note ?? null)).not.toContain(key);
  }
  return result;
}

/** A note as the English catalogue words it. */
function worded(note: SuggestionNote | undefined): string {
  expect(note).toBeDefined();
  return suggestionNoteText(note!, catalogue('en'));
}

function tsDiagnostics(source: string, fileName: string): string[] {
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ES2022 },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('code languages: a whole string literal becomes the environment lookup', () => {
  const cases: [path: string, template: string, expected: string][] = [
    ['app/client.py', 'api_key = "<KEY>"', 'api_key = os.environ["ANTHROPIC_API_KEY"]'],
    [
      'app/client.py',
      "client = Anthropic(api_key='<KEY>')",
      'client = Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])',
    ],
    ['app/client.py', 'KEY = r"<KEY>"', 'KEY = os.environ["ANTHROPIC_API_KEY"]'],
    ['src/client.js', 'const apiKey = "<KEY>";', 'const apiKey = process.env.ANTHROPIC_API_KEY;'],
    ['src/client.mjs', "const apiKey = '<KEY>';", 'const apiKey = process.env.ANTHROPIC_API_KEY;'],
    ['src/client.cjs', 'const apiKey = `<KEY>`;', 'const apiKey = process.env.ANTHROPIC_API_KEY;'],
    [
      'src/App.jsx',
      'const client = new Anthropic({ apiKey: "<KEY>" });',
      'const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });',
    ],
    [
      'src/client.ts',
      'const apiKey: string = "<KEY>";',
      'const apiKey: string = process.env.ANTHROPIC_API_KEY;',
    ],
    [
      'src/App.tsx',
      'export const key = "<KEY>" as const;',
      'export const key = process.env.ANTHROPIC_API_KEY as const;',
    ],
    ['src/client.mts', "  apiKey: '<KEY>',", '  apiKey: process.env.ANTHROPIC_API_KEY,'],
    ['src/client.cts', 'let k = "<KEY>"; // prod', 'let k = process.env.ANTHROPIC_API_KEY; // prod'],
    ['cmd/main.go', 'apiKey := "<KEY>"', 'apiKey := os.Getenv("ANTHROPIC_API_KEY")'],
    ['cmd/main.go', 'apiKey := `<KEY>`', 'apiKey := os.Getenv("ANTHROPIC_API_KEY")'],
    [
      'src/Main.java',
      '    private static final String KEY = "<KEY>";',
      '    private static final String KEY = System.getenv("ANTHROPIC_API_KEY");',
    ],
    ['src/Main.kt', 'val apiKey = "<KEY>"', 'val apiKey = System.getenv("ANTHROPIC_API_KEY")'],
    [
      'src/Program.cs',
      'var apiKey = "<KEY>";',
      'var apiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");',
    ],
    ['lib/client.rb', "api_key = '<KEY>'", 'api_key = ENV["ANTHROPIC_API_KEY"]'],
    [
      'lib/client.rb',
      'client = Anthropic::Client.new(api_key: "<KEY>")',
      'client = Anthropic::Client.new(api_key: ENV["ANTHROPIC_API_KEY"])',
    ],
    ['web/config.php', '$apiKey = "<KEY>";', "$apiKey = getenv('ANTHROPIC_API_KEY');"],
    ['web/config.php', "define('API_KEY', '<KEY>');", "define('API_KEY', getenv('ANTHROPIC_API_KEY'));"],
    [
      'src/main.rs',
      '    let api_key = "<KEY>";',
      '    let api_key = std::env::var("ANTHROPIC_API_KEY").expect("ANTHROPIC_API_KEY is not set");',
    ],
    ['deploy.sh', 'API_KEY="<KEY>"', 'API_KEY="$ANTHROPIC_API_KEY"'],
    ['deploy.bash', "API_KEY='<KEY>'", 'API_KEY="$ANTHROPIC_API_KEY"'],
    ['deploy.zsh', 'export API_KEY=<KEY>', 'export API_KEY="$ANTHROPIC_API_KEY"'],
    [
      'deploy.sh',
      'curl -H "x-api-key: $K" --data-urlencode key=x <KEY>',
      'curl -H "x-api-key: $K" --data-urlencode key=x "$ANTHROPIC_API_KEY"',
    ],
    ['infra/main.tf', '  api_key = "<KEY>"', '  api_key = var.anthropic_api_key'],
  ];

  it.each(cases)('%s: %s', (path, template, expected) => {
    expect(suggest(path, template)?.line).toBe(expected);
  });

  it('Python notes the missing import unless the line is itself an import', () => {
    const s = suggest('a.py', 'api_key = "<KEY>"');
    expect(s?.note).toEqual({ kind: 'import', module: 'os', language: 'python' });
    expect(worded(s?.note)).toBe('Add `import os` if the file does not import it yet.');
    const onImport = suggest('a.py', 'import os; api_key = "<KEY>"');
    expect(onImport).toEqual({ line: 'import os; api_key = os.environ["ANTHROPIC_API_KEY"]' });
  });

  it('Terraform notes that the variable must be declared sensitive', () => {
    const s = suggest('infra/main.tf', '  api_key = "<KEY>"');
    expect(s?.note).toEqual({ kind: 'terraform-sensitive', variable: 'anthropic_api_key' });
    expect(worded(s?.note)).toContain('sensitive = true');
    expect(worded(s?.note)).toContain('variable "anthropic_api_key"');
  });

  it('shell: `export NAME=<key>` for the same name only replaces the value, with a note', () => {
    const s = suggest('deploy.sh', 'export ANTHROPIC_API_KEY=<KEY>');
    expect(s?.line).toBe('export ANTHROPIC_API_KEY="$ANTHROPIC_API_KEY"');
    expect(s?.note).toEqual({ kind: 'shell-reread', envVar: 'ANTHROPIC_API_KEY' });
    expect(worded(s?.note)).toMatch(/re-reads/);
  });

  it('uses the given variable name', () => {
    expect(suggest('a.ts', 'const k = "<KEY>";', 1, 'CLAUDE_KEY')?.line).toBe(
      'const k = process.env.CLAUDE_KEY;',
    );
    expect(suggest('infra/x.tf', 'k = "<KEY>"', 1, 'CLAUDE_KEY')?.line).toBe('k = var.claude_key');
  });
});

describe('no suggestion when the line cannot be rewritten safely', () => {
  const cases: [path: string, template: string][] = [
    // Inside a longer string or a URL.
    ['a.py', 'headers = {"Authorization": "Bearer <KEY>"}'],
    ['a.py', 'url = "https://api.example.com/v1?key=<KEY>"'],
    ['a.py', 'h = f"Bearer <KEY>"'],
    ['a.ts', 'const h = `Bearer <KEY>`;'],
    ['a.ts', "fetch('https://api.example.com/?key=<KEY>');"],
    ['a.go', 'req.Header.Set("x-api-key", "k=<KEY>")'],
    ['deploy.sh', 'curl -H "x-api-key: <KEY>" https://api.example.com'],
    ['deploy.sh', 'curl "https://api.example.com/?key=<KEY>"'],
    ['deploy.sh', 'curl https://api.example.com/?key=<KEY>'],
    ['infra/main.tf', '  url = "https://api.example.com/?key=<KEY>"'],
    // In a comment.
    ['a.py', '# api_key = "<KEY>"'],
    ['a.ts', '// const apiKey = "<KEY>";'],
    ['a.ts', 'const x = 1; /* "<KEY>" */'],
    ['a.ts', ' * apiKey: "<KEY>"'],
    ['a.go', 'x := 1 // "<KEY>"'],
    ['a.rb', 'x = 1 # "<KEY>"'],
    ['a.php', '# $k = "<KEY>";'],
    ['deploy.sh', '# export API_KEY=<KEY>'],
    ['infra/main.tf', '# api_key = "<KEY>"'],
    // String forms whose meaning a lookup would change, or where it would not compile.
    ['a.py', 'api_key = """<KEY>"""'],
    ['a.py', 'api_key = b"<KEY>"'],
    ['a.py', 'api_key = "sk" "<KEY>"'],
    ['a.ts', 'const k = tag`<KEY>`;'],
    ['a.ts', 'const o = { "<KEY>": 1 };'],
    ['a.cs', 'var k = @"<KEY>";'],
    ['a.cs', 'const string K = "<KEY>";'],
    ['a.rs', 'let k = r"<KEY>";'],
    ['a.rs', 'const KEY: &str = "<KEY>";'],
    ['a.go', 'const key = "<KEY>"'],
    ['a.kt', 'const val KEY = "<KEY>"'],
    ['a.kt', 'val k = """<KEY>"""'],
    ['deploy.sh', "echo $'<KEY>'"],
    ['deploy.sh', 'export API_KEY=Bearer:<KEY>'],
    // Not a literal at all.
    ['a.py', 'api_key = <KEY>'],
    ['a.ts', 'const k = <KEY>;'],
    // Guidance-only files.
    ['Dockerfile', 'ENV ANTHROPIC_API_KEY=<KEY>'],
    ['docker/Dockerfile.prod', 'ENV ANTHROPIC_API_KEY="<KEY>"'],
    ['.env', 'ANTHROPIC_API_KEY=<KEY>'],
    ['.env.local', 'ANTHROPIC_API_KEY="<KEY>"'],
    ['config/settings.json', '  "apiKey": "<KEY>",'],
    ['config/app.yml', 'api_key: <KEY>'],
    ['README.md', 'export ANTHROPIC_API_KEY="<KEY>"'],
    ['notes.txt', 'key = "<KEY>"'],
  ];

  it.each(cases)('%s: %s', (path, template) => {
    expect(suggest(path, template)).toBeNull();
  });

  it('rejects an invalid variable name or columns that do not fit the line', () => {
    const { lineText, column, endColumn } = located('a.ts', 'const k = "<KEY>";');
    expect(suggestLine({ path: 'a.ts', lineText, column, endColumn, envVar: 'NOT-A-NAME' })).toBeNull();
    expect(suggestLine({ path: 'a.ts', lineText, column, endColumn, envVar: 'X"); evil("' })).toBeNull();
    expect(suggestLine({ path: 'a.ts', lineText, column: 0, endColumn, envVar: ENV })).toBeNull();
    expect(suggestLine({ path: 'a.ts', lineText, column, endColumn: column, envVar: ENV })).toBeNull();
    expect(
      suggestLine({ path: 'a.ts', lineText, column, endColumn: lineText.length + 5, envVar: ENV }),
    ).toBeNull();
  });

  it('never returns a suggestion that contains the secret', () => {
    // Columns that span only part of the key: the rest of the key would stay in the line.
    const { lineText, column, endColumn } = located('deploy.sh', 'export K=<KEY>');
    expect(
      suggestLine({ path: 'deploy.sh', lineText, column: column + 10, endColumn, envVar: ENV }),
    ).toBeNull();
  });
});

describe('JS/TS suggestions parse with the TypeScript compiler', () => {
  const cases: [fileName: string, template: string, wrap: (line: string) => string][] = [
    ['client.js', 'const apiKey = "<KEY>";', (l) => l],
    ['client.mjs', "export const apiKey = '<KEY>';", (l) => l],
    ['client.cjs', 'module.exports = { apiKey: `<KEY>` };', (l) => l],
    ['client.ts', 'const apiKey: string | undefined = "<KEY>";', (l) => l],
    ['client.mts', "  apiKey: '<KEY>',", (l) => `const options = {\n${l}\n};`],
    ['client.cts', '    headers["x-api-key"] = "<KEY>";', (l) => `function f(headers: any) {\n${l}\n}`],
    ['App.jsx', '  <Widget apiKey={"<KEY>"} />', (l) => `const x = (\n${l}\n);`],
    ['App.tsx', 'const client = new Anthropic({ apiKey: "<KEY>" });', (l) => l],
  ];

  it.each(cases)('%s: %s', (fileName, template, wrap) => {
    const s = suggest(`src/${fileName}`, template);
    expect(s).not.toBeNull();
    expect(s!.line).toContain('process.env.ANTHROPIC_API_KEY');
    const { lineText } = located(`src/${fileName}`, template);
    expect(tsDiagnostics(wrap(lineText), fileName)).toEqual([]); // the context itself is valid
    expect(tsDiagnostics(wrap(s!.line), fileName)).toEqual([]);
  });
});

describe('Jupyter notebooks: a source line is a JSON string holding Python', () => {
  /** The line as an element of the cell's `source` array, decoded the way Jupyter reads it. */
  function decode(line: string): string {
    const [element, ...rest] = JSON.parse(`[${line.trim().replace(/,$/, '')}]`) as unknown[];
    expect(rest).toEqual([]);
    expect(typeof element).toBe('string');
    return element as string;
  }

  it.each([
    ['    "api_key = \\"<KEY>\\"\\n",', 'api_key = "<KEY>"'],
    [
      '    "client = anthropic.Anthropic(api_key=\'<KEY>\')\\n",',
      "client = anthropic.Anthropic(api_key='<KEY>')",
    ],
    ['    "    \\"x-api-key\\": \\"<KEY>\\",\\n",', '    "x-api-key": "<KEY>",'],
    // The last line of a cell: no newline inside the string, no comma after it.
    ['    "KEY = r\\"<KEY>\\"  # caf\\u00e9"', 'KEY = r"<KEY>"  # café'],
  ])('%s', (template, python) => {
    const s = suggest('notebooks/demo.ipynb', template);
    expect(s).not.toBeNull();
    expect(s!.line).toContain('os.environ[\\"ANTHROPIC_API_KEY\\"]');
    const decoded = decode(s!.line);
    // The decoded Python is what the same line gets in a .py file.
    const newline = template.includes('\\n"') ? '\n' : '';
    expect(decoded).toBe(suggest('app/demo.py', python)!.line + newline);
    expect(decoded).toMatch(/os\.environ\["ANTHROPIC_API_KEY"\]/);
    expect(s!.note).toEqual({ kind: 'import', module: 'os', language: 'python' });
    // Indentation and the separator after the string are kept.
    expect(s!.line.slice(0, 5)).toBe('    "');
    expect(s!.line.endsWith(',')).toBe(template.endsWith(','));
  });

  it.each([
    ['    "headers = {\\"Authorization\\": \\"Bearer <KEY>\\"}\\n",'],
    ['    "# api_key = \\"<KEY>\\"\\n",'],
    ['    "print(\\"<KEY>\\" + x)\\n", "more"'],
    ['  "source": "api_key = \\"<KEY>\\""'],
    ['    "api_key = <KEY>\\n",'],
  ])('no suggestion: %s', (template) => {
    expect(suggest('notebooks/demo.ipynb', template)).toBeNull();
  });

  it('a long line that is not a JSON string is rejected in linear time', () => {
    const template = `    "k = \\"<KEY>\\"\\n"${' '.repeat(200_000)}x`;
    const started = Date.now();
    expect(suggest('notebooks/demo.ipynb', template)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('GitHub reserves secret names starting with GITHUB_', () => {
  it('the workflow suggestion and its note use the name the review suggests', () => {
    const s = suggest('.github/workflows/ci.yml', '          GITHUB_TOKEN: <KEY>', 1, 'GITHUB_TOKEN');
    expect(s?.line).toBe('          GITHUB_TOKEN: ${{ secrets.GH_TOKEN }}');
    expect(s?.note).toEqual({ kind: 'workflow-secret', name: 'GH_TOKEN' });
  });
});

describe('YAML: GitHub workflows and docker-compose files', () => {
  const workflow = (line: string) =>
    [
      'name: ci',
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: npm test',
      '        env:',
      line,
    ].join('\n');

  it.each([
    ['          ANTHROPIC_API_KEY: <KEY>', '          ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}'],
    [
      '          ANTHROPIC_API_KEY: "<KEY>"',
      '          ANTHROPIC_API_KEY: "${{ secrets.ANTHROPIC_API_KEY }}"',
    ],
    [
      "          ANTHROPIC_API_KEY: '<KEY>'  # rotate",
      "          ANTHROPIC_API_KEY: '${{ secrets.ANTHROPIC_API_KEY }}'  # rotate",
    ],
  ])('workflow %s', (template, expected) => {
    const path = '.github/workflows/ci.yml';
    const s = suggest(path, template);
    expect(s?.line).toBe(expected);
    expect(s?.note).toEqual({ kind: 'workflow-secret', name: 'ANTHROPIC_API_KEY' });
    expect(worded(s?.note)).toContain('repository secret');
    const doc = parseYaml(workflow(s!.line)) as {
      jobs: { test: { steps: { env: Record<string, string> }[] } };
    };
    expect(doc.jobs.test.steps[0]!.env.ANTHROPIC_API_KEY).toBe('${{ secrets.ANTHROPIC_API_KEY }}');
  });

  it.each([
    ['.github/workflows/ci.yml', '      - run: curl -H "x-api-key: <KEY>" https://api.example.com'],
    ['.github/workflows/ci.yml', '      - run: echo <KEY>'],
    ['.github/workflows/ci.yml', '          # ANTHROPIC_API_KEY: <KEY>'],
    ['.github/workflows/ci.yml', '        env: { ANTHROPIC_API_KEY: <KEY> }'],
    ['.github/workflows/ci.yml', '          URL: https://api.example.com/?key=<KEY>'],
    ['.github/workflows/ci.yml', '          - ANTHROPIC_API_KEY=<KEY>'],
    ['docker-compose.yml', '      - ANTHROPIC_API_KEY=Bearer:<KEY>'],
    ['docker-compose.yml', '      # - ANTHROPIC_API_KEY=<KEY>'],
  ])('no suggestion: %s %s', (path, template) => {
    expect(suggest(path, template)).toBeNull();
  });

  const compose = (line: string) =>
    ['services:', '  app:', '    image: example/app', '    environment:', line].join('\n');

  it.each([
    [
      'docker-compose.yml',
      '      - ANTHROPIC_API_KEY=<KEY>',
      '      - ANTHROPIC_API_KEY=${ANTHROPIC_API_KEY}',
    ],
    [
      'docker-compose.prod.yaml',
      '      - "ANTHROPIC_API_KEY=<KEY>"',
      '      - "ANTHROPIC_API_KEY=${ANTHROPIC_API_KEY}"',
    ],
    [
      'deploy/compose.yaml',
      '      ANTHROPIC_API_KEY: <KEY>',
      '      ANTHROPIC_API_KEY: ${ANTHROPIC_API_KEY}',
    ],
    [
      'compose.override.yml',
      "      ANTHROPIC_API_KEY: '<KEY>'",
      "      ANTHROPIC_API_KEY: '${ANTHROPIC_API_KEY}'",
    ],
  ])('compose %s: %s', (path, template, expected) => {
    const s = suggest(path, template);
    expect(s?.line).toBe(expected);
    expect(worded(s?.note)).toContain('.env');
    const doc = parseYaml(compose(s!.line)) as {
      services: { app: { environment: string[] | Record<string, string> } };
    };
    const env = doc.services.app.environment;
    if (Array.isArray(env)) expect(env).toEqual(['ANTHROPIC_API_KEY=${ANTHROPIC_API_KEY}']);
    else expect(env.ANTHROPIC_API_KEY).toBe('${ANTHROPIC_API_KEY}');
  });
});

describe('the secret never reaches a suggestion', () => {
  const templates: [string, string][] = [
    ['a.py', 'k = "<KEY>"'],
    ['a.ts', 'const k = `<KEY>`;'],
    ['a.go', 'k := "<KEY>"'],
    ['A.java', 'String k = "<KEY>";'],
    ['A.cs', 'var k = "<KEY>";'],
    ['a.rb', "k = '<KEY>'"],
    ['a.php', "$k = '<KEY>';"],
    ['a.rs', 'let k = "<KEY>";'],
    ['a.sh', 'export K=<KEY>'],
    ['main.tf', 'k = "<KEY>"'],
    ['.github/workflows/x.yml', '  K: <KEY>'],
    ['docker-compose.yml', '  - K=<KEY>'],
  ];

  it('over many generated keys, every language gives a suggestion without the key', () => {
    for (let seed = 1; seed <= 40; seed++)
      for (const [path, template] of templates) {
        const s = suggest(path, template, seed); // suggest() asserts the key is absent
        expect(s).not.toBeNull();
      }
  });
});

describe('no other key of the line survives a suggestion', () => {
  it('a second secret reported by a custom rule (passed as `others`) blocks the suggestion', () => {
    const line = 'k = "ACME-0123456789abcdef"; j = "ACME-fedcba9876543210"';
    const first = { column: line.indexOf('ACME') + 1, endColumn: line.indexOf('ACME') + 22 };
    const second = { column: line.lastIndexOf('ACME') + 1, endColumn: line.lastIndexOf('ACME') + 22 };
    const input = { path: 'a.py', lineText: line, ...first, envVar: 'ACME_KEY' };
    // Without the other span the built-in rules see nothing on the line: the rewrite is offered.
    expect(suggestLine(input)?.line).toContain('os.environ["ACME_KEY"]');
    expect(suggestLine({ ...input, others: [second] })).toBeNull();
  });

  it('the secret half of an AWS pair, unreported once its key id is gone, blocks the suggestion', () => {
    const rand = seededRandom(9);
    const line = expandTemplate('const c = new AWS.Credentials("AKIA{base32:16}", "{b64:40}");', rand);
    const id = new Scanner(builtinRules)
      .scanFile(wholeFile('a.js', line))
      .find((f) => f.ruleId === 'aws-access-key-id');
    expect(id).toBeDefined();
    const input = {
      path: 'a.js',
      lineText: line,
      column: id!.column,
      endColumn: id!.endColumn,
      envVar: 'AWS_ACCESS_KEY_ID',
    };
    expect(suggestLine(input)).toBeNull();
    // The same line with a short placeholder in place of the secret gets its suggestion.
    const plain = line.replace(/"[A-Za-z0-9+/]{40}"/, '"region"');
    expect(suggestLine({ ...input, lineText: plain })?.line).toContain('process.env.AWS_ACCESS_KEY_ID');
  });

  it('a second key the built-in rules know blocks the suggestion even when the caller passes none', () => {
    const rand = seededRandom(5);
    const line = expandTemplate('cfg = {"a": "sk-ant-api03-{b64u:93}AA", "b": "ghp_{crc36}"}', rand);
    const findings = new Scanner(builtinRules).scanFile(wholeFile('app.py', line));
    expect(findings).toHaveLength(2);
    for (const f of findings)
      expect(
        suggestLine({
          path: 'app.py',
          lineText: line,
          column: f.column,
          endColumn: f.endColumn,
          envVar: 'X_KEY',
        }),
      ).toBeNull();
  });
});
