import type { Rule } from '../types.js';

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

// Only live-mode secret (sk_live_) and restricted (rk_live_) keys are reported. Test-mode keys
// (sk_test_/rk_test_) cannot move money, and publishable keys (pk_live_/pk_test_) are public by
// design: they ship in every Stripe.js page.
export const stripeRules: Rule[] = [
  {
    id: 'stripe-secret-key',
    provider: 'Stripe',
    description: 'Stripe live-mode secret key',
    severity: 'high',
    keywords: ['sk_live_'],
    pattern: `${B}(?<secret>sk_live_[A-Za-z0-9]{24,99})${E}`,
    prefixes: ['sk_live_'],
    envVar: 'STRIPE_SECRET_KEY',
    samples: {
      truePositives: [
        'STRIPE_SECRET_KEY=sk_live_{alnum:24}',
        'stripe.api_key = "sk_live_51{alnum:97}"',
        "const stripe = require('stripe')('sk_live_51{alnum:97}');",
        '  secret_key: "sk_live_{alnum:32}"',
        'sc := stripeclient.New("sk_live_{alnum:99}", nil)',
      ],
      falsePositives: [
        "const stripe = require('stripe')('sk_test_{alnum:24}');",
        "const stripe = Stripe('pk_live_{alnum:99}');",
        'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
        'stripe.api_key = os.environ["STRIPE_SECRET_KEY"]',
        'fixture: sk_live_{alnum:23}',
        'fixture: sk_live_{alnum:100}',
        'Live keys start with sk_live_; never commit them.',
      ],
    },
  },
  {
    id: 'stripe-restricted-key',
    provider: 'Stripe',
    description: 'Stripe live-mode restricted key',
    severity: 'high',
    keywords: ['rk_live_'],
    pattern: `${B}(?<secret>rk_live_[A-Za-z0-9]{24,99})${E}`,
    prefixes: ['rk_live_'],
    envVar: 'STRIPE_RESTRICTED_KEY',
    samples: {
      truePositives: [
        'STRIPE_RESTRICTED_KEY=rk_live_{alnum:24}',
        'stripe.api_key = "rk_live_51{alnum:97}"',
        '  "stripeKey": "rk_live_{alnum:40}",',
      ],
      falsePositives: [
        "const stripe = require('stripe')('rk_test_{alnum:24}');",
        'STRIPE_RESTRICTED_KEY=${STRIPE_RESTRICTED_KEY}',
        'fixture: rk_live_{alnum:12}',
      ],
    },
  },
];
