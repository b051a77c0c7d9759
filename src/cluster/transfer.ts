/**
 * Export and import of a playground cluster as one multi-document YAML file: what a user made
 * (namespaces, service accounts, config maps, secrets, pods), each as `kubectl get -o yaml` prints
 * it but without the server's identity fields (uid, resourceVersion, creationTimestamp), so the
 * file is also something `kubectl create -f` takes. What the cluster makes by itself (the system
 * namespaces, default service accounts, kube-root-ca.crt, the node, its lease, events) stays out.
 */
import type { ApiServer } from '../fake-apiserver/index.ts';
import { ManifestError, parseManifest } from '../kubectl/apply/manifest.ts';
import { toGoYaml, type JsonValue } from '../kubectl/printers/goYaml.ts';
import { withKind } from '../kubectl/printers/output.ts';
import { formatTime } from '../kube/time.ts';
import type { KubeObject, ResourceName } from '../kube/types.ts';

/** In the order they must be created: a namespace before what lives in it, config before pods. */
const EXPORTED: ResourceName[] = ['namespaces', 'serviceaccounts', 'configmaps', 'secrets', 'pods'];
const SYSTEM_NAMESPACES = new Set(['default', 'kube-node-lease', 'kube-public', 'kube-system']);

/** Server-set fields a create refuses or overwrites. */
const SERVER_FIELDS = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

function madeByTheCluster(resource: ResourceName, obj: KubeObject): boolean {
  const name = obj.metadata?.name ?? '';
  if (resource === 'namespaces') return SYSTEM_NAMESPACES.has(name);
  if (resource === 'serviceaccounts') return name === 'default';
  if (resource === 'configmaps') return name === 'kube-root-ca.crt';
  return false;
}

function withoutServerFields(obj: KubeObject): KubeObject {
  const metadata: Record<string, unknown> = { ...obj.metadata };
  for (const f of SERVER_FIELDS) delete metadata[f];
  return { ...obj, metadata } as KubeObject;
}

/** The cluster's own objects as one YAML file, headed by a comment saying what it is. */
export async function exportCluster(server: ApiServer): Promise<string> {
  const docs: string[] = [];
  for (const resource of EXPORTED) {
    for (const obj of (await server.list(resource)).items as KubeObject[]) {
      if (madeByTheCluster(resource, obj)) continue;
      docs.push(toGoYaml(withoutServerFields(withKind(resource, obj)) as unknown as JsonValue));
    }
  }
  const header =
    `# Kubelet Playground cluster, exported ${formatTime(server.clock.now())} (playground clock).\n` +
    `# ${docs.length} object${docs.length === 1 ? '' : 's'}; import it in the playground, or: kubectl create -f FILE\n`;
  return header + docs.map((d) => `---\n${d}`).join('');
}

/**
 * A file to import, made ready for `kubectl create -f -`: every document without the fields a
 * create refuses (an exported pod's status and resourceVersion), namespaces first.
 * @throws ManifestError naming the line of the first document that is not a Kubernetes object.
 */
export function prepareImport(text: string): string {
  const docs = parseManifest(text);
  const objects: KubeObject[] = [];
  for (const doc of docs) {
    if (doc.error) throw doc.error;
    const obj = doc.object;
    if (!obj) continue;
    if (typeof obj !== 'object' || Array.isArray(obj) || !obj.kind)
      throw new ManifestError(
        'this document is not a Kubernetes object (no kind)',
        doc.startLine,
        1,
      );
    const { status: _status, ...rest } = withoutServerFields(obj) as KubeObject & {
      status?: unknown;
    };
    objects.push(rest as KubeObject);
  }
  const rank = (o: KubeObject) => (o.kind === 'Namespace' ? 0 : o.kind === 'Pod' ? 2 : 1);
  const ordered = objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map(({ o }) => o);
  return ordered.map((o) => `---\n${toGoYaml(o as unknown as JsonValue)}`).join('');
}
