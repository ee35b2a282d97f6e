import type { Rule } from '../types.js';

export const awsRules: Rule[] = [];
