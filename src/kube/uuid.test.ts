import { expect, it } from 'vitest';
import { uuidV4 } from './uuid.ts';

it('draws the variant first, then the digits in order, from the source it is given', () => {
  let k = 0;
  const random = () => ((k++ * 7) % 16) / 16;
  // The text the API server and the event recorder made before they shared this function.
  expect(uuidV4(random)).toBe('7e5c3a18-f6d4-4b29-807e-5c3a18f6d4b2');
});

it('is a version 4 UUID with an RFC 4122 variant', () => {
  for (let i = 0; i < 50; i++)
    expect(uuidV4(Math.random)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
});
