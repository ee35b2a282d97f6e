// CRC32/base62 checksums of GitHub (ghp_, gho_, …) and npm (npm_) tokens: 30 random base62
// characters followed by the CRC32 of those 30, base62-encoded and left-padded to 6.
import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62Checksum(body: string): string {
  let n = crc32(body) >>> 0;
  let out = '';
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(6, '0');
}

/** True when `token` (prefix_ + 30 + 6) carries a correct checksum. */
export function hasValidChecksum(token: string): boolean {
  const underscore = token.lastIndexOf('_');
  const rest = token.slice(underscore + 1);
  if (rest.length !== 36) return false;
  return base62Checksum(rest.slice(0, 30)) === rest.slice(30);
}
