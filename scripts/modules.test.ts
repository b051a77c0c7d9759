/**
 * The modules we ship (public/modules, built from modules/ by `npm run build:modules`) run under
 * Node's own node:wasi with the stdout, stderr and exit code each promises. The exerciser has its
 * own file (exerciser.test.ts); the images' layout is checked in moduleImages.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, dirWith, parseFd3, run, shipped, start, traced } from './testing/runModule.ts';
import type { TraceLine } from './testing/runModule.ts';

afterAll(cleanUp);

describe.skipIf(!shipped)('the shipped modules under node:wasi', () => {
  describe('hello', () => {
    it.each([[[]], [['hello']], [['/hello.wasm', 'extra']]])(
      'prints exactly "Hello, world!\\n" and exits 0 (argv %j)',
      (args) => {
        expect(run('hello', args)).toMatchObject({
          stdout: 'Hello, world!\n',
          stderr: '',
          exitCode: 0,
        });
      },
    );
  });

  describe('hello-world', () => {
    const greeting = 'Hello, world! I am hello-world, a WASI module written in Rust.\n';

    it('prints its args, its sorted environment and the file FILE names', () => {
      const config = dirWith({ 'greeting.txt': 'hello from a volume\n' });
      const r = run('hello-world', ['hello-world', 'one', 'two words'], {
        env: { ZED: 'last', FILE: '/config/greeting.txt', ALPHA: 'a=b' },
        preopens: { '/config': config },
      });
      expect(r).toMatchObject({ stderr: 'hello-world: this line goes to stderr\n', exitCode: 0 });
      expect(r.stdout).toBe(
        greeting +
          '3 args:\nargv[0]=hello-world\nargv[1]=one\nargv[2]=two words\n' +
          '3 environment variables:\nALPHA=a=b\nFILE=/config/greeting.txt\nZED=last\n' +
          '/config/greeting.txt:\nhello from a volume\n',
      );
    });

    it('reads the first absolute-path argument when FILE is not set, ending it with a newline', () => {
      const data = dirWith({ 'a.txt': 'no newline' });
      const r = run('hello-world', ['/data/a.txt'], { preopens: { '/data': data } });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(
        greeting +
          '1 args:\nargv[0]=/data/a.txt\n0 environment variables:\n/data/a.txt:\nno newline\n',
      );
    });

    it('says so when there is no file to show, and exits 0', () => {
      const r = run('hello-world', []);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(
        greeting +
          '0 args:\n0 environment variables:\nno file to show: set FILE or pass an absolute path\n',
      );
    });

    it('exits 1 naming the file when it cannot be read', () => {
      const r = run('hello-world', ['hello-world'], {
        env: { FILE: '/config/missing.txt' },
        preopens: { '/config': dirWith() },
      });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe(
        'hello-world: this line goes to stderr\n' +
          'hello-world: cannot read /config/missing.txt: No such file or directory (os error 44)\n',
      );
    });
  });

  describe('ticker', () => {
    /** Runs ticker until `done(stdout, trace)` holds, then kills it. */
    async function tickerUntil(
      args: string[],
      done: (stdout: string, trace: TraceLine[]) => boolean,
    ) {
      const child = start('ticker', args, { trace: true });
      let stdout = '';
      let fd3 = '';
      await new Promise<void>((resolve, reject) => {
        const guard = setTimeout(
          () => reject(new Error(`ticker never got there: ${stdout}`)),
          10_000,
        );
        const check = () => {
          if (!done(stdout, parseFd3(fd3.slice(0, fd3.lastIndexOf('\n') + 1)).trace)) return;
          clearTimeout(guard);
          resolve();
        };
        child.stdout!.on('data', (b: Buffer) => ((stdout += b.toString('utf8')), check()));
        child.stdio[3]!.on('data', (b: Buffer) => ((fd3 += b.toString('utf8')), check()));
      });
      child.kill();
      await new Promise((resolve) => child.on('close', resolve));
      return { stdout, trace: parseFd3(fd3.slice(0, fd3.lastIndexOf('\n') + 1)).trace };
    }

    it('prints "tick N" every interval, sleeping in poll_oneoff between ticks', async () => {
      const r = await tickerUntil(['ticker', '0.05'], (out) => out.includes('tick 3\n'));
      expect(r.stdout.startsWith('tick 1\ntick 2\ntick 3\n')).toBe(true);
      const sleeps = traced(r.trace, 'poll_oneoff');
      expect(sleeps.length).toBeGreaterThanOrEqual(2);
      for (const s of sleeps) {
        // One relative monotonic clock subscription of 50 ms: a real sleep.
        expect(s.subs).toEqual([{ tag: 0, clock: 1, timeoutNs: '50000000', flags: 0 }]);
      }
      // Waiting by reading the clock in a loop would show here.
      expect(traced(r.trace, 'clock_time_get')).toEqual([]);
    });

    it.each([[[]], [['ticker']]])('sleeps 5 s between ticks by default (argv %j)', async (args) => {
      const r = await tickerUntil(args, (_, trace) => traced(trace, 'poll_oneoff').length > 0);
      expect(r.stdout).toBe('tick 1\n');
      expect(traced(r.trace, 'poll_oneoff')[0]!.subs).toEqual([
        { tag: 0, clock: 1, timeoutNs: '5000000000', flags: 0 },
      ]);
    });

    it('rejects an interval it cannot read', () => {
      const r = run('ticker', ['ticker', 'soon']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('ticker: expected at most one argument, the interval');
    });
  });

  describe('crasher', () => {
    it.each([[[]], [['crasher']]])('prints one line and exits 1 (argv %j)', (args) => {
      expect(run('crasher', args)).toMatchObject({
        stdout: 'crasher: about to crash with exit code 1\n',
        stderr: '',
        exitCode: 1,
      });
    });

    it('exits with the code given', () => {
      expect(run('crasher', ['42'])).toMatchObject({
        stdout: 'crasher: about to crash with exit code 42\n',
        exitCode: 42,
      });
    });

    it('refuses a code that is not from 1 to 255, with exit 2', () => {
      expect(run('crasher', ['crasher', '0'])).toMatchObject({
        stdout: '',
        stderr: 'crasher: expected at most one argument, an exit code from 1 to 255, got "0"\n',
        exitCode: 2,
      });
    });
  });

  describe('oom', () => {
    it('allocates until memory runs out under a cap, then traps', () => {
      const r = run('oom', [], { memoryMiB: 16, trace: true });
      expect(r.trap).toMatch(/unreachable/);
      expect(r.exitCode).toBeUndefined();
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(10);
      expect(lines.length).toBeLessThan(16);
      expect(lines).toEqual(lines.map((_, i) => `oom: allocated ${i + 1} MiB`));
      expect(r.stderr).toBe(
        `oom: cannot allocate 1 MiB more after ${lines.length} MiB: out of memory\n`,
      );
      // One write per line, all of them before the trap.
      const writes = traced(r.trace, 'fd_write').map((c) => c.fd);
      expect(writes).toEqual([...lines.map(() => 1), 2]);
    });

    it('takes the step in MiB as its argument', () => {
      const r = run('oom', ['4'], { memoryMiB: 16 });
      expect(r.trap).toMatch(/unreachable/);
      expect(r.stdout).toBe('oom: allocated 4 MiB\noom: allocated 8 MiB\noom: allocated 12 MiB\n');
    });
  });

  describe('flood', () => {
    const line = (i: number, n: number) =>
      `flood ${i}/${n}: the quick brown fox jumps over the lazy dog\n`;

    it('writes 100000 lines by default, one write each, and exits 0', () => {
      const r = run('flood', []);
      expect(r.exitCode).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines).toHaveLength(100_001);
      expect(r.stdout.startsWith(line(1, 100_000))).toBe(true);
      expect(r.stdout.endsWith(line(99_999, 100_000) + line(100_000, 100_000))).toBe(true);
    });

    it('writes the number of lines given', () => {
      expect(run('flood', ['3'])).toMatchObject({
        stdout: line(1, 3) + line(2, 3) + line(3, 3),
        exitCode: 0,
      });
    });
  });

  describe('compute', () => {
    /** An independent count and sum of the primes below `limit`, by trial division. */
    function primesBelow(limit: number): [number, number] {
      let count = 0;
      let sum = 0;
      for (let n = 2; n < limit; n++) {
        let prime = true;
        for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
        if (prime) [count, sum] = [count + 1, sum + n];
      }
      return [count, sum];
    }

    it.each([2, 3, 10, 1000, 65_537])('counts and sums the primes below %i', (limit) => {
      const [count, sum] = primesBelow(limit);
      expect(run('compute', ['compute', String(limit)])).toMatchObject({
        stdout: `primes below ${limit}: ${count}, sum ${sum} (1 round)\n`,
        exitCode: 0,
      });
    });

    it('sieves below 10000000 by default, and repeats ROUNDS times', () => {
      expect(run('compute', []).stdout).toBe(
        'primes below 10000000: 664579, sum 3203324994356 (1 round)\n',
      );
      expect(run('compute', ['100', '3']).stdout).toBe(
        'primes below 100: 25, sum 1060 (3 rounds)\n',
      );
    });

    it('rejects a limit it cannot read', () => {
      expect(run('compute', ['compute', 'lots'])).toMatchObject({
        stderr: 'compute: LIMIT must be a whole number from 1 to 2000000000, got "lots"\n',
        exitCode: 1,
      });
    });
  });
});
