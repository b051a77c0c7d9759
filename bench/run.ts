/**
 * `npm run bench [suite...]`: runs the benchmark suites and prints a Markdown table to paste into
 * BENCHMARKS.md, plus the raw results as JSON in bench/results/latest.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { machine, type Result } from './harness.ts';

type Suite = () => Promise<Result[]>;

const suites: Record<string, () => Promise<Suite>> = {
  apiserver: async () => (await import('./apiserver.ts')).run,
  kubelet: async () => (await import('./kubelet.ts')).run,
  runtime: async () => (await import('./runtime.ts')).run,
  'runtime-browser': async () => (await import('./runtimeBrowser.ts')).run,
  app: async () => (await import('./app.ts')).run,
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(suites);
const results: Result[] = [];
for (const name of names) {
  const load = suites[name];
  if (!load) {
    console.error(`unknown suite "${name}"; suites: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  console.error(`running ${name}...`);
  results.push(...(await (await load())()));
}

const date = new Date().toISOString().slice(0, 10);
console.log(`Machine: ${machine()}. Date: ${date}.\n`);
console.log('| suite | measurement | value | unit | target | met |');
console.log('| --- | --- | ---: | --- | --- | --- |');
for (const r of results) {
  const value = r.value >= 100 ? Math.round(r.value).toLocaleString('en-US') : r.value.toFixed(2);
  console.log(
    `| ${r.suite} | ${r.name} | ${value} | ${r.unit} | ${r.target ?? ''} | ${r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'} |`,
  );
}
const outDir = path.join(import.meta.dirname, 'results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(
  path.join(outDir, 'latest.json'),
  JSON.stringify({ machine: machine(), date, results }, null, 2) + '\n',
);
