import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  splitDescriptions,
  withDescriptions,
  type SchemaDescriptions,
} from '../src/kube/schema/descriptions.ts';
import type { KubernetesSchema } from '../src/kube/schema/index.ts';
import { descriptionsPath, outputPath, reflectTypeString, renderSchema } from './gen-schema.ts';

interface Prop {
  type?: string;
  $ref?: string;
  enum?: string[];
  items?: Prop;
  additionalProperties?: Prop | boolean;
  description?: string;
  format?: string;
  'x-kubernetes-feature-gate'?: string;
  'x-go-type'?: string;
}
interface Def extends Prop {
  properties?: Record<string, Prop>;
  required?: string[];
  'x-go-fields'?: [string, string, boolean][];
  'x-kubernetes-group-version-kind'?: unknown;
}

const committed = fs.readFileSync(outputPath, 'utf8');
const committedDescriptions = fs.readFileSync(descriptionsPath, 'utf8');
// The schema as the editor and `kubectl explain` see it: descriptions put back.
const schema = withDescriptions(
  JSON.parse(committed) as KubernetesSchema,
  JSON.parse(committedDescriptions) as SchemaDescriptions,
) as unknown as { definitions: Record<string, Def> };
const def = (id: string): Def => {
  const d = schema.definitions[id];
  if (!d) throw new Error(`no definition ${id}`);
  return d;
};
const core = (name: string) => def(`io.k8s.api.core.v1.${name}`);

describe('gen:schema', () => {
  it('committed src/kube/schema/kubernetes.json and descriptions.json are what the generator writes', async () => {
    expect(await renderSchema()).toEqual({
      schema: committed,
      descriptions: committedDescriptions,
    });
  }, 60_000);

  it('keeps descriptions out of kubernetes.json, which the first paint loads', () => {
    expect(committed).not.toContain('"description"');
    expect(Object.keys(JSON.parse(committedDescriptions) as object).length).toBeGreaterThan(100);
  });

  it('splits the descriptions off losslessly, key order included', () => {
    const s = schema as unknown as KubernetesSchema;
    const { structure, descriptions } = splitDescriptions(s);
    expect(JSON.stringify(withDescriptions(structure, descriptions))).toBe(JSON.stringify(s));
    expect(Object.keys(schema.definitions['io.k8s.api.core.v1.Pod']!)[0]).toBe('description');
  });

  it.each([
    'io.k8s.api.core.v1.Pod',
    'io.k8s.api.core.v1.ConfigMap',
    'io.k8s.api.core.v1.Secret',
    'io.k8s.api.core.v1.Namespace',
    'io.k8s.api.core.v1.Node',
    'io.k8s.api.core.v1.Event',
    'io.k8s.api.core.v1.ServiceAccount',
    'io.k8s.api.core.v1.Binding',
    'io.k8s.api.coordination.v1.Lease',
  ])('defines %s with every reference resolvable', (id) => {
    const seen = new Set<string>();
    const visit = (p: Prop | boolean | undefined) => {
      if (!p || p === true) return;
      if (p.$ref) {
        const target = p.$ref.replace('#/definitions/', '');
        if (!seen.has(target)) {
          seen.add(target);
          visitDef(def(target));
        }
      }
      visit(p.items);
      visit(p.additionalProperties);
    };
    const visitDef = (d: Def) => Object.values(d.properties ?? {}).forEach(visit);
    visitDef(def(id));
    expect(seen.size).toBeGreaterThan(0);
  });

  it('describes properties with types, arrays, maps, enums, required and JSDoc', () => {
    const container = core('Container');
    expect(container.required).toEqual(['name']);
    expect(container.properties!.ports!.type).toBe('array');
    expect(container.properties!.ports!.items!.$ref).toBe(
      '#/definitions/io.k8s.api.core.v1.ContainerPort',
    );
    expect(container.properties!.imagePullPolicy!.enum).toEqual([
      'Always',
      'IfNotPresent',
      'Never',
    ]);
    expect(container.properties!.image!.description).toMatch(/^Container image name\./);
    expect(core('ConfigMap').properties!.data!.additionalProperties).toEqual({ type: 'string' });
    expect(core('Secret').properties!.data!.additionalProperties).toMatchObject({
      type: 'string',
      format: 'byte',
    });
    expect(core('PodSpec').properties!.terminationGracePeriodSeconds).toMatchObject({
      type: 'integer',
      format: 'int64',
    });
    expect(core('Pod')['x-kubernetes-group-version-kind']).toEqual([
      { group: '', kind: 'Pod', version: 'v1' },
    ]);
  });

  it('records the Go encoding: struct field order, names and omitempty', () => {
    const fields = core('Container')['x-go-fields']!;
    expect(fields.slice(0, 4)).toEqual([
      ['Name', 'name', false],
      ['Image', 'image', true],
      ['Command', 'command', true],
      ['Args', 'args', true],
    ]);
    expect(core('Container').properties!.resources!['x-go-type']).toBe('v1.ResourceRequirements');
    expect(reflectTypeString('core/v1', '[]Container')).toBe('[]v1.Container');
  });

  describe('v1.33 overlay on kubernetes-types 1.30', () => {
    it('adds the image volume source (ImageVolume beta, off by default)', () => {
      const image = core('Volume').properties!.image!;
      expect(image.$ref).toBe('#/definitions/io.k8s.api.core.v1.ImageVolumeSource');
      expect(image['x-kubernetes-feature-gate']).toBe('ImageVolume');
      expect(Object.keys(core('ImageVolumeSource').properties!)).toEqual([
        'pullPolicy',
        'reference',
      ]);
    });

    it('adds gated lifecycle.stopSignal and pod-level resources', () => {
      expect(core('Lifecycle').properties!.stopSignal!['x-kubernetes-feature-gate']).toBe(
        'ContainerStopSignals',
      );
      expect(core('PodSpec').properties!.resources!['x-kubernetes-feature-gate']).toBe(
        'PodLevelResources',
      );
    });

    it('adds default-on fields without a gate marker', () => {
      const psc = core('PodSecurityContext').properties!;
      expect(psc.supplementalGroupsPolicy!.enum).toEqual(['Merge', 'Strict']);
      expect(psc.supplementalGroupsPolicy!['x-kubernetes-feature-gate']).toBeUndefined();
      expect(psc.seLinuxChangePolicy).toBeDefined();
      expect(core('ContainerStatus').properties!.user!.$ref).toBe(
        '#/definitions/io.k8s.api.core.v1.ContainerUser',
      );
    });

    it('keeps what 1.30 already had (appArmorProfile, recursiveReadOnly, sleep)', () => {
      expect(core('SecurityContext').properties!.appArmorProfile).toBeDefined();
      expect(core('VolumeMount').properties!.recursiveReadOnly!.type).toBe('string');
      expect(core('LifecycleHandler').properties!.sleep).toBeDefined();
    });

    it('removes PodResourceClaim.source and ClaimSource, replaced in 1.31', () => {
      const claim = core('PodResourceClaim').properties!;
      expect(claim.source).toBeUndefined();
      expect(Object.keys(claim)).toEqual([
        'name',
        'resourceClaimName',
        'resourceClaimTemplateName',
      ]);
      expect(schema.definitions['io.k8s.api.core.v1.ClaimSource']).toBeUndefined();
    });

    it('makes PodIP.ip required as 1.31 did', () => {
      expect(core('PodIP').required).toEqual(['ip']);
      expect(core('HostIP').required).toEqual(['ip']);
    });
  });
});
