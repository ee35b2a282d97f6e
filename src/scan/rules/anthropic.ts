import type { Rule } from '../types.js';

// Boundaries: a key is never glued to more key characters on either side.
const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

export const anthropicRules: Rule[] = [
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    description: 'Anthropic API key',
    severity: 'high',
    keywords: ['sk-ant-api03-'],
    pattern: `${B}(?<secret>sk-ant-api03-[A-Za-z0-9_-]{93}AA)${E}`,
    prefixes: ['sk-ant-api03-'],
    envVar: 'ANTHROPIC_API_KEY',
    samples: {
      truePositives: [
        'ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA',
        'client = anthropic.Anthropic(api_key="sk-ant-api03-{b64u:93}AA")',
        '  "apiKey": "sk-ant-api03-{b64u:93}AA",',
        'curl -H "x-api-key: sk-ant-api03-{b64u:93}AA" https://api.anthropic.com/v1/messages',
      ],
      falsePositives: [
        'ANTHROPIC_API_KEY=your-api-key-here',
        'ANTHROPIC_API_KEY=sk-ant-api03-{b64u:92}AA',
        'key = "sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAA"',
        'api_key = os.environ["ANTHROPIC_API_KEY"]',
        'keys look like sk-ant-api03-... and end in AA',
      ],
    },
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    description: 'Anthropic Admin API key',
    severity: 'high',
    keywords: ['sk-ant-admin01-'],
    pattern: `${B}(?<secret>sk-ant-admin01-[A-Za-z0-9_-]{93}AA)${E}`,
    prefixes: ['sk-ant-admin01-'],
    envVar: 'ANTHROPIC_ADMIN_KEY',
    samples: {
      truePositives: [
        'ADMIN_KEY: sk-ant-admin01-{b64u:93}AA',
        "headers['x-api-key'] = 'sk-ant-admin01-{b64u:93}AA'",
      ],
      falsePositives: ['ADMIN_KEY: sk-ant-admin01-{b64u:94}AA', 'ADMIN_KEY: <sk-ant-admin01-...>'],
    },
  },
  {
    id: 'anthropic-oauth-token',
    provider: 'Anthropic',
    description: 'Claude OAuth access or refresh token',
    severity: 'high',
    keywords: ['sk-ant-oat01-', 'sk-ant-ort01-'],
    pattern: `${B}(?<secret>sk-ant-o[ar]t01-[A-Za-z0-9_-]{80,120})${E}`,
    prefixes: ['sk-ant-oat01-', 'sk-ant-ort01-'],
    validators: ['entropy'],
    minEntropy: 4.5,
    envVar: 'CLAUDE_CODE_OAUTH_TOKEN',
    samples: {
      truePositives: ['CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-{b64u:95}', 'refresh: "sk-ant-ort01-{b64u:95}"'],
      falsePositives: [
        'token format is sk-ant-oat01-<random> (about 95 characters)',
        'CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-{b64u:40}',
        'sk-ant-oat01-abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd',
      ],
    },
  },
  {
    id: 'anthropic-session-key',
    provider: 'Anthropic',
    description: 'Claude.ai session key',
    severity: 'high',
    keywords: ['sk-ant-sid01-'],
    pattern: `${B}(?<secret>sk-ant-sid01-[A-Za-z0-9_-]{80,120})${E}`,
    prefixes: ['sk-ant-sid01-'],
    validators: ['entropy'],
    minEntropy: 4.5,
    envVar: 'CLAUDE_SESSION_KEY',
    samples: {
      truePositives: ['sessionKey=sk-ant-sid01-{b64u:95}; Path=/', 'SESSION_KEY = "sk-ant-sid01-{b64u:100}"'],
      falsePositives: ['cookie: sessionKey=sk-ant-sid01-…', 'SESSION_KEY = "sk-ant-sid01-{b64u:20}"'],
    },
  },
];
