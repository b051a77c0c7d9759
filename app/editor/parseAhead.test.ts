import { describe, expect, it } from 'vitest';
import { PARSE_AHEAD_MAX_CHARS, ParsedAhead } from './parseAhead.ts';

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

describe('ParsedAhead', () => {
  it('parses the text in an idle moment, and hands the documents to the Apply of that text', async () => {
    const moments = idleMoments();
    const ahead = new ParsedAhead(moments.idle);
    ahead.changed(() => pod('a'));
    expect(ahead.take(pod('a'))).toBeUndefined(); // not idle yet
    await moments.next();
    const docs = ahead.take(pod('a'));
    expect(docs?.map((d) => d.object?.metadata?.name)).toEqual(['a']);
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
    expect(ahead.take(pod('d'))?.[0]?.object?.metadata?.name).toBe('d');
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

  it('leaves a long manifest to Apply, which parses it between yields', async () => {
    const moments = idleMoments();
    const ahead = new ParsedAhead(moments.idle);
    const long = Array.from({ length: 400 }, (_, i) => pod(`p${i}`)).join('---\n');
    expect(long.length).toBeGreaterThan(PARSE_AHEAD_MAX_CHARS);
    ahead.changed(() => long);
    await moments.next();
    expect(ahead.take(long)).toBeUndefined();
  });
});
