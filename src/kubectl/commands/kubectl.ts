/**
 * kubectl's commands over a KubeClient, printing what kubectl v1.33 prints: get (tables, -o
 * wide|yaml|json|name, -w), describe, logs, apply/create -f, delete, version, api-resources, explain
 * and kubectl's errors. The terminal in the page and tests run it; the real kubectl against serve mode
 * is the reference it is compared with.
 */
import { ApiError, type KubeClient } from '../../kube/client.ts';
import type { Clock } from '../../kube/clock.ts';
import type { KubeObject, ObjectOf, Pod, ResourceName, Event } from '../../kube/types.ts';
import { resources } from '../../fake-apiserver/resources.ts';
import type { LogQuery, PodLogs } from '../../kubelet-core/podLogs.ts';
import {
  applyManifest,
  formatError,
  formatOutcome,
  parseManifest,
  resourceFor,
} from '../apply/index.ts';
import {
  createWatchPrinter,
  describeNode,
  describePod,
  nameOf,
  printGet,
  printList,
  printObject,
  toTable,
} from '../printers/index.ts';
import { withKind } from '../printers/output.ts';
import { parseFlags, UsageError, type FlagSpec, type Parsed } from './args.ts';
import { explain as runExplain } from './explain.ts';
import { HELP } from './help.ts';

export interface KubectlEnv {
  client: KubeClient;
  clock: Clock;
  logs?: PodLogs;
  /** `-f PATH`: the file's text, or undefined when there is no such file. */
  readFile?(path: string): string | undefined;
  /** `-f -`. */
  stdin?: string;
  out(text: string): void;
  err(text: string): void;
  /** The context's namespace; default `default`. */
  namespace?: string;
}

export interface KubectlRun {
  /** The exit code. */
  done: Promise<number>;
  /** Ctrl-C: ends a `-w` or `logs -f`. */
  cancel(): void;
}

const ALIASES: Record<string, ResourceName> = {};
for (const def of Object.values(resources)) {
  for (const n of [def.name, def.singular, ...def.shortNames]) ALIASES[n] = def.name;
  ALIASES[`${def.name}.${def.group}`] = def.name;
  ALIASES[`${def.singular}.${def.group}`] = def.name;
}

const COMMON: FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'help', short: 'h', kind: 'bool' },
  { name: 'kubeconfig', kind: 'string' },
  { name: 'context', kind: 'string' },
  { name: 'v', short: 'v', kind: 'string' },
];

const SPECS: Record<string, FlagSpec[]> = {
  get: [
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'field-selector', kind: 'string' },
    { name: 'watch', short: 'w', kind: 'bool' },
    { name: 'watch-only', kind: 'bool' },
    { name: 'show-labels', kind: 'bool' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'output-watch-events', kind: 'bool' },
  ],
  describe: [
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'show-events', kind: 'bool' },
  ],
  logs: [
    { name: 'container', short: 'c', kind: 'string' },
    { name: 'follow', short: 'f', kind: 'bool' },
    { name: 'previous', short: 'p', kind: 'bool' },
    { name: 'tail', kind: 'int' },
    { name: 'timestamps', kind: 'bool' },
    { name: 'all-containers', kind: 'bool' },
    { name: 'prefix', kind: 'bool' },
    { name: 'limit-bytes', kind: 'int' },
  ],
  apply: [
    { name: 'filename', short: 'f', kind: 'strings' },
    { name: 'validate', kind: 'string' },
  ],
  create: [{ name: 'filename', short: 'f', kind: 'strings' }],
  delete: [
    { name: 'filename', short: 'f', kind: 'strings' },
    { name: 'all', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'grace-period', kind: 'int' },
    { name: 'force', kind: 'bool' },
    { name: 'now', kind: 'bool' },
    { name: 'wait', kind: 'bool' },
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
  ],
  version: [
    { name: 'client', kind: 'bool' },
    { name: 'output', short: 'o', kind: 'string' },
  ],
  'api-resources': [
    { name: 'namespaced', kind: 'bool' },
    { name: 'no-headers', kind: 'bool' },
  ],
  explain: [
    { name: 'recursive', kind: 'bool' },
    { name: 'api-version', kind: 'string' },
    // kubectl 1.33 shows `-o` in its usage line but only registers `--output`.
    { name: 'output', kind: 'string' },
  ],
};

/** What the playground cannot do, and why, instead of kubectl's network errors. */
const UNSUPPORTED: Record<string, string> = {
  exec: 'kubectl exec is not available in the playground: WASI preview1 modules have no way to start a second process or attach a shell.',
  attach:
    'kubectl attach is not available in the playground: a module has no stdin to attach to; use "kubectl logs -f" to follow its output.',
  'port-forward':
    'kubectl port-forward is not available in the playground: WASI preview1 has no sockets, so pods have no network.',
  cp: 'kubectl cp is not available in the playground: it needs exec (tar inside the container), which WASI modules cannot do.',
};

const COMMANDS = [
  'get',
  'describe',
  'logs',
  'apply',
  'create',
  'delete',
  'version',
  'api-resources',
  'explain',
  'help',
];
const KUBECTL_COMMANDS = [
  ...COMMANDS,
  'annotate',
  'attach',
  'auth',
  'autoscale',
  'certificate',
  'cluster-info',
  'completion',
  'config',
  'cordon',
  'cp',
  'debug',
  'diff',
  'drain',
  'edit',
  'events',
  'exec',
  'expose',
  'kustomize',
  'label',
  'patch',
  'plugin',
  'port-forward',
  'proxy',
  'replace',
  'rollout',
  'run',
  'scale',
  'set',
  'taint',
  'top',
  'uncordon',
  'wait',
];

class ExitError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

export function runKubectl(args: string[], env: KubectlEnv): KubectlRun {
  const cancels: (() => void)[] = [];
  let cancelled = false;
  let resolveCancel!: () => void;
  const cancelledPromise = new Promise<void>((r) => (resolveCancel = r));
  const ctx: Ctx = {
    env,
    onCancel: (fn) => {
      if (cancelled) fn();
      else cancels.push(fn);
    },
    cancelled: cancelledPromise,
  };
  const done = (async () => {
    try {
      return await dispatch(args, ctx);
    } catch (e) {
      if (e instanceof UsageError || e instanceof ExitError) {
        env.err(`error: ${e.message}\n`);
        return e instanceof ExitError ? e.code : 1;
      }
      if (e instanceof ApiError) {
        env.err(`${formatError(e)}\n`);
        return 1;
      }
      throw e;
    }
  })();
  return {
    done,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      resolveCancel();
      cancels.splice(0).forEach((c) => c());
    },
  };
}

interface Ctx {
  env: KubectlEnv;
  onCancel(fn: () => void): void;
  cancelled: Promise<void>;
}

async function dispatch(argv: string[], ctx: Ctx): Promise<number> {
  const { env } = ctx;
  const first = argv.findIndex((a) => !a.startsWith('-'));
  const command = first >= 0 ? argv[first]! : undefined;
  if (!command || command === 'help') {
    const topic = command === 'help' ? argv[first + 1] : undefined;
    env.out(topic && HELP[topic] ? HELP[topic] : HELP.kubectl!);
    return 0;
  }
  const rest = [...argv.slice(0, first), ...argv.slice(first + 1)];
  if (UNSUPPORTED[command]) {
    env.err(`error: ${UNSUPPORTED[command]}\n`);
    return 1;
  }
  if (!SPECS[command]) {
    if (KUBECTL_COMMANDS.includes(command)) {
      env.err(
        `error: "kubectl ${command}" is a real kubectl command the playground does not implement; it supports: ${COMMANDS.join(', ')}\n`,
      );
      return 1;
    }
    const near = KUBECTL_COMMANDS.filter(
      (c) => levenshtein(c, command) <= 2 || c.startsWith(command),
    );
    env.err(
      `error: unknown command "${command}" for "kubectl"\n${near.length ? `\nDid you mean this?\n${near.map((n) => `\t${n}\n`).join('')}` : ''}`,
    );
    return 1;
  }
  const p = parseFlags(rest, [...COMMON, ...SPECS[command]!], `kubectl ${command}`);
  if (p.flags.get('help')) {
    env.out(HELP[command] ?? HELP.kubectl!);
    return 0;
  }
  switch (command) {
    case 'get':
      return get(p, ctx);
    case 'describe':
      return describe(p, ctx);
    case 'logs':
      return logs(p, ctx);
    case 'apply':
    case 'create':
      return applyFiles(p, ctx, command === 'create');
    case 'delete':
      return del(p, ctx);
    case 'version':
      return version(p, ctx);
    case 'api-resources':
      return apiResources(p, ctx);
    case 'explain':
      return explain(p, ctx);
  }
  return 1;
}

const str = (p: Parsed, name: string) => p.flags.get(name) as string | undefined;
const bool = (p: Parsed, name: string) => p.flags.get(name) === true;
const namespaceOf = (p: Parsed, ctx: Ctx) => str(p, 'namespace') ?? ctx.env.namespace ?? 'default';

function resourceOf(type: string): ResourceName {
  const r = ALIASES[type.toLowerCase()];
  if (!r) throw new ExitError(`the server doesn't have a resource type "${type}"`);
  return r;
}

interface Target {
  resource: ResourceName;
  names: string[];
}

/** `pods`, `pods a b`, `pod/a node/b`, `pods,nodes`. */
function targets(args: string[], command: string): Target[] {
  if (args.length === 0) {
    throw new ExitError(
      `You must specify the type of resource to ${command}. Use "kubectl api-resources" for a complete list of supported resources.`,
    );
  }
  if (args.some((a) => a.includes('/'))) {
    const out: Target[] = [];
    for (const a of args) {
      const [type, name] = a.split('/');
      if (!name)
        throw new ExitError(`arguments in resource/name form must have a single resource and name`);
      const resource = resourceOf(type!);
      const t = out.find((x) => x.resource === resource);
      if (t) t.names.push(name);
      else out.push({ resource, names: [name] });
    }
    return out;
  }
  const types = args[0]!.split(',').filter(Boolean);
  const names = args.slice(1);
  if (types.length > 1 && names.length) {
    throw new ExitError('you may only specify a single resource type with names');
  }
  return types.map((t) => ({ resource: resourceOf(t), names }));
}

async function fetchObjects(
  t: Target,
  p: Parsed,
  ctx: Ctx,
): Promise<{ items: KubeObject[]; errors: ApiError[]; resourceVersion: string }> {
  const def = resources[t.resource];
  const all = bool(p, 'all-namespaces');
  const ns = def.namespaced && !all ? { namespace: namespaceOf(p, ctx) } : {};
  if (t.names.length) {
    const items: KubeObject[] = [];
    const errors: ApiError[] = [];
    for (const name of t.names) {
      try {
        items.push((await ctx.env.client.get(t.resource, name, ns)) as unknown as KubeObject);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push(e);
      }
    }
    return { items, errors, resourceVersion: '' };
  }
  const list = await ctx.env.client.list(t.resource, {
    ...ns,
    ...(str(p, 'selector') ? { labelSelector: str(p, 'selector') } : {}),
    ...(str(p, 'field-selector') ? { fieldSelector: str(p, 'field-selector') } : {}),
  });
  return {
    items: list.items as unknown as KubeObject[],
    errors: [],
    resourceVersion: list.metadata.resourceVersion,
  };
}

async function get(p: Parsed, ctx: Ctx): Promise<number> {
  const { env } = ctx;
  const output = str(p, 'output') ?? '';
  if (!['', 'wide', 'yaml', 'json', 'name'].includes(output)) {
    throw new ExitError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
    );
  }
  if (p.args.length === 0) {
    env.err(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
    );
    throw new ExitError(
      `Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`,
    );
  }
  const ts = targets(p.args, 'get');
  const watch = bool(p, 'watch') || bool(p, 'watch-only');
  if (watch && ts.length > 1) throw new ExitError('you may only specify a single resource type');
  const namespace = namespaceOf(p, ctx);
  const all = bool(p, 'all-namespaces');
  const now = env.clock.now();
  let code = 0;
  const fetched = [];
  for (const t of ts) {
    const f = await fetchObjects(t, p, ctx);
    for (const e of f.errors) {
      env.err(`${formatError(e)}\n`);
      code = 1;
    }
    fetched.push({ t, ...f });
  }
  const printOpts = {
    wide: output === 'wide',
    noHeaders: bool(p, 'no-headers'),
    showLabels: bool(p, 'show-labels'),
  };
  if (!watch || !bool(p, 'watch-only')) {
    if (output === 'yaml' || output === 'json') {
      const items = fetched.flatMap((f) => f.items.map((o) => withKind(f.t.resource, o)));
      const single = ts.length === 1 && ts[0]!.names.length === 1 && items.length === 1;
      if (items.length || !fetched.some((f) => f.t.names.length)) {
        env.out(single ? printObject(items[0]!, output) : printList(items, output));
      }
    } else if (output === 'name') {
      for (const f of fetched)
        for (const o of f.items) env.out(`${nameOf(withKind(f.t.resource, o))}\n`);
    } else {
      const groups = fetched
        .filter((f) => f.items.length || !f.t.names.length)
        .map((f) => ({
          table: toTable(f.t.resource, f.items as never[], { now }),
          namespaced: resources[f.t.resource].namespaced,
          kind: resources[f.t.resource].kind,
        }));
      const { stdout, stderr } = printGet(groups, { ...printOpts, namespace, allNamespaces: all });
      if (!watch || stdout) env.out(stdout);
      if (stderr && code === 0 && !watch) env.err(stderr);
    }
  }
  if (!watch) return code;

  // -w: the initial list, then every change, until Ctrl-C.
  const f = fetched[0]!;
  const t = f.t;
  const def = resources[t.resource];
  const printer = createWatchPrinter({
    ...printOpts,
    withNamespace: all && def.namespaced,
    outputWatchEvents: bool(p, 'output-watch-events'),
  });
  if (!bool(p, 'watch-only') && !['yaml', 'json', 'name'].includes(output)) {
    // The table above was the initial list; the watch printer continues it with the same widths.
    const initial = toTable(t.resource, f.items as never[], { now });
    printer.printInitial(initial);
  }
  const watchNs = def.namespaced && !all ? { namespace } : {};
  const w = env.client.watch(
    t.resource,
    {
      ...watchNs,
      resourceVersion: f.resourceVersion || undefined,
      ...(t.names.length === 1 ? { fieldSelector: `metadata.name=${t.names[0]}` } : {}),
      ...(str(p, 'selector') ? { labelSelector: str(p, 'selector') } : {}),
    },
    (e) => {
      if (e.type === 'BOOKMARK' || e.type === 'ERROR') return;
      const obj = e.object as unknown as KubeObject;
      if (output === 'yaml' || output === 'json') {
        env.out(printObject(withKind(t.resource, obj), output));
        return;
      }
      if (output === 'name') {
        env.out(`${nameOf(withKind(t.resource, obj))}\n`);
        return;
      }
      const table = toTable(t.resource, [obj] as never[], { now: env.clock.now() });
      env.out(printer.printEvent(e.type, table));
    },
  );
  ctx.onCancel(() => w.stop());
  await Promise.race([w.done, ctx.cancelled]);
  w.stop();
  return code;
}

async function describe(p: Parsed, ctx: Ctx): Promise<number> {
  const { env } = ctx;
  const ts = targets(p.args, 'describe');
  const now = env.clock.now();
  const texts: string[] = [];
  let code = 0;
  for (const t of ts) {
    if (t.resource !== 'pods' && t.resource !== 'nodes') {
      throw new ExitError(
        `the playground describes pods and nodes; for ${t.resource} use "kubectl get ${t.resource} -o yaml"`,
      );
    }
    const def = resources[t.resource];
    const ns = def.namespaced ? { namespace: namespaceOf(p, ctx) } : {};
    const list = (
      await env.client.list(t.resource, {
        ...ns,
        ...(str(p, 'selector') ? { labelSelector: str(p, 'selector') } : {}),
      })
    ).items as unknown as KubeObject[];
    let chosen: KubeObject[] = list;
    if (t.names.length) {
      chosen = [];
      for (const name of t.names) {
        const exact = list.filter((o) => o.metadata?.name === name);
        const prefix = exact.length
          ? exact
          : list.filter((o) => o.metadata?.name?.startsWith(name));
        if (prefix.length === 0) {
          env.err(`Error from server (NotFound): ${t.resource} "${name}" not found\n`);
          code = 1;
        }
        chosen.push(...prefix);
      }
    }
    for (const o of chosen) {
      const events =
        bool(p, 'show-events') === false && p.flags.has('show-events')
          ? undefined
          : await eventsFor(env.client, o, t.resource);
      if (t.resource === 'pods') texts.push(describePod(o as unknown as Pod, events, { now }));
      else {
        const pods = (await env.client.list('pods', {})).items;
        let lease = null;
        try {
          lease = await env.client.get('leases', o.metadata!.name!, {
            namespace: 'kube-node-lease',
          });
        } catch {
          lease = null;
        }
        texts.push(describeNode(o as never, { now, pods, ...(events ? { events } : {}), lease }));
      }
    }
    if (!t.names.length && chosen.length === 0) {
      env.err(
        def.namespaced
          ? `No resources found in ${namespaceOf(p, ctx)} namespace.\n`
          : 'No resources found\n',
      );
    }
  }
  env.out(texts.join('\n\n'));
  return code;
}

async function eventsFor(
  client: KubeClient,
  o: KubeObject,
  resource: ResourceName,
): Promise<Event[]> {
  const def = resources[resource];
  const list = await client.list('events', {
    ...(def.namespaced ? { namespace: o.metadata?.namespace ?? 'default' } : {}),
    fieldSelector: `involvedObject.name=${o.metadata?.name},involvedObject.kind=${def.kind}${o.metadata?.uid ? `,involvedObject.uid=${o.metadata.uid}` : ''}`,
  });
  return list.items;
}

async function logs(p: Parsed, ctx: Ctx): Promise<number> {
  const { env } = ctx;
  if (p.args.length === 0 || p.args.length > 2) {
    throw new ExitError(
      `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`,
    );
  }
  if (!env.logs) throw new ExitError('pod logs are not available here: no kubelet is connected');
  const target = p.args[0]!.replace(/^(pods?|po)\//, '');
  const namespace = namespaceOf(p, ctx);
  const pod: ObjectOf<'pods'> = await env.client.get('pods', target, { namespace });
  const containers = [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c) => c.name),
  ];
  let names: string[];
  const given = str(p, 'container') ?? p.args[1];
  if (bool(p, 'all-containers')) {
    names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map(
      (c) => c.name,
    );
  } else if (given) {
    // kubectl checks the name against the pod's spec before asking the server.
    const all = [...containers, ...(pod.spec?.ephemeralContainers ?? []).map((c) => c.name)];
    if (!all.includes(given))
      throw new ExitError(`container ${given} is not valid for pod ${target}`);
    names = [given];
  } else {
    const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
    const chosen =
      annotated && containers.includes(annotated) ? annotated : pod.spec?.containers?.[0]?.name;
    if (!chosen) throw new ExitError(`pod ${target} has no containers`);
    if (containers.length > 1 && !annotated) {
      const all = [
        ...(pod.spec?.containers ?? []).map((c) => c.name),
        ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
      ];
      env.err(`Defaulted container "${chosen}" out of: ${all.join(', ')}\n`);
    }
    names = [chosen];
  }
  const base: LogQuery = {
    namespace,
    pod: target,
    ...(bool(p, 'previous') ? { previous: true } : {}),
    ...(bool(p, 'timestamps') ? { timestamps: true } : {}),
    ...(p.flags.has('tail') && (p.flags.get('tail') as number) >= 0
      ? { tailLines: p.flags.get('tail') as number }
      : {}),
    ...(p.flags.has('limit-bytes') ? { limitBytes: p.flags.get('limit-bytes') as number } : {}),
  };
  const prefixed =
    bool(p, 'prefix') || (bool(p, 'all-containers') && names.length > 1 && bool(p, 'prefix'));
  const prefixFor = (c: string) => (prefixed ? `[pod/${target}/${c}] ` : '');
  const addPrefix = (text: string, c: string) =>
    prefixed ? text.replace(/^(?=.)/gm, prefixFor(c)) : text;
  if (!bool(p, 'follow')) {
    for (const c of names) env.out(addPrefix(await env.logs.get({ ...base, container: c }), c));
    return 0;
  }
  for (const c of names) {
    await new Promise<void>((resolve, reject) => {
      env
        .logs!.follow(
          { ...base, container: c, follow: true },
          (chunk) => env.out(addPrefix(chunk, c)),
          () => resolve(),
        )
        .then((stop) => ctx.onCancel(() => (stop(), resolve())), reject);
    });
  }
  return 0;
}

async function readManifests(
  p: Parsed,
  ctx: Ctx,
  command: string,
): Promise<{ source: string; text: string }[]> {
  const files = (p.flags.get('filename') as string[] | undefined) ?? [];
  if (files.length === 0) {
    throw new ExitError(
      command === 'delete'
        ? `You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`
        : 'must specify one of -f and -k',
    );
  }
  return files.map((f) => {
    if (f === '-') return { source: 'STDIN', text: ctx.env.stdin ?? '' };
    const text = ctx.env.readFile?.(f);
    if (text === undefined) throw new ExitError(`the path "${f}" does not exist`);
    return { source: f, text };
  });
}

async function applyFiles(p: Parsed, ctx: Ctx, create: boolean): Promise<number> {
  const { env } = ctx;
  let code = 0;
  for (const { source, text } of await readManifests(p, ctx, create ? 'create' : 'apply')) {
    const outcomes = await applyManifest(env.client, text, {
      ...(str(p, 'namespace') ? { namespace: str(p, 'namespace') } : {}),
      create,
      source,
    });
    if (outcomes.length === 0) {
      env.err(`error: no objects passed to ${create ? 'create' : 'apply'}\n`);
      code = 1;
    }
    for (const o of outcomes) {
      const f = formatOutcome(o);
      if (f.err && o.ok) env.err(f.err);
      if (f.out) env.out(f.out);
      if (f.err && !o.ok) {
        env.err(f.err);
        code = 1;
      }
    }
  }
  return code;
}

async function del(p: Parsed, ctx: Ctx): Promise<number> {
  const { env } = ctx;
  const force = bool(p, 'force');
  let grace = p.flags.has('grace-period') ? (p.flags.get('grace-period') as number) : undefined;
  if (bool(p, 'now')) {
    if (grace !== undefined && grace !== 1)
      throw new ExitError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (force && grace === undefined) grace = 0;
  if (force && grace !== 0) {
    // kubectl: --force with a grace period > 0 is a normal graceful delete.
  }
  const waitFlag = p.flags.has('wait') ? bool(p, 'wait') : true;
  const items: { resource: ResourceName; name: string; namespace?: string }[] = [];
  if (p.flags.has('filename')) {
    for (const { text } of await readManifests(p, ctx, 'delete')) {
      for (const d of parseManifest(text)) {
        const r = d.object && resourceFor(d.object);
        if (r && d.object?.metadata?.name) {
          items.push({
            resource: r,
            name: d.object.metadata.name,
            ...(resources[r].namespaced
              ? { namespace: d.object.metadata.namespace ?? namespaceOf(p, ctx) }
              : {}),
          });
        }
      }
    }
  } else {
    if (p.args.length === 0) await readManifests(p, ctx, 'delete');
    for (const t of targets(p.args, 'delete')) {
      const def = resources[t.resource];
      const namespace = def.namespaced ? namespaceOf(p, ctx) : undefined;
      if (t.names.length) {
        for (const name of t.names)
          items.push({ resource: t.resource, name, ...(namespace ? { namespace } : {}) });
      } else if (bool(p, 'all') || str(p, 'selector')) {
        const list = await env.client.list(t.resource, {
          ...(namespace ? { namespace } : {}),
          ...(str(p, 'selector') ? { labelSelector: str(p, 'selector') } : {}),
        });
        for (const o of list.items)
          items.push({
            resource: t.resource,
            name: o.metadata!.name!,
            ...(namespace ? { namespace } : {}),
          });
        if (list.items.length === 0)
          env.err(namespace ? `No resources found\n` : 'No resources found\n');
      } else {
        throw new ExitError(`resource(s) were provided, but no name was specified`);
      }
    }
  }
  if (force && grace === 0) {
    env.err(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  }
  let code = 0;
  for (const it of items) {
    const kind = resources[it.resource].singular;
    try {
      const after = await env.client.delete(it.resource, it.name, {
        ...(it.namespace ? { namespace: it.namespace } : {}),
        ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
      });
      env.out(`${kind} "${it.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}\n`);
      if (waitFlag && after?.metadata?.deletionTimestamp && !(force && grace === 0)) {
        await waitGone(ctx, it.resource, it.name, it.namespace);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      env.err(`${formatError(e)}\n`);
      code = 1;
    }
  }
  return code;
}

async function waitGone(
  ctx: Ctx,
  resource: ResourceName,
  name: string,
  namespace?: string,
): Promise<void> {
  const { client } = ctx.env;
  await new Promise<void>((resolve) => {
    const w = client.watch(
      resource,
      { ...(namespace ? { namespace } : {}), fieldSelector: `metadata.name=${name}` },
      (e) => {
        if (e.type === 'DELETED') {
          w.stop();
          resolve();
        }
      },
    );
    ctx.onCancel(() => (w.stop(), resolve()));
    void client
      .get(resource, name, namespace ? { namespace } : {})
      .catch(() => (w.stop(), resolve()));
  });
}

async function version(p: Parsed, ctx: Ctx): Promise<number> {
  const client = "Client Version: v1.33.0 (the playground's kubectl)\nKustomize Version: v5.6.0\n";
  ctx.env.out(bool(p, 'client') ? client : `${client}Server Version: v1.33.0\n`);
  return 0;
}

function explain(p: Parsed, ctx: Ctx): number {
  if (p.args.length === 0) {
    throw new ExitError(
      'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  }
  if (p.args.length > 1) throw new ExitError('We accept only this format: explain RESOURCE');
  const r = runExplain({
    path: p.args[0]!,
    recursive: bool(p, 'recursive'),
    apiVersion: str(p, 'api-version') ?? '',
    output: str(p, 'output') ?? 'plaintext',
  });
  ctx.env.out(r.out);
  if (r.err) ctx.env.err(r.err);
  return r.err ? 1 : 0;
}

async function apiResources(p: Parsed, ctx: Ctx): Promise<number> {
  const rows = Object.values(resources).map((d) => [
    d.name,
    d.shortNames.join(','),
    d.group ? `${d.group}/${d.version}` : d.version,
    String(d.namespaced),
    d.kind,
  ]);
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  const head = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];
  const all = bool(p, 'no-headers') ? rows : [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  ctx.env.out(
    all
      .map(
        (r) =>
          r
            .map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]! + 3) : c))
            .join('')
            .trimEnd() + '\n',
      )
      .join(''),
  );
  return 0;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  }
  return d[a.length]![b.length]!;
}
