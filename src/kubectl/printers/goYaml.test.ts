import { describe, expect, it } from 'vitest';
import { formatYamlNumber, toGoYaml, yamlKeyLess } from './goYaml.ts';

// Expected texts below are what kubectl v1.33.1 printed for the same JSON
// (`kubectl annotate --local -f x.json x=y -o yaml`); testdata/kubectl holds many more.
describe('toGoYaml', () => {
  it('writes nested sequences unindented under their key, empty ones in flow style, and a complex key', () => {
    const value = {
      kind: 'ConfigMap',
      data: { ['k'.repeat(130)]: 'v', a: 'word '.repeat(30), m: 'x\ny' },
      list: [[1, 2], [], {}],
      nums: { f: 0.5, g: 1e-7, h: 1234567.5, i: 1e21, j: 2 ** 64, n: null, t: true },
    };
    expect(toGoYaml(value)).toBe(
      [
        'data:',
        "  a: 'word word word word word word word word word word word word word word word word",
        "    word word word word word word word word word word word word word word '",
        `  ? ${'k'.repeat(130)}`,
        '  : v',
        '  m: |-',
        '    x',
        '    y',
        'kind: ConfigMap',
        'list:',
        '- - 1',
        '  - 2',
        '- []',
        '- {}',
        'nums:',
        '  f: 0.5',
        '  g: 1e-07',
        '  h: 1.2345675e+06',
        '  i: 1e+21',
        '  j: 1.8446744073709552e+19',
        '  "n": null',
        '  t: true',
        '',
      ].join('\n'),
    );
  });

  it('writes a list of mappings with "- " before the first key', () => {
    expect(toGoYaml({ items: [{ b: 1, a: 'x' }, { c: [] }] })).toBe(
      'items:\n- a: x\n  b: 1\n- c: []\n',
    );
  });

  it.each([
    ['123', '"123"'],
    ['y', '"y"'],
    ['', '""'],
    ['2024-01-01', '"2024-01-01"'],
    ['2024-02-30', '2024-02-30'],
    ['1:20', '"1:20"'],
    ['1e999', '1e999'],
    ['0789', '"0789"'],
    ['<<', '<<'],
    ['a: b', "'a: b'"],
    ["it's", "it's"],
    [' lead', "' lead'"],
    ['a\tb', '"a\\tb"'],
    ['😀', '"\\U0001F600"'],
    ['\ufeffx', '"\\uFEFF\\x78"'],
    ['line1\nline2\n', '|\n  line1\n  line2'],
    ['\nabc', '|2-\n\n  abc'],
    ['abc \nx', '"abc \\nx"'],
  ])('quotes %j as %s', (value, yaml) => {
    expect(toGoYaml({ k: value })).toBe(`k: ${yaml}\n`);
  });

  it('refuses values JSON cannot hold, naming where they are', () => {
    expect(() => toGoYaml({ a: { b: Number.NaN } } as never)).toThrow(
      '$.a.b: NaN cannot be written as JSON',
    );
    expect(() => toGoYaml({ a: [() => 1] } as never)).toThrow(
      '$.a[0]: a function cannot be written as JSON',
    );
  });
});

describe('yamlKeyLess (go-yaml v2 key order)', () => {
  it('orders digit runs by value and letters after other characters', () => {
    const keys = ['x1y10', 'a10', 'app', 'B', 'a2', '_u', 'A', 'x1y9', 'a.b', 'a-b', 'z', 'é'];
    expect([...keys].sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0))).toEqual([
      '_u',
      'A',
      'B',
      'a-b',
      'a.b',
      'a2',
      'a10',
      'app',
      'x1y9',
      'x1y10',
      'z',
      'é',
    ]);
  });

  it('puts a shorter prefix first', () => {
    expect(yamlKeyLess('spec', 'specs')).toBe(true);
    expect(yamlKeyLess('specs', 'spec')).toBe(false);
  });
});

describe('formatYamlNumber', () => {
  it.each([
    [0, '0'],
    [-7, '-7'],
    [2 ** 63, '9223372036854775808'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [123456.5, '123456.5'],
    [Number.POSITIVE_INFINITY, '.inf'],
  ])('%d → %s', (n, text) => {
    expect(formatYamlNumber(n)).toBe(text);
  });
});
