#!/usr/bin/env node
// Fails when a dependency has a known critical vulnerability (npm audit, all dependencies).
// When the registry's audit endpoint cannot be reached (offline, a mirror without it), says so
// plainly and passes: an audit that could not run is not a finding, but it must not look like one
// that ran. Usage: node .ci/audit-dependencies.mjs [saved-npm-audit.json]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function runAudit() {
  const result = spawnSync('npm', ['audit', '--json', '--audit-level=critical'], { encoding: 'utf8', timeout: 120_000 });
  if (result.error) return { unreachable: `npm audit did not run: ${result.error.message}` };
  return parse(result.stdout);
}

function parse(text) {
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    return { unreachable: `npm audit answered with something that is not a report: ${text.slice(0, 200)}` };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const why = report.message ?? report.error?.summary ?? 'no vulnerability counts in the answer';
    return { unreachable: `the registry's audit endpoint did not answer: ${why}` };
  }
  const critical = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'critical')
    .map(([name, v]) => `${name} ${v.range ?? ''} (${(v.via ?? []).map((via) => (typeof via === 'string' ? via : via.title ?? via.url)).join('; ')})`);
  return { counts, critical };
}

const outcome = process.argv[2] ? parse(readFileSync(process.argv[2], 'utf8')) : runAudit();
if (outcome.unreachable) {
  console.log(`dependency audit NOT RUN: ${outcome.unreachable}`);
  console.log('Run `npm audit --audit-level=critical` where the registry is reachable before a release.');
  process.exit(0);
}
const { counts, critical } = outcome;
console.log(`dependency audit: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`);
if (counts.critical > 0) {
  console.error(`Known critical vulnerabilities:\n  ${critical.join('\n  ')}`);
  process.exit(1);
}
