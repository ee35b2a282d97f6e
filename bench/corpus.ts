// A generated detection corpus: for every rule family (rules grouped by `provider`), keys embedded
// in ordinary code in 20 file types, plus a placeholder set in the same file types that must give
// no finding at all. Keys are never written down: they come from the rules' own true-positive
// sample templates, expanded with the seeded generator, so the corpus is the same on every run.
import type { FileChange, Rule } from '../src/scan/types.js';
import { expandTemplate, randomString, seededRandom } from '../src/scan/samples.js';
import { codeLines, int, pick, type Rand } from './codegen.js';

/** How a key is embedded in a file. */
export type EmbedMode =
  /** The value carries its own keyword (a prefixed key, a webhook URL): any statement will do. */
  | 'standalone'
  /** The rule needs a name on the line: `NAME = "value"` with the rule's envVar (or a sample's name). */
  | 'named'
  /** The rule needs more context than a name: the expanded sample line inside a multi-line string. */
  | 'line'
  /** A rule with `near`: the value on the line after a key of the rule it pairs with. */
  | 'paired'
  /** A PEM header rule: a whole multi-line private key, the header on the planted line. */
  | 'pem';

export interface Plant {
  path: string;
  /** 1-based line of the secret in the file. */
  line: number;
  /** The raw secret the rule's `secret` group captures: what a finding must report. */
  secret: string;
  ruleId: string;
  provider: string;
  fileType: string;
  mode: EmbedMode;
}

export interface Corpus {
  files: FileChange[];
  plants: Plant[];
  /**
   * Files that are committed credential files as a whole (the .env files): each must be flagged
   * once as a file, apart from the keys planted in it, which are counted as plants.
   */
  credentialFiles: string[];
  /** Observations about the rules made while building the corpus (e.g. an envVar the rule misses). */
  notes: string[];
}

/** A statement in a file: lines before, the line holding the value, lines after. */
interface Embedding {
  before: string[];
  line: string;
  after: string[];
}

const one = (line: string, before: string[] = [], after: string[] = []): Embedding => ({
  before,
  line,
  after,
});

export interface FileType {
  id: string;
  /** codegen.ts language used for the ordinary lines around each key. */
  language: string;
  path(slug: string): string;
  head?: string[];
  tail?: string[];
  /** The canonical `name = value` statement of this file type (name and value adjacent). */
  assign(name: string, value: string, rand: Rand): Embedding;
  /** Statements with a bare value (a client constructor, a header, a URL call). */
  use(value: string, isUrl: boolean, rand: Rand): Embedding;
  /** A whole sample line inside a multi-line string (or as is, for line-based formats). */
  raw(line: string): Embedding;
  /** Statements that read `name` from the environment or a secret store: not secrets. */
  lookups(name: string): Embedding[];
  /**
   * A multi-line PEM key assigned to `name`, the header on `line`. Absent where a key cannot span
   * lines (JSON holds it on one line with `\n` escapes: the inline rule's case).
   */
  pem?(name: string, header: string, body: string[], footer: string): Embedding;
  /** Lines of a block are wrapped, e.g. each block becomes a notebook cell. */
  wrap?: 'notebook' | 'json';
  /**
   * The file is itself a committed credential file (a .env). Its placeholder version is the
   * committed template (`.env.example`), which must not be flagged.
   */
  credentialFile?: { templatePath(slug: string): string };
}

const lowerName = (name: string) => name.toLowerCase();
const camelName = (name: string) =>
  name.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const pascalSlug = (slug: string) => slug.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());

const PYTHON: Omit<FileType, 'id' | 'path' | 'wrap'> = {
  language: 'python',
  head: ['import json', 'import logging', 'import os', '', 'logger = logging.getLogger(__name__)', ''],
  assign: (name, value) => one(`${name} = "${value}"`),
  use: (value, isUrl, rand) =>
    isUrl
      ? one(`    requests.post("${value}", json={"text": message}, timeout=10)`, ['def notify(message):'])
      : pick(rand, [
          one(`client = Client(api_key="${value}")`),
          one(
            `    "Authorization": "Bearer ${value}",`,
            ['HEADERS = {'],
            ['    "Content-Type": "application/json",', '}'],
          ),
          one(`settings = {"api_key": "${value}", "timeout": 30}`),
        ]),
  raw: (line) => one(line, ['TEMPLATE = """'], ['"""']),
  pem: (name, header, body, footer) => one(`${name} = """${header}`, [], [...body, `${footer}"""`]),
  lookups: (name) => [one(`${name} = os.environ["${name}"]`), one(`api_key = os.getenv("${name}", "")`)],
};

const JS_LIKE = (ts: boolean): Omit<FileType, 'id' | 'path' | 'language'> => ({
  head: ts
    ? ["import { readFile } from 'node:fs/promises';", "import type { Logger } from './logger.js';", '']
    : ["import { readFile } from 'node:fs/promises';", "import { createLogger } from './logger.js';", ''],
  assign: (name, value) => one(ts ? `export const ${name} = '${value}';` : `const ${name} = '${value}';`),
  use: (value, isUrl, rand) =>
    isUrl
      ? one(
          `  await fetch('${value}', { method: 'POST', body: JSON.stringify({ text }) });`,
          ['export async function notify(text) {'],
          ['}'],
        )
      : pick(rand, [
          one(`const client = new Client({ apiKey: '${value}', timeout: 30_000 });`),
          one(`  headers: { Authorization: \`Bearer ${value}\` },`, ['const api = axios.create({'], ['});']),
          one(`  apiKey: "${value}",`, ['export const config = {'], ['  retries: 3,', '};']),
        ]),
  raw: (line) => one(line, ['const template = `'], ['`;']),
  pem: (name, header, body, footer) =>
    one(`${ts ? 'export ' : ''}const ${name} = \`${header}`, [], [...body, `${footer}\`;`]),
  lookups: (name) => [
    one(
      ts
        ? `export const ${camelName(name)} = process.env.${name} ?? '';`
        : `const ${camelName(name)} = process.env.${name};`,
    ),
    one(`const { ${name} } = process.env;`),
  ],
});

export const FILE_TYPES: FileType[] = [
  { id: 'python', path: (s) => `services/${s}/settings.py`, ...PYTHON },
  { id: 'javascript', language: 'javascript', path: (s) => `web/src/${s}/client.js`, ...JS_LIKE(false) },
  { id: 'typescript', language: 'typescript', path: (s) => `packages/${s}/src/config.ts`, ...JS_LIKE(true) },
  {
    id: 'dotenv',
    language: 'dotenv',
    path: (s) => `services/${s}/.env.production`,
    credentialFile: { templatePath: (s) => `services/${s}/.env.example` },
    assign: (name, value, rand) =>
      one(rand() < 0.5 && !value.includes(' ') ? `${name}=${value}` : `${name}="${value}"`),
    use: (value, _isUrl, rand) => one(`${pick(rand, ['API_KEY', 'SERVICE_TOKEN', 'WEBHOOK'])}=${value}`),
    raw: (line) => one(line),
    lookups: (name) => [one(`${name}=\${${name}_FROM_VAULT}`), one(`${name}=`)],
    pem: (name, header, body, footer) => one(`${name}="${header}`, [], [...body, `${footer}"`]),
  },
  {
    id: 'yaml',
    language: 'yaml',
    path: (s) => `deploy/${s}/values.yaml`,
    assign: (name, value, rand) =>
      one(rand() < 0.5 && !value.includes(' ') ? `    ${name}: ${value}` : `    ${name}: "${value}"`, [
        '  env:',
      ]),
    use: (value, isUrl) =>
      isUrl
        ? one(`    url: ${value}`, ['  webhook:'])
        : one(`        value: "${value}"`, ['      - name: API_KEY']),
    raw: (line) => one(`  ${line}`, ['script: |']),
    pem: (name, header, body, footer) =>
      one(
        `      ${header}`,
        ['  secrets:', `    ${name}: |`],
        [...body, footer].map((l) => `      ${l}`),
      ),
    lookups: (name) => [
      one(`    ${name}: \${{ secrets.${name} }}`, ['  env:']),
      one(`    ${name}: \${${name}}`, ['  environment:']),
      one(
        `          name: ${lowerName(name).replace(/_/g, '-')}`,
        ['      valueFrom:', '        secretKeyRef:'],
        ['          key: value'],
      ),
    ],
  },
  {
    id: 'json',
    language: 'json',
    path: (s) => `config/${s}.json`,
    wrap: 'json',
    assign: (name, value) => one(`    "${name}": "${value}",`),
    use: (value, isUrl, rand) =>
      isUrl
        ? one(`    "webhookUrl": "${value}",`)
        : pick(rand, [one(`    "apiKey": "${value}",`), one(`    "Authorization": "Bearer ${value}",`)]),
    raw: (line) => one(`    "command": ${JSON.stringify(line)},`),
    lookups: (name) => [
      one(`    "${name}": "\${${name}}",`),
      one(`    "${camelName(name)}": "env:${name}",`),
    ],
  },
  {
    id: 'notebook',
    path: (s) => `notebooks/${s}-quickstart.ipynb`,
    wrap: 'notebook',
    ...PYTHON,
    head: ['import os', 'import json'],
  },
  {
    id: 'markdown',
    language: 'markdown',
    path: (s) => `docs/${s}/getting-started.md`,
    assign: (name, value) => one(`export ${name}=${value}`, ['```bash'], ['```']),
    use: (value, isUrl) =>
      isUrl
        ? one(
            `curl -X POST -H 'Content-type: application/json' --data '{"text":"Hello"}' ${value}`,
            ['```bash'],
            ['```'],
          )
        : one(
            `  -H "Authorization: Bearer ${value}" \\`,
            ['```bash', 'curl https://api.example.com/v1/models \\'],
            ['  -H "Content-Type: application/json"', '```'],
          ),
    raw: (line) => one(line, ['```text'], ['```']),
    pem: (_name, header, body, footer) => one(header, ['```'], [...body, footer, '```']),
    lookups: (name) => [
      one(`curl https://api.example.com/v1/models -H "Authorization: Bearer $${name}"`, ['```bash'], ['```']),
    ],
  },
  {
    id: 'dockerfile',
    language: 'dockerfile',
    path: (s) => `services/${s}/Dockerfile`,
    assign: (name, value, rand) => one(`${rand() < 0.7 ? 'ENV' : 'ARG'} ${name}=${value}`),
    use: (value, isUrl) =>
      isUrl
        ? one(`RUN curl -fsS -X POST --data '{"text":"image built"}' ${value}`)
        : one(
            `RUN curl -fsSL -H "Authorization: Bearer ${value}" https://downloads.example.com/agent.tgz | tar xz`,
          ),
    raw: (line) => one(line, ['RUN cat > /app/config.txt <<EOF'], ['EOF']),
    pem: (_name, header, body, footer) =>
      one(header, ["RUN mkdir -p /root/.ssh && cat > /root/.ssh/id_rsa <<'EOF'"], [...body, footer, 'EOF']),
    lookups: (name) => [
      one(`ARG ${name}`),
      one(
        `RUN --mount=type=secret,id=${lowerName(name)} ${name}=$(cat /run/secrets/${lowerName(name)}) ./setup.sh`,
      ),
    ],
  },
  {
    id: 'shell',
    language: 'shell',
    path: (s) => `scripts/${s}-deploy.sh`,
    assign: (name, value) => one(`export ${name}="${value}"`),
    use: (value, isUrl) =>
      isUrl
        ? one(
            `curl -fsS -X POST -H 'Content-type: application/json' --data "{\\"text\\":\\"$msg\\"}" "${value}"`,
          )
        : one(`curl -sS -H "Authorization: Bearer ${value}" "$API_URL/v1/models"`),
    raw: (line) => one(line, ["cat > config.txt <<'EOF'"], ['EOF']),
    pem: (_name, header, body, footer) =>
      one(header, [`cat > "$HOME/.ssh/deploy_key" <<'EOF'`], [...body, footer, 'EOF']),
    lookups: (name) => [
      one(`export ${name}="\${${name}:?${name} is not set}"`),
      one(`${name}="$(vault kv get -field=value secret/ci/${lowerName(name)})"`),
    ],
  },
  {
    id: 'go',
    language: 'go',
    path: (s) => `internal/${s.replace(/-/g, '')}/client.go`,
    head: ['package client', '', 'import (', '\t"net/http"', '\t"os"', ')', ''],
    assign: (name, value) => one(`const ${name} = "${value}"`),
    use: (value, isUrl, rand) =>
      isUrl
        ? one(`\tresp, err := http.Post("${value}", "application/json", body)`)
        : pick(rand, [
            one(`\tclient := sdk.NewClient("${value}")`),
            one(`\treq.Header.Set("Authorization", "Bearer ${value}")`),
          ]),
    raw: (line) => one(line, ['const template = `'], ['`']),
    pem: (name, header, body, footer) => one(`const ${name} = \`${header}`, [], [...body, `${footer}\``]),
    lookups: (name) => [one(`\t${camelName(name)} := os.Getenv("${name}")`)],
  },
  {
    id: 'java',
    language: 'java',
    path: (s) => `src/main/java/com/acme/${pascalSlug(s)}Config.java`,
    head: ['package com.acme;', '', 'import java.net.http.HttpClient;', ''],
    assign: (name, value) => one(`    private static final String ${name} = "${value}";`),
    use: (value, isUrl, rand) =>
      isUrl
        ? one(
            `        HttpRequest request = HttpRequest.newBuilder(URI.create("${value}")).POST(body).build();`,
          )
        : pick(rand, [
            one(`        Client client = Client.builder().apiKey("${value}").build();`),
            one(`        conn.setRequestProperty("Authorization", "Bearer ${value}");`),
          ]),
    raw: (line) => one(line, ['    private static final String TEMPLATE = """'], ['        """;']),
    pem: (name, header, body, footer) =>
      one(
        `        ${header}`,
        [`    private static final String ${name} = """`],
        [...[...body, footer].map((l) => `        ${l}`), '        """;'],
      ),
    lookups: (name) => [one(`        String ${camelName(name)} = System.getenv("${name}");`)],
  },
  {
    id: 'terraform',
    language: 'terraform',
    path: (s) => `infra/${s}/main.tf`,
    assign: (name, value) =>
      one(`      ${name} = "${value}"`, ['  environment {', '    variables = {'], ['    }', '  }']),
    use: (value, isUrl) => (isUrl ? one(`  url = "${value}"`) : one(`  api_key = "${value}"`)),
    raw: (line) => one(line, ['  user_data = <<-EOT'], ['  EOT']),
    pem: (_name, header, body, footer) =>
      one(
        `    ${header}`,
        ['  private_key = <<-EOT'],
        [...[...body, footer].map((l) => `    ${l}`), '  EOT'],
      ),
    lookups: (name) => [
      one(
        `      ${name} = var.${lowerName(name)}`,
        ['  environment {', '    variables = {'],
        ['    }', '  }'],
      ),
      one(`  api_key = data.aws_secretsmanager_secret_version.${lowerName(name)}.secret_string`),
    ],
  },
  {
    id: 'properties',
    language: 'properties',
    path: (s) => `src/main/resources/application-${s}.properties`,
    assign: (name, value) => one(`${name}=${value}`),
    use: (value, isUrl) => one(`${isUrl ? 'notify.webhook.url' : 'client.api.key'}=${value}`),
    raw: (line) => one(line),
    pem: (name, header, body, footer) =>
      one(`${name}=${header}\\`, [], [...body.map((l) => `    ${l}\\`), `    ${footer}`]),
    lookups: (name) => [
      one(`${name}=\${${name}}`),
      one(`${lowerName(name).replace(/_/g, '.')}=\${${name}:}`),
    ],
  },
  {
    id: 'ini',
    language: 'ini',
    path: (s) => `config/${s}.ini`,
    assign: (name, value) => one(`${name} = ${value}`),
    use: (value, isUrl) => one(`${isUrl ? 'url' : 'api_key'} = ${value}`),
    raw: (line) => one(line),
    lookups: (name) => [one(`${name} = %(ENV_${name})s`)],
    pem: (name, header, body, footer) =>
      one(
        `${name} = ${header}`,
        [],
        [...body, footer].map((l) => `    ${l}`),
      ),
  },
  {
    id: 'xml',
    language: 'xml',
    path: (s) => `app/src/main/res/values/${s.replace(/-/g, '_')}_keys.xml`,
    head: ['<?xml version="1.0" encoding="utf-8"?>', '<resources>'],
    tail: ['</resources>'],
    assign: (name, value) => one(`    <string name="${name}">${value}</string>`),
    use: (value, isUrl, rand) =>
      isUrl
        ? one(`    <add key="WebhookUrl" value="${value}" />`)
        : pick(rand, [
            one(`    <add key="ApiKey" value="${value}" />`),
            one(`    <property name="apiKey" value="${value}"/>`),
          ]),
    raw: (line) =>
      one(line.replace(/&/g, '&amp;').replace(/</g, '&lt;'), ['    <template>'], ['    </template>']),
    lookups: (name) => [one(`    <string name="${name}">\${env.${name}}</string>`)],
    pem: (name, header, body, footer) =>
      one(`    <string name="${name}">${header}`, [], [...body, `${footer}</string>`]),
  },
  {
    id: 'ruby',
    language: 'ruby',
    path: (s) => `config/initializers/${s.replace(/-/g, '_')}.rb`,
    assign: (name, value) => one(`${name} = "${value}"`),
    use: (value, isUrl, rand) =>
      isUrl
        ? one(`  Net::HTTP.post(URI("${value}"), payload.to_json, "Content-Type" => "application/json")`)
        : pick(rand, [one(`  config.api_key = "${value}"`, ['Client.configure do |config|'], ['end'])]),
    raw: (line) => one(line, ['TEMPLATE = <<~CONFIG'], ['CONFIG']),
    pem: (name, header, body, footer) =>
      one(`  ${header}`, [`${name} = <<~PEM`], [...[...body, footer].map((l) => `  ${l}`), 'PEM']),
    lookups: (name) => [one(`${name} = ENV.fetch("${name}")`), one(`  config.api_key = ENV["${name}"]`)],
  },
  {
    id: 'php',
    language: 'php',
    path: (s) => `config/${s.replace(/-/g, '_')}.php`,
    head: ['<?php', '', 'return ['],
    tail: ['];'],
    assign: (name, value) => one(`    '${name}' => '${value}',`),
    use: (value, isUrl) =>
      isUrl
        ? one(`    'webhook_url' => '${value}',`)
        : one(`    'client' => new Client(['api_key' => '${value}']),`),
    raw: (line) => one(line, ["    'template' => <<<'EOT'"], ['    EOT,']),
    pem: (name, header, body, footer) =>
      one(
        `    ${header}`,
        [`    '${name}' => <<<'PEM'`],
        [...[...body, footer].map((l) => `    ${l}`), '    PEM,'],
      ),
    lookups: (name) => [one(`    '${lowerName(name)}' => env('${name}'),`)],
  },
  {
    id: 'csharp',
    language: 'csharp',
    path: (s) => `src/${pascalSlug(s)}/${pascalSlug(s)}Options.cs`,
    assign: (name, value) => one(`    private const string ${name} = "${value}";`),
    use: (value, isUrl) =>
      isUrl
        ? one(`        await http.PostAsJsonAsync("${value}", new { text = message });`)
        : one(`        var client = new ApiClient(new ApiKeyCredential("${value}"));`),
    raw: (line) => one(line, ['    private const string Template = """'], ['        """;']),
    pem: (name, header, body, footer) =>
      one(
        `        ${header}`,
        [`    private const string ${name} = """`],
        [...[...body, footer].map((l) => `        ${l}`), '        """;'],
      ),
    lookups: (name) => [one(`        var key = Environment.GetEnvironmentVariable("${name}");`)],
  },
  {
    id: 'toml',
    language: 'toml',
    path: (s) => `${s}/config.toml`,
    assign: (name, value) => one(`${name} = "${value}"`),
    use: (value, isUrl) => one(`${isUrl ? 'webhook_url' : 'api_key'} = "${value}"`),
    raw: (line) => one(line, ["template = '''"], ["'''"]),
    pem: (name, header, body, footer) => one(`${name} = """${header}`, [], [...body, `${footer}"""`]),
    lookups: (name) => [one(`${lowerName(name)} = "\${${name}}"`)],
  },
];

// ---------------------------------------------------------------------------------------------
// Rule analysis: what a key of each rule looks like and what it needs around it.

function ruleRegex(rule: Rule): RegExp {
  return new RegExp(rule.pattern, [...new Set(`${rule.flags ?? ''}d`)].join(''));
}

function matchSecret(re: RegExp, text: string): { secret: string; start: number; end: number } | null {
  const m = re.exec(text);
  const span = m?.indices?.groups?.secret ?? m?.indices?.[0];
  return span ? { secret: text.slice(span[0], span[1]), start: span[0], end: span[1] } : null;
}

function hasKeyword(rule: Rule, text: string): boolean {
  const lower = text.toLowerCase();
  return rule.keywords.length === 0 || rule.keywords.some((k) => lower.includes(k));
}

/** The value around a secret in a sample line: up to a quote, a space or an assignment. */
function valueToken(line: string, start: number, end: number): string {
  let a = start;
  let b = end;
  while (a > 0 && !/[\s"'`=,([{<>]/.test(line[a - 1]!)) a--;
  while (b < line.length && !/[\s"'`,;)\]}<>]/.test(line[b]!)) b++;
  return line.slice(a, b);
}

/** Identifiers that stand right before the value in a sample line (`NAME=`, `"name": `). */
function namesInSample(line: string, valueStart: number): string[] {
  const before = line.slice(0, valueStart);
  const m = /([A-Za-z_][\w.-]*)["'`]?\]?\s{0,4}(?:=>|:=|=|:)\s{0,4}["'`]?$/.exec(before);
  return m ? [m[1]!] : [];
}

const PEM_HEADER = /^-----BEGIN [A-Z ]+-----$/;
const PEM_INLINE = /-----BEGIN [A-Z ]+-----\\n.*?-----END [A-Z ]+-----(?:\\n)?/;

export interface KeySample {
  rule: Rule;
  template: string;
  line: string;
  secret: string;
  value: string;
  mode: EmbedMode;
  /** The name `named` mode assigns the value to. */
  name: string;
}

/** Expands a true-positive template and works out how a key of this shape can be embedded. */
export function analyseSample(
  rule: Rule,
  template: string,
  rand: Rand,
  notes?: Set<string>,
): KeySample | null {
  const re = ruleRegex(rule);
  const line = expandTemplate(template, rand);
  const m = matchSecret(re, line);
  if (!m) {
    notes?.add(`${rule.id}: the rule's pattern does not match its own sample ${JSON.stringify(template)}`);
    return null;
  }
  // A PEM key written on one line with `\n` escapes is one value, spaces and all.
  const pem = PEM_INLINE.exec(line);
  const inPem = pem && pem.index <= m.start && m.end <= pem.index + pem[0].length;
  const value = inPem ? pem[0] : valueToken(line, m.start, m.end);
  const base = { rule, template, line, secret: m.secret, value, name: rule.envVar ?? 'API_KEY' };
  const fits = (probe: string) => matchSecret(re, probe)?.secret === m.secret && hasKeyword(rule, probe);
  if (PEM_HEADER.test(m.secret)) return { ...base, mode: 'pem', value: m.secret };
  if (rule.near) return { ...base, mode: 'paired', name: 'secret_key' };
  if (fits(`value = "${value}"`) && fits(`value = '${value}'`)) return { ...base, mode: 'standalone' };
  const names = [...(rule.envVar ? [rule.envVar] : []), ...namesInSample(line, line.indexOf(value))];
  for (const name of names) {
    if (fits(`${name} = "${value}"`)) {
      if (name !== rule.envVar && rule.envVar) {
        notes?.add(
          `${rule.id}: a key assigned to the rule's own envVar (${rule.envVar} = "<key>") is not matched; ` +
            'the corpus uses the names in its samples instead',
        );
      }
      return { ...base, mode: 'named', name };
    }
  }
  return { ...base, mode: 'line' };
}

/** Groups rules by provider, in catalogue order. */
export function families(rules: readonly Rule[]): Map<string, Rule[]> {
  const out = new Map<string, Rule[]>();
  for (const rule of rules) out.set(rule.provider, [...(out.get(rule.provider) ?? []), rule]);
  return out;
}

export const slugOf = (provider: string) =>
  provider
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// ---------------------------------------------------------------------------------------------
// File assembly.

interface Entry {
  text: string;
  plant?: Omit<Plant, 'path' | 'line'>;
}

function fillerLines(ft: FileType, count: number, rand: Rand): string[] {
  if (ft.wrap === 'json') {
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const key =
        codeLines('javascript', 1, rand)[0]!
          .replace(/[^A-Za-z]/g, '')
          .slice(0, 16) || 'value';
      out.push(
        pick(rand, [
          `    "${key}": ${int(rand, 0, 5000)},`,
          `    "${key}": "${pick(rand, ['info', 'debug', 'eu-west-1', 'v2', 'https://status.example.com'])}",`,
          `    "${key}": ${rand() < 0.5 ? 'true' : 'false'},`,
        ]),
      );
    }
    return out;
  }
  return codeLines(ft.id === 'notebook' ? 'python' : ft.language, count, rand);
}

/** Lays out blocks (filler, statements, filler) as the file's lines and records plant line numbers. */
function assemble(
  ft: FileType,
  path: string,
  blocks: Entry[][],
  rand: Rand,
): { change: FileChange; plants: Plant[] } {
  const lines: string[] = [];
  const plants: Plant[] = [];
  const push = (entry: Entry, physical: string) => {
    lines.push(physical);
    if (entry.plant) plants.push({ ...entry.plant, path, line: lines.length });
  };
  if (ft.wrap === 'notebook') {
    lines.push('{', ' "cells": [');
    const cells = [[...(ft.head ?? []).map((text) => ({ text }))], ...blocks];
    cells.forEach((cell, ci) => {
      if (rand() < 0.4) {
        lines.push('  {', '   "cell_type": "markdown",', '   "metadata": {},', '   "source": [');
        const title = codeLines('markdown', 3, rand).find((l) => /^[A-Z#]/.test(l)) ?? '# Setup';
        lines.push(`    ${JSON.stringify(`## ${title.replace(/^#+ */, '')}`)}`, '   ]', '  },');
      }
      lines.push('  {', '   "cell_type": "code",', `   "execution_count": ${ci + 1},`, '   "metadata": {},');
      lines.push('   "outputs": [],', '   "source": [');
      cell.forEach((entry, i) => {
        const last = i === cell.length - 1;
        push(entry, `    ${JSON.stringify(last ? entry.text : `${entry.text}\n`)}${last ? '' : ','}`);
      });
      lines.push('   ]', ci === cells.length - 1 ? '  }' : '  },');
    });
    lines.push(
      ' ],',
      ' "metadata": {',
      '  "kernelspec": { "display_name": "Python 3", "language": "python", "name": "python3" }',
    );
    lines.push(' },', ' "nbformat": 4,', ' "nbformat_minor": 5', '}');
  } else if (ft.wrap === 'json') {
    lines.push('{');
    blocks.forEach((block, i) => {
      lines.push(`  "${['default', 'production', 'staging', 'ci', 'local'][i % 5]}_${i}": {`);
      for (const entry of block) push(entry, entry.text);
      lines.push('    "enabled": true', '  },');
    });
    lines.push('  "version": 1', '}');
  } else {
    for (const text of ft.head ?? []) lines.push(text);
    for (const block of blocks) for (const entry of block) push(entry, entry.text);
    for (const text of ft.tail ?? []) lines.push(text);
  }
  return { change: { path, lines: lines.map((text, i) => ({ line: i + 1, text })) }, plants };
}

function embeddingEntries(emb: Embedding, plant?: Entry['plant']): Entry[] {
  return [
    ...emb.before.map((text) => ({ text })),
    { text: emb.line, plant },
    ...emb.after.map((text) => ({ text })),
  ];
}

/** The base64 lines of a PEM key (generated: 64 characters a line, the last one shorter). */
function pemBody(rand: Rand): string[] {
  const lines = [`MII${randomString(rand, B64, 61)}`];
  for (let i = int(rand, 6, 24); i > 0; i--) lines.push(randomString(rand, B64, 64));
  lines.push(`${randomString(rand, B64, int(rand, 8, 60))}==`);
  return lines;
}

/** The statement that carries a key sample in a file type. */
function statementFor(ft: FileType, s: KeySample, rand: Rand): Embedding {
  switch (s.mode) {
    case 'standalone':
      return rand() < 0.5 || s.value.includes(' ')
        ? ft.assign(s.name, s.value, rand)
        : ft.use(s.value, /^[a-z][a-z0-9+.-]*:\/\//i.test(s.value), rand);
    case 'named':
    case 'paired':
    case 'pem':
      return ft.assign(s.name, s.value, rand);
    case 'line':
      return ft.raw(s.line);
  }
}

export interface CorpusOptions {
  seed?: number;
  /** Minimum plants per family (spread over its rules and the file types). */
  perFamily?: number;
  fileTypes?: readonly FileType[];
}

/** Keys of every rule family embedded in every file type. */
export function buildDetectionCorpus(rules: readonly Rule[], options: CorpusOptions = {}): Corpus {
  const { seed = 20240601, perFamily = 120, fileTypes = FILE_TYPES } = options;
  const files: FileChange[] = [];
  const plants: Plant[] = [];
  const credentialFiles: string[] = [];
  const notes = new Set<string>();
  const byId = new Map(rules.map((r) => [r.id, r]));
  let fseed = seed;
  for (const [provider, familyRules] of families(rules)) {
    const perRule = Math.max(2, Math.ceil(perFamily / (familyRules.length * fileTypes.length)));
    for (const ft of fileTypes) {
      const rand = seededRandom(++fseed);
      const blocks: Entry[][] = [];
      for (const rule of familyRules) {
        const templates = rule.samples.truePositives;
        if (!templates.length) continue;
        for (let k = 0; k < perRule; k++) {
          const sample = analyseSample(rule, templates[(k + blocks.length) % templates.length]!, rand, notes);
          if (!sample) continue;
          const block: Entry[] = fillerLines(ft, int(rand, 2, 6), rand).map((text) => ({ text }));
          const mark = { secret: sample.secret, ruleId: rule.id, provider, fileType: ft.id };
          if (sample.mode === 'paired') {
            const anchorRule = byId.get(rule.near!.ruleId);
            const anchor = anchorRule && analyseAnchor(anchorRule, rand, notes);
            if (!anchor) continue;
            block.push(
              ...embeddingEntries(ft.assign('access_key', anchor.value, rand), {
                secret: anchor.secret,
                ruleId: anchorRule.id,
                provider: anchorRule.provider,
                fileType: ft.id,
                mode: 'standalone',
              }),
            );
          }
          let statement: Embedding;
          if (sample.mode === 'pem') {
            if (!ft.pem) continue; // JSON: a key is on one line there, the inline rule's case
            const footer = sample.secret.replace('BEGIN', 'END');
            statement = ft.pem(sample.name, sample.secret, pemBody(rand), footer);
          } else {
            statement = statementFor(ft, sample, rand);
          }
          block.push(...embeddingEntries(statement, { ...mark, mode: sample.mode }));
          block.push(...fillerLines(ft, int(rand, 1, 4), rand).map((text) => ({ text })));
          blocks.push(block);
        }
      }
      if (!blocks.length) continue;
      const { change, plants: p } = assemble(ft, ft.path(slugOf(provider)), blocks, rand);
      files.push(change);
      plants.push(...p);
      if (ft.credentialFile) credentialFiles.push(change.path);
    }
  }
  return { files, plants, credentialFiles, notes: [...notes] };
}

/** A key of the rule a paired rule hangs on, in a form that stands on its own. */
function analyseAnchor(rule: Rule, rand: Rand, notes: Set<string>): KeySample | null {
  for (const template of rule.samples.truePositives) {
    const s = analyseSample(rule, template, rand, notes);
    if (s?.mode === 'standalone') return s;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The placeholder set: what people write where a key would go. None of it is a key.

/** Values that stand in for a key. `name` is the variable the value is assigned to. */
function placeholderValues(rules: readonly Rule[], rand: Rand): { name?: string; value: string }[] {
  const out: { name?: string; value: string }[] = [
    { value: 'your-api-key-here' },
    { value: '<YOUR_API_KEY>' },
    { value: 'x'.repeat(32) },
    { value: 'xxxx…' },
    { value: 'X'.repeat(40) },
    { value: 'changeme' },
    { value: 'REDACTED' },
    { value: '********' },
    { value: '<token>' },
    { value: 'sk-...' },
    { value: 'insert-your-token-here' },
    { value: 'replace_me' },
    // AWS documentation keys (their shape, generated: AKIA + 9 + EXAMPLE, 30 + EXAMPLEKEY).
    {
      name: 'AWS_ACCESS_KEY_ID',
      value: `AKIA${randomString(rand, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 9)}EXAMPLE`,
    },
    {
      name: 'AWS_SECRET_ACCESS_KEY',
      value: `${randomString(rand, B64, 30)}EXAMPLEKEY`,
    },
    // Identifiers and digests that are random but public.
    { name: 'TENANT_ID', value: uuid(rand) },
    { name: 'CLIENT_ID', value: uuid(rand) },
    { name: 'REQUEST_ID', value: uuid(rand) },
    { name: 'GIT_COMMIT', value: randomString(rand, '0123456789abcdef', 40) },
    { name: 'BUILD_SHA', value: randomString(rand, '0123456789abcdef', 40) },
    { name: 'IMAGE_DIGEST', value: `sha256:${randomString(rand, '0123456789abcdef', 64)}` },
    { name: 'CHECKSUM', value: randomString(rand, '0123456789abcdef', 64) },
    { name: 'integrity', value: `sha512-${randomString(rand, B64, 86)}==` },
    { name: 'integrity', value: `sha384-${randomString(rand, B64, 64)}` },
    { name: 'LOGO', value: `data:image/png;base64,${randomString(rand, B64, 180)}=` },
    { name: 'FONT', value: `data:font/woff2;base64,${randomString(rand, B64, 240)}` },
  ];
  for (const rule of rules) {
    const template = rule.samples.truePositives[0];
    if (!template) continue;
    // Checksummed tokens with a broken checksum: a fixture, a typo, not a live token.
    for (const t of rule.samples.truePositives) {
      if (!t.includes('{crc36}')) continue;
      const s = analyseSample(rule, t.replaceAll('{crc36}', '{crc36bad}'), rand);
      if (s) out.push({ name: rule.envVar, value: s.value });
      break;
    }
    // The rule's own shape with its random part written as x's, or as `...`.
    const s = analyseSample(rule, template, rand);
    const prefix = rule.prefixes
      ?.filter((p) => s?.secret.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    if (s && prefix) {
      const xs = prefix + 'x'.repeat(s.secret.length - prefix.length);
      out.push({ name: rule.envVar, value: s.value.replace(s.secret, xs) });
      out.push({ name: rule.envVar, value: s.value.replace(s.secret, `${prefix}...`) });
      out.push({ name: rule.envVar, value: s.value.replace(s.secret, `${prefix}…`) });
      out.push({ name: rule.envVar, value: s.value.replace(s.secret, `${prefix}<your-key>`) });
    }
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function uuid(rand: Rand): string {
  const h = (n: number) => randomString(rand, '0123456789abcdef', n);
  return `${h(8)}-${h(4)}-4${h(3)}-${pick(rand, ['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
}

/** Placeholder values, env lookups and public digests in every file type: zero findings expected. */
export function buildPlaceholderCorpus(rules: readonly Rule[], options: CorpusOptions = {}): Corpus {
  const { seed = 777, fileTypes = FILE_TYPES } = options;
  const files: FileChange[] = [];
  const envVars = [...new Set(rules.map((r) => r.envVar).filter((v): v is string => Boolean(v)))];
  if (!envVars.length) envVars.push('API_KEY');
  let fseed = seed;
  for (const ft of fileTypes) {
    const rand = seededRandom(++fseed);
    const blocks: Entry[][] = [];
    const values = placeholderValues(rules, rand);
    values.forEach(({ name, value }, i) => {
      const varName = name ?? envVars[i % envVars.length]!;
      const block: Entry[] = fillerLines(ft, int(rand, 1, 3), rand).map((text) => ({ text }));
      const emb =
        i % 3 === 2 ? ft.use(value, /^[a-z]+:\/\//i.test(value), rand) : ft.assign(varName, value, rand);
      block.push(...embeddingEntries(emb));
      blocks.push(block);
    });
    envVars.forEach((name) => {
      for (const emb of ft.lookups(name)) blocks.push(embeddingEntries(emb));
    });
    const path = (ft.credentialFile?.templatePath ?? ft.path)('examples');
    files.push(assemble(ft, `placeholders/${path}`, blocks, rand).change);
  }
  return { files, plants: [], credentialFiles: [], notes: [] };
}
