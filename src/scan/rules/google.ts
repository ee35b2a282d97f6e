import type { Rule } from '../types.js';

export const googleRules: Rule[] = [];
