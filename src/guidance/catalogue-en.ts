// The remediation catalogue in English. Citations are in catalogue.ts (CITATIONS).
import type { ArticleSection, Guidance } from './catalogue.js';

const SECTION_TITLES: Record<Exclude<ArticleSection, number>, string> = {
  compromised: '“If a key may be compromised”',
  partnership: '“GitHub partnership”',
};

const DELETING_IS_NOT_ENOUGH = {
  commit: ' Removing it is not enough once the commit is pushed: the commit keeps it.',
  text: ' It was posted where others can read it, so treat it as leaked.',
  none: '',
} as const;

export const guidanceEn: Guidance = {
  cite: (sections) =>
    `article ${sections.map((s) => (typeof s === 'number' ? `§${s}` : SECTION_TITLES[s])).join(', ')}`,
  projectCite: "api-key-guard's reasoning about git history",

  now: {
    revoke: (f, { inCommits }) =>
      `${f.strong('Revoke each exposed key and issue a new one, before anything else.')} ` +
      (inCommits
        ? 'Deleting the line is not enough: the key is already in a pushed commit, so treat it as exposed.'
        : 'It was posted where others can read it, so treat it as exposed.'),
    discussion: (f) =>
      `${f.strong("Edit the key out of the pull request's title, description or comment.")} GitHub keeps the edit history, where anyone who can read the pull request still sees the old text: that is why revoking comes first.`,
    'untrack-file': (f, { command, files, dotenv }) =>
      `${f.strong(`Take the committed secret ${files === 1 ? 'file' : 'files'} out of git:`)} run ${command}, then add ${files === 1 ? 'it' : 'them'} to ${f.code('.gitignore')} so ${files === 1 ? 'it cannot be' : 'they cannot be'} committed again.` +
      (dotenv
        ? ` Share the variable names through a ${f.code('.env.example')} holding placeholders only.`
        : ''),
    'ci-secret': (f, { files, reference }) =>
      `${f.strong("Use the CI's encrypted secrets in CI configuration.")} Store the new key as a secret in the CI settings and refer to it by name in ${files}, e.g. ${reference}; never write the value into the file.`,
    'docker-build': (f, { buildSecret, runtime }) =>
      `${f.strong('In a Dockerfile, keep the key out of ENV and ARG:')} both stay readable in the image and its history. Give it to the one step that needs it as a build secret (${buildSecret}), or to the container when it starts (${runtime}).`,
    environment: (f, { envVars }) =>
      `${f.strong('Keep the new key in a secret, never in the code.')} Read it from an environment variable (${envVars}) and fill that variable from a secret store where the code runs: AWS Secrets Manager, Google Secret Manager, Azure Key Vault, your host's environment settings, or a repository secret in GitHub Actions.`,
    history: (f) =>
      `${f.strong('Then keep the key out of the default branch.')} The commits that added it stay in the branch history, and in forks, after the line is gone: rewrite them (${f.code('git rebase -i')}, then force-push) or squash-merge.`,
  },

  line: {
    revoke: (_f, { provider, keyPage, exposure, wholeFile }) =>
      (wholeFile
        ? 'Revoke every key and password this file holds, each where it was issued, and issue new ones.'
        : keyPage
          ? `Revoke this ${provider} key now at ${keyPage} and issue a new one.`
          : 'Revoke this credential now where it was issued (or change the password) and issue a new one.') +
      DELETING_IS_NOT_ENOUGH[exposure],
    discussion: () =>
      'Edit the key out of the text. GitHub keeps the edit history, so the old text stays readable: revoke first.',
    'untrack-file': (f, { file, command, ignoreEntry, dotenv }) =>
      dotenv
        ? `Take ${file} out of git with ${command}, add ${ignoreEntry} to ${f.code('.gitignore')}, and commit a ${f.code('.env.example')} with placeholders instead.`
        : `Remove the file from the index with ${command} and add ${ignoreEntry} to ${f.code('.gitignore')}.`,
    'ci-secret': (_f, { reference }) =>
      `Store the new key as an encrypted secret in the CI settings and refer to it by name (${reference}), never as a value in this file.`,
    'docker-build': (_f, { buildSecret, runtime }) =>
      `Do not put the key in ENV or ARG: both stay readable in the image. Use a build secret (${buildSecret}) or pass it at run time (${runtime}).`,
    environment: (_f, { envVar, reference }) =>
      `Read the new key from the ${envVar} environment variable, not from the code, and fill it from your platform's secret store (in GitHub Actions: ${reference}).`,
    history: (f) =>
      `A later commit removed the key, but the commit that added it is still in the branch history. After revoking, rewrite the branch (${f.code('git rebase -i')}, then force-push) or squash-merge.`,
  },

  afterwards: {
    'never-share':
      'Never share a key, not in chats, issues, e-mail or support tickets; whoever needs access gets a key of their own.',
    monitor: "Review each key's usage and logs in the provider's console regularly.",
    'limit-spend':
      'Set usage and spend limits (or careful auto-reload thresholds) so a leaked key or a runaway script cannot run up charges.',
    rotate:
      'Rotate keys on a schedule, for example every 90 days: create the new key, then deactivate the old one.',
    separate:
      'Use separate keys for development, testing and production: usage can be told apart, and a leak disables one use only.',
    scan: "Keep secret scanning on: this check in CI, and your code host's own secret scanning, so keys are caught before they reach the default branch.",
    kms: 'As secrets multiply, keep them in a key management system (KMS) with access control, audit trails and rotation.',
  },

  suggestionNote: (f, note) => {
    switch (note.kind) {
      case 'import':
        return note.language === 'go'
          ? `Add ${f.code(`"${note.module}"`)} to the imports if the file does not import it yet.`
          : `Add ${f.code(`import ${note.module}`)} if the file does not import it yet.`;
      case 'rust-string':
        return `${f.code('std::env::var')} returns a ${f.code('String')}: borrow it with ${f.code('&')} where a ${f.code('&str')} is expected.`;
      case 'shell-reread':
        return `This assignment now only re-reads ${f.code(note.envVar)} from the environment: set it outside the script and remove the line.`;
      case 'terraform-sensitive':
        return `Declare the variable sensitive so Terraform redacts it, ${f.code(`variable "${note.variable}" { sensitive = true }`)}, and set it through ${f.code(`TF_VAR_${note.variable}`)}.`;
      case 'workflow-secret':
        return `Add a repository secret named ${f.code(note.name)} (Settings → Secrets and variables → Actions).`;
      case 'compose-env':
        return `Set ${f.code(note.envVar)} in the environment, or in a git-ignored ${f.code('.env')} file next to the compose file.`;
    }
  },
};
