import type { Rule } from '../types.js';

export const slackRules: Rule[] = [];
