/**
 * startContainer (kuberuntime_container.go): ensure the image is on the node, build the
 * container's configuration, create it and start it; then follow it until it exits.
 * Each failure leaves the container waiting with the reason a real kubelet reports.
 */
import { containerArgv, resolveEnv } from '../env.ts';
import { ImagePullError, type PulledImage, type PullPolicy, type RegistryAuth } from '../ports.ts';
import { containerMounts } from '../volumes.ts';
import { parseQuantity, quantityValue } from '../../kube/quantity.ts';
import { decodeBase64, utf8Decode } from '../../kube/base64.ts';
import { authFromDockerConfigJson } from '../../kube/dockerConfig.ts';
import { goDurationString } from '../../kube/duration.ts';
import type { ContainerRecord } from './records.ts';
import type { PodWorker } from './podWorker.ts';
import { PLEG_RELIST_MS, relistedAfter } from './timing.ts';

export interface StartDeps {
  worker: PodWorker;
  event(type: 'Normal' | 'Warning', reason: string, message: string, rec?: ContainerRecord): void;
}

/** imagePullPolicy as defaulted: Always for `latest` or no tag (unless by digest), else IfNotPresent. */
export function pullPolicyOf(image: string, policy: string | undefined): PullPolicy {
  if (policy === 'Always' || policy === 'IfNotPresent' || policy === 'Never') return policy;
  if (image.includes('@')) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The start failed: the worker tries again at `at` (and not before). */
function retryAt(w: PodWorker, rec: ContainerRecord, at: number): void {
  rec.retryAt = at;
  w.wakeAt(at);
}

export async function startContainer(d: StartDeps, rec: ContainerRecord): Promise<void> {
  const w = d.worker;
  const { clock, runtime } = w.deps;
  rec.starting = true;
  rec.retryAt = undefined;
  const restarting = rec.hasRun;
  try {
    // After a failed pull, ensureImage decides between back-off and a new attempt.
    if (rec.state !== 'ErrImagePull' && rec.state !== 'ImagePullBackOff') {
      w.moveContainer(
        rec,
        'PullingImage',
        restarting ? 'restarting' : 'starting',
        // Until this attempt succeeds or fails, the status reads as before, as the kubelet's
        // reason cache keeps the last failure: a restarting container still reports how it
        // waited (CrashLoopBackOff) or how it ended; a failed start its error.
        restarting ? rec.waiting : (rec.waiting ?? creating(w)),
      );
    }
    const image = await ensureImage(d, rec);
    if (!image || w.finished || w.pod.metadata?.deletionTimestamp) return;
    rec.image = image;

    const env = resolveEnv(w.pod, rec.spec, w.deps.config, {
      nodeName: w.deps.nodeName,
      hostIP: w.deps.hostIP,
      allocatable: w.deps.allocatable,
    });
    const mounts = w.volumes
      ? containerMounts(w.pod, rec.spec, w.volumes, env.ok ? env.env : [])
      : { ok: false as const, message: 'volumes are not mounted' };
    if (!env.ok || !mounts.ok) {
      const message = !env.ok ? env.message : (mounts as { message: string }).message;
      w.moveContainer(rec, 'CreateContainerConfigError', message, {
        reason: 'CreateContainerConfigError',
        message,
      });
      d.event('Warning', 'Failed', `Error: ${message}`, rec);
      retryAt(w, rec, w.nextSyncAfterError());
      return;
    }

    const id = w.deps.newId();
    const containerID = `wasi://${id}`;
    d.event('Normal', 'Created', `Created container: ${rec.name}`, rec);
    const log = w.logs.startInstance(rec.name, containerID);
    const memory = rec.spec.resources?.limits?.memory;
    const handle = runtime.start({
      id,
      image,
      argv: containerArgv(rec.spec, env.env),
      env: env.env,
      mounts: mounts.mounts,
      ...(memory !== undefined
        ? { memoryLimitBytes: quantityValue(parseQuantity(String(memory))) }
        : {}),
      onOutput: (chunk) => log.append(chunk),
    });
    const instance: NonNullable<ContainerRecord['instance']> = { id, containerID, handle, log };
    const first = await Promise.race([
      handle.started.then((t) => ({ started: t })),
      handle.exited.then((e) => ({ exit: e })),
    ]);
    // What the status showed until now: it goes on showing it until PLEG has relisted.
    if ('started' in first) instance.before = rec.view(w.init.length > 0, first.started, w.syncs);
    // The new instance replaces the old one only now, as the runtime's status would show it.
    if (rec.instance?.exit) rec.last = rec.terminatedInfo();
    if (restarting) rec.restartCount++;
    rec.instances++;
    rec.fromBeforeRestart = false;
    rec.killAt = undefined;
    rec.killCancel = undefined;
    rec.killRecorded = false;
    rec.instance = instance;
    let cancelRelist: (() => void) | undefined;
    if ('started' in first) {
      instance.startedAt = first.started;
      d.event('Normal', 'Started', `Started container ${rec.name}`, rec);
      w.moveContainer(rec, 'Running', restarting ? `restart ${rec.restartCount}` : 'started');
      w.requestSync(true);
      // PLEG sees the container running at a relist: the status says so from then. One that
      // exits first is reported by its exit, and no sync is spent on it at the relist.
      const relist = relistedAfter(first.started);
      cancelRelist = clock.setTimeout(() => w.requestSync(), Math.max(0, relist - clock.now()));
    } else {
      d.event('Warning', 'Failed', `Error: ${first.exit.message ?? first.exit.reason}`, rec);
    }
    rec.starting = false;
    const exit = await handle.exited;
    cancelRelist?.();
    instance.exit = exit;
    instance.startedAt ??= exit.startedAt;
    instance.noticedAt = clock.now();
    log.close();
    (rec.killCancel as (() => void) | undefined)?.();
    w.moveContainer(rec, 'Terminated', `${exit.reason}, exit code ${exit.exitCode}`, undefined);
    w.requestSync();
    w.wakeAt(clock.now() + PLEG_RELIST_MS);
  } catch (e) {
    // A bug must not turn into a hot retry loop: log it and try again as after any failed sync.
    w.deps.logger.error('starting a container failed', {
      pod: w.formatted,
      container: rec.name,
      error: String(e),
    });
    retryAt(w, rec, w.nextSyncAfterError());
  } finally {
    rec.starting = false;
    w.requestSync(true);
  }
}

/** The waiting reason while a container is created: the kubelet's default for the pod. */
function creating(w: PodWorker) {
  return { reason: w.init.length > 0 ? 'PodInitializing' : 'ContainerCreating' };
}

/** EnsureImageExists (image_manager.go), with its events and back-off. */
async function ensureImage(d: StartDeps, rec: ContainerRecord): Promise<PulledImage | undefined> {
  const w = d.worker;
  const { clock, runtime, pullBackoff } = w.deps;
  const image = rec.spec.image ?? '';
  const policy = pullPolicyOf(image, rec.spec.imagePullPolicy);
  const present = runtime.lookup(image);
  if (policy === 'Never' && !present) {
    const message = `Container image "${image}" is not present with pull policy of Never`;
    w.moveContainer(rec, 'ErrImageNeverPull', message, { reason: 'ErrImageNeverPull', message });
    d.event('Warning', 'ErrImageNeverPull', message, rec);
    d.event('Warning', 'Failed', 'Error: ErrImageNeverPull', rec);
    retryAt(w, rec, w.nextSyncAfterError());
    return undefined;
  }
  if (present && policy !== 'Always') {
    d.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, rec);
    return present;
  }
  const key = `${w.uid}_${image}`;
  const now = clock.now();
  if (pullBackoff.isInBackOffSinceUpdate(key, now)) {
    const message = `Back-off pulling image "${image}"`;
    // The waiting message also says why the last pull failed (since v1.32).
    const previous = w.previousPullErrors.get(key);
    const waitingMessage = previous ? `${message}: ${previous}` : message;
    if (rec.state !== 'ImagePullBackOff')
      w.moveContainer(
        rec,
        'ImagePullBackOff',
        `back-off ${goDurationString(pullBackoff.get(key))}`,
        {
          reason: 'ImagePullBackOff',
          message: waitingMessage,
        },
      );
    d.event('Normal', 'BackOff', message, rec);
    d.event('Warning', 'Failed', 'Error: ImagePullBackOff', rec);
    retryAt(w, rec, w.nextSyncAfterError());
    return undefined;
  }
  if (rec.state !== 'PullingImage')
    // Until this attempt fails or succeeds, the status still reads as it did (ImagePullBackOff).
    w.moveContainer(rec, 'PullingImage', 'back-off over: pull again', rec.waiting ?? creating(w));
  w.previousPullErrors.delete(key);
  d.event('Normal', 'Pulling', `Pulling image "${image}"`, rec);
  const started = clock.now();
  try {
    const pulled = await runtime.pull({ image, policy, auth: pullAuth(w) });
    // The image manager truncates both durations to the millisecond.
    const took = goDurationString(Math.trunc(clock.now() - started));
    d.event(
      'Normal',
      'Pulled',
      `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${pulled.sizeBytes} bytes.`,
      rec,
    );
    return pulled;
  } catch (e) {
    const err =
      e instanceof ImagePullError
        ? e
        : new ImagePullError('ErrImagePull', String((e as Error)?.message ?? e));
    if (err.reason === 'InvalidImageName') {
      w.moveContainer(rec, 'InvalidImageName', err.message, {
        reason: 'InvalidImageName',
        message: err.message,
      });
      d.event('Warning', 'InspectFailed', err.message, rec);
      d.event('Warning', 'Failed', 'Error: InvalidImageName', rec);
      retryAt(w, rec, w.nextSyncAfterError());
      return undefined;
    }
    if (err.reason === 'ErrImageNeverPull') {
      w.moveContainer(rec, 'ErrImageNeverPull', err.message, {
        reason: 'ErrImageNeverPull',
        message: err.message,
      });
      d.event('Warning', 'ErrImageNeverPull', err.message, rec);
      d.event('Warning', 'Failed', 'Error: ErrImageNeverPull', rec);
      retryAt(w, rec, w.nextSyncAfterError());
      return undefined;
    }
    pullBackoff.next(key, clock.now());
    // The runtime's answer as it reaches the kubelet: a gRPC status (CRI), passed on as is.
    const cri = `rpc error: code = ${err.grpcCode} desc = ${err.message}`;
    w.previousPullErrors.set(key, `ErrImagePull: ${cri}`);
    d.event('Warning', 'Failed', `Failed to pull image "${image}": ${cri}`, rec);
    d.event('Warning', 'Failed', 'Error: ErrImagePull', rec);
    w.moveContainer(rec, 'ErrImagePull', err.message, {
      reason: 'ErrImagePull',
      message: cri,
    });
    retryAt(w, rec, w.nextSyncAfterError());
    return undefined;
  }
}

/** Registry credentials from the pod's imagePullSecrets (`.dockerconfigjson`). */
function pullAuth(w: PodWorker): Record<string, RegistryAuth> | undefined {
  let out: Record<string, RegistryAuth> | undefined;
  for (const ref of w.pod.spec?.imagePullSecrets ?? []) {
    const encoded = w.deps.config.secret(w.namespace, ref.name ?? '')?.data?.['.dockerconfigjson'];
    if (!encoded) continue;
    try {
      out = { ...out, ...authFromDockerConfigJson(utf8Decode(decodeBase64(encoded))) };
    } catch {
      // An unreadable pull secret is skipped, as the kubelet's keyring does.
    }
  }
  return out;
}
