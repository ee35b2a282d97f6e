import type { Rule } from '../types.js';

export const openaiRules: Rule[] = [];
