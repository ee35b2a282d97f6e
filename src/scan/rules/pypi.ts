import type { Rule } from '../types.js';

export const pypiRules: Rule[] = [];
