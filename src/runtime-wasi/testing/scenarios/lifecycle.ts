/** Output, exit codes, start errors, kill and the pool. */
import { MemDir } from '../../../kube/memfs.ts';
import { assert, assertEqual, assertIncludes, assertMatch } from '../assert.ts';
import { waitFor, settlesWithin } from '../scenarioContext.ts';
import type { Scenario } from '../scenarioContext.ts';

const bytes = (s: string) => [...new TextEncoder().encode(s)];

export const lifecycleScenarios: Scenario[] = [
  {
    name: 'a module that returns from _start exits 0, Completed, with its stdout',
    async run(ctx) {
      const c = await ctx.run('hello');
      assertMatch(c.status, { exitCode: 0, reason: 'Completed' }, 'status');
      assertEqual(c.status.message, undefined, 'message');
      assertEqual(c.stdout(), 'Hello, world!\n', 'stdout');
      assertEqual(await c.started, c.status.startedAt, 'started resolves with startedAt');
    },
  },
  {
    name: 'stdout and stderr arrive raw and in order, a split UTF-8 character and a final partial line intact',
    async run(ctx) {
      const c = await ctx.run('streams');
      assertEqual(
        c.chunks.map((k) => [k.stream, [...k.data]]),
        [
          ['stdout', bytes('caf').concat(0xc3)],
          ['stderr', bytes('warn\n')],
          ['stdout', [0xa9, 0x0a]],
          ['stdout', bytes('ab')],
          ['stdout', bytes('tail')],
        ],
        'chunks',
      );
      assertEqual(c.stdout(), 'café\nabtail', 'stdout');
    },
  },
  {
    name: 'proc_exit(n) gives exit code n with reason Error',
    async run(ctx) {
      const c = await ctx.run('exit3');
      assertMatch(c.status, { exitCode: 3, reason: 'Error' }, 'status');
      assertEqual(c.stdout(), 'bye\n', 'stdout');
      const zero = await ctx.run('tool', { argv: ['tool', 'exit', '0'] });
      assertMatch(zero.status, { exitCode: 0, reason: 'Completed' }, 'proc_exit(0)');
    },
  },
  {
    name: 'argv and env reach the module as given, UTF-8 argument sizes counted in bytes',
    async run(ctx) {
      const c = await ctx.run('tool', {
        argv: ['tool', 'args', 'env', 'argsize', 'ünïcødé ✓'],
        env: [
          ['GREETING', 'grüß dich'],
          ['EMPTY', ''],
        ],
      });
      // The unknown last step makes the tool exit 2; everything before it ran.
      assertMatch(c.status, { exitCode: 2, reason: 'Error' }, 'status');
      const argBytes = ['tool', 'args', 'env', 'argsize', 'ünïcødé ✓'].reduce(
        (n, a) => n + new TextEncoder().encode(a).length + 1,
        0,
      );
      assertEqual(
        c.stdout(),
        'argv[0]=tool\nargv[1]=args\nargv[2]=env\nargv[3]=argsize\nargv[4]=ünïcødé ✓\n' +
          `GREETING=grüß dich\nEMPTY=\nargc=5 argv_buf_size=${argBytes}\n`,
        'stdout',
      );
      assertEqual(c.stderr(), 'unknown step ünïcødé ✓\n', 'stderr');
    },
  },
  {
    name: 'a trap exits 134 with reason Error and the trap message',
    async run(ctx) {
      const c = await ctx.run('trap');
      assertMatch(c.status, { exitCode: 134, reason: 'Error' }, 'status');
      assertIncludes(c.status.message ?? '', 'wasm trap: unreachable', 'message');
      assertIncludes(c.status.message ?? '', 'crash', 'message names the function');
      assertEqual(c.stdout(), 'before trap\n', 'output before the trap is kept');
    },
  },
  {
    name: 'a module that fails to compile is a StartError with exit 128 and the reason',
    async run(ctx) {
      const image = await ctx.env.store.add('garbage', new TextEncoder().encode('not wasm at all'));
      const handle = ctx.runtime.start({
        id: 'garbage',
        image,
        argv: ['garbage'],
        env: [],
        mounts: [],
        onOutput: () => {},
      });
      const status = await handle.exited;
      assertMatch(status, { exitCode: 128, reason: 'StartError' }, 'status');
      assertIncludes(status.message ?? '', 'failed to compile module', 'message');
    },
  },
  {
    name: 'a module that imports what WASI does not provide is a StartError naming the import',
    async run(ctx) {
      const c = await ctx.run('link-error');
      assertMatch(c.status, { exitCode: 128, reason: 'StartError' }, 'status');
      assertIncludes(c.status.message ?? '', 'function "env" "missing"', 'message');
    },
  },
  {
    name: 'a module without _start is a StartError',
    async run(ctx) {
      const c = await ctx.run('no-start');
      assertMatch(c.status, { exitCode: 128, reason: 'StartError' }, 'status');
      assertIncludes(c.status.message ?? '', '"_start"', 'message');
    },
  },
  {
    name: 'an invalid start request is a StartError that names the problem',
    async run(ctx) {
      const c = await ctx.run('hello', {
        mounts: [{ path: 'data', dir: new MemDir(), readOnly: false }],
      });
      assertMatch(c.status, { exitCode: 128, reason: 'StartError' }, 'status');
      assertEqual(c.status.message, 'mounts[0].path "data" is not an absolute path', 'message');
    },
  },
  {
    name: 'kill stops a module stuck in a loop at once with 137, and its worker is replaced',
    async run(ctx) {
      const c = await ctx.start('loop');
      await c.started;
      await waitFor(() => c.stdout() === 'looping\n', 'the loop to start');
      const before = ctx.runtime.stats();
      c.kill();
      c.kill(); // idempotent
      assert(await settlesWithin(c.exited, 1000), 'killed module exits within a second');
      assertMatch(await c.exited, { exitCode: 137, reason: 'Error' }, 'status');
      const after = ctx.runtime.stats();
      assertEqual(after.terminated - before.terminated, 1, 'workers terminated');
      await waitFor(() => ctx.runtime.stats().idle >= 2, 'the pool to warm a replacement');
      const next = await ctx.run('hello');
      assertEqual(next.stdout(), 'Hello, world!\n', 'the runtime still runs modules');
    },
  },
  {
    name: 'starts queued behind a container that keeps running move on to other workers',
    async run(ctx) {
      await Promise.all([ctx.image('loop'), ctx.image('hello')]);
      const loop = ctx.start('loop');
      const hellos = Array.from({ length: 12 }, () => ctx.start('hello'));
      const ended = Promise.all(hellos.map(async (h) => (await h).exited));
      assert(await settlesWithin(ended, 5000), 'every hello ends while the loop runs');
      for (const h of hellos) assertEqual((await h).stdout(), 'Hello, world!\n', 'stdout');
      const l = await loop;
      await waitFor(() => l.stdout() === 'looping\n', 'the loop to start');
      l.kill();
      assertMatch(await l.exited, { exitCode: 137, reason: 'Error' }, 'the loop, killed');
      await waitFor(() => ctx.runtime.stats().idle >= 2, 'the pool to warm a replacement');
    },
  },
  {
    name: 'a kill ends a start waiting in a queue, and the starts queued behind a killed container run elsewhere',
    async run(ctx) {
      for (const name of ['loop', 'hello']) await ctx.runtime.prepare(await ctx.image(name));
      const loop = ctx.start('loop');
      const hellos = await Promise.all(Array.from({ length: 8 }, () => ctx.start('hello')));
      const l = await loop;
      await waitFor(() => l.stdout() === 'looping\n', 'the loop to start');
      // Most likely queued behind the loop; a busy machine may have moved it on and run it.
      const last = hellos.pop()!;
      let endedBefore = false;
      void last.exited.then(() => (endedBefore = true));
      await Promise.resolve();
      const wasRunning = !endedBefore;
      last.kill();
      l.kill();
      assert(await settlesWithin(last.exited, 1000), 'the killed hello exits within a second');
      if (wasRunning) {
        assertMatch(await last.exited, { exitCode: 137, reason: 'Error' }, 'the killed hello');
      }
      assertMatch(await l.exited, { exitCode: 137, reason: 'Error' }, 'the loop');
      const rest = hellos;
      const ended = Promise.all(rest.map((h) => h.exited));
      assert(await settlesWithin(ended, 5000), 'the other hellos end');
      for (const h of rest) {
        assertMatch(await h.exited, { exitCode: 0, reason: 'Completed' }, 'status');
        assertEqual(h.stdout(), 'Hello, world!\n', 'stdout');
      }
      await waitFor(() => ctx.runtime.stats().idle >= 2, 'the pool to warm a replacement');
    },
  },
  {
    name: 'a socket call ends the module with a clear message, not a hang',
    async run(ctx) {
      const c = await ctx.run('socket');
      assertMatch(c.status, { exitCode: 134, reason: 'Error' }, 'status');
      assertEqual(
        c.status.message,
        'sock_recv is not supported: WASI preview 1 in the playground has no networking',
        'message',
      );
    },
  },
  {
    name: 'proc_raise ends the module as killed by that signal',
    async run(ctx) {
      const c = await ctx.run('raise');
      assertMatch(c.status, { exitCode: 128 + 6, reason: 'Error' }, 'status');
      assertIncludes(c.status.message ?? '', 'signal 6', 'message');
    },
  },
  {
    name: 'warm starts reuse the pool instead of starting workers',
    async run(ctx) {
      await ctx.run('hello');
      const before = ctx.runtime.stats();
      for (let i = 0; i < 5; i++) await ctx.run('hello');
      const after = ctx.runtime.stats();
      assertEqual(after.spawned, before.spawned, 'workers spawned');
      assert(after.idle >= 1, 'an idle worker is left');
      assertEqual(after.running, 0, 'nothing running');
    },
  },
];
