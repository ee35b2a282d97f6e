// Committed credential files: a .env, an .npmrc holding a token, a credentials file, a private key
// or a keystore. The file itself is the finding, whether or not any value in it is recognised
// (a .env of `DB_PASSWORD=…` matches no provider rule), so the check goes by the file's name and
// reads its added lines only where the name alone would raise false alarms (a .pem of
// certificates is public, an .npmrc reading `${NPM_TOKEN}` is the right practice).
// The kinds are data, like the rules: one finding per file, never any of its content.
import picomatch from 'picomatch';
import type { FileStatus } from '../changes/diff.js';
import { fileFingerprint } from './redact.js';
import type { FileChange, Finding, Severity } from './types.js';

/** How one kind of credential file is recognised. */
export interface FileForm {
  /** Globs; one without `/` matches the file name in any directory. */
  names: string[];
  /** File names (regexes) that match `names` but are templates or source code. */
  except?: RegExp[];
  /**
   * Content gate on the added lines: the file counts when a line matches `flag`, or, when
   * `unlessAny` is set, when no line matches that either (a raw key file, not PEM armour).
   */
  content?: { flag: RegExp; unlessAny?: RegExp };
  /** A binary file of this name counts: keystores are binary; a binary .npmrc cannot be judged. */
  binary?: boolean;
}

export interface CredentialFileKind {
  /** `credential-file-<kind>`; config `disable` and `severity` take it like a rule id. */
  id: string;
  provider: string;
  description: string;
  severity: Severity;
  /** The environment variable guidance suggests, where the file stands for one credential. */
  envVar?: string;
  forms: FileForm[];
}

const PROVIDER = 'Credential file';
/** A PEM private key of any algorithm (`RSA`, `EC`, `OPENSSH`, `ENCRYPTED`…) or a PGP secret key. */
const PRIVATE_PEM = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const TEMPLATE_WORDS = 'example|sample|template|tpl|dist|defaults?|schema|vault';
/** A value that is written out, not an environment reference (`${NPM_TOKEN}`, `$TOKEN`) or empty. */
const LITERAL = `["']?[^\\s"'$]`;

export const credentialFileKinds: readonly CredentialFileKind[] = [
  {
    id: 'credential-file-env',
    provider: PROVIDER,
    description: 'committed .env file',
    severity: 'medium',
    forms: [
      {
        names: ['.env', '.env.*'],
        except: [
          // `.env.example`, `.env.production.sample`; `.env.vault` is encrypted to be committed.
          new RegExp(`^\\.env\\.(?:.+\\.)?(?:${TEMPLATE_WORDS})(?:\\..+)?$`, 'i'),
          // Source code named after the file it reads (`.env.ts`, `.env.d.ts`).
          /\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|php|cs|swift|md)$/i,
        ],
        // A .env saved as UTF-16 (PowerShell's default) reads as binary and is still a .env.
        binary: true,
      },
    ],
  },
  {
    id: 'credential-file-npmrc',
    provider: PROVIDER,
    description: 'registry auth token in a committed .npmrc or .yarnrc',
    severity: 'high',
    envVar: 'NPM_TOKEN',
    forms: [
      // `//registry.npmjs.org/:_authToken=…`; `#` and `;` start comments.
      {
        names: ['.npmrc'],
        content: { flag: new RegExp(`^[^#;]*?_(?:authToken|auth|password)\\s*=\\s*${LITERAL}`) },
      },
      {
        names: ['.yarnrc.yml'],
        content: { flag: new RegExp(`^[^#]*?npmAuth(?:Token|Ident)\\s*:\\s*${LITERAL}`) },
      },
    ],
  },
  {
    id: 'credential-file-credentials',
    provider: PROVIDER,
    description: 'committed credentials file',
    severity: 'high',
    forms: [
      // `.aws/credentials` and its kin: `name = value` lines. `credentials.ts` is another name.
      { names: ['credentials'], content: { flag: /^\s*[\w.-]+\s*[=:]\s*\S/ } },
      { names: ['.git-credentials'], content: { flag: /:\/\/[^\s/:@]+:[^\s@]+@/ } },
      { names: ['.netrc', '_netrc'], content: { flag: /\bpassword\s+\S/ } },
      { names: ['.pypirc'], content: { flag: new RegExp(`^\\s*password\\s*[=:]\\s*${LITERAL}`) } },
      { names: ['.pgpass'], content: { flag: /^[^#:\s][^:]*:[^:]*:[^:]*:[^:]*:\S/ } },
      // Docker's login store: only `auths` entries that carry a credential, not helper-backed ones.
      {
        names: ['**/.docker/config.json', '.dockercfg'],
        content: { flag: /"(?:auth|identitytoken|registrytoken)"\s*:\s*"[^"]/ },
      },
      // Google OAuth client and service-account files.
      {
        names: [
          'credentials.json',
          'client_secret*.json',
          '*service-account*.json',
          '*service_account*.json',
        ],
        content: { flag: /"(?:private_key|client_secret|refresh_token)"\s*:\s*"[^"$<{]/ },
      },
    ],
  },
  {
    id: 'credential-file-private-key',
    provider: PROVIDER,
    description: 'committed private key or keystore file',
    severity: 'high',
    forms: [
      // PEM holds certificates as often as keys; binary is DER, which cannot be told apart.
      { names: ['*.pem', '*.p8', '*.asc'], content: { flag: PRIVATE_PEM }, binary: true },
      // A .key is a key unless it is PEM armour without a private block (`public.key`).
      { names: ['*.key'], content: { flag: PRIVATE_PEM, unlessAny: /-----BEGIN / }, binary: true },
      {
        names: ['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk'],
        binary: true,
      },
      { names: ['*.p12', '*.pfx', '*.jks', '*.jceks', '*.bks', '*.keystore', '*.ppk'], binary: true },
    ],
  },
];

/** A changed file as the scan gets it; `status` tells binary and deleted files apart. */
export type CheckedFile = FileChange & { status?: FileStatus };

export interface CredentialFilePolicy {
  isPathAllowed?: (path: string) => boolean;
  ignoreFingerprints?: ReadonlySet<string>;
}

const matchers = new WeakMap<FileForm, (path: string) => boolean>();

function matcher(form: FileForm): (path: string) => boolean {
  let m = matchers.get(form);
  if (!m) {
    // A glob without a slash is matched against the file name; picomatch's own `basename`
    // option would stop the globs with a slash from matching at all.
    const options = { dot: true, nocase: true };
    const byName = form.names.filter((n) => !n.includes('/'));
    const byPath = form.names.filter((n) => n.includes('/'));
    const name = byName.length ? picomatch(byName, options) : () => false;
    const path = byPath.length ? picomatch(byPath, options) : () => false;
    m = (p) => name(baseName(p)) || path(p);
    matchers.set(form, m);
  }
  return m;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The kind and form a path names, by name alone (no content); undefined for most files. */
export function credentialFileForm(
  path: string,
  kinds: readonly CredentialFileKind[] = credentialFileKinds,
): { kind: CredentialFileKind; form: FileForm } | undefined {
  const name = baseName(path);
  for (const kind of kinds)
    for (const form of kind.forms)
      if (matcher(form)(path) && !form.except?.some((re) => re.test(name))) return { kind, form };
  return undefined;
}

/** The line a flagged file is reported at: where its content gate matched, else its first added line. */
function flaggedLine(file: CheckedFile, form: FileForm): { line: number; length: number } | null {
  if (file.status === 'binary') return form.binary ? { line: 1, length: 0 } : null;
  const first = file.lines[0];
  if (!first) return null; // nothing added: a deletion, a rename, a mode change
  if (!form.content) return { line: first.line, length: first.text.length };
  const { flag, unlessAny } = form.content;
  const hit = file.lines.find((l) => flag.test(l.text));
  if (hit) return { line: hit.line, length: hit.text.length };
  if (unlessAny && !file.lines.some((l) => unlessAny.test(l.text)))
    return { line: first.line, length: first.text.length };
  return null;
}

/**
 * One finding for a committed credential file, or null. Its `redacted` value is the file name
 * and nothing of the content; the fingerprint depends on the kind and the path only.
 */
export function credentialFileFinding(
  file: CheckedFile,
  kinds: readonly CredentialFileKind[] = credentialFileKinds,
  policy: CredentialFilePolicy = {},
): Finding | null {
  if (file.status === 'deleted' || policy.isPathAllowed?.(file.path)) return null;
  const match = credentialFileForm(file.path, kinds);
  if (!match) return null;
  const at = flaggedLine(file, match.form);
  if (!at) return null;
  const { kind } = match;
  const fingerprint = fileFingerprint(kind.id, file.path);
  if (policy.ignoreFingerprints?.has(fingerprint)) return null;
  return {
    ruleId: kind.id,
    provider: kind.provider,
    severity: kind.severity,
    description: kind.description,
    path: file.path,
    line: at.line,
    column: 1,
    endColumn: at.length + 1,
    redacted: baseName(file.path),
    fingerprint,
    commit: file.commit ?? null,
    source: file.source ?? 'diff',
  };
}
