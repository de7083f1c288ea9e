import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BackupFileError, decodeBackup, encodeBackup, secretCheck } from './backup-file.js';

const header = { engine: 'pglite' as const, createdAt: '2026-11-23T11:00:00.000Z', schema: '0007_polls', secretCheck: secretCheck('s'.repeat(32)), counts: { residents: 3 } };

describe('the backup file', () => {
  it('gives back the header and the archive it was made of, whatever bytes the archive holds', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (payload) => {
        const tarball = gzipSync(payload);
        const decoded = decodeBackup(encodeBackup(header, tarball));
        expect(decoded.header).toEqual({ format: 'TONGXIN-BACKUP', version: 1, ...header });
        expect(Buffer.from(decoded.tarball).equals(tarball)).toBe(true);
      }),
    );
  });

  it('refuses anything that is not one: other files, other versions, a missing archive', () => {
    const refuse = (bytes: Buffer | string, message: RegExp) => expect(() => decodeBackup(Buffer.from(bytes))).toThrow(message);
    refuse('', /not a Tongxin backup/);
    refuse(gzipSync('a plain tarball'), /not a Tongxin backup/);
    refuse('{"format":"SOMETHING-ELSE"}\n\x1f\x8b', /not a Tongxin backup/);
    refuse(`{"format":"TONGXIN-BACKUP","version":2,"engine":"pglite"}\n\x1f\x8b`, /format version 2/);
    refuse(`{"format":"TONGXIN-BACKUP","version":1,"engine":"postgres"}\n\x1f\x8b`, /postgres database/);
    refuse(encodeBackup(header, new Uint8Array()), /damaged/);
    refuse(encodeBackup(header, Buffer.from('plain text, not gzip')), /damaged/);
    expect(() => decodeBackup(Buffer.from('x'))).toThrow(BackupFileError);
  });

  it('checks the secret without revealing it: the same secret matches, another does not', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 32, maxLength: 64 }), fc.string({ minLength: 32, maxLength: 64 }), (a, b) => {
        expect(secretCheck(a)).toBe(secretCheck(a));
        if (a !== b) expect(secretCheck(a)).not.toBe(secretCheck(b));
        expect(secretCheck(a)).not.toContain(a);
      }),
      { numRuns: 50 },
    );
  });
});
