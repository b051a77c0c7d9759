/**
 * A throwaway API server for the real kubectl: it serves the printer fixtures over HTTP on 127.0.0.1
 * (discovery, lists and gets as JSON or as Tables made by our `toTable`, field selectors for
 * describe) so that kubectl's own output for the same objects can be captured and compared.
 * Test-only; the real serve mode lives elsewhere.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject, ResourceName } from '../../../kube/types.ts';
import { toTable } from '../table.ts';
import type { PrinterFixtures } from './fixtures.ts';

/** The kubectl binaries these machines carry, newest first. */
export const KUBECTL_CANDIDATES = ['/usr/lib/google-cloud-sdk/bin/kubectl.1.33'];

export function findKubectl(): string | undefined {
  return KUBECTL_CANDIDATES.find((p) => existsSync(p));
}

const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const coreResources: { name: ResourceName; kind: string; namespaced: boolean; short?: string }[] = [
  { name: 'pods', kind: 'Pod', namespaced: true, short: 'po' },
  { name: 'nodes', kind: 'Node', namespaced: false, short: 'no' },
  { name: 'events', kind: 'Event', namespaced: true, short: 'ev' },
  { name: 'configmaps', kind: 'ConfigMap', namespaced: true, short: 'cm' },
  { name: 'secrets', kind: 'Secret', namespaced: true },
  { name: 'namespaces', kind: 'Namespace', namespaced: false, short: 'ns' },
  { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, short: 'sa' },
];

const resourceList = (groupVersion: string, list: typeof coreResources) => ({
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion,
  resources: [
    ...list.map((r) => ({
      name: r.name,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs,
      ...(r.short ? { shortNames: [r.short] } : {}),
    })),
    ...(groupVersion === 'v1'
      ? [{ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }]
      : []),
  ],
});

/** Field selectors kubectl sends for describe: "a=b,c!=d". */
function matchesFieldSelector(obj: KubeObject, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
    if (!m) throw new Error(`harness: bad field selector term "${term}"`);
    const [, path, op, want] = m;
    const value = path!
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
    const got = value === undefined || value === null ? '' : String(value);
    return op === '!=' ? got !== want : got === want;
  });
}

/** A watch event the server streams, then it ends the watch (which makes kubectl exit). */
export interface ScriptedWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: ResourceName;
  /** An object of `resource`. */
  object: object;
}

export interface FakeServer {
  url: string;
  /** What the server serves from now on. */
  setFixtures(fx: PrinterFixtures): void;
  /** The events every watch request gets. */
  setWatchEvents(events: ScriptedWatchEvent[]): void;
  close(): Promise<void>;
}

export async function startFakeServer(): Promise<FakeServer> {
  let fx: PrinterFixtures | undefined;
  let watchEvents: ScriptedWatchEvent[] = [];
  const send = (res: ServerResponse, code: number, body: unknown) => {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse, resource: string, name: string) =>
    send(res, 404, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `${resource} "${name}" not found`,
      reason: 'NotFound',
      details: { name, kind: resource },
      code: 404,
    });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/version') {
      return send(res, 200, {
        major: '1',
        minor: '33',
        gitVersion: 'v1.33.0',
        platform: 'wasi/wasm32',
      });
    }
    if (path === '/api')
      return send(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [],
      });
    if (path === '/apis') {
      const gv = { groupVersion: 'coordination.k8s.io/v1', version: 'v1' };
      return send(res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [{ name: 'coordination.k8s.io', versions: [gv], preferredVersion: gv }],
      });
    }
    if (path === '/api/v1') return send(res, 200, resourceList('v1', coreResources));
    if (path === '/apis/coordination.k8s.io/v1') {
      return send(
        res,
        200,
        resourceList('coordination.k8s.io/v1', [
          { name: 'leases', kind: 'Lease', namespaced: true },
        ]),
      );
    }
    const m =
      /^\/api\/v1(?:\/namespaces\/([^/]+))?\/([a-z]+)(?:\/([^/]+))?$/.exec(path) ??
      /^\/apis\/coordination\.k8s\.io\/v1(?:\/namespaces\/([^/]+))?\/(leases)(?:\/([^/]+))?$/.exec(
        path,
      );
    if (!m || !fx)
      return send(res, 404, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
      });
    const [, namespace, resource, name] = m as unknown as [
      string,
      string | undefined,
      ResourceName,
      string | undefined,
    ];
    const all = (fx[resource] ?? []) as KubeObject[];
    const inScope = all.filter((o) => !namespace || o.metadata?.namespace === namespace);
    const asTable = (req.headers.accept ?? '').includes('as=Table');
    const includeObject = (url.searchParams.get('includeObject') ?? 'Metadata') as
      'Metadata' | 'Object' | 'None';
    if (name) {
      const obj = inScope.find((o) => o.metadata?.name === name);
      if (!obj)
        return notFound(res, resource === 'leases' ? 'leases.coordination.k8s.io' : resource, name);
      if (asTable)
        return send(
          res,
          200,
          toTable(resource, [obj as never], { now: Date.now(), includeObject }),
        );
      return send(res, 200, obj);
    }
    if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      watchEvents.forEach((e, i) => {
        // Only a watch's first Table carries column definitions (TableOptions.noHeaders after it).
        const object = asTable
          ? toTable(e.resource, [e.object as never], {
              now: Date.now(),
              includeObject,
              noHeaders: i > 0,
            })
          : e.object;
        res.write(`${JSON.stringify({ type: e.type, object })}\n`);
      });
      res.end();
      return;
    }
    const items = inScope.filter((o) =>
      matchesFieldSelector(o, url.searchParams.get('fieldSelector')),
    );
    if (asTable) {
      return send(
        res,
        200,
        toTable(resource, items as never[], {
          now: Date.now(),
          includeObject,
          resourceVersion: '999',
        }),
      );
    }
    const kind =
      resource === 'leases'
        ? 'LeaseList'
        : `${coreResources.find((r) => r.name === resource)!.kind}List`;
    // List items carry no apiVersion/kind, as the real server sends them.
    const bare = items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
    return send(res, 200, {
      kind,
      apiVersion: resource === 'leases' ? 'coordination.k8s.io/v1' : 'v1',
      metadata: { resourceVersion: '999' },
      items: bare,
    });
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      send(res, 500, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: String(err),
        code: 500,
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setFixtures: (next) => (fx = next),
    setWatchEvents: (next) => (watchEvents = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
  /** Wall-clock ms when the process started and ended. */
  startedAt: number;
  endedAt: number;
}

/** Runs kubectl against `server`, hermetically: no kubeconfig, its own cache dir, UTC. */
export function createKubectlRunner(kubectl: string, server: FakeServer) {
  const home = mkdtempSync(join(tmpdir(), 'kubectl-printers-'));
  return (args: readonly string[]): Promise<KubectlResult> =>
    new Promise((resolve) => {
      const startedAt = Date.now();
      execFile(
        kubectl,
        ['-s', server.url, '--cache-dir', join(home, 'cache'), ...args],
        {
          env: {
            KUBECONFIG: join(home, 'none'),
            HOME: home,
            TZ: 'UTC',
            PATH: process.env.PATH ?? '',
          },
        },
        (err, stdout, stderr) => {
          const code = err && typeof err.code === 'number' ? err.code : err ? 1 : 0;
          resolve({ stdout, stderr, code, startedAt, endedAt: Date.now() });
        },
      );
    });
}
