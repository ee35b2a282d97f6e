// The action's pipeline, top to bottom: inputs → the pull request's added lines → scan →
// annotations, summary, outputs → fail the step on blocking findings. The full GitHub
// integration (every commit, reviews, check runs) grows from here.
import * as core from '@actions/core';
import * as github from '@actions/github';
import { parsePatchField } from './changes/diff.js';
import { blocking, FAIL_ON_VALUES, scanAll, type FailOn, type ScannedFile } from './scan/collect.js';
import { Scanner, secretOf } from './scan/engine.js';
import { builtinRules } from './scan/rules/index.js';
import { adviceLine } from './guidance/advice.js';

function readFailOn(): FailOn {
  const value = core.getInput('fail-on') || 'medium';
  if (!(FAIL_ON_VALUES as readonly string[]).includes(value))
    throw new Error(`input 'fail-on': '${value}' is not one of ${FAIL_ON_VALUES.join(', ')}`);
  return value as FailOn;
}

async function* pullRequestFiles(token: string): AsyncIterable<ScannedFile> {
  const { owner, repo } = github.context.repo;
  const pull_number = github.context.payload.pull_request!.number;
  const octokit = github.getOctokit(token);
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number,
    per_page: 100,
  })) {
    for (const file of page.data) {
      if (file.status === 'removed') continue;
      if (file.patch === undefined) {
        yield { path: file.filename, lines: [], status: 'binary' };
        continue;
      }
      yield { path: file.filename, lines: parsePatchField(file.patch), source: 'diff' };
    }
  }
}

export async function run(): Promise<void> {
  try {
    const failOn = readFailOn();
    const event = github.context.eventName;
    if (event !== 'pull_request' && event !== 'pull_request_target') {
      core.notice(
        `api-key-guard: the '${event}' event is not scanned; use pull_request or pull_request_target.`,
      );
      return;
    }
    const token = core.getInput('github-token', { required: true });
    const { findings, stats } = await scanAll(pullRequestFiles(token), new Scanner(builtinRules));
    const rules = new Map(builtinRules.map((r) => [r.id, r]));
    for (const f of findings) {
      const secret = secretOf(f);
      if (secret) core.setSecret(secret);
    }
    for (const f of findings) {
      core.error(`${f.provider} ${f.description} (${f.redacted}). ${adviceLine(f, rules.get(f.ruleId))}`, {
        title: `api-key-guard: ${f.ruleId}`,
        file: f.path,
        startLine: f.line,
        startColumn: f.column,
      });
    }
    const failing = blocking(findings, failOn);
    core.setOutput('findings', findings.length);
    core.setOutput('blocking', failing.length);
    await core.summary
      .addHeading('API Key Guard', 2)
      .addRaw(
        `${findings.length} finding(s), ${failing.length} blocking, in ${stats.files} file(s) and ${stats.addedLines} added line(s).`,
      )
      .write();
    if (failing.length)
      core.setFailed(
        `${failing.length} API key(s) found at or above '${failOn}': revoke them, then move them to secrets.`,
      );
  } catch (err) {
    core.setFailed(`api-key-guard: ${(err as Error).message}`);
  }
}
