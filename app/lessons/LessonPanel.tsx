/**
 * A lesson beside the playground: the current step's text, a button that puts its manifest in
 * the editor, its kubectl commands, and its checks, each ticked the first time the cluster meets
 * it (src/lessons/tracker.ts). Next unlocks when every check of the step is ticked.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createLessonTracker } from '../../src/lessons/tracker.ts';
import { describeCheck } from '../../src/lessons/checks.ts';
import { findLesson } from './lessons.ts';
import { usePlayground } from '../playground/context.tsx';

export default function LessonPanel(props: {
  id: string;
  onManifest(text: string): void;
  onClose(): void;
}) {
  const lesson = findLesson(props.id)!;
  const playground = usePlayground();
  const [tracker] = useState(() =>
    createLessonTracker(lesson, playground.server.client('lesson'), playground.clock),
  );
  useEffect(() => () => tracker.stop(), [tracker]);
  const version = useSyncExternalStore(
    (l) => tracker.subscribe(l),
    () => JSON.stringify([tracker.step(), tracker.progress(tracker.step())]),
  );
  const index = tracker.step();
  const step = lesson.steps[index]!;
  const progress = JSON.parse(version)[1] as ReturnType<typeof tracker.progress>;

  return (
    <aside className="lesson" aria-label={`Lesson: ${lesson.title}`}>
      <header>
        <h2>{lesson.title}</h2>
        <span className="hint">
          Step {index + 1} of {lesson.steps.length}
        </span>
        <button type="button" onClick={props.onClose} aria-label="Close lesson">
          ×
        </button>
      </header>
      <h3>{step.title}</h3>
      <div className="lesson-text">
        {step.text.split(/\n{2,}/).map((para, i) => (
          <p key={i}>
            {para.split(/`([^`]+)`/).map((part, j) => (j % 2 ? <code key={j}>{part}</code> : part))}
          </p>
        ))}
      </div>
      {step.manifest && (
        <button type="button" onClick={() => props.onManifest(step.manifest!)}>
          Put this step&apos;s manifest in the editor
        </button>
      )}
      {step.commands.length > 0 && (
        <pre className="lesson-commands">{step.commands.join('\n')}</pre>
      )}
      <ul className="checks" aria-label="Checks">
        {step.checks.map((c, i) => {
          const p = progress.checks[i];
          return (
            <li key={c.source} className={p?.ticked ? 'ticked' : undefined}>
              <span aria-hidden="true">{p?.ticked ? '✔' : '○'}</span>{' '}
              <span>{describeCheck(c.check)}</span>
              {!p?.ticked && <span className="hint"> (now: {p?.actual})</span>}
              <span className="sr-only">{p?.ticked ? ' (done)' : ' (not yet)'}</span>
            </li>
          );
        })}
      </ul>
      <footer>
        <button type="button" disabled={index === 0} onClick={() => tracker.goTo(index - 1)}>
          Back
        </button>
        {index < lesson.steps.length - 1 ? (
          <button type="button" disabled={!progress.done} onClick={() => tracker.goTo(index + 1)}>
            Next step
          </button>
        ) : (
          <strong role="status">{progress.done ? 'Lesson complete.' : ''}</strong>
        )}
      </footer>
    </aside>
  );
}
