/**
 * Every lesson in lessons/ parses and can be completed step by step, as a learner would: apply
 * the step's manifest, run its kubectl commands' effect, and wait for every check to tick, on a
 * real cluster running the real built-in modules under Node with the clock at x200.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startNodeCluster } from '../cluster/testing/nodeCluster.ts';
import { applyManifest } from '../kubectl/apply/index.ts';
import { parseLesson } from './format.ts';
import { createLessonTracker } from './tracker.ts';

const DIR = path.join(import.meta.dirname, '../../lessons');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.md'))
  .sort();

const disposers: (() => void)[] = [];
afterAll(() => disposers.forEach((d) => d()));

describe('lessons', () => {
  it('there are at least five', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(`${file} can be completed step by step`, async () => {
      const lesson = parseLesson(file, fs.readFileSync(path.join(DIR, file), 'utf8'));
      const cluster = await startNodeCluster();
      disposers.push(() => cluster.dispose());
      const client = cluster.server.client('learner');
      const tracker = createLessonTracker(lesson, client, cluster.clock);
      disposers.push(() => tracker.stop());
      for (const [i, step] of lesson.steps.entries()) {
        tracker.goTo(i);
        if (step.manifest) {
          for (const o of await applyManifest(client, step.manifest)) {
            if (!o.ok) throw new Error(`${file} step ${i + 1}: ${o.error.message}`);
          }
        }
        for (const command of step.commands) await runCommand(client, command);
        // What the text asks the learner to type, done through the API.
        for (const m of step.text.matchAll(/`kubectl delete pod (\S+)( --wait=false)?`/g)) {
          await client.delete('pods', m[1]!);
        }
        await eventually(
          async () => (await tracker.evaluate(), tracker.progress(i).done),
          () =>
            `${file} step ${i + 1} "${step.title}" never completed: ${JSON.stringify(tracker.progress(i).checks)}`,
        );
      }
    }, 60_000);
  }
});

async function runCommand(_client: unknown, command: string): Promise<void> {
  throw new Error(`lesson commands are not run by this test yet: ${command}`);
}
