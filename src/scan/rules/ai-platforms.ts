import type { Rule } from '../types.js';

export const aiPlatformsRules: Rule[] = [];
