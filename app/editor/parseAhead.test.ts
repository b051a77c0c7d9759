import { describe, expect, it } from 'vitest';
import { ParsedAhead } from './parseAhead.ts';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n`;

/** Idle moments the test hands out one at a time. */
function idleMoments() {
  const waiting: (() => void)[] = [];
  return {
    idle: () => new Promise<void>((resolve) => waiting.push(resolve)),
    async next() {
      waiting.shift()?.();
      await Promise.resolve();
    },
    get pending() {
      return waiting.length;
    },
  };
}

/**
 * A 40-pod manifest after its first idle moment, on a clock that reads 1 ms later each time it
 * is read: a slice parses SLICE_MS documents.
 */
async function sliced() {
  const moments = idleMoments();
  let now = 0;
  const ahead = new ParsedAhead(moments.idle, () => now++);
  const long = Array.from({ length: 40 }, (_, i) => pod(`p${i}`)).join('---\n');
  ahead.changed(() => long);
  await moments.next();
  return { moments, ahead, long, clock: () => now };
}

describe('ParsedAhead', () => {
  it('parses the text in an idle moment, and hands the documents to the Apply of that text', async () => {
    const moments = idleMoments();
    const ahead = new ParsedAhead(moments.idle);
    ahead.changed(() => pod('a'));
    expect(ahead.take(pod('a'))).toBeUndefined(); // not idle yet: Apply parses it itself
    ahead.changed(() => pod('a')); // as an Apply does once it is done
    await moments.next();
    const docs = [...(ahead.take(pod('a')) ?? [])];
    expect(docs.map((d) => d.object?.metadata?.name)).toEqual(['a']);
  });

  it('parses the newest text once however often it changes before the idle moment', async () => {
    const moments = idleMoments();
    const ahead = new ParsedAhead(moments.idle);
    let text = pod('a');
    for (const name of ['b', 'c', 'd']) {
      ahead.changed(() => text);
      text = pod(name);
    }
    expect(moments.pending).toBe(1);
    await moments.next();
    expect(ahead.take(pod('a'))).toBeUndefined();
    expect([...(ahead.take(pod('d')) ?? [])][0]?.object?.metadata?.name).toBe('d');
  });

  it('never hands out the documents of another text, nor the same documents twice', async () => {
    const moments = idleMoments();
    const ahead = new ParsedAhead(moments.idle);
    ahead.changed(() => pod('a'));
    await moments.next();
    expect(ahead.take(pod('b'))).toBeUndefined();
    expect(ahead.take(pod('a'))).toBeDefined();
    expect(ahead.take(pod('a'))).toBeUndefined();
  });

  it('keeps a bad document as the parser reports it', async () => {
    const moments = idleMoments();
    const ahead = new ParsedAhead(moments.idle);
    ahead.changed(() => 'kind: Pod\nmetadata: [\n');
    await moments.next();
    const [doc] = ahead.take('kind: Pod\nmetadata: [\n') ?? [];
    expect(doc?.object).toBeUndefined();
    expect(doc?.error?.line).toBeGreaterThan(0);
  });

  it('parses a long manifest a slice at a time, and hands over the rest to parse as it is read', async () => {
    const { moments, ahead, long } = await sliced();
    expect(moments.pending).toBe(1); // a slice parsed SLICE_MS documents, and waits for more
    await moments.next();
    const docs = [...(ahead.take(long) ?? [])];
    expect(docs.map((d) => d.object?.metadata?.name)).toEqual(
      Array.from({ length: 40 }, (_, i) => `p${i}`),
    );
    expect(docs.map((d) => d.index)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('stops parsing ahead once an Apply took the text, until it changes again', async () => {
    const { moments, ahead, long, clock } = await sliced();
    const taken = ahead.take(long);
    expect(taken).toBeDefined();
    const readsBefore = clock();
    await moments.next(); // the slice asked for before the Apply: it parses nothing
    expect(clock()).toBe(readsBefore);
    expect(moments.pending).toBe(0);
    ahead.changed(() => long);
    await moments.next();
    expect(clock()).toBeGreaterThan(readsBefore);
    expect(ahead.take(long)).toBeDefined();
  });
});
