// The catch-all: a random-looking literal assigned to a secret-like name. It decides the false-
// positive rate on ordinary code, so it is narrow on purpose:
//  - the name must contain a secret word and must not end like a non-secret (`tokenUrl`,
//    `password_hash`, `secretName`, `tokenizer`) nor be a cursor (`nextToken`, `pageToken`);
//  - a quoted value may sit anywhere on the line (`"password": "…"`, `token := "…"`,
//    `'api_key' => '…'`, `apiKey: "…"`), but a bare one only as a whole config line
//    (`API_KEY=…`, `export TOKEN=…`, `password: …` in YAML, `- SECRET=…` in compose files), so
//    `token = nextToken` in code cannot match as a bare value;
//  - the value must pass `generic-value` (validators.ts): no lookups, variables, placeholders,
//    identifiers, UUIDs, digests, file names, URLs, prose, and enough entropy.
// Any provider rule's hit on the same text wins over this one (`generic: true`).
import type { Rule } from '../types.js';
import { ASSIGN, QUOTE } from './syntax.js';

// Secret words, joined to the rest of a name in any case and with `_`, `-` or nothing between
// their parts: PASSWORD, db_passwd, passPhrase, pwd, client_secret, authToken, API_KEY, apiKey,
// x-api-key, accessKey, private_key, credentials, signingKey.
const WORD =
  '(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|(?:auth|signing|encryption|master)[_-]?key)';

// Names that end like these hold something about a secret, not the secret (`tokenUrl`,
// `password_hash`, `secretName`, `apiKeyId`, `tokenizer`, `passwordInput`).
const NOT_SECRET_SUFFIX = `(?<!${[
  ...['url', 'uri', 'urls', 'path', 'file', 'filename', 'dir', 'location', 'endpoint', 'host', 'port'],
  ...['name', 'names', 'id', 'ids', 'arn', 'ref', 'type', 'types', 'kind', 'class', 'mode', 'version'],
  ...['count', 'length', 'len', 'size', 'limit', 'index', 'prefix', 'suffix', 'ttl', 'timeout'],
  ...['expiry', 'expires', 'expiration', 'field', 'fields', 'header', 'headers', 'env', 'var'],
  ...['user', 'username', 'label', 'hint', 'placeholder', 'text', 'title', 'message', 'icon', 'style'],
  ...['format', 'pattern', 'regex', 'policy', 'rule', 'rules', 'validator', 'provider', 'store'],
  ...['encoding', 'hash', 'hashed', 'digest', 'checksum', 'salt', 'nonce', 'algorithm', 'alg'],
  ...['method', 'scope', 'scopes', 'audience', 'issuer', 'template', 'list', 'map', 'set'],
  ...['izer', 'ize', 'ized', 'ization', 'error', 'status', 'state', 'input', 'button', 'form'],
  ...['reset', 'confirm', 'confirmation', 'visible', 'visibility', 'required', 'enabled'],
].join('|')})`;
// Words before the secret word that make it a cursor or a lexer token, not a credential.
const NOT_SECRET_PREFIX = `(?<!${[
  ...['page', 'next', 'prev', 'previous', 'last', 'sync', 'continuation', 'resume'],
  ...['cancel', 'cancellation', 'csrf', 'xsrf', 'lexer'],
].join('|')})`;

// Type annotations between the name and `=`: `password: str = "…"`, `var token string = "…"`,
// `const API_KEY: &str = "…"`.
const TYPE = `(?:[\\t ]{0,2}:?[\\t ]{0,2}(?:str|string|String|&str|&'static str)[\\t ]{0,2}(?==))?`;

// A value: 8-200 characters with no quotes, spaces, brackets, commas or semicolons in it.
const VALUE_CHARS = `[^\\s"'\\x60\\\\(){}\\[\\]<>,;]`;
const VALUE = `(?<q>(?:${QUOTE})?)(?<secret>${VALUE_CHARS}{8,200})\\k<q>`;

// After the value: either it was quoted (the last character matched is its closing quote), or it
// was bare and is the whole rest of a config line whose name (from the start of the line) holds
// the secret word: `NAME=value`, `export NAME=value`, `ENV NAME=value`, `ARG NAME=value`,
// `name: value`, `- NAME=value`, optionally followed by a `#` comment. (Not a docstring's
// `https://x?token=…`: `https` holds no secret word.)
const CONFIG_LINE = `^[\\t ]*(?:(?:export|env|arg|set)[\\t ]+)?(?:-[\\t ]+)?[\\w.-]{0,60}${WORD}[\\w-]{0,24}[\\t ]*[=:][\\t ]*${VALUE_CHARS}{8,200}`;
// Or it was bare and is a command-line option's whole value: `--password=…`, `--api-key=…`.
const CLI_OPTION = `(?:^|\\s)--[\\w-]{0,40}=${VALUE_CHARS}{8,200}`;
// Or it was bare between an XML start and end tag: `<string name="api_key">…</string>`.
const XML_TEXT = `(?=<\\/[\\w:.-]{1,40}>)(?<=>${VALUE_CHARS}{8,200})`;
const AFTER = `(?:(?<=["'\\x60])|(?=[\\t ]*(?:#.*)?$)(?<=${CONFIG_LINE})|(?=\\s|$)(?<=${CLI_OPTION})|${XML_TEXT})`;

// Lower-case keywords: every spelling the WORD alternation accepts contains one of these.
const KEYWORDS = [
  'passwd',
  'password',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'credential',
  ...['api', 'access', 'private', 'auth', 'signing', 'encryption', 'master'].flatMap((w) => [
    `${w}key`,
    `${w}_key`,
    `${w}-key`,
  ]),
];

export const genericRules: Rule[] = [
  {
    id: 'generic-secret',
    provider: 'Generic',
    description: 'High-entropy value assigned to a secret-like name (password, token, api_key, …)',
    severity: 'low',
    keywords: KEYWORDS,
    pattern: `${NOT_SECRET_PREFIX}${WORD}[\\w-]{0,24}${NOT_SECRET_SUFFIX}${TYPE}${ASSIGN}${VALUE}${AFTER}`,
    flags: 'i',
    validators: ['generic-value'],
    // Provider-shaped values belong to the provider rules: when one of those rejected a value
    // (a failed checksum, a wrong length, an `…EXAMPLE` key) it is a stand-in, not a secret.
    allow: [
      '^(?:gh[pousr]_|github_pat_|npm_|glpat-|pypi-|sk-ant-|xox[abeoprs]-|hf_|api_org_|gsk_|xai-|SG\\.|AKIA|ASIA|AIza)',
    ],
    generic: true,
    envVar: 'API_KEY',
    samples: {
      truePositives: [
        'DB_PASSWORD={alnum:10}9{b64u:6}',
        'export API_TOKEN={b64u:32}',
        'password = "{alnum:12}3!"',
        '  "client_secret": "{b64u:28}Q1",',
        "const apiKey = '{alnum:30}7z';",
        'token := "{alnum:24}5a"',
        "'auth_token' => '{alnum:30}8b',",
        '  password: {alnum:14}4@x',
        'ENV SECRET_KEY={b64u:40}7Q',
        'private readonly signingKey: string = "{alnum:40}1k";',
        '    - APP_SECRET={alnum:20}9Z',
        'mysqldump --user=backup --password={alnum:16}5k --all-databases > dump.sql',
        '    <string name="api_key">{alnum:24}7q</string>',
        '    <add key="ApiKey" value="{b64u:30}3x" />',
        '    "API_KEY = \\"{alnum:28}5k\\"\\n",',
      ],
      falsePositives: [
        'password = os.getenv("DB_PASSWORD")',
        'token = nextToken',
        'password: string;',
        'secret: true',
        'API_KEY=your-api-key-here',
        'TOKEN={hex:40}',
        'password_hash = "{b64:40}"',
        'pageToken: "{b64u:40}"',
        'const token = getToken("{alnum:20}");',
        'api_key = "{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"',
      ],
    },
  },
];
