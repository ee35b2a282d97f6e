// Lines that assign a secret-like name something that is not a secret: env lookups, template
// variables, placeholders, documentation keys, broken checksums, UUIDs, digests, lock-file
// integrity hashes, data URIs, hashed asset names, identifiers and prose. The whole built-in
// catalogue must stay quiet on every one of them. Random parts come from the seeded generator
// (samples.ts), so no key-shaped literal lives in this file.
import { describe, expect, it } from '@jest/globals';
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';

const scanner = new Scanner(builtinRules);
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const UUID = '{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}';

const PLACEHOLDERS: Array<[syntax: string, template: string]> = [
  // Python
  ['python', 'API_KEY = "your-api-key-here"'],
  ['python', 'OPENAI_API_KEY = os.getenv("OPENAI_API_KEY")'],
  ['python', 'api_key = os.environ["API_KEY"]'],
  ['python', 'password = os.environ.get("DB_PASSWORD", "")'],
  ['python', 'token = "<YOUR_API_KEY>"'],
  ['python', 'secret_key = "changeme"'],
  ['python', 'password = "********"'],
  ['python', 'token = "xxxxxxxxxxxxxxxxxxxxxxxx"'],
  ['python', 'client_secret = "XXXXXXXXXXXXXXXXXXXXXXXX"'],
  ['python', 'api_key = "................"'],
  ['python', 'token = next_token'],
  ['js', 'lastSignificantToken = "?InterpolationInTemplate";'],
  ['js', 'nextLastSignificantToken = "?InterpolationInJSX";'],
  ['python', 'password = self.password'],
  ['python', 'auth_token: str = settings.AUTH_TOKEN'],
  ['python', 'ANTHROPIC_API_KEY = "sk-ant-api03-..."'],
  ['python', `session_token = "${UUID}"`],
  ['python', 'password = "{hex:32}"  # md5 of the fixture'],
  ['python', '    backend: "Backend", private_key: "_RSAPrivateKey", data: bytes'],
  ['python', 'token_class = "XMLHttpRequestToken"'],
  // JavaScript / TypeScript
  ['js', 'const apiKey = process.env.API_KEY;'],
  ['js', "const token = process.env.GITHUB_TOKEN ?? '';"],
  ['js', '  apiKey: process.env.OPENAI_API_KEY,'],
  ['js', 'const password: string = getPassword();'],
  ['js', 'token = nextToken;'],
  ['js', 'this.secret = options.secret;'],
  ['ts', '  password: string;'],
  ['ts', "const secretKey = '{hex:64}';"],
  ['ts', `const sessionToken = '${UUID}';`],
  ['js', "const token = 'ghp_{crc36bad}';"],
  ['js', "const npmToken = 'npm_{crc36bad}';"],
  ['js', '  secret: true,'],
  ['js', "  apiKey: '',"],
  ['js', '  authToken: "Bearer " + token,'],
  ['js', 'const API_KEY = "YOUR_API_KEY";'],
  ['js', "const token = 'sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';"],
  ['js', 'const { password } = await prompt({ type: "password", name: "password" });'],
  ['js', 'const TOKEN_REGEX = /^[a-z0-9]{32}$/;'],
  ['js', "  credentials: 'same-origin',"],
  ['js', "  tokenType: 'Bearer',"],
  ['js', '  token: `${prefix}-${id}`,'],
  ['js', '  password: hashedPassword'],
  ['js', '  token: req.headers.authorization'],
  ['js', "  secret: crypto.randomBytes(32).toString('hex'),"],
  ['js', "  secretOrKey: 'test-secret-1234',"],
  ['js', '  accessTokenUrl: "https://auth.example.com/oauth/token?client={lownum:12}",'],
  ['js', '  nextPageToken: "{b64u:40}",'],
  ['yaml', '  password: "{{ .Values.password }}"'],
  ['yaml', "  password: '%(db_password)s'"],
  ['yaml', '  api_key: "__API_KEY__"'],
  ['yaml', '  token: "[REDACTED]"'],
  ['yaml', '  secret: {hex:10}'],
  ['yaml', '  secretName: my-app-secret-v2'],
  ['json', '  "auth.password.forgot": "Passwort vergessen?",'],
  ['json', '  "password": "Contraseña1234",'],
  ['json', '  "token": "color.primary.500",'],
  ['json', '  "password": "bm90IG15IHJlYWwgcGFzc3dvcmQ=",'],
  // YAML
  ['yaml', 'password: ${DB_PASSWORD}'],
  ['yaml', 'token: ${{ secrets.GITHUB_TOKEN }}'],
  ['yaml', '  api_key: "{{ vault_api_key }}"'],
  ['yaml', '  secret: !Ref AppSecret'],
  ['yaml', '    password: changeme'],
  ['yaml', '  token: <YOUR_TOKEN>'],
  ['yaml', '  aws_secret_access_key: {b64:30}EXAMPLEKEY'],
  ['yaml', '  image_token: "sha256:{hex:64}"'],
  // .env
  ['env', 'OPENAI_API_KEY='],
  ['env', 'OPENAI_API_KEY=sk-...'],
  ['env', 'API_KEY=$API_KEY'],
  ['env', 'DB_PASSWORD=${DB_PASSWORD}'],
  ['env', 'SECRET_KEY=replace-me'],
  ['env', 'AWS_ACCESS_KEY_ID=AKIA{upnum:9}EXAMPLE'],
  ['env', 'AWS_SECRET_ACCESS_KEY={b64:30}EXAMPLEKEY'],
  ['env', 'GITHUB_TOKEN=ghp_{crc36bad}'],
  ['env', 'TWILIO_ACCOUNT_SID=AC{hex:32}'],
  ['env', 'DATABASE_URL=postgres://user:password@localhost:5432/app'],
  ['env', 'BUILD_TOKEN={hex:12}'],
  // JSON and package-lock.json fragments
  ['json', '  "password": "",'],
  ['json', '  "apiKey": "<api-key>",'],
  ['json', '  "token": "{hex:40}",'],
  ['json', `  "client_secret": "${UUID}",`],
  ['json', '  "passwordHash": "sha256:{hex:64}",'],
  ['json', '  "avatarToken": "data:image/png;base64,{b64:120}",'],
  ['json', '  "tokenizer": "tokenizer.{hex:8}.json",'],
  ['json', '  "secretAsset": "main.{hex:8}.js",'],
  ['json', '  "token": "sha512-{b64:86}==",'],
  ['package-lock', '    "node_modules/js-tokens": {'],
  ['package-lock', '      "resolved": "https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz",'],
  ['package-lock', '      "integrity": "sha512-{b64:86}==",'],
  ['package-lock', '    "secretlint": "^11.7.1",'],
  ['package-lock', '      "integrity": "sha1-{b64:27}=",'],
  // Shell
  ['shell', 'export GITHUB_TOKEN=$(gh auth token)'],
  ['shell', 'export API_KEY="${API_KEY:?missing}"'],
  ['shell', 'curl -H "Authorization: Bearer $TOKEN" https://api.example.com'],
  ['shell', 'echo "$PASSWORD" | docker login -u ci --password-stdin'],
  ['shell', 'mysql -u root -p"$DB_PASSWORD" app'],
  ['shell', 'export SECRET_KEY=`cat /run/secrets/app_key`'],
  // Terraform
  ['terraform', '  password = var.db_password'],
  ['terraform', '  api_key  = data.aws_secretsmanager_secret_version.key.secret_string'],
  ['terraform', '  secret   = "${var.secret}"'],
  ['terraform', '  token    = random_password.token.result'],
  // Dockerfile
  ['dockerfile', 'ENV API_KEY=""'],
  ['dockerfile', 'ARG NPM_TOKEN'],
  ['dockerfile', 'ENV PASSWORD=${PASSWORD}'],
  ['dockerfile', 'RUN --mount=type=secret,id=npm_token npm ci'],
  // Other languages
  ['go', 'token := os.Getenv("TOKEN")'],
  ['ruby', '  password: ENV["DB_PASSWORD"],'],
  ['php', "    'password' => env('DB_PASSWORD'),"],
  ['java', 'String password = System.getenv("DB_PASSWORD");'],
  ['csharp', 'var apiKey = Environment.GetEnvironmentVariable("API_KEY");'],
  ['python', 'private_key = "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----"'],
  // Markdown prose
  ['markdown', 'Set your API key in the `OPENAI_API_KEY` environment variable.'],
  ['markdown', 'The token is valid for 30 days; rotate it with `gh auth refresh`.'],
  ['markdown', '- **password**: the password for the database user'],
  ['markdown', '| token | string | The access token returned by the login call |'],
  ['markdown', 'Your key looks like sk-ant-api03-... and must be kept secret.'],
  ['markdown', 'api_key: `<your key>`'],
  ['markdown', 'Password: use a passphrase of at least four words.'],
];

// Controls: the same syntaxes with a random value are reported, so the table above passes because
// of the values, not because the scanner ignores these shapes of line.
const CONTROLS: Array<[syntax: string, template: string]> = [
  ['python', 'password = "{alnum:14}7!"'],
  ['js', "  apiKey: '{b64u:30}9x',"],
  ['yaml', '    password: {alnum:14}7x'],
  ['env', 'DB_PASSWORD={alnum:18}4q'],
  ['json', '  "client_secret": "{b64u:30}Q7",'],
  ['terraform', '  password = "{alnum:20}3z"'],
  ['dockerfile', 'ENV API_TOKEN={b64u:32}'],
  ['env', 'DATABASE_URL=postgres://app:{alnum:20}@db.internal:5432/app'],
];

describe('placeholders and look-alikes', () => {
  it('has a table of at least 60 lines', () => {
    expect(PLACEHOLDERS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(PLACEHOLDERS)('%s: %s produces no finding', (_syntax, template) => {
    for (const seed of SEEDS) {
      const line = expandTemplate(template, seededRandom(seed));
      const found = scanner
        .scanFile({ path: 'sample', lines: [{ line: 1, text: line }] })
        .map((f) => f.ruleId);
      expect({ line, found }).toEqual({ line, found: [] });
    }
  });

  it.each(CONTROLS)('control %s: %s is reported', (_syntax, template) => {
    for (const seed of SEEDS) {
      const line = expandTemplate(template, seededRandom(seed));
      const found = scanner.scanFile({ path: 'sample', lines: [{ line: 1, text: line }] });
      expect({ template, seed, found: found.length }).toEqual({ template, seed, found: 1 });
    }
  });
});
