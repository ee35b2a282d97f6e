import type { Rule } from '../types.js';

export const githubRules: Rule[] = [];
