import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { idCheckDigit } from '../src/modules/people/rules.js';
import { engineUnderTest } from './support/env.js';
import { separateInstallation } from './support/installation.js';

/**
 * The `tongxin` command as a user runs it, in a process of its own, on an installation of its
 * own: an empty data folder, or an empty PostgreSQL database when the suite runs on one.
 */
describe('the tongxin command', { timeout: 180_000 }, () => {
  const { dir, tongxin, serve } = separateInstallation('cli');

  it('explains every command with --help', () => {
    const top = tongxin('--help');
    expect(top.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'import', 'export', 'user', 'cases', 'backup', 'restore']) expect(top.out).toContain(command);
    for (const command of [['serve'], ['migrate'], ['seed'], ['import', 'residents'], ['export', 'residents'], ['user', 'create'], ['cases', 'sweep'], ['cases', 'retrain'], ['open311', 'key', 'create'], ['merit', 'verify'], ['backup'], ['restore']]) {
      const help = tongxin(...command, '--help');
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.out, command.join(' ')).toMatch(/^Usage: tongxin /);
    }
  });

  it('migrates, loads the demo set once, and refuses to load it over existing data', () => {
    expect(tongxin('migrate')).toMatchObject({ code: 0 });
    const seeded = tongxin('seed', '--demo');
    expect(seeded.code, seeded.err).toBe(0);
    expect(seeded.out).toMatch(/Loaded \d+ places, \d+ households, \d+ residents and 11 demo logins/);
    expect(seeded.err).toContain('100%'); // the progress bar ran to the end
    const again = tongxin('seed', '--demo');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already holds places');
    // Hesilu Village is in the demo, but nobody has opened its Bank of Merit yet.
    const noBank = tongxin('merit', 'verify', '--place', '330700/330782/CX/HSL');
    expect(noBank.code).toBe(1);
    expect(noBank.err).toContain('runs no Bank of Merit');
    // The demo's reopened cases were given deadlines in the past: the sweep escalates them, once.
    const swept = tongxin('cases', 'sweep');
    expect(swept.code, swept.err).toBe(0);
    expect(Number(/Escalated (\d+)/.exec(swept.out)![1])).toBeGreaterThan(0);
    expect(tongxin('cases', 'sweep').out).toContain('Escalated 0 ');
    const retrained = tongxin('cases', 'retrain');
    expect(retrained.out).toMatch(/learned from [1-9]\d* settled cases/);
    const issued = tongxin('open311', 'key', 'create', '--jurisdiction', '440300', '--name', 'CLI test client');
    expect(issued.code, issued.err).toBe(0);
    expect(issued.out).toMatch(/^o311_[\w-]{20,}$/m);
    expect(tongxin('open311', 'key', 'create', '--jurisdiction', '999999', '--name', 'nowhere').code).toBe(1);
    // Eight processes one after another, each starting Node and opening the database: on a busy
    // machine that alone can pass the default 30 s.
  }, 120_000);

  it('imports residents from a CSV file all or nothing, with a row-level report', () => {
    const id = (first17: string) => first17 + idCheckDigit(first17);
    const header = '地区,户号,地址,与户主关系,姓名,性别,出生年份,电话,身份证号,居住类型,党员,困难群体';
    const good = [`440300/440305/ZS/SW,SW-CLI-1,水湾命令行楼1号,户主,命令行甲,男,1970,13800000001,${id('44030519700101301')},新居民,否,`, `440300/440305/ZS/SW,SW-CLI-1,,配偶,命令行乙,女,1972,,,新居民,否,`];
    const bad = [...good, '440300/440305/ZS/SW,SW-CLI-2,,户主,,男,不详,,,外星人,否,'];
    const badFile = path.join(dir, 'bad.csv');
    const goodFile = path.join(dir, 'good.csv');
    writeFileSync(badFile, '\ufeff' + [header, ...bad].join('\n'));
    writeFileSync(goodFile, '\ufeff' + [header, ...good].join('\n'));

    const refused = tongxin('import', 'residents', badFile, '--report', path.join(dir, 'report.csv'));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('nothing was imported');
    expect(refused.err).toMatch(/line 4 \[name\]/);
    expect(readFileSync(path.join(dir, 'report.csv'), 'utf8')).toContain('birth_year');

    const dry = tongxin('import', 'residents', goodFile, '--dry-run');
    expect(dry.out).toContain('would import 2 residents');
    const done = tongxin('import', 'residents', goodFile);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('Imported 2 residents and 1 new households');

    const exported = tongxin('export', 'residents', '--place', '440300/440305/ZS/SW');
    expect(exported.out.split('\n')[0]).toBe('place,household,address,relation,name,gender,birth_year,phone,id_number,residency,party_member,vulnerable');
    expect(exported.out).toContain('命令行甲');
    expect(exported.out).toContain('138****0001');
    expect(exported.out).not.toContain('13800000001');
    const xlsx = path.join(dir, 'out.xlsx');
    expect(tongxin('export', 'residents', '-o', xlsx).code).toBe(0);
    expect(existsSync(xlsx)).toBe(true);
  });

  it('creates a user with roles on places, showing a generated password once', () => {
    const created = tongxin('user', 'create', '-u', 'newdispatcher', '-n', '新调度员', '--place', '440300/440305', '-r', 'dispatcher@440300/440305/ZS');
    expect(created.code, created.err).toBe(0);
    expect(created.out).toContain('Created account newdispatcher with dispatcher');
    expect(created.out).toMatch(/Password \(shown once\): \S{12,}/);
    const taken = tongxin('user', 'create', '-u', 'newdispatcher', '-n', 'again');
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/taken|already/i);
    const unknownRole = tongxin('user', 'create', '-u', 'x-user', '-n', 'x', '-r', 'emperor');
    expect(unknownRole.err).toContain('Unknown role');
  });

  it('serves, keeps a second process off the same embedded database, and finishes a request in flight on SIGTERM', async () => {
    const { server, base, output, exited } = await serve();
    const port = Number(new URL(base).port);
    expect(output).toContain('Demo logins');

    if (engineUnderTest() === 'pglite') {
      const second = tongxin('migrate');
      expect(second.code).toBe(1);
      expect(second.err).toContain('in use by another Tongxin process');
    }

    // A login whose body is still arriving when the stop signal comes.
    const csrf = await fetch(`http://127.0.0.1:${port}/api/auth/csrf`);
    const token = ((await csrf.json()) as { token: string }).token;
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const body = JSON.stringify({ username: 'liaison', password: 'Tongxin@2026' });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-csrf-token': token, cookie } },
        (response) => {
          let text = '';
          response.on('data', (c: Buffer) => (text += c.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, 10));
      setTimeout(() => {
        server.kill('SIGTERM');
        setTimeout(() => request.end(body.slice(10)), 300);
      }, 200);
    });
    const { status, text } = await answer;
    expect(status, text).toBe(200);
    expect(await exited).toBe(0);
  });
});
