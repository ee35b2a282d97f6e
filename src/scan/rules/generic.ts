import type { Rule } from '../types.js';

export const genericRules: Rule[] = [];
