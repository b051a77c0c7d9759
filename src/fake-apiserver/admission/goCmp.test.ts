import { describe, expect, it } from 'vitest';
import { goCmpDiff, goEqual } from './goCmp.ts';
import { fromStruct } from './goValue.ts';

type Obj = Record<string, unknown>;
const container = 'io.k8s.api.core.v1.Container';
const podSpec = 'io.k8s.api.core.v1.PodSpec';
const diff = (a: Obj, b: Obj, id = container) => goCmpDiff(fromStruct(a, id), fromStruct(b, id));
const lines = (...l: string[]) => l.join('\n') + '\n';

// Expected outputs follow github.com/google/go-cmp's reporter (cmp.Diff) on the internal core types.
describe('goCmpDiff', () => {
  it('a changed string field, with two fields of context and the rest elided', () => {
    expect(diff({ name: 'a', image: 'x' }, { name: 'a', image: 'y' })).toBe(
      lines(
        '  core.Container{',
        '  \tName:    "a",',
        '- \tImage:   "x",',
        '+ \tImage:   "y",',
        '  \tCommand: nil,',
        '  \tArgs:    nil,',
        '  \t... // 20 identical fields',
        '  }',
      ),
    );
  });

  it('an element added to a slice', () => {
    expect(diff({ name: 'a', args: ['1'] }, { name: 'a', args: ['1', '2'] })).toBe(
      lines(
        '  core.Container{',
        '  \tName:    "a",',
        '  \tImage:   "",',
        '  \tCommand: nil,',
        '  \tArgs: []string{',
        '  \t\t"1",',
        '+ \t\t"2",',
        '  \t},',
        '  \tWorkingDir: "",',
        '  \tPorts:      nil,',
        '  \t... // 18 identical fields',
        '  }',
      ),
    );
  });

  it('pointers print as &value; nil to struct pointer in compact form', () => {
    expect(
      diff(
        { containers: [], terminationGracePeriodSeconds: 30 },
        { containers: [], terminationGracePeriodSeconds: 10 },
        podSpec,
      ),
    ).toBe(
      lines(
        '  core.PodSpec{',
        '  \t... // 3 identical fields',
        '  \tEphemeralContainers:           nil,',
        '  \tRestartPolicy:                 "",',
        '- \tTerminationGracePeriodSeconds: &30,',
        '+ \tTerminationGracePeriodSeconds: &10,',
        '  \tActiveDeadlineSeconds:         nil,',
        '  \tDNSPolicy:                     "",',
        '  \t... // 26 identical fields',
        '  }',
      ),
    );
    expect(diff({ name: 'a' }, { name: 'a', securityContext: { runAsUser: 5 } })).toContain(
      '+ \tSecurityContext:          &core.SecurityContext{RunAsUser: &5},\n',
    );
  });

  it('maps list changed and added keys in order', () => {
    expect(
      diff(
        { containers: [], nodeSelector: { a: 'b' } },
        { containers: [], nodeSelector: { a: 'c', d: 'e' } },
        podSpec,
      ),
    ).toBe(
      lines(
        '  core.PodSpec{',
        '  \t... // 6 identical fields',
        '  \tActiveDeadlineSeconds: nil,',
        '  \tDNSPolicy:             "",',
        '  \tNodeSelector: map[string]string{',
        '- \t\t"a": "b",',
        '+ \t\t"a": "c",',
        '+ \t\t"d": "e",',
        '  \t},',
        '  \tServiceAccountName:           "",',
        '  \tAutomountServiceAccountToken: nil,',
        '  \t... // 23 identical fields',
        '  }',
      ),
    );
  });

  it('quantities print as the Go struct, resource names as Stringers', () => {
    const limits = (cpu: string) => ({ name: 'a', resources: { limits: { cpu, memory: '1Gi' } } });
    expect(diff(limits('1'), limits('2'))).toContain(
      lines(
        '  \t\tLimits: core.ResourceList{',
        '- \t\t\ts"cpu":    {i: resource.int64Amount{value: 1}, s: "1", Format: "DecimalSI"},',
        '+ \t\t\ts"cpu":    {i: resource.int64Amount{value: 2}, s: "2", Format: "DecimalSI"},',
        '  \t\t\ts"memory": {i: {...}, s: "1Gi", Format: "BinarySI"},',
        '  \t\t},',
      ),
    );
  });

  it('a record whose only child differs prints whole, as go-cmp does', () => {
    const limits = (cpu: string) => ({ name: 'a', resources: { limits: { cpu } } });
    expect(diff(limits('1'), limits('2'))).toContain(
      lines(
        '- \t\tLimits:   core.ResourceList{s"cpu": {i: resource.int64Amount{value: 1}, s: "1", Format: "DecimalSI"}},',
        '+ \t\tLimits:   core.ResourceList{s"cpu": {i: resource.int64Amount{value: 2}, s: "2", Format: "DecimalSI"}},',
      ),
    );
  });
});

describe('goEqual', () => {
  it('compares Go values, not JSON spellings', () => {
    const q = (cpu: string) => fromStruct({ name: 'a', resources: { limits: { cpu } } }, container);
    expect(goEqual(q('1'), q('1'))).toBe(true);
    expect(goEqual(q('1'), q('2'))).toBe(false);
    expect(
      goEqual(
        fromStruct({ name: 'a' }, container),
        fromStruct({ name: 'a', stdin: false }, container),
      ),
    ).toBe(true);
  });
});
