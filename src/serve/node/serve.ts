/**
 * Serve mode: the playground's cluster under Node (API server, scheduler, kubelet with the Node
 * WASI runtime, on a PlaygroundClock at a chosen speed) behind the Kubernetes REST API on
 * loopback, so the real kubectl can drive it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createCluster, type Cluster } from '../../cluster/cluster.ts';
import { apiError } from '../../fake-apiserver/errors.ts';
import { createRestHandler, type LogQuery, type RestRequest } from '../../fake-apiserver/rest.ts';
import { PlaygroundClock } from '../../kube/playgroundClock.ts';
import type { KubeObject } from '../../kube/types.ts';
import { openApiV3Schemas } from '../../kube/openapiV3.ts';
import type { Kubelet } from '../../kubelet-core/kubelet.ts';
import { asApiError as asApi, toLogRequest } from '../../kubelet-core/podLogs.ts';
import { toTable } from '../../kubectl/printers/index.ts';
import { createImageStore } from '../../oci/index.ts';
import { createFileFetch } from '../../oci/node/fileFetch.ts';
import { resources } from '../../fake-apiserver/resources.ts';
import { createNodeRuntime } from '../../runtime-wasi/node/nodeRuntime.ts';
import { readRequestBody } from './protobufBody.ts';

export interface ServeOptions {
  port?: number;
  address?: string;
  /** Listening beyond loopback must be asked for explicitly. */
  allowRemote?: boolean;
  speed?: number;
  nodeName?: string;
  insecureRegistries?: string[];
  /** One line per event (listening, requests with verbose, pod phases). */
  log?: (line: string) => void;
  verbose?: boolean;
}

export interface Serving {
  url: string;
  cluster: Cluster;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** A minimal OpenAPI v3 for /api/v1: enough for kubectl apply's --validate=strict. */
function openapi(): unknown {
  const paths: Record<string, unknown> = {};
  const fieldValidation = { name: 'fieldValidation', in: 'query', schema: { type: 'string' } };
  for (const def of Object.values(resources)) {
    if (def.group) continue;
    const base = def.namespaced
      ? `/api/v1/namespaces/{namespace}/${def.name}`
      : `/api/v1/${def.name}`;
    // kubectl finds the operation by its GVK extension and checks it takes fieldValidation.
    const op = (action: string) => ({
      parameters: [fieldValidation],
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': { group: '', version: 'v1', kind: def.kind },
    });
    paths[base] = { post: op('post') };
    paths[`${base}/{name}`] = { put: op('put'), patch: op('patch') };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.33.0' },
    paths,
    // The shape a real API server serves (kubectl explain reads it).
    components: { schemas: openApiV3Schemas() },
  };
}

/** The body's bytes: JSON is text, but a protobuf body is not. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function serve(opts: ServeOptions = {}): Promise<Serving> {
  const address = opts.address ?? '127.0.0.1';
  if (!LOOPBACK.has(address) && !opts.allowRemote) {
    throw new Error(
      `refusing to listen on ${address}: serve mode has no authentication, so it listens on loopback only; pass --allow-remote to listen on ${address} anyway`,
    );
  }
  const log = opts.log ?? (() => {});
  const clock = new PlaygroundClock({
    wall: {
      now: () => performance.now(),
      setTimeout: (fn, ms) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      },
    },
    start: Date.now(),
    speed: opts.speed ?? 1,
    immediate: (fn) => setImmediate(fn),
  });
  const base = 'http://builtin.registry.local';
  const images = createImageStore({
    fetch: createFileFetch({ baseUrl: base, fallback: (input, init) => fetch(input, init) }),
    builtinRegistryUrl: base,
    insecureRegistries: opts.insecureRegistries ?? [],
  });
  const runtime = createNodeRuntime({ images, clock });
  const cluster = createCluster({
    clock,
    runtime,
    nodes: [opts.nodeName ?? 'playground'],
    onEvent: (involved, type, reason, message) =>
      log(
        `event ${type} ${reason} ${involved.kind ?? ''}/${involved.metadata?.name ?? ''}: ${message}`,
      ),
  });
  await Promise.all([cluster.start(), runtime.ready]);

  const kubeletFor = (q: LogQuery): Kubelet => {
    const pod = cluster.server.getAs('pods', q.pod, { namespace: q.namespace }, 'serve');
    const k = cluster.kubelets.find((x) => x.nodeName === pod.spec?.nodeName);
    if (!k) throw apiError(400, 'BadRequest', `pod ${q.pod} does not have a host assigned`);
    return k;
  };
  const handle = createRestHandler({
    server: cluster.server,
    toTable: (resource, objects, now) =>
      toTable(resource, objects as never[], { now }) as unknown as ReturnType<
        NonNullable<Parameters<typeof createRestHandler>[0]['toTable']>
      >,
    logs: (q) => asApi(() => kubeletFor(q).logs(toLogRequest(q))),
    followLogs: (q, write, end) => {
      const decoder = new TextDecoder();
      return asApi(() =>
        kubeletFor(q).followLogs(
          toLogRequest(q),
          (c) => write(decoder.decode(c.data, { stream: true })),
          end,
        ),
      );
    },
    openapi,
  });

  // Pod phases, one line each.
  const phases = new Map<string, string>();
  const watch = cluster.server.watch('pods', {}, (e) => {
    const pod = e.object as KubeObject & { status?: { phase?: string } };
    const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    if (e.type === 'DELETED') {
      phases.delete(key);
      return log(`pod ${key} deleted`);
    }
    const phase = pod.status?.phase ?? 'Pending';
    if (phases.get(key) !== phase) {
      phases.set(key, phase);
      log(`pod ${key} ${phase}`);
    }
  });

  const http: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
      );
      // A protobuf body (kubectl create configmap, secret, namespace...) is decoded to JSON here.
      const read = readRequestBody(
        method,
        url.pathname,
        headers['content-type'],
        await readBody(req),
      );
      const request: RestRequest = {
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: read.contentType ? { ...headers, 'content-type': read.contentType } : headers,
        body: read.body,
      };
      const response = read.response ?? handle(request);
      if (opts.verbose) log(`${request.method} ${req.url} ${response.status}`);
      res.writeHead(response.status, response.headers);
      if (!response.stream) return void res.end(response.body ?? '');
      res.flushHeaders();
      const cancel = response.stream(
        (chunk) => res.write(chunk),
        () => res.end(),
      );
      req.on('close', cancel);
    })().catch((e: unknown) => {
      log(`error ${String(e)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          message: String(e),
          code: 500,
        }),
      );
    });
  });
  const sockets = new Set<Socket>();
  http.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 8080, address, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  log(`listening on ${url} (clock x${clock.speed}); try: kubectl -s ${url} get pods`);
  return {
    url,
    cluster,
    async close() {
      watch.stop();
      for (const s of sockets) s.destroy();
      await new Promise((r) => http.close(r));
      cluster.stop();
      runtime.dispose();
      clock.dispose();
    },
  };
}
