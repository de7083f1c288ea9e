import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/env.js';

const SCRIPT = path.resolve(import.meta.dirname, '../.ci/audit-dependencies.mjs');
const dir = tempDir('audit');

/** Runs the CI audit step on a saved npm audit answer. */
function audit(report: unknown) {
  const file = path.join(dir, `${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(report));
  const result = spawnSync(process.execPath, [SCRIPT, file], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout + result.stderr };
}

const counts = (critical: number) => ({ info: 0, low: 1, moderate: 0, high: 2, critical, total: 3 + critical });

describe('the dependency audit step of CI', () => {
  it('fails on a known critical vulnerability and names it', () => {
    const result = audit({
      vulnerabilities: { 'evil-pkg': { severity: 'critical', range: '<1.2.3', via: [{ title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-x' }] }, meh: { severity: 'high', via: ['x'] } },
      metadata: { vulnerabilities: counts(1) },
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain('evil-pkg <1.2.3 (Prototype pollution)');
  });

  it('passes with high and lower findings only, and says what it found', () => {
    const result = audit({ vulnerabilities: { meh: { severity: 'high', via: ['x'] } }, metadata: { vulnerabilities: counts(0) } });
    expect(result.code).toBe(0);
    expect(result.out).toContain('0 critical, 2 high');
  });

  it('says plainly that it did not run when the registry’s audit endpoint does not answer', () => {
    const result = audit({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/dependency audit NOT RUN: .*405 Method Not Allowed/);
  });
});
