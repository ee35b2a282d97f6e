import type { Rule } from '../types.js';

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

// GitHub's 2021 token format: a type prefix, then 30 random base62 characters and the CRC32 of
// those 30, base62-encoded in 6 characters. The checksum makes a random-looking near-miss (a
// test fixture, a hash) almost never pass, so a valid checksum is required.
function classicToken(id: string, prefix: string, description: string, envVar: string): Rule {
  return {
    id,
    provider: 'GitHub',
    description,
    severity: 'high',
    keywords: [prefix],
    pattern: `${B}(?<secret>${prefix}[A-Za-z0-9]{36})${E}`,
    prefixes: [prefix],
    validators: ['github-checksum'],
    envVar,
    samples: { truePositives: [], falsePositives: [] },
  };
}

export const githubRules: Rule[] = [
  {
    ...classicToken('github-pat', 'ghp_', 'GitHub personal access token (classic)', 'GITHUB_TOKEN'),
    samples: {
      truePositives: [
        'GITHUB_TOKEN=ghp_{crc36}',
        'git clone https://x-access-token:ghp_{crc36}@github.com/org/repo.git',
        '  token: "ghp_{crc36}"',
        'gh = Github("ghp_{crc36}")',
        'client := github.NewClient(nil).WithAuthToken("ghp_{crc36}")',
      ],
      falsePositives: [
        'fixture: ghp_{crc36bad}',
        `GITHUB_TOKEN=ghp_${'x'.repeat(36)}`,
        '  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
        'token = os.getenv("GH_TOKEN")',
        'fixture: ghp_{alnum:35}',
        'Classic tokens start with ghp_ followed by 36 characters.',
      ],
    },
  },
  {
    ...classicToken('github-oauth-token', 'gho_', 'GitHub OAuth app access token', 'GITHUB_TOKEN'),
    samples: {
      truePositives: [
        'access_token=gho_{crc36}&scope=repo&token_type=bearer',
        '{"oauth_token": "gho_{crc36}"}',
        'export GH_TOKEN=gho_{crc36}',
      ],
      falsePositives: [
        'fixture: gho_{crc36bad}',
        'const token = process.env.GH_OAUTH_TOKEN;',
        'fixture: gho_{alnum:37}',
      ],
    },
  },
  {
    ...classicToken('github-app-user-token', 'ghu_', 'GitHub App user-to-server token', 'GITHUB_TOKEN'),
    samples: {
      truePositives: [
        'Authorization: Bearer ghu_{crc36}',
        'user_token = "ghu_{crc36}"',
        '  "token": "ghu_{crc36}",',
      ],
      falsePositives: ['fixture: ghu_{crc36bad}', 'user_token = os.environ["GH_USER_TOKEN"]', 'ghu_<token>'],
    },
  },
  {
    ...classicToken(
      'github-app-installation-token',
      'ghs_',
      'GitHub App installation (server-to-server) token',
      'GITHUB_TOKEN',
    ),
    samples: {
      truePositives: [
        'GITHUB_TOKEN: ghs_{crc36}',
        'git remote set-url origin https://x-access-token:ghs_{crc36}@github.com/org/repo',
        'installationToken := "ghs_{crc36}"',
      ],
      falsePositives: [
        'fixture: ghs_{crc36bad}',
        '  token: ${{ steps.app.outputs.token }}',
        'fixture: ghs_{alnum:30}',
      ],
    },
  },
  {
    id: 'github-app-installation-token-jwt',
    provider: 'GitHub',
    // The stateless installation-token format GitHub began rolling out in April 2026 (changelog
    // 2026-04-24, "new format for GitHub App installation tokens"): ghs_<app id>_<JWT>, about 520
    // characters. No CRC32: the JWT is signed by GitHub and clients must not validate it, so the
    // JWT shape (a JSON header segment `eyJ…`, then two more base64url segments) carries the rule.
    description: 'GitHub App installation token (stateless JWT format)',
    severity: 'high',
    keywords: ['ghs_'],
    pattern: `${B}(?<secret>ghs_(?:[0-9]{1,12}_)?eyJ[A-Za-z0-9_-]{5,500}\\.[A-Za-z0-9_-]{5,2000}\\.[A-Za-z0-9_-]{16,1000})${E}`,
    prefixes: ['ghs_'],
    validators: ['entropy'],
    minEntropy: 4.5,
    envVar: 'GITHUB_TOKEN',
    samples: {
      truePositives: [
        'GITHUB_TOKEN=ghs_{digits:7}_eyJ{b64u:33}.eyJ{b64u:280}.{b64u:171}',
        'git clone https://x-access-token:ghs_{digits:6}_eyJ{b64u:33}.eyJ{b64u:300}.{b64u:342}@github.com/org/repo',
        '  "token": "ghs_{digits:7}_eyJ{b64u:40}.eyJ{b64u:250}.{b64u:86}",',
      ],
      falsePositives: [
        '  token: ${{ github.token }}',
        'New installation tokens look like ghs_<app id>_<JWT>.',
        'fixture: ghs_{digits:7}_eyJ{b64u:33}',
        'fixture: ghs_{digits:7}_{b64u:33}.{b64u:280}.{b64u:171}',
      ],
    },
  },
  {
    ...classicToken('github-refresh-token', 'ghr_', 'GitHub App refresh token', 'GITHUB_REFRESH_TOKEN'),
    samples: {
      truePositives: [
        'refresh_token=ghr_{crc36}&expires_in=15811200',
        '{"refresh_token": "ghr_{crc36}"}',
        'GITHUB_REFRESH_TOKEN=ghr_{crc36}',
      ],
      falsePositives: ['fixture: ghr_{crc36bad}', 'refresh = os.getenv("GITHUB_REFRESH_TOKEN")', 'ghr_...'],
    },
  },
  {
    id: 'github-fine-grained-pat',
    provider: 'GitHub',
    // github_pat_ + 22 base62 (id part) + _ + 59 base62; GitHub documents no public checksum.
    description: 'GitHub fine-grained personal access token',
    severity: 'high',
    keywords: ['github_pat_'],
    pattern: `${B}(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`,
    prefixes: ['github_pat_'],
    validators: ['entropy'],
    minEntropy: 4.5,
    envVar: 'GITHUB_TOKEN',
    samples: {
      truePositives: [
        'GITHUB_TOKEN=github_pat_11{upnum:20}_{alnum:59}',
        '  token: "github_pat_{alnum:22}_{alnum:59}"',
        'auth = Auth.Token("github_pat_11{upnum:20}_{alnum:59}")',
        'curl -H "Authorization: Bearer github_pat_{alnum:22}_{alnum:59}" https://api.github.com/user',
      ],
      falsePositives: [
        'GITHUB_TOKEN=github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'fixture: github_pat_{alnum:22}_{alnum:58}',
        'fixture: github_pat_{alnum:82}',
        '  GITHUB_TOKEN: ${{ secrets.GH_PAT }}',
        'Fine-grained tokens start with github_pat_.',
      ],
    },
  },
];
