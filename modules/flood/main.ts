// flood [LINES]: writes LINES numbered lines to stdout as fast as it can (default 100000), one
// write per line, then exits 0. For testing how logs cope with a lot of output.
// AssemblyScript, WASI through @assemblyscript/wasi-shim.

import { programArgs } from '../_shared/args';

const DEFAULT_LINES: u32 = 100_000;
const MAX_LINES: u32 = 1_000_000_000;

function parseCount(arg: string): i64 {
  if (arg.length == 0 || arg.length > 10) return -1;
  let n: i64 = 0;
  for (let i = 0; i < arg.length; i++) {
    const c = arg.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n <= <i64>MAX_LINES ? n : -1;
}

function usage(problem: string): void {
  const expected = 'a number of lines up to ' + MAX_LINES.toString();
  process.stderr.write('flood: expected at most one argument, ' + expected + ', ' + problem + '\n');
  process.exit(1);
}

let lines = DEFAULT_LINES;
const argv = programArgs('flood');
// argv[0] is a program name when the container has a `command`: skip it unless it is the argument.
const first = argv.length > 0 && parseCount(argv[0]) < 0 ? 1 : 0;
if (argv.length - first > 1) usage('got ' + (argv.length - first).toString() + ' arguments');
if (argv.length - first == 1) {
  const parsed = parseCount(argv[first]);
  if (parsed < 0) usage('got "' + argv[first] + '"');
  lines = <u32>parsed;
}

const total = lines.toString();
for (let i: u32 = 1; i <= lines; i++) {
  process.stdout.write(
    'flood ' + i.toString() + '/' + total + ': the quick brown fox jumps over the lazy dog\n',
  );
}
