/** Pause, Play, Speed (x1, x10, x100) and Skip to next event, with the playground time. */
import { useState } from 'react';
import { formatTime } from '../../src/kube/time.ts';
import { useClockNow, useClockState, usePlayground } from '../playground/context.tsx';

export const SPEEDS = [1, 10, 100] as const;

export function ClockControls() {
  const { clock } = usePlayground();
  const state = useClockState();
  const now = useClockNow(state.speed >= 10 ? 100 : 500);
  const [, setSkips] = useState(0);
  const pending = clock.nextAt() !== undefined;
  return (
    <div className="clock" role="group" aria-label="Clock">
      {state.paused ? (
        <button type="button" onClick={() => clock.play()} aria-label="Play">
          Play
        </button>
      ) : (
        <button type="button" onClick={() => clock.pause()} aria-label="Pause">
          Pause
        </button>
      )}
      <label className="clock-speed">
        <span>Speed</span>
        <select
          aria-label="Speed"
          value={state.speed}
          onChange={(e) => clock.setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              x{s}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        aria-label="Skip to next event"
        title="Jump the clock to the next thing the cluster is waiting for (a back-off, a sleep, a grace period)"
        disabled={!pending}
        onClick={() => {
          clock.skipToNext();
          setSkips((n) => n + 1);
        }}
      >
        Skip
      </button>
      <time className="clock-now" dateTime={formatTime(now)} aria-label="Playground time">
        {formatTime(now).slice(11, 19)} UTC
        {state.paused ? ' (paused)' : state.speed !== 1 ? ` (x${state.speed})` : ''}
      </time>
    </div>
  );
}
