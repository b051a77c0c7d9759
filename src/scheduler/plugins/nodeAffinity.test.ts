import { describe, expect, it } from 'vitest';
import type { Pod } from '../../kube/types.ts';
import { makeNodeView } from '../cache.ts';
import { affinityMatches, parseRequiredAffinity } from './nodeAffinity.ts';

const node = makeNodeView({
  metadata: { name: 'node1', labels: { zone: 'a', cores: '8', gpu: '' } },
});

type Req = { key: string; operator: string; values?: string[] };
const matches = (exprs: Req[], fields?: Req[]) =>
  affinityMatches(
    parseRequiredAffinity({
      spec: {
        containers: [],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: exprs, ...(fields ? { matchFields: fields } : {}) },
              ],
            },
          },
        },
      },
    } as Pod),
    node,
  );

describe('required node affinity', () => {
  it.each([
    [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, true],
    [{ key: 'zone', operator: 'In', values: ['b'] }, false],
    [{ key: 'zone', operator: 'NotIn', values: ['b'] }, true],
    [{ key: 'missing', operator: 'NotIn', values: ['b'] }, true],
    [{ key: 'zone', operator: 'NotIn', values: ['a'] }, false],
    [{ key: 'gpu', operator: 'Exists' }, true],
    [{ key: 'missing', operator: 'Exists' }, false],
    [{ key: 'missing', operator: 'DoesNotExist' }, true],
    [{ key: 'zone', operator: 'DoesNotExist' }, false],
    [{ key: 'cores', operator: 'Gt', values: ['4'] }, true],
    [{ key: 'cores', operator: 'Gt', values: ['8'] }, false],
    [{ key: 'cores', operator: 'Lt', values: ['16'] }, true],
    [{ key: 'zone', operator: 'Gt', values: ['1'] }, false],
    [{ key: 'missing', operator: 'Lt', values: ['1'] }, false],
  ])('%j matches: %s', (req, want) => {
    expect(matches([req])).toBe(want);
  });

  it('ANDs the expressions of a term and ORs the terms', () => {
    expect(
      matches([
        { key: 'zone', operator: 'In', values: ['a'] },
        { key: 'cores', operator: 'Gt', values: ['16'] },
      ]),
    ).toBe(false);
    const pod = {
      spec: {
        containers: [],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z'] }] },
                { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
              ],
            },
          },
        },
      },
    } as Pod;
    expect(affinityMatches(parseRequiredAffinity(pod), node)).toBe(true);
  });

  it('matches metadata.name with matchFields', () => {
    expect(matches([], [{ key: 'metadata.name', operator: 'In', values: ['node1'] }])).toBe(true);
    expect(matches([], [{ key: 'metadata.name', operator: 'NotIn', values: ['node1'] }])).toBe(
      false,
    );
  });

  it('lets a term that does not parse, or an empty one, match nothing', () => {
    expect(matches([{ key: 'zone', operator: 'In', values: [] }])).toBe(false);
    expect(matches([{ key: 'cores', operator: 'Gt', values: ['4', '5'] }])).toBe(false);
    expect(matches([{ key: 'zone', operator: 'Near', values: ['a'] }])).toBe(false);
    expect(matches([])).toBe(false);
  });

  it('requires every nodeSelector label as well', () => {
    const a = parseRequiredAffinity({
      spec: { containers: [], nodeSelector: { zone: 'a', cores: '8' } },
    });
    expect(affinityMatches(a, node)).toBe(true);
    const b = parseRequiredAffinity({
      spec: { containers: [], nodeSelector: { zone: 'a', cores: '4' } },
    });
    expect(affinityMatches(b, node)).toBe(false);
  });

  it('narrows the candidate nodes when every term names nodes (PreFilter)', () => {
    const named = (terms: unknown[]) =>
      parseRequiredAffinity({
        spec: {
          containers: [],
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
            },
          },
        },
      } as Pod).nodeNames;
    const byName = (...values: string[]) => ({
      matchFields: [{ key: 'metadata.name', operator: 'In', values }],
    });
    expect(named([byName('a', 'b'), byName('c')])).toEqual(new Set(['a', 'b', 'c']));
    expect(
      named([byName('a'), { matchExpressions: [{ key: 'x', operator: 'Exists' }] }]),
    ).toBeUndefined();
    expect(
      named([
        {
          matchFields: [
            { key: 'metadata.name', operator: 'In', values: ['a', 'b'] },
            { key: 'metadata.name', operator: 'In', values: ['b', 'c'] },
          ],
        },
      ]),
    ).toEqual(new Set(['b']));
  });
});
