/**
 * The exerciser's step language (modules/README.md), step by step, under node:wasi.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, dirWith, run, shipped, traced, type RunOptions } from './testing/runModule.ts';

afterAll(cleanUp);

describe.skipIf(!shipped)('exerciser', () => {
  const ex = (args: string[], o?: RunOptions) => run('exerciser', args, o);
  const failed = (step: number, text: string, why: string) =>
    `exerciser: step ${step} "${text}": ${why}\n`;

  it.each([[[]], [['exerciser']]])(
    'runs no steps and exits 0 when given none (argv %j)',
    (args) => {
      expect(ex(args)).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    },
  );

  it('print and stderr write a line to each stream, expanding escapes and variables', () => {
    const r = ex([
      'print:hello',
      'set:WHO=world',
      'stderr:oops $WHO',
      'print:a\\tb ${WHO}s \\$5\\n',
    ]);
    expect(r).toMatchObject({
      stdout: 'hello\na\tb worlds $5\n\n',
      stderr: 'oops world\n',
      exitCode: 0,
    });
  });

  it('treats argv[0] as a step when it is one (Krustlet passes args alone)', () => {
    expect(ex(['print:first', 'print:second']).stdout).toBe('first\nsecond\n');
    expect(ex(['exerciser', 'print:x']).stdout).toBe('x\n');
  });

  it('env-exists and env-absent assert on the environment', () => {
    const env = { PRESENT: 'yes' };
    expect(ex(['env-exists:PRESENT', 'env-absent:MISSING'], { env }).exitCode).toBe(0);
    expect(ex(['x', 'env-exists:MISSING'], { env })).toMatchObject({
      stderr: failed(1, 'env-exists:MISSING', 'environment variable MISSING is not set'),
      exitCode: 1,
    });
    expect(ex(['x', 'print:before', 'env-absent:PRESENT'], { env })).toMatchObject({
      stdout: 'before\n',
      stderr: failed(2, 'env-absent:PRESENT', 'environment variable PRESENT is set (to "yes")'),
      exitCode: 1,
    });
  });

  it('file-exists and file-absent assert on the mounts', () => {
    const preopens = { '/data': dirWith({ 'a.txt': 'a', 'sub/b.txt': 'b' }) };
    const ok = ['file-exists:/data/a.txt', 'file-exists:/data/sub', 'file-absent:/data/nope'];
    expect(ex([...ok, 'file-absent:/etc/passwd'], { preopens }).exitCode).toBe(0);
    expect(ex(['x', 'file-exists:/data/nope'], { preopens })).toMatchObject({
      stderr: failed(
        1,
        'file-exists:/data/nope',
        '/data/nope does not exist: No such file or directory',
      ),
      exitCode: 1,
    });
    expect(ex(['x', 'file-absent:/data/a.txt'], { preopens })).toMatchObject({
      stderr: failed(1, 'file-absent:/data/a.txt', '/data/a.txt exists'),
      exitCode: 1,
    });
  });

  it('read-env, read-file, set, expect and echo-var work with variables', () => {
    const preopens = { '/config': dirWith({ 'greeting.txt': 'hi there\n' }) };
    const r = ex(
      [
        'read-env:G=GREETING',
        'read-file:F=/config/greeting.txt',
        'expect:F=hi there\\n',
        'set:BOTH=$G+${F}',
        'echo-var:G',
        'echo-var:F',
        'echo-var:BOTH',
      ],
      { env: { GREETING: 'hello' }, preopens },
    );
    expect(r).toMatchObject({ stdout: 'hello\nhi there\nhello+hi there\n', exitCode: 0 });
  });

  it.each([
    [['read-env:V=NOPE'], 'environment variable NOPE is not set'],
    [['read-file:V=/config/none'], 'cannot read /config/none: No such file or directory'],
    [['read-file:bad name=/x'], 'invalid variable name "bad name": use letters, digits and _'],
    [['read-env:NOEQUALS'], 'expected read-env:VAR=NAME'],
    [['echo-var:UNSET'], 'variable UNSET is not set'],
    [['print:$UNSET'], 'variable UNSET is not set (set it with set:, read-env: or read-file:)'],
    [
      ['print:cost $'],
      'bad variable reference in "$" (write $NAME or ${NAME}, or \\$ for a dollar sign)',
    ],
    [['print:a\\q'], 'unknown escape "\\q" (use \\n, \\t, \\\\ or \\$)'],
    [['set:V=1', 'expect:V=2'], 'V is "1", expected "2"'],
    [['bogus:1'], 'unknown step "bogus"'],
    [['nocolon'], 'unknown step (expected name:operand, loop or trap)'],
  ])('fails %j: %s', (steps, why) => {
    const preopens = { '/config': dirWith() };
    const r = ex(['exerciser', ...steps], { preopens });
    const last = steps.at(-1)!;
    expect(r).toMatchObject({ stdout: '', stderr: failed(steps.length, last, why), exitCode: 1 });
  });

  it('cat, write-file, append-file, mkdir, remove and list-dir change and show a mount', () => {
    const data = dirWith({ 'keep.txt': 'kept\n', 'gone.txt': 'x' });
    const r = ex(
      [
        'set:V=value',
        'write-file:/data/new.txt=first $V\\n',
        'append-file:/data/new.txt=second\\n',
        'cat:/data/new.txt',
        'mkdir:/data/sub',
        'write-file:/data/sub/inner=1',
        'remove:/data/gone.txt',
        'list-dir:/data',
        'list-dir:/data/sub',
      ],
      { preopens: { '/data': data } },
    );
    expect(r).toMatchObject({ stderr: '', exitCode: 0 });
    expect(r.stdout).toBe('first value\nsecond\nkeep.txt\nnew.txt\nsub/\ninner\n');
    expect(readFileSync(join(data, 'new.txt'), 'utf8')).toBe('first value\nsecond\n');
    expect(readFileSync(join(data, 'sub', 'inner'), 'utf8')).toBe('1');
    expect(readdirSync(data).sort()).toEqual(['keep.txt', 'new.txt', 'sub']);
  });

  it('reports a write it cannot make', () => {
    const r = ex(['x', 'write-file:/elsewhere/f=1', 'list-dir:/nowhere']);
    expect(r).toMatchObject({
      stderr: failed(
        1,
        'write-file:/elsewhere/f=1',
        'cannot write /elsewhere/f: Capabilities insufficient',
      ),
      exitCode: 1,
    });
  });

  it('sleep waits in poll_oneoff on one relative clock subscription', () => {
    const r = ex(['print:before', 'sleep:200ms', 'sleep:0.1', 'print:after'], { trace: true });
    expect(r).toMatchObject({ stdout: 'before\nafter\n', exitCode: 0 });
    const sleeps = traced(r.trace, 'poll_oneoff');
    expect(sleeps.map((s) => s.subs)).toEqual([
      [{ tag: 0, clock: 1, timeoutNs: '200000000', flags: 0 }],
      [{ tag: 0, clock: 1, timeoutNs: '100000000', flags: 0 }],
    ]);
    expect(traced(r.trace, 'poll_oneoff', 'return')[0]!.ms).toBeGreaterThanOrEqual(190);
  });

  it.each([
    ['sleep:soon', 'bad duration "soon" (try 5s or 500ms)'],
    ['sleep:5y', 'bad duration "5y" (try 5s or 500ms)'],
    ['lines:-1', 'line count "-1" is not a whole number'],
    ['alloc:4097', 'MiB count 4097 is too large (at most 4096)'],
    ['exit:256', 'exit code 256 is too large (at most 255)'],
  ])('rejects the operand of %s', (step, why) => {
    expect(ex(['x', step])).toMatchObject({ stderr: failed(1, step, why), exitCode: 1 });
  });

  it('lines:N prints N numbered lines', () => {
    expect(ex(['lines:3', 'lines:0']).stdout).toBe('line 1\nline 2\nline 3\n');
  });

  it('alloc:N allocates N MiB, printing the running total', () => {
    expect(ex(['alloc:2', 'alloc:1'])).toMatchObject({
      stdout: 'allocated 1 MiB\nallocated 2 MiB\nallocated 3 MiB\n',
      exitCode: 0,
    });
  });

  it('alloc fails with exit 1 when memory runs out', () => {
    const r = ex(['x', 'alloc:64'], { memoryMiB: 8 });
    expect(r.exitCode).toBe(1);
    const held = r.stdout.trimEnd().split('\n').length;
    expect(held).toBeGreaterThan(3);
    expect(r.stderr).toBe(
      failed(1, 'alloc:64', `out of memory after allocating ${held} MiB in all`),
    );
  });

  it('writes each line at once, stdout and stderr alike', () => {
    const r = ex(['x', 'print:out', 'stderr:err', 'lines:2', 'env-exists:NOPE'], { trace: true });
    const writes = traced(r.trace, 'fd_write').map((c) => c.fd);
    expect(writes).toEqual([1, 2, 1, 1, 2]);
    expect(r.stderr).toBe(
      'err\n' + failed(4, 'env-exists:NOPE', 'environment variable NOPE is not set'),
    );
  });

  it('exit:N exits with N after flushing what came before', () => {
    expect(ex(['print:bye', 'exit:7', 'print:never'])).toMatchObject({
      stdout: 'bye\n',
      exitCode: 7,
    });
  });

  it('trap executes unreachable, output before it kept', () => {
    const r = ex(['print:before', 'trap', 'print:never']);
    expect(r).toMatchObject({ stdout: 'before\n', stderr: '' });
    expect(r.exitCode).toBeUndefined();
    expect(r.trap).toMatch(/unreachable/);
  });

  it('loop spins until killed, output before it kept', () => {
    const r = ex(['print:spinning', 'loop', 'print:never'], { timeoutMs: 1500 });
    expect(r).toMatchObject({ stdout: 'spinning\n', signal: 'SIGTERM' });
    expect(r.exitCode).toBeUndefined();
  });
});
