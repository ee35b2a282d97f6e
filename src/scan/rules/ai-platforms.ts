// AI platforms other than Anthropic, OpenAI and Google. Prefixed keys (Hugging Face, Groq, xAI,
// the 84-character Azure AI services keys) are matched on their own; keys with no prefix
// (Mistral, Cohere, classic Azure OpenAI) only where the line names the provider.
import type { Rule } from '../types.js';
import { ASSIGN, B, E, nameAssigned, valueAfter } from './syntax.js';

// A constructor call whose first argument, or whose `api_key=` / `apiKey:` / `token:` option, is
// the key: `Mistral(api_key="…")`, `new CohereClient({ token: "…" })`, `cohere.Client("…")`.
function constructorArg(callee: string, options: string): string {
  return `${callee}\\((?:[\\t ]*\\{)?[\\t ]*(?:(?:${options})${ASSIGN})?`;
}

export const aiPlatformsRules: Rule[] = [
  {
    id: 'huggingface-token',
    provider: 'Hugging Face',
    description: 'Hugging Face user access token or organization API token',
    severity: 'high',
    keywords: ['hf_', 'api_org_'],
    // `hf_` + 34 letters (user tokens), `api_org_` + 34 letters (legacy organization tokens).
    pattern: `${B}(?<secret>(?:hf_|api_org_)[A-Za-z]{34})${E}`,
    prefixes: ['hf_', 'api_org_'],
    validators: ['entropy'],
    minEntropy: 4.0,
    envVar: 'HF_TOKEN',
    samples: {
      truePositives: [
        'HF_TOKEN=hf_{lower:10}{upper:12}{lower:12}',
        'login(token="hf_{upper:17}{lower:17}")',
        '  "hf_token": "api_org_{lower:17}{upper:17}",',
        'curl -H "Authorization: Bearer hf_{upper:10}{lower:24}" https://huggingface.co/api/whoami-v2',
      ],
      falsePositives: [
        'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'HF_TOKEN=hf_{lower:33}',
        'HF_TOKEN=hf_{lower:20}{digits:14}',
        'tokens start with hf_ followed by 34 letters',
        'def hf_{lower:34}_helper(): pass',
      ],
    },
  },
  {
    id: 'groq-api-key',
    provider: 'Groq',
    description: 'Groq API key',
    severity: 'high',
    keywords: ['gsk_'],
    pattern: `${B}(?<secret>gsk_[A-Za-z0-9]{52})${E}`,
    prefixes: ['gsk_'],
    validators: ['entropy'],
    minEntropy: 4.0,
    envVar: 'GROQ_API_KEY',
    samples: {
      truePositives: [
        'GROQ_API_KEY=gsk_{alnum:52}',
        'client = Groq(api_key="gsk_{alnum:52}")',
        "const groq = new Groq({ apiKey: 'gsk_{alnum:52}' });",
        '    groq_api_key: gsk_{alnum:52}',
      ],
      falsePositives: [
        'GROQ_API_KEY=gsk_{alnum:51}',
        'GROQ_API_KEY=gsk_your_groq_api_key_here',
        'GROQ_API_KEY=gsk_{alnum:52}{alnum:1}',
        'client = Groq(api_key=os.environ.get("GROQ_API_KEY"))',
      ],
    },
  },
  {
    id: 'xai-api-key',
    provider: 'xAI',
    description: 'xAI (Grok) API key',
    severity: 'high',
    keywords: ['xai-'],
    pattern: `${B}(?<secret>xai-[A-Za-z0-9_]{80})${E}`,
    prefixes: ['xai-'],
    validators: ['entropy'],
    minEntropy: 4.0,
    envVar: 'XAI_API_KEY',
    samples: {
      truePositives: [
        'XAI_API_KEY=xai-{alnum:80}',
        'client = OpenAI(api_key="xai-{alnum:80}", base_url="https://api.x.ai/v1")',
        '  "xaiKey": "xai-{alnum:40}_{alnum:39}",',
        'export XAI_API_KEY="xai-{alnum:80}"',
      ],
      falsePositives: [
        'XAI_API_KEY=xai-{alnum:79}',
        'XAI_API_KEY="xai-..."',
        'model: xai-grok-{lower:4}-{digits:4}',
        'XAI_API_KEY=xai-{alnum:81}',
      ],
    },
  },
  {
    id: 'mistral-api-key',
    provider: 'Mistral AI',
    description: 'Mistral AI API key',
    severity: 'medium',
    keywords: ['mistral'],
    // No prefix: 32 alphanumerics, reported only when assigned to a name containing `mistral` or
    // passed to a Mistral client constructor on the same line.
    pattern: valueAfter(
      [nameAssigned('mistral'), constructorArg('mistral(?:client)?', 'api_?key')],
      '(?<secret>[A-Za-z0-9]{32})',
    ),
    flags: 'i',
    validators: ['entropy'],
    minEntropy: 4.0,
    envVar: 'MISTRAL_API_KEY',
    samples: {
      truePositives: [
        'MISTRAL_API_KEY={alnum:32}',
        'mistral_api_key = "{alnum:32}"',
        'client = Mistral(api_key="{alnum:32}")',
        "const mistral = new Mistral({ apiKey: '{alnum:32}' });",
        '  mistralApiKey: {alnum:32}',
        '    <string name="mistral_api_key">{alnum:32}</string>',
        '    "MISTRAL_API_KEY = \\"{alnum:32}\\"\\n",',
      ],
      falsePositives: [
        'MISTRAL_API_KEY=your-mistral-key-here',
        'mistral_api_key = os.environ["MISTRAL_API_KEY"]',
        'model_digest = "{alnum:32}"  # not a mistral name',
        'MISTRAL_MODEL=mistral-large-latest',
        'mistral_checksum = "{hex:32}"',
      ],
    },
  },
  {
    id: 'cohere-api-key',
    provider: 'Cohere',
    description: 'Cohere API key',
    severity: 'medium',
    keywords: ['cohere', 'co_api_key'],
    // No prefix: 40 alphanumerics, reported only when assigned to a name containing `cohere` (or
    // the SDK's own `CO_API_KEY`) or passed to a Cohere client (`cohere.Client("…")`, `new CohereClient({ token: "…" })`).
    pattern: valueAfter(
      [
        nameAssigned('(?:cohere|(?<![a-z0-9])co_api_key)'),
        constructorArg('cohere(?:\\.(?:async)?client(?:v2)?|client(?:v2)?)', 'api_?key|token'),
      ],
      '(?<secret>[A-Za-z0-9]{40})',
    ),
    flags: 'i',
    validators: ['entropy'],
    minEntropy: 4.0,
    envVar: 'CO_API_KEY',
    samples: {
      truePositives: [
        'COHERE_API_KEY={alnum:40}',
        'co = cohere.Client("{alnum:40}")',
        'co = cohere.ClientV2(api_key="{alnum:40}")',
        "const cohere = new CohereClient({ token: '{alnum:40}' });",
        '  "cohereApiKey": "{alnum:40}",',
        'export CO_API_KEY="{alnum:40}"',
      ],
      falsePositives: [
        'COHERE_API_KEY=<your-cohere-api-key>',
        'co = cohere.Client(os.environ["CO_API_KEY"])',
        'commit = "{hex:40}"',
        'cohere_commit = "{hex:40}"',
        'cohere_model = "command-r-plus-08-2024"',
      ],
    },
  },
  {
    id: 'azure-openai-api-key',
    provider: 'Azure OpenAI',
    description: 'Azure OpenAI / Azure AI services key (32-character hex)',
    severity: 'medium',
    keywords: ['azure', 'ocp-apim-subscription-key'],
    // Classic Cognitive Services keys are 32 hex digits: reported only next to an Azure name, an
    // Azure client constructor, the `Ocp-Apim-Subscription-Key` header, or an `api-key` header on
    // a line that mentions Azure (`curl https://x.openai.azure.com/… -H "api-key: …"`).
    pattern: valueAfter(
      [
        `azure[\\w.-]{0,40}?(?:key|token|secret)[\\w-]{0,10}${ASSIGN}`,
        `ocp-apim-subscription-key${ASSIGN}`,
        `azure\\w{0,30}\\((?:[\\t ]*\\{)?(?:[^()]{0,300}?(?:api_?key|credential|subscription_?key)${ASSIGN})?[\\t ]*`,
        // The literal comes first so the look-arounds run only where `api-key` stands.
        `api-key(?:(?<=azure.{0,400}api-key)|(?=.{0,400}azure))${ASSIGN}`,
      ],
      '(?<secret>[0-9a-f]{32})',
    ),
    flags: 'i',
    validators: ['entropy'],
    minEntropy: 3.0,
    envVar: 'AZURE_OPENAI_API_KEY',
    samples: {
      truePositives: [
        'AZURE_OPENAI_API_KEY={hex:32}',
        'client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com/", api_key="{hex:32}", api_version="2024-02-01")',
        'credential = AzureKeyCredential("{hex:32}")',
        'curl "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions" -H "api-key: {hex:32}"',
        '  "Ocp-Apim-Subscription-Key": "{HEX:32}",',
      ],
      falsePositives: [
        'AZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}',
        'AZURE_SUBSCRIPTION_ID={hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}',
        'build_hash = "{hex:32}"',
        'curl https://api.example.com -H "api-key: {hex:32}"',
        'AZURE_OPENAI_API_KEY=<your-azure-openai-key>',
      ],
    },
  },
  {
    id: 'azure-ai-services-key',
    provider: 'Azure OpenAI',
    description: 'Azure OpenAI / Azure AI services key (84-character identifiable format)',
    severity: 'high',
    keywords: ['jqqj99'],
    // Since 2024 Azure AI services issue 84-character keys: 52 random characters, the fixed
    // signature `JQQJ99`, 18 characters (region and date tags), `ACOG` (Cognitive Services) and 4
    // more. The signature is specific enough to match without a keyword.
    pattern: `${B}(?<secret>[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{18}ACOG[A-Za-z0-9]{4})${E}`,
    validators: ['entropy'],
    minEntropy: 4.0,
    envVar: 'AZURE_OPENAI_API_KEY',
    samples: {
      truePositives: [
        'AZURE_OPENAI_API_KEY={alnum:52}JQQJ99{upper:2}AC{alnum:5}XJ3w3AAA{upper:1}ACOG{alnum:4}',
        'client = AzureOpenAI(api_key="{alnum:52}JQQJ99{upper:2}AC{alnum:5}XJ3w3AAA{upper:1}ACOG{alnum:4}")',
        '  speech_key: "{alnum:52}JQQJ99{upper:2}AC{alnum:5}XJ3w3AAA{upper:1}ACOG{alnum:4}"',
      ],
      falsePositives: [
        '  "fixture": "{alnum:51}JQQJ99{upper:2}AC{alnum:5}XJ3w3AAA{upper:1}ACOG{alnum:4}",',
        '  "fixture": "{alnum:52}JQQJ99{upper:2}AC{alnum:5}XJ3w3AAA{upper:1}ACOG{alnum:5}",',
        'keys contain the JQQJ99 signature and the ACOG service tag',
        'AZURE_OPENAI_API_KEY=<{alnum:52}JQQJ99...ACOG>',
      ],
    },
  },
];
