import type { Rule } from '../types.js';

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

export const npmRules: Rule[] = [
  {
    id: 'npm-access-token',
    provider: 'npm',
    // npm adopted GitHub's token format in 2021: npm_ + 30 random base62 + 6-character CRC32.
    description: 'npm access token',
    severity: 'high',
    keywords: ['npm_'],
    pattern: `${B}(?<secret>npm_[A-Za-z0-9]{36})${E}`,
    prefixes: ['npm_'],
    validators: ['npm-checksum'],
    envVar: 'NPM_TOKEN',
    samples: {
      truePositives: [
        '//registry.npmjs.org/:_authToken=npm_{crc36}',
        'NPM_TOKEN=npm_{crc36}',
        '  NODE_AUTH_TOKEN: npm_{crc36}',
        'RUN echo "//registry.npmjs.org/:_authToken=npm_{crc36}" > ~/.npmrc',
      ],
      falsePositives: [
        'fixture: npm_{crc36bad}',
        '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
        '  NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
        'fixture: npm_{alnum:35}',
        'npm_config_registry=https://registry.npmjs.org/',
      ],
    },
  },
];
