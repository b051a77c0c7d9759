/**
 * Follows a learner through a lesson: evaluates the current step's checks whenever the cluster
 * changes (coalesced), ticks each check the first time it holds (a crash loop's STATUS flips
 * between Error and CrashLoopBackOff; once seen, it counts), and marks the step done when every
 * check has been ticked.
 */
import type { KubeClient } from '../kube/client.ts';
import type { Clock, Unsubscribe } from '../kube/clock.ts';
import { evaluateCheck, type CheckResult } from './checks.ts';
import type { Lesson } from './format.ts';

export interface StepProgress {
  /** Per check, in order: ticked once met, and what the cluster shows now. */
  checks: (CheckResult & { ticked: boolean })[];
  done: boolean;
}

export interface LessonTracker {
  readonly lesson: Lesson;
  /** The step shown, 0-based. */
  step(): number;
  progress(step: number): StepProgress;
  /** Moves to a step (Next, Back, or a click on the list). */
  goTo(step: number): void;
  /** Re-evaluates soon; several calls in one turn evaluate once. */
  poke(): void;
  /** Evaluates now; resolves when the results are in. */
  evaluate(): Promise<void>;
  subscribe(listener: () => void): Unsubscribe;
  stop(): void;
}

export function createLessonTracker(
  lesson: Lesson,
  client: KubeClient,
  clock: Clock,
): LessonTracker {
  let current = 0;
  const ticked = lesson.steps.map((s) => s.checks.map(() => false));
  const latest: (CheckResult[] | undefined)[] = lesson.steps.map(() => undefined);
  const listeners = new Set<() => void>();
  let queued = false;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const watches: Unsubscribe[] = [];

  const emit = () => listeners.forEach((l) => l());

  async function evaluate(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const index = current;
        const step = lesson.steps[index]!;
        const now = clock.now();
        const results = await Promise.all(
          step.checks.map((c) => evaluateCheck(client, c.check, now)),
        );
        if (stopped) return;
        latest[index] = results;
        results.forEach((r, k) => {
          if (r.met) ticked[index]![k] = true;
        });
        emit();
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const tracker: LessonTracker = {
    lesson,
    step: () => current,
    progress(step) {
      const results = latest[step];
      const checks = lesson.steps[step]!.checks.map((_, k) => ({
        met: results?.[k]?.met ?? false,
        actual: results?.[k]?.actual ?? 'not checked yet',
        ticked: ticked[step]![k]!,
      }));
      return { checks, done: checks.every((c) => c.ticked) };
    },
    goTo(step) {
      if (step < 0 || step >= lesson.steps.length) {
        throw new RangeError(`lesson "${lesson.id}" has steps 1 to ${lesson.steps.length}`);
      }
      current = step;
      emit();
      tracker.poke();
    },
    poke() {
      if (queued || stopped) return;
      queued = true;
      void Promise.resolve().then(() => {
        queued = false;
        void evaluate();
      });
    },
    evaluate,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      watches.forEach((w) => w());
      listeners.clear();
    },
  };

  // Pods and events are what checks look at; any change to them may tick one.
  for (const resource of ['pods', 'events', 'configmaps', 'secrets'] as const) {
    const w = client.watch(resource, {}, () => tracker.poke());
    watches.push(() => w.stop());
  }
  tracker.poke();
  return tracker;
}
