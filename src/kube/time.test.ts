import { describe, expect, it } from 'vitest';
import { formatMicroTime, formatNanoTime, formatTime, parseTime } from './time.ts';

const at = Date.UTC(2026, 11, 4, 16, 5, 9, 42);

describe('formatting timestamps', () => {
  it('writes metav1.Time, MicroTime and CRI nanoseconds', () => {
    expect(formatTime(at)).toBe('2026-12-04T16:05:09Z');
    expect(formatMicroTime(at)).toBe('2026-12-04T16:05:09.042000Z');
    expect(formatNanoTime(at)).toBe('2026-12-04T16:05:09.042000000Z');
  });

  it('truncates to the second and the millisecond, as Go does', () => {
    expect(formatTime(at + 957)).toBe('2026-12-04T16:05:09Z');
    expect(formatMicroTime(at + 0.9)).toBe('2026-12-04T16:05:09.042000Z');
  });

  it('writes whole milliseconds from a clock that gives fractions (performance.now)', () => {
    expect(formatMicroTime(at + 0.456)).toBe('2026-12-04T16:05:09.042000Z');
    expect(formatNanoTime(at + 957.9)).toBe('2026-12-04T16:05:09.999000000Z');
  });

  it('gives each second its own text when calls alternate between seconds', () => {
    // The last second is remembered; a different one must never be served from it.
    const seconds = [at, at + 1000, at, at - 86_400_000, at + 1000];
    expect(seconds.map(formatTime)).toEqual([
      '2026-12-04T16:05:09Z',
      '2026-12-04T16:05:10Z',
      '2026-12-04T16:05:09Z',
      '2026-12-03T16:05:09Z',
      '2026-12-04T16:05:10Z',
    ]);
  });

  it('handles times before 1970 and leap days', () => {
    expect(formatMicroTime(-1.5)).toBe('1969-12-31T23:59:59.998000Z');
    expect(formatTime(Date.UTC(2024, 1, 29, 23, 59, 59))).toBe('2024-02-29T23:59:59Z');
  });

  it('reads back what it writes', () => {
    expect(parseTime(formatTime(at))).toBe(at - 42);
    expect(parseTime(formatMicroTime(at))).toBe(at);
  });
});
