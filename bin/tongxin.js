#!/usr/bin/env node
// The `tongxin` command: runs the compiled CLI (npm install builds it; npm run build refreshes it).
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('Tongxin is not built yet: run `npm run build` (or `npm install`) in the project folder first.');
  process.exit(1);
}
await import(main.href);
