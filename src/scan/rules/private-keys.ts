import type { Rule } from '../types.js';

export const privateKeysRules: Rule[] = [];
