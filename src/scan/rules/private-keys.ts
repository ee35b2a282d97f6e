// Private keys in PEM / OpenSSH / PGP armour.
//
// The engine sees one line at a time, so a multi-line key is reported at its BEGIN line. It
// cannot look at the next line to tell a real key (base64 follows) from a doc stub (`...`
// follows), so the BEGIN rule reports the header only where a real key's header stands: at the
// end of its line, with nothing before it but indentation, an opening quote or an assignment
// (`-----BEGIN …`, `  -----BEGIN …` in a YAML block, `key = """-----BEGIN …`, `` `-----BEGIN … ``).
// Headers used as constants or in prose (`startsWith('-----BEGIN PRIVATE KEY-----')`, `"…-----\n..."`,
// "keys start with -----BEGIN …") have more text after them on the line and are not reported.
// A doc block that shows a header alone on its line followed by `...` is still reported: mark it
// with `api-key-guard:ignore` or allowlist the path.
import type { Rule } from '../types.js';

const KIND = '(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?';
const BEGIN = `-----BEGIN ${KIND}-----`;
const END = `-----END ${KIND}-----`;
// An escaped line break: `\n` (or `\r\n`), doubled (or more) when the JSON sits inside another string.
const NL = '(?:\\\\{1,4}r)?\\\\{1,4}n';

export const privateKeysRules: Rule[] = [
  {
    id: 'private-key',
    provider: 'Private key',
    description: 'Private key (PEM, OpenSSH or PGP armour)',
    severity: 'high',
    keywords: ['private key'],
    // The header first, then what stands before it: look-behinds run only where a header is.
    pattern: `(?<secret>${BEGIN})(?<=(?:^|["'\\x60=:>(])[\\t ]*${BEGIN})(?=[\\t ]*(?:\\\\|\\\\n["'],?)?$)`,
    prefixes: ['-----BEGIN '],
    envVar: 'PRIVATE_KEY',
    samples: {
      truePositives: [
        '-----BEGIN RSA PRIVATE KEY-----',
        '    -----BEGIN OPENSSH PRIVATE KEY-----',
        'SIGNING_KEY = """-----BEGIN EC PRIVATE KEY-----',
        'const key = `-----BEGIN PRIVATE KEY-----',
        '-----BEGIN PGP PRIVATE KEY BLOCK-----',
        '  tls.key: "-----BEGIN ENCRYPTED PRIVATE KEY-----\\',
        '    "-----BEGIN OPENSSH PRIVATE KEY-----\\n",',
      ],
      falsePositives: [
        '"private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n",',
        "if (pem.startsWith('-----BEGIN PRIVATE KEY-----')) {",
        'const PEM_HEADER = "-----BEGIN RSA PRIVATE KEY-----";',
        'Private keys start with -----BEGIN OPENSSH PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----',
        '-----END RSA PRIVATE KEY-----',
        'PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n<your key here>\\n-----END PRIVATE KEY-----"',
        'const pem = "-----BEGIN PRIVATE KEY-----\\n" +',
      ],
    },
  },
  {
    id: 'private-key-inline',
    provider: 'Private key',
    description: 'Private key on one line with escaped newlines (service-account JSON, .env)',
    severity: 'high',
    keywords: ['private key'],
    // BEGIN, `\n`, a base64 body (with its own `\n` escapes), `\n`, END: the whole key is on this
    // line, so a stub (`\n...\n`, `\n<key>\n`) cannot match. The secret reported is the body's
    // first line (60-80 characters): unique to the key, and the same text however many times the
    // JSON was escaped (`\n` in a .json file, `\\n` when that JSON sits in a notebook cell).
    pattern: `${BEGIN}${NL}(?<secret>[A-Za-z0-9+/=]{60,80})(?=[A-Za-z0-9+/=\\\\]{0,12000}?${NL}${END})`,
    validators: ['entropy'],
    minEntropy: 4.5,
    envVar: 'PRIVATE_KEY',
    samples: {
      truePositives: [
        '  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvg{b64:58}\\n{b64:64}\\n{b64:64}\\n{b64:30}==\\n-----END PRIVATE KEY-----\\n",',
        'PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\\nMIIEpA{b64:58}\\n{b64:64}\\n{b64:40}\\n-----END RSA PRIVATE KEY-----"',
        "const key = '-----BEGIN EC PRIVATE KEY-----\\n{b64:64}\\n{b64:56}\\n-----END EC PRIVATE KEY-----\\n';",
        '    "creds = {\\"private_key\\": \\"-----BEGIN PRIVATE KEY-----\\\\n{b64:64}\\\\n{b64:64}\\\\n{b64:20}==\\\\n-----END PRIVATE KEY-----\\\\n\\"}\\n",',
      ],
      falsePositives: [
        '"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\\n-----END PRIVATE KEY-----\\n",',
        '"private_key": "-----BEGIN PRIVATE KEY-----\\n{b64:40}\\n-----END PRIVATE KEY-----\\n",',
        'PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nYOUR_PRIVATE_KEY_HERE\\n-----END PRIVATE KEY-----"',
        '"cert": "-----BEGIN CERTIFICATE-----\\n{b64:64}\\n{b64:64}\\n-----END CERTIFICATE-----\\n"',
      ],
    },
  },
];
