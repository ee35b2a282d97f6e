import type { Rule } from '../types.js';

export const urlCredentialsRules: Rule[] = [];
