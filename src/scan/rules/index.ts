// The built-in rule catalogue, Anthropic first. Each family lives in its own file as plain data.
import type { Rule } from '../types.js';
import { anthropicRules } from './anthropic.js';
import { openaiRules } from './openai.js';
import { googleRules } from './google.js';
import { awsRules } from './aws.js';
import { githubRules } from './github.js';
import { gitlabRules } from './gitlab.js';
import { npmRules } from './npm.js';
import { pypiRules } from './pypi.js';
import { slackRules } from './slack.js';
import { stripeRules } from './stripe.js';
import { aiPlatformsRules } from './ai-platforms.js';
import { messagingRules } from './messaging.js';
import { privateKeysRules } from './private-keys.js';
import { urlCredentialsRules } from './url-credentials.js';
import { genericRules } from './generic.js';

export const builtinRules: readonly Rule[] = [
  ...anthropicRules,
  ...openaiRules,
  ...googleRules,
  ...awsRules,
  ...githubRules,
  ...gitlabRules,
  ...npmRules,
  ...pypiRules,
  ...slackRules,
  ...stripeRules,
  ...aiPlatformsRules,
  ...messagingRules,
  ...privateKeysRules,
  ...urlCredentialsRules,
  ...genericRules,
];
