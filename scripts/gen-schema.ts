/**
 * `npm run gen:schema`: writes src/kube/schema/kubernetes.json, a JSON Schema (draft-07 `definitions`,
 * one per Kubernetes type, named as in the Kubernetes OpenAPI: `io.k8s.api.core.v1.Pod`) for the kinds
 * the playground serves and every type they reference, and beside it descriptions.json, the schema's
 * descriptions, which only the editor and `kubectl explain` read (src/kube/schema/descriptions.ts).
 *
 * Sources, in order:
 * 1. The .d.ts files of the installed `kubernetes-types` package (1.30.0), read with the TypeScript
 *    compiler API: properties, their types, `required` (non-optional members) and descriptions (JSDoc).
 * 2. scripts/gen-schema-go.ts, Go facts about the v1.33 structs: integer widths (`format`), enum
 *    values of `+enum` types, Go names, field order and Go types (`x-go-*`, used for exact decode errors
 *    and the Go-syntax diff of the Pod update error).
 * 3. OVERLAY below: the fields Kubernetes 1.31-1.33 added or removed, so the schema matches what a
 *    v1.33 API server decodes. Every difference between (1) and (2) must be listed there, or the
 *    generator fails: the overlay cannot silently fall out of date.
 *
 * The output is deterministic (sorted definitions, Prettier-formatted); a test checks it is up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import ts from 'typescript';
import { splitDescriptions } from '../src/kube/schema/descriptions.ts';
import type { KubernetesSchema } from '../src/kube/schema/index.ts';
import { goEnums, goNamedTypes, goStructs } from './gen-schema-go.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const outputPath = path.join(root, 'src/kube/schema/kubernetes.json');
export const descriptionsPath = path.join(root, 'src/kube/schema/descriptions.json');

/** d.ts file of kubernetes-types → Go package key (as in gen-schema-go.ts) and OpenAPI prefix. */
const packages: Record<string, { go: string; prefix: string }> = {
  'core/v1.d.ts': { go: 'core/v1', prefix: 'io.k8s.api.core.v1' },
  'coordination/v1.d.ts': { go: 'coordination/v1', prefix: 'io.k8s.api.coordination.v1' },
  'meta/v1.d.ts': { go: 'meta/v1', prefix: 'io.k8s.apimachinery.pkg.apis.meta.v1' },
};

/** The kinds the API server serves, plus Status (every error body). */
const roots: { file: string; name: string; group: string; version: string }[] = [
  { file: 'core/v1.d.ts', name: 'Pod', group: '', version: 'v1' },
  { file: 'core/v1.d.ts', name: 'ConfigMap', group: '', version: 'v1' },
  { file: 'core/v1.d.ts', name: 'Secret', group: '', version: 'v1' },
  { file: 'core/v1.d.ts', name: 'Namespace', group: '', version: 'v1' },
  { file: 'core/v1.d.ts', name: 'Node', group: '', version: 'v1' },
  { file: 'core/v1.d.ts', name: 'Event', group: '', version: 'v1' },
  { file: 'core/v1.d.ts', name: 'ServiceAccount', group: '', version: 'v1' },
  { file: 'core/v1.d.ts', name: 'Binding', group: '', version: 'v1' },
  { file: 'coordination/v1.d.ts', name: 'Lease', group: 'coordination.k8s.io', version: 'v1' },
  { file: 'meta/v1.d.ts', name: 'Status', group: '', version: 'v1' },
];

/** A field a v1.33 server knows that is behind a feature gate which a default v1.33 cluster leaves off. */
interface GatedField {
  gate: string;
  stage: 'alpha' | 'beta';
}

/**
 * What changed in the served types between Kubernetes 1.30 (kubernetes-types) and 1.33 (the target).
 *
 * Strict decoding follows the Go structs, so every field of a v1.33 struct is accepted, gated or not;
 * for fields whose feature gate is off by default (`gate`) the server then drops the value
 * (`dropDisabledPodFields` and friends), and admission does the same here. Fields with `gate: null`
 * are on by default in v1.33 (GA, or beta and enabled). Fields 1.30 already had (appArmorProfile,
 * recursiveReadOnly, sleep) need no entry.
 */
const OVERLAY: {
  added: Record<string, { description: string; gate: GatedField | null }>;
  removed: Record<string, string>;
  removedTypes: Record<string, string>;
  newTypes: Record<string, string>;
  required: Record<string, string[]>;
} = {
  added: {
    'core/v1.VolumeSource.image': {
      gate: { gate: 'ImageVolume', stage: 'beta' },
      description:
        "image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet's host machine. The volume is resolved at pod startup depending on which PullPolicy value is provided. The volume will be mounted read-only (ro) and non-executable files (noexec).",
    },
    'core/v1.Lifecycle.stopSignal': {
      gate: { gate: 'ContainerStopSignals', stage: 'alpha' },
      description:
        'StopSignal defines which signal will be sent to a container when it is being stopped. If not specified, the default is defined by the container runtime in use. StopSignal can only be set for Pods with a non-empty .spec.os.name',
    },
    'core/v1.ContainerStatus.stopSignal': {
      gate: { gate: 'ContainerStopSignals', stage: 'alpha' },
      description: 'StopSignal reports the effective stop signal for this container',
    },
    'core/v1.ContainerStatus.user': {
      gate: null,
      description:
        'User represents user identity information initially attached to the first process of the container',
    },
    'core/v1.ContainerStatus.allocatedResourcesStatus': {
      gate: { gate: 'ResourceHealthStatus', stage: 'alpha' },
      description:
        'AllocatedResourcesStatus represents the status of various resources allocated for this Pod.',
    },
    'core/v1.PodCondition.observedGeneration': {
      gate: { gate: 'PodObservedGenerationTracking', stage: 'alpha' },
      description:
        'If set, this represents the .metadata.generation that the pod condition was set based upon.',
    },
    'core/v1.PodStatus.observedGeneration': {
      gate: { gate: 'PodObservedGenerationTracking', stage: 'alpha' },
      description:
        'If set, this represents the .metadata.generation that the pod status was set based upon.',
    },
    'core/v1.PodSpec.resources': {
      gate: { gate: 'PodLevelResources', stage: 'alpha' },
      description:
        'Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for "cpu" and "memory" resource names only. ResourceClaims are not supported.',
    },
    'core/v1.PodResourceClaim.resourceClaimName': {
      gate: { gate: 'DynamicResourceAllocation', stage: 'beta' },
      description:
        'ResourceClaimName is the name of a ResourceClaim object in the same namespace as this pod. Exactly one of ResourceClaimName and ResourceClaimTemplateName must be set.',
    },
    'core/v1.PodResourceClaim.resourceClaimTemplateName': {
      gate: { gate: 'DynamicResourceAllocation', stage: 'beta' },
      description:
        'ResourceClaimTemplateName is the name of a ResourceClaimTemplate object in the same namespace as this pod. The template will be used to create a new ResourceClaim, which will be bound to this pod. Exactly one of ResourceClaimName and ResourceClaimTemplateName must be set.',
    },
    'core/v1.ResourceClaim.request': {
      gate: { gate: 'DynamicResourceAllocation', stage: 'beta' },
      description:
        'Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.',
    },
    'core/v1.PodSecurityContext.supplementalGroupsPolicy': {
      gate: null,
      description:
        'Defines how supplemental groups of the first container processes are calculated. Valid values are "Merge" and "Strict". If not specified, "Merge" is used. Note that this field cannot be set when spec.os.name is windows.',
    },
    'core/v1.PodSecurityContext.seLinuxChangePolicy': {
      gate: null,
      description:
        'seLinuxChangePolicy defines how the container\'s SELinux label is applied to all volumes used by the Pod. Valid values are "MountOption" and "Recursive". Note that this field cannot be set when spec.os.name is windows.',
    },
    'core/v1.NodeRuntimeHandlerFeatures.userNamespaces': {
      gate: null,
      description:
        'UserNamespaces is set to true if the runtime handler supports UserNamespaces, including for volumes.',
    },
    'core/v1.NodeStatus.features': {
      gate: null,
      description: 'Features describes the set of features implemented by the CRI implementation.',
    },
    'core/v1.NodeSystemInfo.swap': { gate: null, description: 'Swap Info reported by the node.' },
    'coordination/v1.LeaseSpec.strategy': {
      gate: { gate: 'CoordinatedLeaderElection', stage: 'beta' },
      description:
        'Strategy indicates the strategy for picking the leader for coordinated leader election. If the field is not specified, there is no active coordination for this lease.',
    },
    'coordination/v1.LeaseSpec.preferredHolder': {
      gate: { gate: 'CoordinatedLeaderElection', stage: 'beta' },
      description:
        'PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up. This field can only be set if Strategy is also set.',
    },
  },
  removed: {
    // 1.31 (DRA structured parameters) replaced the `source` wrapper with its two fields.
    'core/v1.PodResourceClaim.source':
      'replaced by resourceClaimName and resourceClaimTemplateName',
  },
  removedTypes: { 'core/v1.ClaimSource': 'only PodResourceClaim.source used it' },
  newTypes: {
    'core/v1.ImageVolumeSource': 'ImageVolumeSource represents a image volume resource.',
    'core/v1.ContainerUser': 'ContainerUser represents user identity information',
    'core/v1.LinuxContainerUser':
      'LinuxContainerUser represents user identity information in Linux containers',
    'core/v1.ResourceStatus':
      'ResourceStatus represents the status of a single resource allocated to a Pod.',
    'core/v1.ResourceHealth':
      'ResourceHealth represents the health of a resource. It has the latest device health information.',
    'core/v1.NodeFeatures':
      'NodeFeatures describes the set of features implemented by the CRI implementation.',
    'core/v1.NodeSwapStatus': 'NodeSwapStatus represents swap memory information.',
  },
  // 1.31 made `ip` required in the pod's and host's IP lists.
  required: { 'core/v1.PodIP': ['ip'], 'core/v1.HostIP': ['ip'] },
};

/** Descriptions of the fields of the new types (Go doc comments of v1.33, condensed). */
const NEW_TYPE_FIELDS: Record<string, string> = {
  'core/v1.ImageVolumeSource.reference':
    'Required: Image or artifact reference to be used. Behaves in the same way as pod.spec.containers[*].image.',
  'core/v1.ImageVolumeSource.pullPolicy':
    'Policy for pulling OCI objects. Possible values are: Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.',
  'core/v1.ContainerUser.linux':
    'Linux holds user identity information initially attached to the first process of the containers in Linux.',
  'core/v1.LinuxContainerUser.uid':
    'UID is the primary uid initially attached to the first process in the container',
  'core/v1.LinuxContainerUser.gid':
    'GID is the primary gid initially attached to the first process in the container',
  'core/v1.LinuxContainerUser.supplementalGroups':
    'SupplementalGroups are the supplemental groups initially attached to the first process in the container',
  'core/v1.ResourceStatus.name':
    'Name of the resource. Must be unique within the pod and in case of non-DRA resource, match one of the resources from the pod spec.',
  'core/v1.ResourceStatus.resources':
    'List of unique resources health. Each element in the list contains an unique resource ID and its health.',
  'core/v1.ResourceHealth.resourceID':
    'ResourceID is the unique identifier of the resource. See the ResourceID type for more information.',
  'core/v1.ResourceHealth.health':
    'Health of the resource. can be one of: Healthy, Unhealthy, Unknown.',
  'core/v1.NodeFeatures.supplementalGroupsPolicy':
    'SupplementalGroupsPolicy is set to true if the runtime supports SupplementalGroupsPolicy and ContainerUser.',
  'core/v1.NodeSwapStatus.capacity': 'Total amount of swap memory in bytes.',
};

/** Types with their own JSON encoding in Go: kubernetes-types models them as aliases or empty interfaces. */
const specialTypes: Record<string, { id: string; schema: JsonSchema; go: string }> = {
  Time: {
    id: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
    go: 'v1.Time',
    schema: { type: 'string', format: 'date-time' },
  },
  MicroTime: {
    id: 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime',
    go: 'v1.MicroTime',
    schema: { type: 'string', format: 'date-time' },
  },
  Quantity: {
    id: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
    go: 'resource.Quantity',
    schema: { type: ['string', 'number'], format: 'quantity' },
  },
  IntOrString: {
    id: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    go: 'intstr.IntOrString',
    schema: {
      type: ['integer', 'string'],
      format: 'int-or-string',
      'x-kubernetes-int-or-string': true,
    },
  },
  FieldsV1: {
    id: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
    go: 'v1.FieldsV1',
    schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  },
  RawExtension: {
    id: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
    go: 'runtime.RawExtension',
    schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  },
};
/** Go package key of each special type (see goPackageOf). */
const specialGo: Record<string, keyof typeof specialTypes> = {
  'meta/v1.Time': 'Time',
  'meta/v1.MicroTime': 'MicroTime',
  'resource.Quantity': 'Quantity',
  'intstr.IntOrString': 'IntOrString',
  'meta/v1.FieldsV1': 'FieldsV1',
  'runtime.RawExtension': 'RawExtension',
};

export type JsonSchema = { [key: string]: unknown };

interface GoField {
  json: string; // '' for an embedded struct
  goName: string;
  goType: string; // as written in Go, relative to the struct's package
  omitEmpty: boolean;
}

function goFields(key: string): GoField[] {
  const spec = goStructs[key];
  if (spec === undefined) throw new Error(`gen-schema-go.ts has no Go struct ${key}`);
  return spec.split(';').map((entry) => {
    const [json, goName, goType, bang] = entry.split(' ');
    if (!json || !goName || !goType) throw new Error(`bad Go field "${entry}" in ${key}`);
    return { json: json === '-' ? '' : json, goName, goType, omitEmpty: bang !== '!' };
  });
}

/** Package key of a Go type name as written inside package `pkg` (`metav1.Time` in core/v1 → meta/v1). */
function goPackageOf(pkg: string, name: string): { pkg: string; name: string } {
  const dot = name.indexOf('.');
  if (dot < 0) return { pkg, name };
  const alias = name.slice(0, dot);
  const map: Record<string, string> = { metav1: 'meta/v1', v1: 'core/v1' };
  return { pkg: map[alias] ?? alias, name: name.slice(dot + 1) };
}

/** The Go type as reflect.Type.String() prints it (`[]v1.Container`, `*int64`, `v1.ResourceList`). */
export function reflectTypeString(pkg: string, goType: string): string {
  if (goType.startsWith('*')) return '*' + reflectTypeString(pkg, goType.slice(1));
  if (goType.startsWith('[]')) return '[]' + reflectTypeString(pkg, goType.slice(2));
  const map = /^map\[(\w+)\](.+)$/.exec(goType);
  if (map) return `map[${reflectTypeString(pkg, map[1]!)}]${reflectTypeString(pkg, map[2]!)}`;
  if (goType === 'byte') return 'uint8';
  if (/^(string|bool|int|int32|int64|float64)$/.test(goType)) return goType;
  const ref = goPackageOf(pkg, goType);
  return `${ref.pkg.split('/').pop()}.${ref.name}`;
}

/** Flattened JSON fields of a Go struct: embedded structs contribute their fields under a Go path. */
function flattenGo(
  key: string,
): { json: string; goPath: string; pkg: string; owner: string; field: GoField }[] {
  const pkg = key.slice(0, key.lastIndexOf('.'));
  const out: { json: string; goPath: string; pkg: string; owner: string; field: GoField }[] = [];
  for (const f of goFields(key)) {
    if (f.json) {
      out.push({ json: f.json, goPath: f.goName, pkg, owner: key, field: f });
      continue;
    }
    const embedded = goPackageOf(pkg, f.goType.replace(/^\*/, ''));
    for (const inner of flattenGo(`${embedded.pkg}.${embedded.name}`)) {
      out.push({ ...inner, goPath: `${f.goName}.${inner.goPath}` });
    }
  }
  return out;
}

/** JSON Schema for a Go type, used for fields the 1.30 d.ts files do not have. */
function schemaForGoType(pkg: string, goType: string, defs: Map<string, string>): JsonSchema {
  const t = goType.replace(/^\*/, '');
  if (t.startsWith('[]')) {
    if (t === '[]byte') return { type: 'string', format: 'byte' };
    return { type: 'array', items: schemaForGoType(pkg, t.slice(2), defs) };
  }
  const map = /^map\[(\w+)\](.+)$/.exec(t);
  if (map) return { type: 'object', additionalProperties: schemaForGoType(pkg, map[2]!, defs) };
  if (t === 'string') return { type: 'string' };
  if (t === 'bool') return { type: 'boolean' };
  if (t === 'int32' || t === 'int64') return { type: 'integer', format: t };
  const ref = goPackageOf(pkg, t);
  const key = `${ref.pkg}.${ref.name}`;
  const special = specialGo[key];
  if (special) return { $ref: `#/definitions/${specialTypes[special]!.id}` };
  const underlying = goNamedTypes[key];
  if (underlying !== undefined) return schemaForGoType(ref.pkg, underlying, defs);
  const id = defs.get(key);
  if (!id) throw new Error(`no definition for Go type ${key}`);
  return { $ref: `#/definitions/${id}` };
}

function docOf(checker: ts.TypeChecker, node: ts.Node & { name?: ts.Node }): string {
  const symbol = node.name ? checker.getSymbolAtLocation(node.name) : undefined;
  return symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : '';
}

/** Reads the d.ts files and builds every definition reachable from the roots. */
export function generateSchema(): JsonSchema {
  const typesDir = path.join(root, 'node_modules/kubernetes-types');
  const files = Object.keys(packages).map((f) => path.join(typesDir, f));
  const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();

  // name → declaration per d.ts file
  const decls = new Map<string, Map<string, ts.InterfaceDeclaration>>();
  for (const file of Object.keys(packages)) {
    const sf = program.getSourceFile(path.join(typesDir, file));
    if (!sf) throw new Error(`cannot read ${file}`);
    const byName = new Map<string, ts.InterfaceDeclaration>();
    for (const stmt of sf.statements)
      if (ts.isInterfaceDeclaration(stmt)) byName.set(stmt.name.text, stmt);
    decls.set(file, byName);
  }
  const fileOf = (decl: ts.Node) =>
    path.relative(typesDir, decl.getSourceFile().fileName).split(path.sep).join('/');

  const definitions: Record<string, JsonSchema> = {};
  const goKeyToId = new Map<string, string>();
  const queue: { file: string; name: string }[] = roots.map(({ file, name }) => ({ file, name }));
  const seen = new Set<string>();
  for (const r of roots)
    goKeyToId.set(`${packages[r.file]!.go}.${r.name}`, `${packages[r.file]!.prefix}.${r.name}`);

  const refTo = (file: string, name: string): JsonSchema => {
    const pkg = packages[file];
    if (!pkg) throw new Error(`type ${name} lives in ${file}, which the generator does not map`);
    goKeyToId.set(`${pkg.go}.${name}`, `${pkg.prefix}.${name}`);
    if (!seen.has(`${file}:${name}`)) queue.push({ file, name });
    return { $ref: `#/definitions/${pkg.prefix}.${name}` };
  };

  const usedSpecial = new Set<string>();
  const schemaOfType = (node: ts.TypeNode, where: string): JsonSchema => {
    if (node.kind === ts.SyntaxKind.StringKeyword) return { type: 'string' };
    if (node.kind === ts.SyntaxKind.NumberKeyword) return { type: 'number' };
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return { type: 'boolean' };
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
      return { type: 'string', enum: [node.literal.text] };
    }
    if (ts.isUnionTypeNode(node)) {
      const kinds = node.types.map((t) => t.kind).sort();
      if (
        kinds.join() === [ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.StringKeyword].sort().join()
      ) {
        usedSpecial.add('IntOrString');
        return { $ref: `#/definitions/${specialTypes.IntOrString!.id}` };
      }
    }
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (index?.type && node.members.length === 1) {
        return { type: 'object', additionalProperties: schemaOfType(index.type, where) };
      }
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      if (name === 'Array' && node.typeArguments?.length === 1) {
        return { type: 'array', items: schemaOfType(node.typeArguments[0]!, where) };
      }
      if (specialTypes[name]) {
        usedSpecial.add(name);
        return { $ref: `#/definitions/${specialTypes[name].id}` };
      }
      let symbol = checker.getSymbolAtLocation(node.typeName);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const decl = symbol?.declarations?.[0];
      if (decl && ts.isInterfaceDeclaration(decl)) return refTo(fileOf(decl), decl.name.text);
    }
    throw new Error(`unsupported type ${node.getText()} at ${where}`);
  };

  while (queue.length > 0) {
    const { file, name } = queue.shift()!;
    if (seen.has(`${file}:${name}`)) continue;
    seen.add(`${file}:${name}`);
    const pkg = packages[file]!;
    const id = `${pkg.prefix}.${name}`;
    if (specialTypes[name]) {
      usedSpecial.add(name);
      continue;
    }
    const decl = decls.get(file)?.get(name);
    if (!decl) throw new Error(`no interface ${name} in ${file}`);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const member of decl.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const prop = (member.name as ts.Identifier).text;
      const schema = schemaOfType(member.type, `${name}.${prop}`);
      const description = docOf(checker, member);
      properties[prop] = description ? { description, ...schema } : schema;
      if (!member.questionToken && prop !== 'apiVersion' && prop !== 'kind') required.push(prop);
    }
    const def: JsonSchema = { description: docOf(checker, decl), type: 'object', properties };
    if (required.length > 0) def.required = required;
    definitions[id] = def;
  }

  // v1.33 types that 1.30 lacks
  for (const [key, description] of Object.entries(OVERLAY.newTypes)) {
    const [pkgKey, name] = [
      key.slice(0, key.lastIndexOf('.')),
      key.slice(key.lastIndexOf('.') + 1),
    ];
    const file = Object.keys(packages).find((f) => packages[f]!.go === pkgKey)!;
    const id = `${packages[file]!.prefix}.${name}`;
    goKeyToId.set(key, id);
    definitions[id] = { description, type: 'object', properties: {} };
  }
  for (const key of Object.keys(OVERLAY.newTypes)) {
    const id = goKeyToId.get(key)!;
    const props = definitions[id]!.properties as Record<string, JsonSchema>;
    const required: string[] = [];
    for (const f of goFields(key)) {
      const description = NEW_TYPE_FIELDS[`${key}.${f.json}`];
      if (!description) throw new Error(`no description for ${key}.${f.json}`);
      props[f.json] = {
        description,
        ...schemaForGoType(key.slice(0, key.lastIndexOf('.')), f.goType, goKeyToId),
      };
      if (!f.omitEmpty) required.push(f.json);
    }
    if (required.length > 0) definitions[id]!.required = required;
  }

  // Merge the Go facts and the overlay into every definition.
  const unusedOverlay = new Set([...Object.keys(OVERLAY.added), ...Object.keys(OVERLAY.removed)]);
  for (const [goKey, id] of goKeyToId) {
    const def = definitions[id];
    if (!def) continue;
    if (OVERLAY.removedTypes[goKey]) {
      delete definitions[id];
      continue;
    }
    const props = def.properties as Record<string, JsonSchema>;
    const flat = flattenGo(goKey);
    const byJson = new Map(flat.map((f) => [f.json, f]));
    for (const prop of Object.keys(props)) {
      if (byJson.has(prop)) continue;
      if (!OVERLAY.removed[`${goKey}.${prop}`]) {
        throw new Error(
          `${goKey}.${prop} is in kubernetes-types but not in Go v1.33: add it to OVERLAY.removed`,
        );
      }
      unusedOverlay.delete(`${goKey}.${prop}`);
      delete props[prop];
      def.required = ((def.required as string[] | undefined) ?? []).filter((r) => r !== prop);
    }
    for (const f of flat) {
      const overlayKey = `${f.owner}.${f.json}`;
      if (!props[f.json]) {
        const added = OVERLAY.added[overlayKey];
        if (!added && !OVERLAY.newTypes[goKey]) {
          throw new Error(
            `${overlayKey} is in Go v1.33 but not in kubernetes-types: add it to OVERLAY.added`,
          );
        }
        if (added) {
          unusedOverlay.delete(overlayKey);
          const gateNote = added.gate
            ? ` (Kubernetes v1.33: ${added.gate.stage} behind the ${added.gate.gate} feature gate, which is off by default; the API server drops this field.)`
            : '';
          props[f.json] = {
            description: added.description + gateNote,
            ...schemaForGoType(f.pkg, f.field.goType, goKeyToId),
            ...(added.gate ? { 'x-kubernetes-feature-gate': added.gate.gate } : {}),
          };
        }
      }
      const prop = props[f.json]!;
      prop['x-go-type'] = reflectTypeString(f.pkg, f.field.goType);
      refineWithGo(prop, f.pkg, f.field.goType);
    }
    const extraRequired = OVERLAY.required[goKey];
    if (extraRequired)
      def.required = [...new Set([...((def.required as string[]) ?? []), ...extraRequired])];
    const sortedProps: Record<string, JsonSchema> = {};
    for (const key of Object.keys(props).sort()) sortedProps[key] = props[key]!;
    def.properties = sortedProps;
    def.additionalProperties = false;
    def['x-go-name'] = goKey.slice(goKey.lastIndexOf('.') + 1);
    def['x-go-fields'] = flat.map((f) => [f.goPath, f.json, f.field.omitEmpty]);
    const root = roots.find((r) => `${packages[r.file]!.go}.${r.name}` === goKey);
    if (root && root.name !== 'Status') {
      def['x-kubernetes-group-version-kind'] = [
        { group: root.group, kind: root.name, version: root.version },
      ];
    }
  }
  if (unusedOverlay.size > 0)
    throw new Error(`unused overlay entries: ${[...unusedOverlay].join(', ')}`);

  for (const name of usedSpecial) {
    const special = specialTypes[name]!;
    definitions[special.id] = { ...special.schema, 'x-go-name': special.go };
  }
  const sorted: Record<string, JsonSchema> = {};
  for (const id of Object.keys(definitions).sort()) sorted[id] = definitions[id]!;
  const dangling = JSON.stringify(sorted)
    .match(/#\/definitions\/[\w.]+/g)
    ?.filter((ref) => !sorted[ref.slice('#/definitions/'.length)]);
  if (dangling?.length)
    throw new Error(`dangling references: ${[...new Set(dangling)].join(', ')}`);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment:
      'Generated by scripts/gen-schema.ts (npm run gen:schema) from kubernetes-types 1.30.0 and the Kubernetes v1.33 overlay. Do not edit.',
    'x-kubernetes-version': 'v1.33',
    definitions: sorted,
  };
}

/** Integer widths, byte strings and enums from the Go type of a property. */
function refineWithGo(prop: JsonSchema, pkg: string, goType: string): void {
  const target = prop.type === 'array' ? (prop.items as JsonSchema) : prop;
  let t = goType.replace(/^\*/, '');
  if (t.startsWith('[]') && t !== '[]byte' && prop.type === 'array')
    t = t.slice(2).replace(/^\*/, '');
  if (/^map\[/.test(t) && prop.additionalProperties) {
    const value = /^map\[\w+\](.+)$/.exec(t)![1]!;
    if (value === '[]byte')
      Object.assign(prop.additionalProperties as JsonSchema, { format: 'byte' });
    return;
  }
  if (target.type === 'number' && (t === 'int32' || t === 'int64')) {
    target.type = 'integer';
    target.format = t;
  } else if (target.type === 'number') {
    target.format = 'double';
  }
  if (t === '[]byte' && target.type === 'string') target.format = 'byte';
  const named = goPackageOf(pkg, t);
  const values = goEnums[`${named.pkg}.${named.name}`];
  if (values && target.type === 'string' && !target.enum) target.enum = [...values].sort();
  if (target.type === 'number' && goNamedTypes[`${named.pkg}.${named.name}`]) {
    const underlying = goNamedTypes[`${named.pkg}.${named.name}`]!;
    if (underlying === 'int32' || underlying === 'int64') {
      target.type = 'integer';
      target.format = underlying;
    }
  }
}

/** The texts of kubernetes.json (the schema without descriptions) and descriptions.json. */
export async function renderSchema(): Promise<{ schema: string; descriptions: string }> {
  const config = (await prettier.resolveConfig(outputPath)) ?? {};
  const format = (value: unknown) =>
    prettier.format(JSON.stringify(value), { ...config, parser: 'json' });
  const { structure, descriptions } = splitDescriptions(
    generateSchema() as unknown as KubernetesSchema,
  );
  return { schema: await format(structure), descriptions: await format(descriptions) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { schema, descriptions } = await renderSchema();
  fs.mkdirSync(path.dirname(outputPath), { recursive: true });
  fs.writeFileSync(outputPath, schema);
  fs.writeFileSync(descriptionsPath, descriptions);
  const count = Object.keys((JSON.parse(schema) as { definitions: object }).definitions).length;
  process.stdout.write(
    `wrote ${path.relative(root, outputPath)} and ${path.basename(descriptionsPath)}: ${count} definitions\n`,
  );
}
