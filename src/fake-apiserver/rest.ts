/**
 * The Kubernetes REST API over the in-memory server: paths, verbs, content types, discovery,
 * Tables for `kubectl get`, watch streams and pod logs, with a Status body for every error.
 * Framework-free: serve mode feeds it requests from node:http; tests call it directly.
 */
import {
  ApiError,
  type FieldValidation,
  type PatchType,
  type WatchOptions,
} from '../kube/client.ts';
import type { KubeObject, ResourceName, Status } from '../kube/types.ts';
import { apiError, badRequest, status as statusBody } from './errors.ts';
import { apiVersionOf, resources, type ResourceDef } from './resources.ts';
import type { ApiServer } from './server.ts';

export interface RestRequest {
  method: string;
  /** Path without the query: `/api/v1/namespaces/default/pods`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body?: string;
}

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** A streaming body (watch, logs -f): write chunks until `end`; the returned function cancels. */
  stream?: (write: (chunk: string) => void, end: () => void) => () => void;
}

export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string };
  columnDefinitions: TableColumn[];
  rows: { cells: unknown[]; object?: unknown; conditions?: unknown[] }[];
}

export interface LogQuery {
  namespace: string;
  pod: string;
  container?: string;
  previous?: boolean;
  follow?: boolean;
  tailLines?: number;
  timestamps?: boolean;
  sinceSeconds?: number;
  limitBytes?: number;
}

export interface RestOptions {
  server: ApiServer;
  /** Converts objects to a Table as the real server's printers do (kubectl's printers). */
  toTable?: (resource: ResourceName, objects: KubeObject[], now: number) => Table;
  /** Pod logs, from the kubelet of the pod's node. Throws ApiError for the kubelet's messages. */
  logs?: (q: LogQuery) => string;
  followLogs?: (q: LogQuery, write: (chunk: string) => void, end: () => void) => () => void;
  /** OpenAPI v3 document for /api/v1 (components.schemas), for `kubectl apply` validation. */
  openapi?: () => unknown;
  version?: { major: string; minor: string; gitVersion: string };
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

const respond = (status: number, body: unknown): RestResponse => ({
  status,
  headers: JSON_HEADERS,
  body: JSON.stringify(body),
});

/** The response for a failure: its Status, or a 500 InternalError for anything else. */
export const fromError = (e: unknown): RestResponse => {
  if (e instanceof ApiError) return respond(e.code, e.status);
  const message = e instanceof Error ? e.message : String(e);
  return respond(500, statusBody(500, 'InternalError', `Internal error occurred: ${message}`));
};

const wantsTable = (accept: string | undefined) => /as=Table/.test(accept ?? '');

/** Discovery's view of a resource. */
function apiResource(def: ResourceDef) {
  const r: Record<string, unknown> = {
    name: def.name,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: def.verbs,
  };
  if (def.shortNames.length) r.shortNames = def.shortNames;
  if (def.categories.length) r.categories = def.categories;
  return r;
}

function subresourceEntries(def: ResourceDef) {
  return def.subresources.map((sub) => ({
    name: `${def.name}/${sub}`,
    singularName: '',
    namespaced: def.namespaced,
    kind: sub === 'binding' ? 'Binding' : sub === 'log' ? 'Pod' : def.kind,
    verbs: sub === 'binding' ? ['create'] : sub === 'log' ? ['get'] : ['get', 'patch', 'update'],
  }));
}

function resourceList(groupVersion: string, defs: ResourceDef[]) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: defs.flatMap((d) => [apiResource(d), ...subresourceEntries(d)]),
  };
}

export interface Route {
  def: ResourceDef;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** Parses `/api/v1/...` and `/apis/<group>/<version>/...` resource paths. */
export function route(path: string): Route | undefined {
  const parts = path.split('/').filter(Boolean);
  let rest: string[];
  let group = '';
  if (parts[0] === 'api' && parts[1] === 'v1') rest = parts.slice(2);
  else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!;
    if (parts[2] !== 'v1') return undefined;
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  // `/api/v1/namespaces/{name}[/status]` addresses the namespace object itself.
  if (resource === undefined && namespace !== undefined) {
    return { def: resources.namespaces, name: namespace };
  }
  const def = Object.values(resources).find((d) => d.name === resource && d.group === group);
  if (!def || rest.length > 3) return undefined;
  if (!def.namespaced && namespace !== undefined) return undefined;
  return {
    def,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name ? { name } : {}),
    ...(subresource ? { subresource } : {}),
  };
}

function parseBody(req: RestRequest): unknown {
  if (!req.body) return undefined;
  try {
    return JSON.parse(req.body);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

function patchTypeOf(contentType: string | undefined): PatchType {
  const ct = (contentType ?? '').split(';')[0]!.trim();
  if (ct === 'application/merge-patch+json') return 'merge';
  if (ct === 'application/json-patch+json') return 'json';
  if (ct === 'application/strategic-merge-patch+json') return 'strategic';
  if (ct === 'application/apply-patch+yaml') {
    throw apiError(
      415,
      'UnsupportedMediaType',
      'server-side apply is not supported by the playground; use kubectl apply --server-side=false',
    );
  }
  throw apiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
  );
}

const ua = (req: RestRequest) => req.headers['user-agent'] ?? '';
const bool = (v: string | undefined) => v === 'true' || v === '1';
const int = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

export function createRestHandler(opts: RestOptions): (req: RestRequest) => RestResponse {
  const { server } = opts;
  const version = opts.version ?? { major: '1', minor: '33', gitVersion: 'v1.33.0' };

  const partial = (obj: KubeObject) => ({
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: obj.metadata,
  });

  function asTable(
    def: ResourceDef,
    objects: KubeObject[],
    resourceVersion: string,
    includeObject: string | undefined,
  ): Table {
    const table: Table = opts.toTable
      ? opts.toTable(def.name, objects, server.clock.now())
      : {
          kind: 'Table' as const,
          apiVersion: 'meta.k8s.io/v1' as const,
          metadata: {},
          columnDefinitions: [
            {
              name: 'Name',
              type: 'string',
              format: 'name',
              description: 'Name must be unique within a namespace.',
              priority: 0,
            },
            {
              name: 'Created At',
              type: 'date',
              format: '',
              description:
                'CreationTimestamp is a timestamp representing the server time when this object was created.',
              priority: 0,
            },
          ],
          rows: objects.map((o) => ({ cells: [o.metadata?.name, o.metadata?.creationTimestamp] })),
        };
    table.metadata = { ...table.metadata, resourceVersion };
    table.rows.forEach((row, i) => {
      const obj = objects[i]!;
      row.object =
        includeObject === 'Object' ? obj : includeObject === 'None' ? undefined : partial(obj);
    });
    return table;
  }

  function handleResource(req: RestRequest, r: Route): RestResponse {
    const { def } = r;
    const method = req.method.toUpperCase();
    const q = req.query;
    const namespace = r.namespace;
    const table = wantsTable(req.headers.accept);

    if (r.subresource === 'log' && def.name === 'pods' && method === 'GET') return podLogs(req, r);

    if (method === 'GET' && !r.name) {
      const listOpts = {
        ...(namespace ? { namespace } : {}),
        ...(q.labelSelector ? { labelSelector: q.labelSelector } : {}),
        ...(q.fieldSelector ? { fieldSelector: q.fieldSelector } : {}),
        ...(q.resourceVersion !== undefined ? { resourceVersion: q.resourceVersion } : {}),
      };
      if (bool(q.watch))
        return watch(
          def,
          {
            ...listOpts,
            allowWatchBookmarks: bool(q.allowWatchBookmarks),
            sendInitialEvents: bool(q.sendInitialEvents),
          },
          table,
          q.includeObject,
        );
      let list;
      try {
        list = server.listAs(
          def.name,
          {
            ...listOpts,
            ...(q.limit ? { limit: Number(q.limit) } : {}),
            ...(q.continue ? { continue: q.continue } : {}),
          },
          '',
        );
      } catch (e) {
        return fromError(e);
      }
      if (table) {
        const objects = list.items.map(
          (i) => ({ ...i, apiVersion: apiVersionOf(def), kind: def.kind }) as KubeObject,
        );
        const t = asTable(def, objects, list.metadata.resourceVersion, q.includeObject);
        if (list.metadata.continue) t.metadata.continue = list.metadata.continue;
        return respond(200, t);
      }
      return respond(200, list);
    }

    try {
      const nsOpt = namespace ? { namespace } : {};
      const write = {
        ...nsOpt,
        ...(r.subresource ? { subresource: r.subresource } : {}),
        ...(q.fieldValidation ? { fieldValidation: q.fieldValidation as FieldValidation } : {}),
        ...(q.dryRun === 'All' ? { dryRun: true } : {}),
        ...(q.fieldManager ? { fieldManager: q.fieldManager } : {}),
      };
      switch (method) {
        case 'GET': {
          if (r.subresource && r.subresource !== 'status')
            throw apiError(404, 'NotFound', 'the server could not find the requested resource');
          const obj = server.getAs(def.name, r.name!, nsOpt, ua(req)) as KubeObject;
          return respond(
            200,
            table ? asTable(def, [obj], obj.metadata?.resourceVersion ?? '', q.includeObject) : obj,
          );
        }
        case 'POST': {
          const body = parseBody(req) as KubeObject;
          if (r.subresource === 'binding' && def.name === 'pods') {
            return respond(201, server.bindAs(body as never, { ...nsOpt }, ua(req)));
          }
          if (r.name)
            throw apiError(
              405,
              'MethodNotAllowed',
              'the server does not allow this method on the requested resource',
            );
          return respond(201, server.createAs(def.name, body as never, write, ua(req)));
        }
        case 'PUT': {
          const body = parseBody(req) as KubeObject;
          if (body?.metadata?.name && body.metadata.name !== r.name) {
            throw badRequest(
              `the name of the object (${body.metadata.name}) does not match the name on the URL (${r.name})`,
            );
          }
          return respond(200, server.updateAs(def.name, body as never, write, ua(req)));
        }
        case 'PATCH': {
          const type = patchTypeOf(req.headers['content-type']);
          return respond(
            200,
            server.patchAs(def.name, r.name!, type, parseBody(req), write, ua(req)),
          );
        }
        case 'DELETE': {
          const body = (parseBody(req) ?? {}) as {
            gracePeriodSeconds?: number;
            preconditions?: { uid?: string; resourceVersion?: string };
          };
          const grace = int(q.gracePeriodSeconds) ?? body.gracePeriodSeconds;
          const obj = server.deleteAs(
            def.name,
            r.name!,
            {
              ...nsOpt,
              ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
              ...(body.preconditions ? { preconditions: body.preconditions } : {}),
            },
            '',
          );
          return respond(200, obj);
        }
        default:
          throw apiError(
            405,
            'MethodNotAllowed',
            'the server does not allow this method on the requested resource',
          );
      }
    } catch (e) {
      return fromError(e);
    }
  }

  function watch(
    def: ResourceDef,
    wopts: WatchOptions,
    table: boolean,
    includeObject: string | undefined,
  ): RestResponse {
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      stream: (write) => {
        let w;
        try {
          w = server.watchAs(
            def.name,
            wopts,
            (e) => {
              let object: unknown = e.object;
              if (table && (e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED')) {
                object = asTable(
                  def,
                  [e.object as KubeObject],
                  e.object.metadata?.resourceVersion ?? '',
                  includeObject,
                );
              }
              write(`${JSON.stringify({ type: e.type, object })}\n`);
            },
            '',
          );
        } catch (err) {
          const s =
            err instanceof ApiError ? err.status : statusBody(500, 'InternalError', String(err));
          write(`${JSON.stringify({ type: 'ERROR', object: s })}\n`);
          return () => {};
        }
        return () => w.stop();
      },
    };
  }

  function podLogs(req: RestRequest, r: Route): RestResponse {
    const q = req.query;
    const lq: LogQuery = {
      namespace: r.namespace ?? 'default',
      pod: r.name!,
      ...(q.container ? { container: q.container } : {}),
      previous: bool(q.previous),
      follow: bool(q.follow),
      timestamps: bool(q.timestamps),
      ...(int(q.tailLines) !== undefined ? { tailLines: int(q.tailLines)! } : {}),
      ...(int(q.sinceSeconds) !== undefined ? { sinceSeconds: int(q.sinceSeconds)! } : {}),
      ...(int(q.limitBytes) !== undefined ? { limitBytes: int(q.limitBytes)! } : {}),
    };
    try {
      server.getAs('pods', lq.pod, { namespace: lq.namespace }, ua(req));
      if (!opts.logs) throw badRequest('pod logs are not available: no kubelet is connected');
      if (lq.follow && opts.followLogs) {
        const follow = opts.followLogs;
        // Fail before streaming when the kubelet has nothing to give.
        opts.logs({ ...lq, tailLines: 0 });
        return {
          status: 200,
          headers: { 'Content-Type': 'text/plain' },
          stream: (write, end) => follow(lq, write, end),
        };
      }
      return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: opts.logs(lq) };
    } catch (e) {
      return fromError(e);
    }
  }

  const coreDefs = Object.values(resources).filter((d) => d.group === '');
  const groups = [
    ...new Set(
      Object.values(resources)
        .map((d) => d.group)
        .filter((g) => g !== ''),
    ),
  ];

  return (req) => {
    const path = req.path.replace(/\/+$/, '') || '/';
    if (req.method === 'GET') {
      if (path === '/version') {
        return respond(200, {
          ...version,
          gitCommit: '0000000000000000000000000000000000000000',
          gitTreeState: 'clean',
          buildDate: '2026-01-01T00:00:00Z',
          goVersion: 'go1.24.0',
          compiler: 'gc',
          platform: 'linux/amd64',
        });
      }
      if (path === '/api') {
        return respond(200, {
          kind: 'APIVersions',
          versions: ['v1'],
          serverAddressByClientCIDRs: [
            { clientCIDR: '0.0.0.0/0', serverAddress: req.headers.host ?? '127.0.0.1' },
          ],
        });
      }
      if (path === '/apis') {
        return respond(200, {
          kind: 'APIGroupList',
          apiVersion: 'v1',
          groups: groups.map((g) => ({
            name: g,
            versions: [{ groupVersion: `${g}/v1`, version: 'v1' }],
            preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' },
          })),
        });
      }
      if (path === '/api/v1') return respond(200, resourceList('v1', coreDefs));
      for (const g of groups) {
        if (path === `/apis/${g}`) {
          return respond(200, {
            kind: 'APIGroup',
            apiVersion: 'v1',
            name: g,
            versions: [{ groupVersion: `${g}/v1`, version: 'v1' }],
            preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' },
          });
        }
        if (path === `/apis/${g}/v1`)
          return respond(
            200,
            resourceList(
              `${g}/v1`,
              Object.values(resources).filter((d) => d.group === g),
            ),
          );
      }
      if (path === '/openapi/v3') {
        return respond(200, {
          paths: { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=playground' } },
        });
      }
      if (path === '/openapi/v3/api/v1' && opts.openapi) return respond(200, opts.openapi());
      if (path === '/healthz' || path === '/readyz' || path === '/livez')
        return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' };
    }
    const r = route(path);
    if (!r)
      return respond(
        404,
        statusBody(404, 'NotFound', 'the server could not find the requested resource'),
      );
    return handleResource(req, r);
  };
}

export type { Status };
