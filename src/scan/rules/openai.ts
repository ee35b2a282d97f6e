import type { Rule } from '../types.js';

// Boundaries: a key is never glued to more key characters on either side.
const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

// Every OpenAI secret key carries `T3BlbkFJ`, the base64 of "OpenAI", between two random halves.
// Project, service-account and admin keys: prefix + 58 or 74 base64url chars + T3BlbkFJ + 58 or 74
// (the lengths gitleaks' `openai-api-key` rule reports for issued keys). Legacy user keys:
// `sk-` + 20 alphanumerics + T3BlbkFJ + 20 alphanumerics.
const HALF = '(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})';

export const openaiRules: Rule[] = [
  {
    id: 'openai-api-key',
    provider: 'OpenAI',
    description: 'OpenAI project or service-account API key',
    severity: 'high',
    keywords: ['sk-proj-', 'sk-svcacct-'],
    pattern: `${B}(?<secret>sk-(?:proj|svcacct)-${HALF}T3BlbkFJ${HALF})${E}`,
    prefixes: ['sk-proj-', 'sk-svcacct-'],
    envVar: 'OPENAI_API_KEY',
    samples: {
      truePositives: [
        'OPENAI_API_KEY=sk-proj-{b64u:74}T3BlbkFJ{b64u:74}',
        'client = OpenAI(api_key="sk-proj-{b64u:58}T3BlbkFJ{b64u:58}")',
        "const openai = new OpenAI({ apiKey: 'sk-svcacct-{b64u:74}T3BlbkFJ{b64u:74}' });",
        '  openai_key: "sk-proj-{b64u:58}T3BlbkFJ{b64u:74}"',
        'curl https://api.openai.com/v1/models -H "Authorization: Bearer sk-svcacct-{b64u:58}T3BlbkFJ{b64u:58}"',
      ],
      falsePositives: [
        'OPENAI_API_KEY=sk-proj-your-api-key-here',
        'api_key = os.getenv("OPENAI_API_KEY")',
        'const apiKey = process.env.OPENAI_API_KEY;',
        '  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
        'Project keys look like sk-proj-... and contain T3BlbkFJ in the middle.',
        'fixture: sk-proj-{b64u:60}T3BlbkFJ{b64u:74}',
        'fixture: sk-proj-{b64u:74}{b64u:82}',
      ],
    },
  },
  {
    id: 'openai-admin-key',
    provider: 'OpenAI',
    description: 'OpenAI Admin API key (organization administration)',
    severity: 'high',
    keywords: ['sk-admin-'],
    pattern: `${B}(?<secret>sk-admin-${HALF}T3BlbkFJ${HALF})${E}`,
    prefixes: ['sk-admin-'],
    envVar: 'OPENAI_ADMIN_KEY',
    samples: {
      truePositives: [
        'OPENAI_ADMIN_KEY=sk-admin-{b64u:74}T3BlbkFJ{b64u:74}',
        'admin_client = OpenAI(api_key="sk-admin-{b64u:58}T3BlbkFJ{b64u:58}")',
        '{ "adminKey": "sk-admin-{b64u:74}T3BlbkFJ{b64u:74}" }',
      ],
      falsePositives: [
        'OPENAI_ADMIN_KEY=sk-admin-<redacted>',
        'admin_key = os.environ["OPENAI_ADMIN_KEY"]',
        'fixture: sk-admin-{b64u:40}T3BlbkFJ{b64u:40}',
      ],
    },
  },
  {
    id: 'openai-legacy-api-key',
    provider: 'OpenAI',
    description: 'OpenAI legacy user API key',
    severity: 'high',
    keywords: ['t3blbkfj'],
    pattern: `${B}(?<secret>sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})${E}`,
    prefixes: ['sk-'],
    envVar: 'OPENAI_API_KEY',
    samples: {
      truePositives: [
        'export OPENAI_API_KEY="sk-{alnum:20}T3BlbkFJ{alnum:20}"',
        'openai.api_key = "sk-{alnum:20}T3BlbkFJ{alnum:20}"',
        '  "openai": { "key": "sk-{alnum:20}T3BlbkFJ{alnum:20}" },',
        'config.OpenAIKey = "sk-{alnum:20}T3BlbkFJ{alnum:20}" // Go',
      ],
      falsePositives: [
        'fixture: sk-{alnum:19}T3BlbkFJ{alnum:20}',
        'fixture: sk-{alnum:20}T3BlbkFJ{alnum:21}',
        'openai.api_key = os.getenv("OPENAI_API_KEY")',
        'sk-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx',
      ],
    },
  },
];
