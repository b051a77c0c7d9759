/**
 * Why a status string is what it is, in one line, from the pod as the API server holds it: the
 * learner sees "CrashLoopBackOff" and reads why, with the real numbers.
 */
import type { ContainerStatus, Pod } from '../../src/kube/types.ts';
import { humanDuration } from '../../src/kube/duration.ts';
import { parseTime } from '../../src/kube/time.ts';
import { isSidecar, isTerminalPhase } from '../../src/kubelet-core/pod/status.ts';
import { podRow } from '../../src/kubectl/printers/podRow.ts';

const clockTime = (iso: string | undefined) => (iso ? iso.slice(11, 19) : '?');

/** The STATUS column of `kubectl get pods`, and why. */
export function explainPodStatus(pod: Pod, now: number): { status: string; why: string } {
  const status = String(podRow(pod, now, false).cells[2] ?? '');
  return { status, why: explainStatus(status, pod, now) };
}

/** What the pod's restartPolicy does after a container failed: `retry` it unless Never. */
function afterFailure(pod: Pod, retry: string): string {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  return `restartPolicy ${policy}${policy === 'Never' ? ' does not restart it, so the pod Failed' : ` ${retry} after a back-off`}`;
}

function allStatuses(pod: Pod): ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

export function explainStatus(status: string, pod: Pod, now: number): string {
  const st = pod.status ?? {};
  if (pod.metadata?.deletionTimestamp) {
    const deadline = parseTime(pod.metadata.deletionTimestamp) ?? now;
    const grace = pod.metadata.deletionGracePeriodSeconds ?? 30;
    const left = Math.max(0, Math.ceil((deadline - now) / 1000));
    return `Terminating: the pod was deleted; the kubelet stops its containers within the ${grace}s grace period (${left}s left), then it is removed. WASI modules get no SIGTERM: they are stopped at the deadline, exit 137.`;
  }
  const unschedulable = st.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.status === 'False',
  );
  if (unschedulable) {
    return `Pending: the scheduler cannot place it: ${unschedulable.message ?? unschedulable.reason ?? ''}`;
  }
  const ready = st.conditions?.find((c) => c.type === 'Ready');
  const terminalPhase = isTerminalPhase(st.phase);
  if (!terminalPhase && ready?.reason === 'PodFailed' && pod.spec?.activeDeadlineSeconds) {
    const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
    return `${status}: the pod has been active longer than activeDeadlineSeconds (${pod.spec.activeDeadlineSeconds}s), so the kubelet is stopping its containers (no SIGTERM in WASI: they are stopped when the ${grace}s grace period ends, exit 137). The phase reads ${st.phase} until they have stopped, as a kubelet never reports a terminal phase while a container may run; then Failed, reason DeadlineExceeded.`;
  }
  const sidecarsLeft = (pod.spec?.initContainers ?? []).filter(
    (c) => isSidecar(c) && st.initContainerStatuses?.find((s) => s.name === c.name)?.state?.running,
  );
  if (!terminalPhase && status === 'Completed' && sidecarsLeft.length > 0) {
    return `Completed: the app containers have ended, so the kubelet stops the sidecars (${sidecarsLeft.map((c) => c.name).join(', ')}), last declared first; a running sidecar keeps the phase ${st.phase} until then, and READY counts it. No SIGTERM in WASI: a sidecar that does not end by itself is stopped when the grace period ends, exit 137.`;
  }
  if (st.reason === 'DeadlineExceeded') {
    return `${status}: the pod was active longer than activeDeadlineSeconds (${pod.spec?.activeDeadlineSeconds}s), so the kubelet stopped its containers (exit 137) and failed the pod with reason DeadlineExceeded.`;
  }
  const cs = allStatuses(pod);
  const named = (reason: string) =>
    cs.find((c) => c.state?.waiting?.reason === reason || c.state?.terminated?.reason === reason);
  if (status === 'CrashLoopBackOff') {
    const c = named('CrashLoopBackOff')!;
    const backoff = /back-off (\S+)/.exec(c?.state?.waiting?.message ?? '')?.[1] ?? '?';
    const last = c?.lastState?.terminated;
    const ended =
      last?.reason === 'StartError'
        ? `could not be started (StartError: ${last.message?.trim() ?? 'no message'})`
        : `exited ${last?.exitCode ?? '?'} (${last?.reason ?? 'Error'})`;
    return `CrashLoopBackOff: ${c?.name} ${ended} and has restarted ${c?.restartCount ?? 0} time(s); the kubelet waits ${backoff} before restart ${(c?.restartCount ?? 0) + 1}, because the back-off doubles from 10s up to 5m (and resets after 10m of running fine). It restarts at its first sync after that: while it backs off, the pod is synced every 10-15s.`;
  }
  if (status === 'ImagePullBackOff' || status === 'ErrImagePull') {
    const c = named(status);
    return `${status}: ${status === 'ErrImagePull' ? 'the last pull of' : 'waiting out the pull back-off (10s doubling to 5m) for'} ${c?.image ?? 'the image'}: ${c?.state?.waiting?.message ?? ''}. The status shows what the kubelet's previous sync found; it syncs the pod again 10-15s after a failed one, so the two reasons take turns.`;
  }
  if (status === 'ErrImageNeverPull') {
    return 'ErrImageNeverPull: imagePullPolicy is Never and the image is not on the node, so the kubelet will not fetch it.';
  }
  if (status === 'CreateContainerConfigError') {
    const c = named(status);
    return `CreateContainerConfigError: ${c?.state?.waiting?.message ?? 'the container refers to a missing ConfigMap, Secret or key'}; the kubelet retries until it exists.`;
  }
  if (status === 'OOMKilled' || named('OOMKilled')) {
    const c = named('OOMKilled');
    const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find(
      (x) => x.name === c?.name,
    );
    return `OOMKilled: ${c?.name}'s linear memory grew past resources.limits.memory (${spec?.resources?.limits?.memory ?? '?'}), so it was stopped: exit code 137.`;
  }
  if (status === 'Completed') {
    const t = cs.find((c) => c.state?.terminated?.reason === 'Completed')?.state?.terminated;
    return `Completed: the container exited 0 at ${clockTime(t?.finishedAt)} and restartPolicy ${pod.spec?.restartPolicy ?? 'Always'} does not restart a success${pod.spec?.restartPolicy === 'Always' ? ' (under Always it will be restarted)' : ''}.`;
  }
  if (status === 'StartError' || status === 'Init:StartError') {
    const c = named('StartError');
    const t = c?.state?.terminated;
    return `${status}: the runtime could not start ${c?.name ?? 'a container'} (exit code ${t?.exitCode ?? 128}): ${t?.message?.trim() ?? 'no message'}; ${afterFailure(pod, 'tries again')}.`;
  }
  if (status === 'Error' || status.startsWith('Init:Error')) {
    const t = cs.find((c) => c.state?.terminated && c.state.terminated.exitCode !== 0);
    const backingOff =
      (pod.spec?.restartPolicy ?? 'Always') !== 'Never' && (t?.restartCount ?? 0) > 0
        ? ' Until the kubelet syncs the pod again (10-15s after a sync that found it backing off), the status shows the exit rather than CrashLoopBackOff.'
        : '';
    return `${status}: ${t?.name ?? 'a container'} exited with code ${t?.state?.terminated?.exitCode ?? '?'}${t?.state?.terminated?.message ? ` (${t.state.terminated.message.trim()})` : ''}; ${afterFailure(pod, 'restarts it')}.${backingOff}`;
  }
  const init = /^Init:(\d+)\/(\d+)$/.exec(status);
  if (init) {
    return `Init:${init[1]}/${init[2]}: ${init[1]} of ${init[2]} init containers have completed; the next one runs now, and the app containers wait until all have succeeded.`;
  }
  if (status === 'PodInitializing') {
    return 'PodInitializing: the init containers are done and the app containers are being started.';
  }
  if (status === 'ContainerCreating') {
    return `ContainerCreating: the kubelet is mounting volumes, pulling the WebAssembly image and starting the module; a missing ConfigMap or Secret volume keeps it here (see the FailedMount event). A started module shows as Running once the kubelet's PLEG relist sees it, within a second; one that ends sooner goes straight to Completed or Error.`;
  }
  if (status === 'Running') {
    const readyCount = cs.filter((c) => c.ready).length;
    return `Running: the pod is bound and its containers have started; ${readyCount} of ${cs.length} ready. No pod IP: the playground has no pod network (WASI preview1 has no sockets).`;
  }
  if (status === 'Pending')
    return 'Pending: accepted by the API server; not yet scheduled or started.';
  if (status === 'Terminated') return 'Terminated: the pod ended.';
  return `${status}: phase ${st.phase ?? 'unknown'}${st.reason ? `, reason ${st.reason}` : ''}${st.message ? `: ${st.message}` : ''}.`;
}

/** How long ago, as kubectl's AGE column says it. */
export function ago(iso: string | undefined, now: number): string {
  const t = parseTime(iso);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}
