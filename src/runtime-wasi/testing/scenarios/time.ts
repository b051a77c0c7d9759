/** The module's clocks and sleeps follow the kubelet's clock; poll_oneoff's details. */
import { assertEqual, assertMatch } from '../assert.ts';
import { settlesWithin } from '../scenarioContext.ts';
import type { Scenario } from '../scenarioContext.ts';

export const timeScenarios: Scenario[] = [
  {
    name: 'a sleep wakes when the kubelet clock has advanced, whatever the wall time',
    async run(ctx) {
      const t0 = ctx.clock.now();
      const c = await ctx.start('tool', { argv: ['tool', 'now', 'sleep', '5000', 'now'] });
      await ctx.sleeping();
      assertEqual(c.stdout(), `${t0}\n`, 'first reading');
      ctx.clock.advance(4999);
      assertEqual(await settlesWithin(c.exited, 50), false, 'still asleep at +4999 ms');
      ctx.clock.advance(1);
      const status = await c.exited;
      assertMatch(status, { exitCode: 0, reason: 'Completed' }, 'status');
      assertEqual(c.stdout(), `${t0}\n${t0 + 5000}\n`, 'readings');
      assertEqual(status.finishedAt - status.startedAt, 5000, 'run time on the clock');
    },
  },
  {
    name: 'output chunks are stamped with the kubelet clock',
    async run(ctx) {
      const t0 = ctx.clock.now();
      const c = await ctx.start('tool', {
        argv: ['tool', 'echo', 'a', 'sleep', '1500', 'echo', 'b'],
      });
      await ctx.sleeping();
      ctx.clock.advance(1500);
      await c.exited;
      assertEqual(
        c.chunks.map((k) => [new TextDecoder().decode(k.data), k.time - t0]),
        [
          ['a\n', 0],
          ['b\n', 1500],
        ],
        'chunks',
      );
    },
  },
  {
    name: "Rust's thread::sleep, which checks poll_oneoff's nevents, wakes with the clock",
    async run(ctx) {
      const c = await ctx.start('sleep', { argv: ['sleep', '2000'] });
      await ctx.sleeping();
      ctx.clock.advance(2000);
      assertMatch(await c.exited, { exitCode: 0, reason: 'Completed' }, 'status');
      assertEqual(c.stdout(), 'sleeping 2000 ms\nslept 2000 ms (realtime 2000 ms)\n', 'stdout');
    },
  },
  {
    name: 'poll_oneoff with two clock subscriptions reports the earlier one and nevents 1',
    async run(ctx) {
      const c = await ctx.start('poll');
      await ctx.sleeping();
      ctx.clock.advance(2999);
      assertEqual(await settlesWithin(c.exited, 50), false, 'asleep before 3 s');
      ctx.clock.advance(1);
      await c.exited;
      assertEqual(c.stdout(), 'nevents=1 userdata=2 errno=0\n', 'stdout');
    },
  },
  {
    name: 'poll_oneoff honours absolute deadlines on the realtime clock',
    async run(ctx) {
      const c = await ctx.start('poll-abs');
      await ctx.sleeping();
      ctx.clock.advance(1999);
      assertEqual(await settlesWithin(c.exited, 50), false, 'asleep before the deadline');
      ctx.clock.advance(1);
      await c.exited;
      assertEqual(c.stdout(), 'woke\n', 'stdout');
    },
  },
  {
    name: 'poll_oneoff on a writable stdout returns at once with that event',
    async run(ctx) {
      const c = await ctx.run('poll-fd');
      assertEqual(c.stdout(), 'nevents=1 userdata=3 type=2\n', 'stdout');
    },
  },
];
