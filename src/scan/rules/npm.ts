import type { Rule } from '../types.js';

export const npmRules: Rule[] = [];
