import { createHmac } from 'node:crypto';
import { deriveKey } from '../platform/crypto.js';

/**
 * The layout of a `tongxin backup` file: one line of JSON saying what it holds, then PGlite's
 * own gzipped tarball of the database folder. The tarball stays a standard one
 * (`tail -n +2 FILE | tar -xz` unpacks it), and the line lets a restore refuse a file made under
 * another secret before it replaces anything: without the same secret the personal data in it
 * cannot be decrypted.
 */
export const BACKUP_MAGIC = 'TONGXIN-BACKUP';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_MAGIC;
  version: number;
  engine: 'pglite';
  createdAt: string;
  /** The last migration applied to the saved database. */
  schema: string | null;
  /** Proves which secret the data was sealed with, without revealing it. */
  secretCheck: string;
  /** Rows of a few tables, shown by restore so an operator sees what came back. */
  counts: Record<string, number>;
}

export class BackupFileError extends Error {}

export const secretCheck = (secret: string): string => createHmac('sha256', deriveKey(secret, 'backup-check')).update(BACKUP_MAGIC).digest('base64url');

export function encodeBackup(header: Omit<BackupHeader, 'format' | 'version'>, tarball: Uint8Array): Buffer {
  const line = JSON.stringify({ format: BACKUP_MAGIC, version: BACKUP_VERSION, ...header });
  return Buffer.concat([Buffer.from(line + '\n', 'utf8'), tarball]);
}

const GZIP = [0x1f, 0x8b];

/** Splits a backup file into its header and tarball; throws a readable error for anything else. */
export function decodeBackup(file: Uint8Array): { header: BackupHeader; tarball: Uint8Array } {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const newline = bytes.indexOf(0x0a);
  // A header is short; a file that starts otherwise is not ours (or was cut off).
  if (newline < 0 || newline > 64 * 1024) throw new BackupFileError('This is not a Tongxin backup file (no header line).');
  let header: BackupHeader;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as BackupHeader;
  } catch {
    throw new BackupFileError('This is not a Tongxin backup file (its header is not JSON).');
  }
  if (header?.format !== BACKUP_MAGIC) throw new BackupFileError('This is not a Tongxin backup file.');
  if (header.version !== BACKUP_VERSION) throw new BackupFileError(`This backup has format version ${header.version}; this Tongxin reads version ${BACKUP_VERSION}.`);
  if (header.engine !== 'pglite') throw new BackupFileError(`This backup holds a ${header.engine} database; restore it with that engine's tools.`);
  const tarball = bytes.subarray(newline + 1);
  if (tarball.length < 2 || tarball[0] !== GZIP[0] || tarball[1] !== GZIP[1]) throw new BackupFileError('The backup file is damaged: the database archive after its header is missing or not gzip.');
  return { header, tarball };
}
