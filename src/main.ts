import { Command, InvalidArgumentError } from 'commander';
import { backupCommand, meritVerifyCommand, createOpen311KeyCommand, createUserCommand, exportResidentsCommand, importResidentsCommand, migrateCommand, restoreCommand, retrainCommand, seedCommand, sweepCommand, UsageError } from './cli/commands.js';
import { explain, terminalLocale } from './cli/runtime.js';
import { serve } from './cli/serve.js';

const program = new Command()
  .name('tongxin')
  .description('Tongxin (同心): community governance. Settings come from the environment: PORT, DATA_DIR, DATABASE_URL, TONGXIN_SECRET (see the README).')
  .option('--lang <locale>', 'language of messages: zh-CN or en (default: from LANG)')
  .showHelpAfterError();

const locale = () => terminalLocale(program.opts<{ lang?: string }>().lang);

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
};

/** Runs a command; a known failure is one line on stderr and exit code 1. */
const run =
  <A extends unknown[]>(action: (...args: A) => Promise<unknown>) =>
  async (...args: A) => {
    try {
      const ok = await action(...args);
      if (ok === false) process.exitCode = 1;
    } catch (error) {
      process.stderr.write(`${error instanceof UsageError ? error.message : explain(error, locale())}\n`);
      process.exitCode = 1;
    }
  };

program
  .command('serve')
  .description('start the web server and API (creates the schema; loads the demo data into an empty database)')
  .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', port)
  .option('--no-demo', 'do not load the demo data set into an empty database')
  .action(run((options: { port?: number; demo: boolean }) => serve(options)));

program
  .command('migrate')
  .description('bring the database schema up to date with the SQL migrations')
  .action(run(() => migrateCommand()));

program
  .command('seed')
  .description('load a data set into an empty database')
  .option('--demo', 'the demo data set: real places from the case records, a few hundred residents, one login per role')
  .action(run((options: { demo?: boolean }) => seedCommand(options)));

program
  .command('import')
  .description('import data from a file')
  .command('residents')
  .description('import residents and households from a .csv or .xlsx file: all rows or, if any row is wrong, none')
  .argument('<file>', 'the file; columns place, household, address, relation, name, gender, birth_year, phone, id_number, residency, party_member, vulnerable (or their Chinese headers)')
  .option('--dry-run', 'check every row and report, without keeping anything')
  .option('--report <file>', 'also write the problems to a .csv or .xlsx file')
  .action(run((file: string, options: { dryRun?: boolean; report?: string }) => importResidentsCommand(file, options, locale())));

program
  .command('export')
  .description('export data to a file')
  .command('residents')
  .description('export residents in the import layout; phone and ID numbers masked unless --unmasked')
  .option('--place <codes>', 'only this place and below, by codes from the city down, e.g. 440300/440305/ZS')
  .option('-o, --output <file>', 'a .csv or .xlsx file (default: CSV on standard output)')
  .option('--unmasked', 'full phone and ID numbers (recorded on the audit log)')
  .action(run((options: { place?: string; output?: string; unmasked?: boolean }) => exportResidentsCommand(options, locale())));

program
  .command('backup')
  .description('write the embedded database to one file (stop the server first); with PostgreSQL use pg_dump, see docs/deployment.md')
  .argument('<file>', 'the backup file to write, e.g. tongxin-2026-11-23.backup')
  .action(run((file: string) => backupCommand(file)));

program
  .command('restore')
  .description('bring back the embedded database from a `tongxin backup` file (stop the server first; needs the same secret)')
  .argument('<file>', 'a file written by `tongxin backup`')
  .option('--replace', 'replace a database already in DATA_DIR (it is kept aside in DATA_DIR, not deleted)')
  .action(run((file: string, options: { replace?: boolean }) => restoreCommand(file, options)));

const collect = (value: string, previous: string[] = []) => [...previous, value];
program
  .command('user')
  .description('manage accounts')
  .command('create')
  .description('create an account that can log in')
  .requiredOption('-u, --username <username>', 'login name: 3 to 32 letters, digits, dots, dashes or underscores')
  .requiredOption('-n, --name <name>', 'name shown to people')
  .option('--password <password>', 'password (default: a generated one, printed once)')
  .option('--place <codes>', 'home place, by codes from the city down (default: the whole installation)')
  .option('-r, --role <role[@codes]>', 'a role on the home place, or on another place with @codes; repeatable', collect)
  .action(run((options: { username: string; name: string; password?: string; place?: string; role?: string[] }) => createUserCommand(options)));

const casesCommand = program.command('cases').description('the one-number line');
casesCommand
  .command('sweep')
  .description('escalate the cases whose deadline has passed, now (the server does it every minute)')
  .action(run(() => sweepCommand()));
casesCommand
  .command('retrain')
  .description('retrain the department router from the cases dispatchers have settled, and report how many')
  .action(run(() => retrainCommand()));

program
  .command('open311')
  .description('the Open311 GeoReport v2 endpoint')
  .command('key')
  .description('API keys of Open311 clients')
  .command('create')
  .description('issue a key for a client of one city; it is printed once')
  .requiredOption('--jurisdiction <code>', 'the city’s code, e.g. 440300')
  .requiredOption('--name <name>', 'who the key is for, e.g. "Shenzhen street app"')
  .action(run((options: { jurisdiction: string; name: string }) => createOpen311KeyCommand(options)));

program
  .command('merit')
  .description('the Bank of Merit')
  .command('verify')
  .description('verify the whole hash chain of a bank’s ledger and its published report heads; exit code 1 names the first broken entry')
  .requiredOption('--place <codes>', 'the place that runs the bank, by codes from the city down, e.g. 330700/330782/CX/HSL')
  .action(run((options: { place: string }) => meritVerifyCommand(options)));

await program.parseAsync(process.argv);
