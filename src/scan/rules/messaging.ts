// Email and SMS platforms: SendGrid and Twilio.
import type { Rule } from '../types.js';
import { ASSIGN, B, E, valueAfter } from './syntax.js';

export const messagingRules: Rule[] = [
  {
    id: 'sendgrid-api-key',
    provider: 'SendGrid',
    description: 'SendGrid API key',
    severity: 'high',
    keywords: ['sg.'],
    // `SG.` + 22-character key id + `.` + 43-character secret, both base64url.
    pattern: `${B}(?<secret>SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${E}`,
    prefixes: ['SG.'],
    validators: ['entropy'],
    minEntropy: 4.0,
    envVar: 'SENDGRID_API_KEY',
    samples: {
      truePositives: [
        'SENDGRID_API_KEY=SG.{b64u:22}.{b64u:43}',
        "sgMail.setApiKey('SG.{b64u:22}.{b64u:43}');",
        'sg = SendGridAPIClient("SG.{alnum:22}.{alnum:43}")',
        '    sendgrid_api_key: SG.{b64u:22}.{b64u:43}',
      ],
      falsePositives: [
        'SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'SENDGRID_API_KEY=SG.{b64u:21}.{b64u:43}',
        'sgMail.setApiKey(process.env.SENDGRID_API_KEY);',
        'const MSG.{alnum:22}.{alnum:43} = 1',
      ],
    },
  },
  {
    id: 'twilio-api-key',
    provider: 'Twilio',
    description: 'Twilio API key SID (pairs with its API key secret)',
    severity: 'high',
    keywords: ['sk'],
    // `SK` + 32 lower-case hex. (The account SID, `AC` + 32 hex, identifies an account and is not
    // a secret on its own, so no rule reports it.)
    pattern: `${B}(?<secret>SK[0-9a-f]{32})${E}`,
    prefixes: ['SK'],
    validators: ['entropy'],
    minEntropy: 3.0,
    envVar: 'TWILIO_API_KEY',
    samples: {
      truePositives: [
        'TWILIO_API_KEY=SK{hex:32}',
        "const client = twilio('SK{hex:32}', apiSecret, { accountSid });",
        '  "twilioApiKey": "SK{hex:32}",',
        'client = Client("SK{hex:32}", api_secret, account_sid)',
      ],
      falsePositives: [
        'TWILIO_ACCOUNT_SID=AC{hex:32}',
        'sid = "SK{hex:31}"',
        'sid = "SK{HEX:32}"',
        'TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'TASK{hex:32} = 1',
      ],
    },
  },
  {
    id: 'twilio-auth-token',
    provider: 'Twilio',
    description: 'Twilio auth token',
    severity: 'medium',
    keywords: ['twilio', 'client('],
    // 32 hex digits with no prefix: reported only when assigned to a Twilio name that says auth,
    // token or secret, or passed after an account SID (`twilio('AC…', '…')`, `Client("AC…", "…")`).
    pattern: valueAfter(
      [
        `twilio[\\w.-]{0,40}?(?:auth|token|secret)[\\w-]{0,20}${ASSIGN}`,
        `["']AC[0-9a-f]{32}["'][\\t ]{0,4},[\\t ]{0,4}`,
      ],
      '(?<secret>[0-9a-f]{32})',
    ),
    flags: 'i',
    validators: ['entropy'],
    minEntropy: 3.0,
    envVar: 'TWILIO_AUTH_TOKEN',
    samples: {
      truePositives: [
        'TWILIO_AUTH_TOKEN={hex:32}',
        'twilio_auth_token = "{hex:32}"',
        "const client = require('twilio')('AC{hex:32}', '{hex:32}');",
        'client = Client("AC{hex:32}", "{hex:32}")',
        '  twilioAuthToken: "{hex:32}"',
      ],
      falsePositives: [
        'TWILIO_AUTH_TOKEN=your_auth_token',
        'TWILIO_ACCOUNT_SID=AC{hex:32}',
        'client = Client(account_sid, auth_token)',
        'twilio_auth_token = os.environ["TWILIO_AUTH_TOKEN"]',
        'TWILIO_MESSAGE_SID=SM{hex:32}',
      ],
    },
  },
];
