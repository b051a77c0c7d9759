/**
 * `kubectl describe pod` (describePod in k8s.io/kubectl pkg/describe/describe.go, v1.33): field
 * order, indentation, "<none>" markers and RFC 1123 times exactly as kubectl prints them.
 */
import type {
  Event,
  ResourceRequirements,
  TopologySpreadConstraint,
} from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { getPodQOS } from '../../kube/qos.ts';
import type { Pod } from '../../kube/types.ts';
import { describeContainers, describeResources } from './describeContainers.ts';
import { describeVolumes } from './describeVolumes.ts';
import {
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
  tabbedString,
  type PrefixWriter,
} from './describeWriter.ts';
import { compareGoStrings, formatRFC1123Z, since } from './format.ts';

export interface DescribeOptions {
  /** The current time, ms since the epoch (ages, "Terminating (lasts …)"). */
  now: number;
}

/** metav1.FormatLabelSelector: "a=b,c in (x,y),!d", "<none>" when empty. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>';
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    reqs.push({ key, text: `${key}=${value}` });
  for (const e of selector.matchExpressions ?? []) {
    const count = e.values?.length ?? 0;
    // labels.NewRequirement rejects these, and FormatLabelSelector then prints "<error>".
    if ((e.operator === 'In' || e.operator === 'NotIn') && count === 0) return '<error>';
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && count > 0) return '<error>';
    const values = [...(e.values ?? [])].sort(compareGoStrings).join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : e.operator === 'DoesNotExist'
              ? `!${e.key}`
              : undefined;
    if (text === undefined) return '<error>';
    reqs.push({ key: e.key, text });
  }
  const sorted = reqs.sort((a, b) => compareGoStrings(a.key, b.key)).map((r) => r.text);
  return sorted.length === 0 ? '<none>' : sorted.join(',');
}

function describeTopologySpreadConstraints(
  tscs: TopologySpreadConstraint[] | undefined,
  w: PrefixWriter,
): void {
  if (!tscs || tscs.length === 0) return;
  const sorted = [...tscs].sort((a, b) => compareGoStrings(a.topologyKey, b.topologyKey));
  w.write(0, 'Topology Spread Constraints:\t');
  sorted.forEach((tsc, i) => {
    if (i !== 0) w.write(0, '\t');
    let text = `${tsc.topologyKey}:${tsc.whenUnsatisfiable} when max skew ${tsc.maxSkew} is exceeded`;
    if (tsc.labelSelector) text += ` for selector ${formatLabelSelector(tsc.labelSelector)}`;
    w.write(0, `${text}\n`);
  });
}

/**
 * The text of `kubectl describe pod`. `events` are the events about the pod (involvedObject
 * name/namespace/uid match); pass undefined for `--show-events=false`.
 */
export function describePod(
  pod: Pod,
  events: readonly Event[] | undefined,
  opts: DescribeOptions,
): string {
  const { now } = opts;
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const meta = pod.metadata ?? {};
  return tabbedString((w) => {
    w.write(0, `Name:\t${meta.name ?? ''}\n`);
    w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
    if (spec.priority !== undefined && spec.priority !== null)
      w.write(0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
    w.write(
      0,
      spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n',
    );
    if (status.startTime) w.write(0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, now)})\n`);
      w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(0, `Message:\t${status.message}\n`);
    const seccomp = spec.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost')
        w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    w.write(0, `IP:\t${status.podIP ?? ''}\n`);
    if (!status.podIPs || status.podIPs.length === 0) {
      w.write(0, 'IPs:\t<none>\n');
    } else {
      w.write(0, 'IPs:\n');
      for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip ?? ''}\n`);
    }
    const controller = meta.ownerReferences?.find((r) => r.controller === true);
    if (controller) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
    if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    // Pod-level resources (v1.32+); kubernetes-types 1.30 does not declare the field.
    const podResources = (spec as { resources?: ResourceRequirements }).resources;
    if (podResources) {
      w.write(0, 'Resources:\n');
      describeResources(podResources, w, 1, 'spec.resources');
    }
    if ((spec.initContainers ?? []).length > 0) {
      describeContainers(
        'Init Containers',
        spec.initContainers,
        status.initContainerStatuses,
        pod,
        w,
        'initContainers',
      );
    }
    describeContainers(
      'Containers',
      spec.containers,
      status.containerStatuses,
      pod,
      w,
      'containers',
    );
    if ((spec.ephemeralContainers ?? []).length > 0) {
      describeContainers(
        'Ephemeral Containers',
        spec.ephemeralContainers,
        status.ephemeralContainerStatuses,
        pod,
        w,
        'ephemeralContainers',
      );
    }
    if ((spec.readinessGates ?? []).length > 0) {
      w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const gate of spec.readinessGates!) {
        const condition = status.conditions?.find((c) => c.type === gate.conditionType);
        w.write(1, `${gate.conditionType} \t${condition ? condition.status : '<none>'} \n`);
      }
    }
    if ((status.conditions ?? []).length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions!) w.write(1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w);
    w.write(0, `QoS Class:\t${getPodQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w);
    if (events) describeEvents(events, w, now);
  });
}
