import { describe, expect, it } from 'vitest';
import { goDurationString, humanDuration, shortHumanDuration } from './duration.ts';

// Go time units in milliseconds; `ns` is one nanosecond.
const ns = 1e-6;
const ms = 1;
const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

// Test vectors ported from k8s.io/apimachinery/pkg/util/duration/duration_test.go (v0.33.0).
describe('humanDuration', () => {
  it.each([
    [1 * s, '1s'],
    [70 * s, '70s'],
    [190 * s, '3m10s'],
    [70 * m, '70m'],
    [47 * h, '47h'],
    [49 * h, '2d1h'],
    [(8 * 24 + 2) * h, '8d'],
    [367 * 24 * h, '367d'],
    [(365 * 2 * 24 + 25) * h, '2y1d'],
    [(365 * 8 * 24 + 2) * h, '8y'],
  ])('TestHumanDuration %d ms → %s', (input, want) => {
    expect(humanDuration(input)).toBe(want);
  });

  it.each([
    [-2 * s, '<invalid>'],
    [-2 * s + ns, '0s'],
    [0, '0s'],
    [s - ms, '0s'],
    [2 * m - ms, '119s'],
    [2 * m, '2m'],
    [2 * m + s, '2m1s'],
    [10 * m - ms, '9m59s'],
    [10 * m, '10m'],
    [10 * m + s, '10m'],
    [3 * h - ms, '179m'],
    [3 * h, '3h'],
    [3 * h + m, '3h1m'],
    [8 * h - ms, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 59 * m, '8h'],
    [2 * d - ms, '47h'],
    [2 * d, '2d'],
    [2 * d + h, '2d1h'],
    [8 * d - ms, '7d23h'],
    [8 * d, '8d'],
    [8 * d + 23 * h, '8d'],
    [2 * y - ms, '729d'],
    [2 * y, '2y'],
    [2 * y + 23 * h, '2y'],
    [2 * y + 23 * h + 59 * m, '2y'],
    [2 * y + 24 * h - ms, '2y'],
    [2 * y + 24 * h, '2y1d'],
    [3 * y, '3y'],
    [4 * y, '4y'],
    [5 * y, '5y'],
    [6 * y, '6y'],
    [7 * y, '7y'],
    [8 * y - ms, '7y364d'],
    [8 * y, '8y'],
    [8 * y + 364 * d, '8y'],
    [9 * y, '9y'],
  ])('TestHumanDurationBoundaries %d ms → %s', (input, want) => {
    expect(humanDuration(input)).toBe(want);
  });

  it('rejects a duration that is not a finite number', () => {
    expect(() => humanDuration(Number.NaN)).toThrow(
      'duration must be a finite number of ms, got NaN',
    );
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-2 * s + ns, '0s'],
    [0, '0s'],
    [s - ms, '0s'],
    [s, '1s'],
    [2 * s - ms, '1s'],
    [m - ms, '59s'],
    [m, '1m'],
    [2 * m - ms, '1m'],
    [h - ms, '59m'],
    [h, '1h'],
    [2 * h - ms, '1h'],
    [d - ms, '23h'],
    [d, '1d'],
    [2 * d - ms, '1d'],
    [y - ms, '364d'],
    [y, '1y'],
    [2 * y - ms, '1y'],
    [2 * y, '2y'],
  ])('TestShortHumanDurationBoundaries %d ms → %s', (input, want) => {
    expect(shortHumanDuration(input)).toBe(want);
  });
});

// Vectors from Go's time_test.go durationTests (the ±2^63 ns extremes do not fit a float ms).
describe('goDurationString', () => {
  it.each([
    [0, '0s'],
    [1 * ns, '1ns'],
    [1100 * ns, '1.1µs'],
    [2.2 * ms, '2.2ms'],
    [3300 * ms, '3.3s'],
    [4 * m + 5 * s, '4m5s'],
    [4 * m + 5001 * ms, '4m5.001s'],
    [5 * h + 6 * m + 7001 * ms, '5h6m7.001s'],
    [8 * m + 1 * ns, '8m0.000000001s'],
    [h, '1h0m0s'],
    [-1500 * ms, '-1.5s'],
    [72 * h + 3 * m + 0.5 * s, '72h3m0.5s'],
  ])('%d ms → %s', (input, want) => {
    expect(goDurationString(input)).toBe(want);
  });
});
