// `api-key-guard demo`: scans a bundled example pull request whose keys are generated now, so
// the repository never holds a key-shaped literal.
import { parseDiff } from '../changes/diff.js';
import type { Locale } from '../report/messages.js';
import { renderText } from '../report/text.js';
import { blocking, scanAll } from '../scan/collect.js';
import { Scanner } from '../scan/engine.js';
import { builtinRules } from '../scan/rules/index.js';
import { expandTemplate, seededRandom } from '../scan/samples.js';
import type { CliIo } from './run.js';

/** The example's keys are sample templates (see src/scan/samples.ts), expanded at run time. */
export const DEMO_DIFF_TEMPLATE = `diff --git a/app/client.py b/app/client.py
index 3b18e51..a1c2d3e 100644
--- a/app/client.py
+++ b/app/client.py
@@ -1,4 +1,10 @@
 import anthropic
+import os
+
+# Works on my machine: paste the key so the demo runs.
+client = anthropic.Anthropic(api_key="sk-ant-api03-{b64u:93}AA")
+fallback = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
 
 def ask(question: str) -> str:
-    return ""
+    return client.messages.create(model="claude-sonnet-4-5", max_tokens=256,
+        messages=[{"role": "user", "content": question}]).content[0].text
diff --git a/.env b/.env
new file mode 100644
index 0000000..5d1e2f0
--- /dev/null
+++ b/.env
@@ -0,0 +1,4 @@
+OPENAI_API_KEY=sk-proj-{b64u:74}T3BlbkFJ{b64u:74}
+GITHUB_TOKEN=ghp_{crc36}
+AWS_ACCESS_KEY_ID=AKIA{base32:16}
+DATABASE_URL=postgres://app:{alnum:18}@db.internal:5432/app
diff --git a/README.md b/README.md
index 1f2e3d4..5a6b7c8 100644
--- a/README.md
+++ b/README.md
@@ -10,2 +10,5 @@ Setup
 Set your key before running:
-    export ANTHROPIC_API_KEY=...
+
+    export ANTHROPIC_API_KEY=your-api-key-here
+    export GITHUB_TOKEN=ghp_{crc36bad}
+    aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE
`;

export async function runDemo(io: CliIo, language: Locale = 'en'): Promise<number> {
  const diffText = expandTemplate(DEMO_DIFF_TEMPLATE, seededRandom(Date.now() % 2 ** 32));
  io.stdout('api-key-guard demo: a sample pull request with keys generated just now.\n');
  io.stdout(
    'It also holds placeholders (your-api-key-here, a bad-checksum token, an AWS example key) that must stay quiet.\n\n',
  );
  const parsed = parseDiff(diffText);
  const { findings, stats } = await scanAll(parsed.files, new Scanner(builtinRules));
  io.stdout(renderText(findings, stats, new Map(builtinRules.map((r) => [r.id, r])), language));
  const failing = blocking(findings, 'medium').length;
  io.stdout(
    `\nA real run would exit with code ${failing ? 1 : 0} (--fail-on medium): ${failing} blocking finding(s).\n`,
  );
  return 0;
}
