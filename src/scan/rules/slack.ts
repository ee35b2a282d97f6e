import type { Rule } from '../types.js';

// Slack tokens are hyphen-separated: `-` ends a token body, so it is not a boundary character here.
const B = '(?<![A-Za-z0-9_.-])';
const E = '(?![A-Za-z0-9_])';

export const slackRules: Rule[] = [
  {
    id: 'slack-bot-token',
    provider: 'Slack',
    // xoxb-<team id>-<bot user id>-<24 alnum>; legacy bot tokens lack the second number.
    description: 'Slack bot token',
    severity: 'high',
    keywords: ['xoxb-'],
    pattern: `${B}(?<secret>xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,34})${E}`,
    prefixes: ['xoxb-'],
    envVar: 'SLACK_BOT_TOKEN',
    samples: {
      truePositives: [
        'SLACK_BOT_TOKEN=xoxb-{digits:12}-{digits:13}-{alnum:24}',
        'app = App(token="xoxb-{digits:13}-{digits:13}-{alnum:24}")',
        '  bot_token: "xoxb-{digits:11}-{alnum:24}"',
        'const web = new WebClient("xoxb-{digits:12}-{digits:12}-{alnum:24}");',
      ],
      falsePositives: [
        'SLACK_BOT_TOKEN=xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx',
        'app = App(token=os.environ["SLACK_BOT_TOKEN"])',
        '  SLACK_BOT_TOKEN: ${{ secrets.SLACK_BOT_TOKEN }}',
        'Bot tokens start with xoxb- (see api.slack.com/authentication/token-types).',
        'fixture: xoxb-{digits:12}-{alnum:12}',
      ],
    },
  },
  {
    id: 'slack-user-token',
    provider: 'Slack',
    // xoxp-<team>-<user>-<app/grant>-<32 hex>; the same shape appears with xoxe- for rotated tokens.
    description: 'Slack user token',
    severity: 'high',
    keywords: ['xoxp-', 'xoxe-'],
    pattern: `${B}(?<secret>xox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{28,34})${E}`,
    prefixes: ['xoxp-', 'xoxe-'],
    envVar: 'SLACK_USER_TOKEN',
    samples: {
      truePositives: [
        'SLACK_USER_TOKEN=xoxp-{digits:12}-{digits:12}-{digits:13}-{hex:32}',
        'client = WebClient(token="xoxp-{digits:11}-{digits:10}-{digits:11}-{hex:32}")',
        '  "user_token": "xoxe-{digits:13}-{digits:13}-{digits:13}-{hex:32}",',
      ],
      falsePositives: [
        'SLACK_USER_TOKEN=xoxp-1234-1234-1234-abcd',
        'token = os.getenv("SLACK_USER_TOKEN")',
        'fixture: xoxp-{digits:12}-{digits:12}-{digits:13}',
      ],
    },
  },
  {
    id: 'slack-app-token',
    provider: 'Slack',
    description: 'Slack app-level token (Socket Mode)',
    severity: 'high',
    keywords: ['xapp-'],
    pattern: `${B}(?<secret>xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{10,16}-[A-Za-z0-9]{32,80})${E}`,
    prefixes: ['xapp-'],
    envVar: 'SLACK_APP_TOKEN',
    samples: {
      truePositives: [
        'SLACK_APP_TOKEN=xapp-1-A{upnum:10}-{digits:13}-{hex:64}',
        'handler = SocketModeHandler(app, "xapp-1-A{upnum:10}-{digits:13}-{hex:64}")',
        '  appToken: "xapp-1-A{upnum:10}-{digits:13}-{hex:64}",',
      ],
      falsePositives: [
        'SLACK_APP_TOKEN=xapp-1-...',
        'handler = SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"])',
        'fixture: xapp-1-A{upnum:10}-{digits:13}',
      ],
    },
  },
  {
    id: 'slack-config-token',
    provider: 'Slack',
    // App configuration tokens: access `xoxe.xoxp-1-…` / `xoxe.xoxb-1-…` and refresh `xoxe-1-…`.
    description: 'Slack app configuration access or refresh token',
    severity: 'high',
    keywords: ['xoxe.xoxp-', 'xoxe.xoxb-', 'xoxe-'],
    pattern: `${B}(?<secret>xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,200})${E}`,
    prefixes: ['xoxe.xoxp-', 'xoxe.xoxb-', 'xoxe-'],
    validators: ['entropy'],
    minEntropy: 4.5,
    envVar: 'SLACK_CONFIG_TOKEN',
    samples: {
      truePositives: [
        'SLACK_CONFIG_TOKEN=xoxe.xoxp-1-{alnum:163}',
        '  "refresh_token": "xoxe-1-{alnum:146}",',
        'config_token = "xoxe.xoxb-1-{alnum:165}"',
      ],
      falsePositives: [
        'SLACK_CONFIG_TOKEN=xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere',
        'fixture: xoxe-1-{alnum:100}',
        'refresh_token = os.environ["SLACK_CONFIG_REFRESH_TOKEN"]',
      ],
    },
  },
  {
    id: 'slack-workspace-token',
    provider: 'Slack',
    // Deprecated workspace-app access (xoxa-) and refresh (xoxr-) tokens. Few public examples, so
    // the shape is loose (a number segment, then hyphenated alphanumerics): medium.
    description: 'Slack legacy workspace access or refresh token',
    severity: 'medium',
    keywords: ['xoxa-', 'xoxr-'],
    pattern: `${B}(?<secret>xox[ar]-(?:[0-9]-)?[0-9]{6,14}-[A-Za-z0-9][A-Za-z0-9-]{14,160}[A-Za-z0-9])${E}`,
    prefixes: ['xoxa-', 'xoxr-'],
    validators: ['entropy'],
    minEntropy: 3.0,
    envVar: 'SLACK_TOKEN',
    samples: {
      truePositives: [
        'SLACK_TOKEN=xoxa-2-{digits:9}-{digits:11}-{digits:13}-{hex:18}',
        '  "access_token": "xoxa-2-{digits:12}-{digits:12}-{digits:12}-{hex:32}",',
        "refresh = 'xoxr-{digits:12}-{alnum:40}'",
      ],
      falsePositives: [
        'See https://github.com/xoxa-nyc/xoxa-nyc.github.io for the meetup.',
        'SLACK_TOKEN=xoxa-2-xxxxxxxxx',
        'token = os.getenv("SLACK_TOKEN")',
      ],
    },
  },
  {
    id: 'slack-webhook-url',
    provider: 'Slack',
    // Incoming webhooks (services/T…/B…/<24>), Workflow Builder webhooks (workflows/T…/A…/<n>/<24>)
    // and workflow triggers (triggers/T…/<n>/<32 hex>). Anyone holding the URL can post.
    description: 'Slack webhook URL',
    severity: 'high',
    keywords: ['hooks.slack.com/'],
    pattern:
      '(?<![A-Za-z0-9_.-])(?<secret>(?:https?://)?hooks\\.slack\\.com/(?:' +
      'services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}' +
      '|workflows/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/[0-9]{12,20}/[A-Za-z0-9]{24,32}' +
      '|triggers/T[A-Z0-9]{8,12}/[0-9]{10,16}/[A-Za-z0-9]{32}' +
      '))(?![A-Za-z0-9_-])',
    prefixes: [
      'hooks.slack.com/services/',
      'https://hooks.slack.com/services/',
      'hooks.slack.com/workflows/',
      'https://hooks.slack.com/workflows/',
      'hooks.slack.com/triggers/',
      'https://hooks.slack.com/triggers/',
    ],
    envVar: 'SLACK_WEBHOOK_URL',
    samples: {
      truePositives: [
        'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T{upnum:10}/B{upnum:10}/{alnum:24}',
        'requests.post("https://hooks.slack.com/services/T{upnum:8}/B{upnum:10}/{alnum:24}", json=payload)',
        '  webhook_url: hooks.slack.com/services/T{upnum:10}/B{upnum:11}/{alnum:24}',
        'const hook = "https://hooks.slack.com/triggers/T{upnum:10}/{digits:13}/{hex:32}";',
        'curl -X POST https://hooks.slack.com/workflows/T{upnum:10}/A{upnum:10}/{digits:18}/{alnum:24} -d @msg.json',
      ],
      falsePositives: [
        'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
        'webhook_url = os.environ["SLACK_WEBHOOK_URL"]',
        '  SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}',
        'Incoming webhook URLs look like https://hooks.slack.com/services/T.../B.../...',
        'fixture: https://hooks.slack.com/services/T{upnum:10}/B{upnum:10}/{alnum:20}',
      ],
    },
  },
];
