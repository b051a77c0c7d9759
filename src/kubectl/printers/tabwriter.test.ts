import { describe, expect, it } from 'vitest';
import { TabWriter } from './tabwriter.ts';

// Vectors from Go's text/tabwriter tests (tabwriter_test.go) that use no flags.
const goVectors: [
  name: string,
  minWidth: number,
  tabWidth: number,
  padding: number,
  padChar: string,
  src: string,
  want: string,
][] = [
  ['1a', 8, 0, 1, '.', '', ''],
  ['2', 8, 0, 1, '.', '\n\n\n', '\n\n\n'],
  ['3', 8, 0, 1, '.', 'a\nb\nc', 'a\nb\nc'],
  ['4a', 8, 0, 1, '.', '\t', ''],
  ['5', 8, 0, 1, '.', '*\t*', '*.......*'],
  ['5b', 8, 0, 1, '.', '*\t*\n', '*.......*\n'],
  ['5c', 8, 0, 1, '.', '*\t*\t', '*.......*'],
  ['6', 8, 0, 1, '.', '\t\n', '........\n'],
  ['7a', 8, 0, 1, '.', 'a) foo', 'a) foo'],
  ['7b', 8, 0, 1, ' ', 'b) foo\tbar', 'b) foo  bar'],
  ['7c', 8, 0, 1, '.', 'c) foo\tbar\t', 'c) foo..bar'],
  ['7d', 8, 0, 1, '.', 'd) foo\tbar\n', 'd) foo..bar\n'],
  ['7e', 8, 0, 1, '.', 'e) foo\tbar\t\n', 'e) foo..bar.....\n'],
  ['8', 8, 0, 1, '*', 'Hello, world!\n', 'Hello, world!\n'],
  ['9a', 1, 0, 0, '.', '1\t2\t3\t4\n11\t222\t3333\t44444\n', '1.2..3...4\n11222333344444\n'],
  ['9c', 1, 0, 0, '.', '1\t2\t3\t4\f11\t222\t3333\t44444\n', '1234\n11222333344444\n'],
  ['10a', 5, 0, 0, '.', '1\t2\t3\t4\n', '1....2....3....4\n'],
  ['10b', 5, 0, 0, '.', '1\t2\t3\t4\t\n', '1....2....3....4....\n'],
  [
    '11',
    8,
    0,
    1,
    '.',
    '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n',
    '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n',
  ],
  ['12b', 2, 0, 0, ' ', 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a  b  c\naa bbbcccc\naaabbbb\n'],
  [
    '12c',
    8,
    0,
    1,
    '_',
    'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n',
    'a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n',
  ],
  [
    '13a',
    4,
    0,
    1,
    '-',
    '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n',
  ],
  [
    '13b',
    4,
    0,
    3,
    '.',
    '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n',
  ],
  ['15a', 4, 0, 0, '.', 'a\t\tb', 'a.......b'],
  [
    '16a',
    100,
    100,
    0,
    '\t',
    'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
  ],
];

function format(opts: ConstructorParameters<typeof TabWriter>[0], chunks: string[]): string {
  const w = new TabWriter(opts);
  for (const chunk of chunks) w.write(chunk);
  w.flush();
  return w.take();
}

describe('TabWriter (Go text/tabwriter)', () => {
  it.each(goVectors)('%s', (_name, minWidth, tabWidth, padding, padChar, src, want) => {
    const opts = { minWidth, tabWidth, padding, padChar };
    expect(format(opts, [src])).toBe(want);
    // Written code unit by code unit, as Go's test writes byte by byte.
    expect(format(opts, [...src])).toBe(want);
  });

  it('flushes a block at a line with a single cell, so blocks align independently', () => {
    const opts = { minWidth: 0, tabWidth: 8, padding: 2, padChar: ' ' };
    expect(format(opts, ['a:\t1\nlonger-key:\t2\nBreak:\nb:\t3\n'])).toBe(
      'a:           1\nlonger-key:  2\nBreak:\nb:  3\n',
    );
  });

  it('remembers column widths across flushes with rememberWidths (kubectl get -w)', () => {
    const w = new TabWriter({
      minWidth: 6,
      tabWidth: 4,
      padding: 3,
      padChar: ' ',
      rememberWidths: true,
    });
    w.write('NAME\tSTATUS\nlong-pod-name\tRunning\n');
    w.flush();
    w.write('a\tPending\n');
    w.flush();
    expect(w.take()).toBe(
      'NAME            STATUS\nlong-pod-name   Running\na               Pending\n',
    );
    expect(w.rememberedWidths()).toEqual([16]);
    w.setRememberedWidths([]);
    w.write('a\tPending\n');
    w.flush();
    expect(w.take()).toBe('a     Pending\n');
  });

  it('rejects negative sizes and a padding that is not one character', () => {
    expect(() => new TabWriter({ minWidth: -1, tabWidth: 0, padding: 0, padChar: ' ' })).toThrow(
      'negative',
    );
    expect(() => new TabWriter({ minWidth: 0, tabWidth: 0, padding: 0, padChar: '--' })).toThrow(
      'one character',
    );
  });
});
