import type { Rule } from '../types.js';

export const stripeRules: Rule[] = [];
