import { describe, expect, it } from 'vitest';
import type { ManifestDoc } from '../../src/kubectl/apply/index.ts';
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
  const names = (docs: Iterable<ManifestDoc>) => [...docs].map((d) => d.object?.metadata?.name);

  it('parses the text in an idle moment, and hands the documents to the Apply of that text', async () => {
    const moments = idleMoments();
    let reads = 0;
    const ahead = new ParsedAhead(moments.idle, () => reads++);
    ahead.changed(() => pod('a'));
    await moments.next();
    const parsedAt = reads;
    expect(parsedAt).toBeGreaterThan(0);
    expect(names(ahead.docsFor(pod('a')))).toEqual(['a']);
    expect(reads).toBe(parsedAt); // nothing left to parse
  });

  it('lets an Apply before any idle moment parse the text as it reads it', () => {
    const ahead = new ParsedAhead(idleMoments().idle);
    expect(names(ahead.docsFor(pod('a')))).toEqual(['a']);
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
    const [d] = ahead.docsFor(pod('d'));
    expect(d?.object?.metadata?.name).toBe('d');
    expect([...ahead.docsFor(pod('d'))][0]).toBe(d); // the same document: not parsed again
  });

  it('never hands out the documents of another text', async () => {
    const moments = idleMoments();
    const ahead = new ParsedAhead(moments.idle);
    ahead.changed(() => pod('a'));
    await moments.next();
    expect(names(ahead.docsFor(pod('b')))).toEqual(['b']);
  });

  it('keeps a bad document as the parser reports it', async () => {
    const moments = idleMoments();
    const ahead = new ParsedAhead(moments.idle);
    ahead.changed(() => 'kind: Pod\nmetadata: [\n');
    await moments.next();
    const [doc] = ahead.docsFor('kind: Pod\nmetadata: [\n');
    expect(doc?.object).toBeUndefined();
    expect(doc?.error?.line).toBeGreaterThan(0);
  });

  it('parses a long manifest a slice at a time, and hands over the rest to parse as it is read', async () => {
    const { moments, ahead, long } = await sliced();
    expect(moments.pending).toBe(1); // a slice parsed SLICE_MS documents, and waits for more
    await moments.next();
    const docs = [...ahead.docsFor(long)];
    expect(names(docs)).toEqual(Array.from({ length: 40 }, (_, i) => `p${i}`));
    expect(docs.map((d) => d.index)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('hands every Apply of the same text the same documents, parsing each once', async () => {
    const { moments, ahead, long, clock } = await sliced();
    const first = [...ahead.docsFor(long)]; // parses what the slices had not
    await moments.next(); // the slice asked for before the Apply: nothing is left for it
    const reads = clock();
    const again = [...ahead.docsFor(long)];
    expect(again).toHaveLength(40);
    again.forEach((d, i) => expect(d).toBe(first[i]));
    expect(clock()).toBe(reads);
    expect(moments.pending).toBe(0);
  });
});
