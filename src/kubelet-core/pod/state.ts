/**
 * The kubelet's state machines, as data: the UI draws them and the pod worker checks every move
 * against them. A pod moves through the pod graph; each of its containers through the container
 * graph. Names are Kubernetes' own words where Kubernetes has one.
 */

export const podStates = [
  'Registered',
  'VolumeMount',
  'Initializing',
  'Starting',
  'Running',
  'Succeeded',
  'Failed',
  'Terminating',
  'Terminated',
] as const;
export type PodStateKind = (typeof podStates)[number];

/** What is true in each pod state, in one sentence (the UI shows it). */
export const podStateMeaning: Record<PodStateKind, string> = {
  Registered: 'The kubelet has admitted the pod bound to its node and is about to prepare it.',
  VolumeMount:
    'The kubelet is setting up the pod`s volumes; a missing ConfigMap or Secret keeps it here.',
  Initializing:
    'Init containers run one at a time, in order; each must succeed before the next starts.',
  Starting: 'The app containers are being pulled, configured, created and started.',
  Running: 'Every app container has started; the kubelet restarts them by the restart policy.',
  Succeeded: 'Every container ended with exit code 0 and none will be restarted.',
  Failed:
    'Every container ended and at least one failed, or the pod was stopped (deadline, rejection).',
  Terminating: 'The kubelet is stopping the containers: the grace period is counting down.',
  Terminated: 'Everything is stopped and cleaned up; the pod is gone from the node.',
};

export const podEdges = {
  Registered: ['VolumeMount', 'Failed', 'Terminating', 'Terminated'],
  VolumeMount: ['Initializing', 'Starting', 'Terminating', 'Terminated'],
  Initializing: ['Starting', 'Failed', 'Terminating', 'Terminated'],
  Starting: ['Running', 'Succeeded', 'Failed', 'Terminating', 'Terminated'],
  Running: ['Succeeded', 'Failed', 'Terminating', 'Terminated'],
  Succeeded: ['Terminated'],
  Failed: ['Terminated'],
  Terminating: ['Failed', 'Succeeded', 'Terminated'],
  Terminated: [],
} as const satisfies Record<PodStateKind, readonly PodStateKind[]>;

export const containerStates = [
  'Waiting',
  'PullingImage',
  'ErrImagePull',
  'ImagePullBackOff',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'Running',
  'Terminated',
  'CrashLoopBackOff',
] as const;
export type ContainerStateKind = (typeof containerStates)[number];

export const containerStateMeaning: Record<ContainerStateKind, string> = {
  Waiting: 'Not started yet: waiting for volumes, or for the init containers before it.',
  PullingImage: 'Fetching the WebAssembly image, then building its environment and starting it.',
  ErrImagePull: 'The last pull failed; the kubelet will back off before trying again.',
  ImagePullBackOff: 'Waiting out the image pull back-off (10 s, doubling up to 5 min).',
  ErrImageNeverPull: 'imagePullPolicy is Never and the image is not on the node.',
  InvalidImageName: 'The image reference cannot be parsed.',
  CreateContainerConfigError:
    'The container`s configuration references a missing ConfigMap, Secret or key.',
  Running: 'The module is running in its worker.',
  Terminated: 'The module ended: exit code, reason and message are recorded.',
  CrashLoopBackOff:
    'Waiting out the restart back-off (10 s, doubling up to 5 min) before starting it again.',
};

export const containerEdges = {
  Waiting: ['PullingImage', 'ErrImageNeverPull', 'InvalidImageName'],
  // ImagePullBackOff straight from a pull attempt: another container of the pod already failed
  // to pull the same image, and the back-off is keyed by pod and image.
  PullingImage: [
    'ErrImagePull',
    'ImagePullBackOff',
    'CreateContainerConfigError',
    'Running',
    'Terminated',
    'ErrImageNeverPull',
    'InvalidImageName',
  ],
  // A restart that fails to start reports that failure, then the crash-loop back-off again.
  ErrImagePull: ['ImagePullBackOff', 'PullingImage', 'CrashLoopBackOff'],
  ImagePullBackOff: ['PullingImage', 'CrashLoopBackOff'],
  ErrImageNeverPull: ['PullingImage', 'CrashLoopBackOff'],
  InvalidImageName: ['PullingImage', 'CrashLoopBackOff'],
  CreateContainerConfigError: ['PullingImage', 'CrashLoopBackOff'],
  Running: ['Terminated'],
  Terminated: ['PullingImage', 'CrashLoopBackOff'],
  CrashLoopBackOff: ['PullingImage'],
} as const satisfies Record<ContainerStateKind, readonly ContainerStateKind[]>;

export function isPodEdge(from: PodStateKind, to: PodStateKind): boolean {
  return (podEdges[from] as readonly PodStateKind[]).includes(to);
}

export function isContainerEdge(from: ContainerStateKind, to: ContainerStateKind): boolean {
  return (containerEdges[from] as readonly ContainerStateKind[]).includes(to);
}

/** One recorded move: when, from where to where, why, and what the kubelet wrote. */
export interface Transition {
  time: number;
  /** `pod`, or the container's name. */
  subject: string;
  from: string;
  to: string;
  cause: string;
  /** The pod phase and the container reason written with this move, for the timeline. */
  phase?: string;
  reason?: string;
}
