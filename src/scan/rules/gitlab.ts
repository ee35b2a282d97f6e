import type { Rule } from '../types.js';

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

// Legacy GitLab tokens: prefix + 20 base64url characters. Routable tokens (GitLab 17.x, gitlab.com
// first): prefix + a 27–300 character base64url payload + `.` + optionally a 2-character version and
// `.` + 2 characters of payload length and a 7-character base36 CRC32, e.g. `<payload>.01.<9>`.
// A self-managed instance may change the `glpat-` prefix; those tokens are out of reach here.
const ROUTABLE = '[0-9A-Za-z_-]{27,300}\\.(?:[0-9a-z]{2}\\.)?[0-9a-z]{9}';
const LEGACY = '[0-9A-Za-z_-]{20}';

export const gitlabRules: Rule[] = [
  {
    id: 'gitlab-pat',
    provider: 'GitLab',
    description: 'GitLab personal, project or group access token',
    severity: 'high',
    keywords: ['glpat-'],
    pattern: `${B}(?<secret>glpat-(?:${ROUTABLE}|${LEGACY}))${E}`,
    prefixes: ['glpat-'],
    envVar: 'GITLAB_TOKEN',
    samples: {
      truePositives: [
        'GITLAB_TOKEN=glpat-{b64u:20}',
        'gl = gitlab.Gitlab("https://gitlab.com", private_token="glpat-{b64u:20}")',
        'curl --header "PRIVATE-TOKEN: glpat-{b64u:20}" https://gitlab.com/api/v4/projects',
        '  token: glpat-{b64u:44}.01.{lownum:9}',
        'export GITLAB_TOKEN="glpat-{b64u:38}.{lownum:9}"',
      ],
      falsePositives: [
        'GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx',
        'private_token = os.environ["GITLAB_TOKEN"]',
        '  GITLAB_TOKEN: $GITLAB_TOKEN',
        'fixture: glpat-{b64u:19}',
        'fixture: glpat-{b64u:21}',
        'Personal access tokens start with glpat- (see the GitLab docs).',
      ],
    },
  },
  {
    id: 'gitlab-pipeline-trigger-token',
    provider: 'GitLab',
    description: 'GitLab pipeline trigger token',
    severity: 'high',
    keywords: ['glptt-'],
    pattern: `${B}(?<secret>glptt-[0-9a-f]{40})${E}`,
    prefixes: ['glptt-'],
    envVar: 'GITLAB_TRIGGER_TOKEN',
    samples: {
      truePositives: [
        'curl -X POST -F token=glptt-{hex:40} -F ref=main https://gitlab.com/api/v4/projects/1/trigger/pipeline',
        'TRIGGER_TOKEN=glptt-{hex:40}',
        '  trigger_token: "glptt-{hex:40}"',
      ],
      falsePositives: [
        'fixture: glptt-{hex:39}',
        'curl -X POST -F token=$TRIGGER_TOKEN -F ref=main https://gitlab.com/api/v4/projects/1/trigger/pipeline',
        'fixture: glptt-{alnum:40}',
      ],
    },
  },
  {
    id: 'gitlab-deploy-token',
    provider: 'GitLab',
    description: 'GitLab deploy token',
    severity: 'high',
    keywords: ['gldt-'],
    pattern: `${B}(?<secret>gldt-${LEGACY})${E}`,
    prefixes: ['gldt-'],
    envVar: 'GITLAB_DEPLOY_TOKEN',
    samples: {
      truePositives: [
        'git clone https://gitlab+deploy-token-1:gldt-{b64u:20}@gitlab.com/group/project.git',
        'CI_DEPLOY_PASSWORD=gldt-{b64u:20}',
        '  password: "gldt-{b64u:20}"',
      ],
      falsePositives: [
        'CI_DEPLOY_PASSWORD=gldt-<token>',
        '  password: ${CI_DEPLOY_PASSWORD}',
        'fixture: gldt-{b64u:12}',
      ],
    },
  },
  {
    id: 'gitlab-runner-token',
    provider: 'GitLab',
    description: 'GitLab runner authentication token',
    severity: 'high',
    keywords: ['glrt-'],
    pattern: `${B}(?<secret>glrt-(?:${ROUTABLE}|${LEGACY}))${E}`,
    prefixes: ['glrt-'],
    envVar: 'CI_SERVER_TOKEN',
    samples: {
      truePositives: [
        '  token = "glrt-{b64u:20}"',
        'gitlab-runner register --url https://gitlab.com --token glrt-t1_{b64u:40}.01.{lownum:9}',
        'CI_SERVER_TOKEN=glrt-{b64u:20}',
      ],
      falsePositives: [
        '  token = "glrt-REPLACE_ME_TOKEN_HERE"',
        'gitlab-runner register --url https://gitlab.com --token "$RUNNER_TOKEN"',
        'fixture: glrt-{b64u:24}',
      ],
    },
  },
];
