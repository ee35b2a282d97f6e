import type { Rule } from '../types.js';

// An AWS secret access key is 40 characters of [A-Za-z0-9/+]; it is never glued to more base64.
// `=` may precede it (`KEY=value`) but not follow it (that would be longer, padded base64).
const SB = '(?<![A-Za-z0-9/+])';
const SE = '(?![A-Za-z0-9/+=])';

// Values a 40-character slot may hold that are not secret access keys: hex digests (a git commit
// SHA-1 is exactly 40 hex characters) and anything missing lower case or upper case. A random
// 40-character base64 key lacks one of those with probability ~1e-9.
const NOT_A_SECRET_KEY = ['^[0-9A-Fa-f]+$', '^[^a-z]+$', '^[^A-Z]+$'];

export const awsRules: Rule[] = [
  {
    id: 'aws-access-key-id',
    provider: 'AWS',
    // AKIA: IAM user key; ASIA: temporary STS key; ABIA: STS service bearer token; ACCA:
    // context-specific credential. The id alone is not enough to sign requests, but it names the
    // account and almost always travels with its secret (see aws-secret-access-key-near-id).
    description: 'AWS access key ID',
    severity: 'high',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: '(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])',
    prefixes: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    // AWS documentation keys (AKIAIOSFODNN7EXAMPLE and friends) end in EXAMPLE.
    validators: ['not-doc-example'],
    envVar: 'AWS_ACCESS_KEY_ID',
    samples: {
      truePositives: [
        'AWS_ACCESS_KEY_ID=AKIA{base32:16}',
        'aws_access_key_id = AKIA{base32:16}',
        '    "AccessKeyId": "ASIA{base32:16}",',
        's3 = boto3.client("s3", aws_access_key_id="AKIA{base32:16}")',
        'creds := credentials.NewStaticCredentials("AKIA{base32:16}", secret, "")',
      ],
      falsePositives: [
        'aws_access_key_id = AKIA{base32:9}EXAMPLE',
        `AWS_ACCESS_KEY_ID=AKIA${'X'.repeat(16)}`,
        'aws_access_key_id = os.environ["AWS_ACCESS_KEY_ID"]',
        '  AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}',
        'fixture: AKIA{base32:15}',
        'fixture: AKIA{base32:17}',
        'TODAYINASIAASACKOFRICEFELLOVER',
        'region: asia-northeast1',
      ],
    },
  },
  {
    id: 'aws-secret-access-key',
    provider: 'AWS',
    // Anchored on AWS's own name for the field (CLI config, SDK env var, STS/IAM JSON), so the
    // rule is as specific as a prefixed format: reported as high.
    description: 'AWS secret access key assigned to an aws_secret_access_key-style name',
    severity: 'high',
    keywords: [
      'secret_access_key',
      'secretaccesskey',
      'secret-access-key',
      'secret.access.key',
      'aws_secret_key',
      'awssecretkey',
      'aws-secret-key',
      'aws.secret.key',
    ],
    pattern:
      '(?:aws[_.-]?secret[_.-]?key|secret[_.-]?access[_.-]?key)["\']?(?:\\s{0,5}(?:=>|:=|=|:|>)\\s{0,5}|\\s{1,5})(?:\\\\?["\'`])?' +
      `${SB}(?<secret>[A-Za-z0-9/+]{40})${SE}`,
    flags: 'i',
    validators: ['not-doc-example', 'entropy'],
    minEntropy: 3.5,
    allow: NOT_A_SECRET_KEY,
    envVar: 'AWS_SECRET_ACCESS_KEY',
    samples: {
      truePositives: [
        'aws_secret_access_key = {b64:40}',
        'export AWS_SECRET_ACCESS_KEY="{b64:40}"',
        '    "SecretAccessKey": "{b64:40}",',
        "  secretAccessKey: '{b64:40}',",
        'ENV AWS_SECRET_ACCESS_KEY {b64:40}',
        'aws configure set aws_secret_access_key {b64:40}',
        '<SecretAccessKey>{b64:40}</SecretAccessKey>',
        'AWS_SECRET_ACCESS_KEY={b64:40}',
        'aws.secret.access.key={b64:40}',
        '    "aws_secret_access_key = \\"{b64:40}\\"\\n",',
      ],
      falsePositives: [
        'aws_secret_access_key = {b64:30}EXAMPLEKEY',
        'aws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]',
        '  AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
        'const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;',
        'AWS_SECRET_ACCESS_KEY=<your-secret-access-key>',
      ],
    },
  },
  {
    id: 'aws-secret-access-key-near-id',
    provider: 'AWS',
    // Paired with aws-access-key-id: a bare 40-character base64 value within 5 lines of an access
    // key id (credential CSV downloads, Terraform provider blocks, SDK constructor calls). Hex
    // digests and single-case values are never reported; see NOT_A_SECRET_KEY.
    description: 'AWS secret access key next to an AWS access key ID',
    severity: 'high',
    keywords: [],
    pattern: `${SB}(?<secret>[A-Za-z0-9/+]{40})${SE}`,
    validators: ['not-doc-example', 'entropy'],
    minEntropy: 4.2,
    // A real key also carries a digit (a 40-character random base64 value lacks one ~0.1% of the
    // time, an accepted miss for a rule with no keyword anchor).
    allow: [...NOT_A_SECRET_KEY, '^[^0-9]+$'],
    near: { ruleId: 'aws-access-key-id', lines: 5 },
    envVar: 'AWS_SECRET_ACCESS_KEY',
    samples: {
      truePositives: [
        'AKIA{base32:16},{b64:40}',
        'ci-deployer,AKIA{base32:16},{b64:40}',
        'provider "aws" { access_key = "AKIA{base32:16}" secret_key = "{b64:40}" }',
        'const creds = new AWS.Credentials("AKIA{base32:16}", "{b64:40}");',
        'creds := credentials.NewStaticCredentials("ASIA{base32:16}", "{b64:40}", "")',
      ],
      falsePositives: [
        'AKIA{base32:9}EXAMPLE,{b64:40}',
        'commit {hex:40}',
        '{b64:40}',
        'AKIA{base32:15},{b64:40}',
      ],
    },
  },
];
