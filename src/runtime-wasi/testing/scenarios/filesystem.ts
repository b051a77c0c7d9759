/** Mounts: reads, read-only refusals, write-backs, and sharing between containers. */
import { MemDir } from '../../../kube/memfs.ts';
import { assertEqual, assertIncludes, assertMatch } from '../assert.ts';
import type { Scenario } from '../scenarioContext.ts';

export const filesystemScenarios: Scenario[] = [
  {
    name: 'mounted files are readable, and nothing outside the mounts exists',
    async run(ctx) {
      const dir = new MemDir();
      dir.writeFile('in.txt', 'from the kubelet\n');
      dir.writeFile('nested/deep.txt', 'deep\n');
      const mounts = [{ path: '/data', dir, readOnly: true }];
      const c = await ctx.run('tool', {
        argv: [
          'tool',
          'cat',
          '/data/in.txt',
          'cat',
          '/data/nested/deep.txt',
          'ls',
          '/data',
          'cat',
          '/etc/passwd',
        ],
        mounts,
      });
      assertEqual(c.stdout(), 'from the kubelet\ndeep\nin.txt\nnested\n', 'stdout');
      assertMatch(c.status, { exitCode: 1, reason: 'Error' }, 'status');
      assertIncludes(c.stderr(), 'cat /etc/passwd: ', 'stderr');
    },
  },
  {
    name: 'a read-only mount refuses writes with EROFS and stays unchanged',
    async run(ctx) {
      const dir = new MemDir();
      dir.writeFile('config', 'x=1\n');
      const mounts = [{ path: '/config', dir, readOnly: true }];
      for (const step of [
        ['write', '/config/config', 'changed'],
        ['write', '/config/new', 'new'],
        ['append', '/config/config', 'more'],
        ['mkdir', '/config/sub'],
        ['rm', '/config/config'],
      ]) {
        const c = await ctx.run('tool', { argv: ['tool', ...step], mounts });
        assertMatch(c.status, { exitCode: 1, reason: 'Error' }, `${step[0]} status`);
        assertEqual(
          c.stderr(),
          `${step[0]} ${step[1]}: Read-only file system\n`,
          `${step[0]} stderr`,
        );
      }
      assertEqual([...dir.entries.keys()], ['config'], 'entries');
      assertEqual(dir.readText('config'), 'x=1\n', 'content');
    },
  },
  {
    name: "writes to a writable mount land in the kubelet's MemDir",
    async run(ctx) {
      const dir = new MemDir();
      dir.writeFile('old.txt', 'old');
      dir.writeFile('keep.txt', 'keep');
      const c = await ctx.run('tool', {
        argv: [
          'tool',
          ...['write', '/work/a.txt', 'alpha'],
          ...['append', '/work/a.txt', '+more'],
          ...['mkdir', '/work/sub'],
          ...['write', '/work/sub/b.txt', 'beta'],
          ...['rm', '/work/old.txt'],
        ],
        mounts: [{ path: '/work', dir, readOnly: false }],
      });
      assertMatch(c.status, { exitCode: 0, reason: 'Completed' }, 'status');
      assertEqual([...dir.entries.keys()].sort(), ['a.txt', 'keep.txt', 'sub'], 'entries');
      assertEqual(dir.readText('a.txt'), 'alpha+more', 'a.txt');
      assertEqual(dir.readText('sub/b.txt'), 'beta', 'sub/b.txt');
    },
  },
  {
    name: 'an init container writes a file that the app container after it reads',
    async run(ctx) {
      const emptyDir = new MemDir();
      const init = await ctx.run('tool', {
        argv: ['tool', 'write', '/work/index.html', '<h1>ready</h1>'],
        mounts: [{ path: '/work', dir: emptyDir, readOnly: false }],
      });
      assertMatch(init.status, { exitCode: 0 }, 'init status');
      const app = await ctx.run('tool', {
        argv: ['tool', 'cat', '/usr/share/html/index.html'],
        mounts: [{ path: '/usr/share/html', dir: emptyDir, readOnly: true }],
      });
      assertEqual(app.stdout(), '<h1>ready</h1>', 'app stdout');
    },
  },
  {
    name: 'a hostPath shared by two pods: one writes and exits, the other reads',
    async run(ctx) {
      const host = new MemDir();
      const logs = host.mkdirp('var/log');
      const a = await ctx.run('tool', {
        argv: ['tool', 'write', '/host/var/log/a.log', 'from pod a'],
        mounts: [{ path: '/host', dir: host, readOnly: false }],
      });
      assertMatch(a.status, { exitCode: 0 }, 'pod a');
      const b = await ctx.run('tool', {
        argv: ['tool', 'cat', '/logs/a.log'],
        mounts: [{ path: '/logs', dir: logs, readOnly: false }],
      });
      assertEqual(b.stdout(), 'from pod a', 'pod b reads the subdirectory it mounts');
    },
  },
  {
    name: "a running container sees another container's write to a shared directory after it sleeps",
    async run(ctx) {
      const shared = new MemDir();
      const waiter = await ctx.start('tool', {
        argv: ['tool', 'wait-file', '/shared/flag', 'go', '1000'],
        mounts: [{ path: '/shared', dir: shared, readOnly: true }],
      });
      await ctx.sleeping();
      const writer = await ctx.run('tool', {
        argv: ['tool', 'write', '/shared/flag', 'go'],
        mounts: [{ path: '/shared', dir: shared, readOnly: false }],
      });
      assertMatch(writer.status, { exitCode: 0 }, 'writer');
      ctx.clock.advance(1000);
      assertMatch(await waiter.exited, { exitCode: 0 }, 'waiter');
      assertEqual(waiter.stdout(), 'saw go\n', 'waiter stdout');
    },
  },
];
