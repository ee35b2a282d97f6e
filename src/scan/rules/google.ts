import type { Rule } from '../types.js';

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

export const googleRules: Rule[] = [
  {
    id: 'google-api-key',
    provider: 'Google',
    // Browser keys (Maps, Firebase web config) are meant to ship to clients but are still
    // billable and abusable unless restricted by referrer/API; server keys grant far more.
    description: 'Google API key (Google Cloud, Maps, Firebase, Gemini)',
    severity: 'high',
    keywords: ['aiza'],
    pattern: `${B}(?<secret>AIza[0-9A-Za-z_-]{35})${E}`,
    prefixes: ['AIza'],
    envVar: 'GOOGLE_API_KEY',
    samples: {
      truePositives: [
        'GOOGLE_API_KEY=AIzaSy{b64u:33}',
        'genai.configure(api_key="AIzaSy{b64u:33}")',
        '  apiKey: "AIzaSy{b64u:33}",',
        '<script src="https://maps.googleapis.com/maps/api/js?key=AIzaSy{b64u:33}&callback=initMap"></script>',
        'gemini_api_key: AIza{b64u:35}',
      ],
      falsePositives: [
        'GOOGLE_API_KEY=AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
        'api_key = os.getenv("GOOGLE_API_KEY")',
        'const apiKey = process.env.GEMINI_API_KEY;',
        'fixture: AIzaSy{b64u:32}',
        'fixture: AIzaSy{b64u:34}',
        'Google API keys start with AIza and are 39 characters long.',
      ],
    },
  },
];
