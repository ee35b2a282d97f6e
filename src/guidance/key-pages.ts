// Where each provider's keys are revoked and reissued: one row per provider, keyed by the
// `provider` name the rules use. The review, the inline comments and the annotations link here.
// To add a provider: add a row whose key is exactly the rule's `provider` string.
//
// Anthropic: the address is the one Anthropic's article "API Key Best Practices: Keeping Your
// Keys Safe and Secure", section "If a key may be compromised", gives
// (https://support.claude.com/en/articles/9767949-api-key-best-practices-keeping-your-keys-safe-and-secure).
// The older console.anthropic.com/settings/keys address leads to the same page.

export interface KeyPage {
  /** The page where the key is deleted and a new one created. https only. */
  url: string;
  /** What the page is called, shown as the link text, e.g. `Claude Console → API keys`. */
  label: string;
}

export const KEY_PAGES: Readonly<Record<string, KeyPage>> = {
  Anthropic: { url: 'https://platform.claude.com/settings/keys', label: 'Claude Console → API keys' },
  OpenAI: { url: 'https://platform.openai.com/api-keys', label: 'OpenAI Platform → API keys' },
  GitHub: {
    url: 'https://github.com/settings/tokens',
    label: 'GitHub → Settings → Developer settings → Tokens',
  },
  AWS: {
    url: 'https://console.aws.amazon.com/iam/home#/security_credentials',
    label: 'AWS IAM console → Security credentials → Access keys',
  },
  Google: {
    url: 'https://console.cloud.google.com/apis/credentials',
    label: 'Google Cloud console → APIs & Services → Credentials',
  },
  Slack: { url: 'https://api.slack.com/apps', label: 'Slack API → Your apps → OAuth & Permissions' },
  Stripe: { url: 'https://dashboard.stripe.com/apikeys', label: 'Stripe Dashboard → Developers → API keys' },
  'Hugging Face': { url: 'https://huggingface.co/settings/tokens', label: 'Hugging Face → Access Tokens' },
  npm: { url: 'https://docs.npmjs.com/revoking-access-tokens', label: 'npm → Access Tokens (how to revoke)' },
  PyPI: { url: 'https://pypi.org/manage/account/#api-tokens', label: 'PyPI → Account settings → API tokens' },
  GitLab: {
    url: 'https://gitlab.com/-/user_settings/personal_access_tokens',
    label: 'GitLab → Access tokens',
  },
  Groq: { url: 'https://console.groq.com/keys', label: 'GroqCloud console → API Keys' },
  xAI: { url: 'https://console.x.ai', label: 'xAI console → API Keys' },
  'Mistral AI': { url: 'https://console.mistral.ai/api-keys', label: 'Mistral AI Studio → API keys' },
  Cohere: { url: 'https://dashboard.cohere.com/api-keys', label: 'Cohere dashboard → API keys' },
  'Azure OpenAI': {
    url: 'https://portal.azure.com',
    label: 'Azure portal → your resource → Keys and Endpoint → Regenerate',
  },
  SendGrid: { url: 'https://app.sendgrid.com/settings/api_keys', label: 'SendGrid → Settings → API Keys' },
  Twilio: {
    url: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
    label: 'Twilio Console → API keys & tokens',
  },
};

/** The key page for a provider, or undefined (custom rules, private keys, connection URLs). */
export function keyPageFor(provider: string): KeyPage | undefined {
  return Object.hasOwn(KEY_PAGES, provider) ? KEY_PAGES[provider] : undefined;
}
