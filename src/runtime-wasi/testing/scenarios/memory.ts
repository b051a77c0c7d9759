/** Memory limits: OOMKilled before the start, after a failed memory.grow, and not otherwise. */
import { assertEqual, assertIncludes, assertMatch } from '../assert.ts';
import { settlesWithin } from '../scenarioContext.ts';
import type { Scenario } from '../scenarioContext.ts';

const MiB = 2 ** 20;

export const memoryScenarios: Scenario[] = [
  {
    name: 'a container never sees the memory of one that ran before it, written or grown',
    async run(ctx) {
      const runs: [string[], number | undefined][] = [
        [['leftovers'], undefined],
        [['leftovers'], undefined],
        [['leftovers', 'grow'], undefined],
        [['leftovers'], undefined],
        [['leftovers', 'grow'], 4 * MiB],
        [['leftovers'], 4 * MiB],
        [['leftovers'], 4 * MiB],
      ];
      for (const [argv, memoryLimitBytes] of runs) {
        const what = `${argv.join(' ')} (limit ${memoryLimitBytes ?? 'none'})`;
        const c = await ctx.run('leftovers', { argv, memoryLimitBytes });
        assertMatch(c.status, { exitCode: 0, reason: 'Completed' }, `status of ${what}`);
        assertEqual(c.stdout(), 'clean\n', `stdout of ${what}`);
      }
    },
  },
  {
    name: 'a module whose initial memory exceeds the limit is OOMKilled before it runs',
    async run(ctx) {
      const c = await ctx.run('big-memory', { memoryLimitBytes: 8 * MiB });
      assertMatch(c.status, { exitCode: 137, reason: 'OOMKilled' }, 'status');
      assertIncludes(c.status.message ?? '', '8Mi', 'message');
      assertEqual(await settlesWithin(c.started, 20), false, 'it never started');
      const fits = await ctx.run('big-memory', { memoryLimitBytes: 16 * MiB });
      assertMatch(fits.status, { exitCode: 0, reason: 'Completed' }, 'under a larger limit');
    },
  },
  {
    name: 'a module that dies after memory.grow fails at the limit is OOMKilled with 137',
    async run(ctx) {
      const c = await ctx.run('grow', { memoryLimitBytes: 4 * MiB });
      assertMatch(c.status, { exitCode: 137, reason: 'OOMKilled' }, 'status');
      assertIncludes(c.status.message ?? '', '4Mi', 'message');
    },
  },
  {
    name: 'a module that copes with a failed memory.grow completes normally',
    async run(ctx) {
      const c = await ctx.run('grow-handled', { memoryLimitBytes: 4 * MiB + 12345 });
      assertMatch(c.status, { exitCode: 0, reason: 'Completed' }, 'status');
      assertEqual(c.stdout(), 'grow failed\n', 'stdout');
    },
  },
  {
    name: 'a crash that is not about memory stays an Error under a memory limit',
    async run(ctx) {
      const c = await ctx.run('trap', { memoryLimitBytes: 64 * MiB });
      assertMatch(c.status, { exitCode: 134, reason: 'Error' }, 'status');
      const ok = await ctx.run('tool', {
        argv: ['tool', 'echo', 'fine'],
        memoryLimitBytes: 64 * MiB,
      });
      assertMatch(ok.status, { exitCode: 0, reason: 'Completed' }, 'a C module under a limit');
      assertEqual(ok.stdout(), 'fine\n', 'stdout');
    },
  },
];
