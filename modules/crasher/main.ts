// crasher [CODE]: prints one line, then exits with CODE (default 1, from 1 to 255), as a container
// that keeps failing does: the one to show CrashLoopBackOff with. AssemblyScript, WASI through
// @assemblyscript/wasi-shim.

import { programArgs } from '../_shared/args';

function parseCode(arg: string): i32 {
  if (arg.length == 0 || arg.length > 3) return -1;
  let code = 0;
  for (let i = 0; i < arg.length; i++) {
    const c = arg.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    code = code * 10 + (c - 48);
  }
  return code >= 1 && code <= 255 ? code : -1;
}

function usage(problem: string): void {
  const expected = 'an exit code from 1 to 255';
  process.stderr.write(
    'crasher: expected at most one argument, ' + expected + ', ' + problem + '\n',
  );
  process.exit(2);
}

let code = 1;
const argv = programArgs('crasher');
// argv[0] is a program name when the container has a `command`: skip it unless it is the argument.
const first = argv.length > 0 && parseCode(argv[0]) < 0 ? 1 : 0;
if (argv.length - first > 1) usage('got ' + (argv.length - first).toString() + ' arguments');
if (argv.length - first == 1) {
  const parsed = parseCode(argv[first]);
  if (parsed < 0) usage('got "' + argv[first] + '"');
  code = parsed;
}

process.stdout.write('crasher: about to crash with exit code ' + code.toString() + '\n');
process.exit(code);
