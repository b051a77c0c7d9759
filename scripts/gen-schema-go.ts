/**
 * Go facts about the Kubernetes v1.33 API types the playground serves, for scripts/gen-schema.ts:
 * struct field order, Go field names, Go types (integer widths, named string types, pointers),
 * which fields the JSON encoder omits when empty, and the constants of `+enum` types.
 * kubernetes-types (TypeScript, 1.30) has none of these, and they decide exact decode error messages
 * ("of type int32", "of type v1.RestartPolicy"), enum lists and the Go-syntax diff in the Pod update error.
 *
 * Transcribed from k8s.io/api v0.33.0 (core/v1, coordination/v1) and k8s.io/apimachinery v0.33.0
 * (pkg/apis/meta/v1), for the structs reachable from Pod, ConfigMap, Secret, Namespace, Node, Event,
 * ServiceAccount, Binding, Lease and Status. Data only; regenerate by re-reading those files when the
 * target version moves.
 *
 * Struct entries: `json GoName GoType` per field in Go order, separated by `;`. A json name of `-`
 * marks an embedded (`json:",inline"`) struct; a trailing ` !` marks a field without `omitempty`.
 */
export const goStructs: Readonly<Record<string, string>> = {
  'coordination/v1.Lease':
    '- TypeMeta metav1.TypeMeta;metadata ObjectMeta metav1.ObjectMeta;spec Spec LeaseSpec',
  'coordination/v1.LeaseSpec':
    'holderIdentity HolderIdentity *string;leaseDurationSeconds LeaseDurationSeconds *int32;acquireTime AcquireTime *metav1.MicroTime;renewTime RenewTime *metav1.MicroTime;leaseTransitions LeaseTransitions *int32;strategy Strategy *CoordinatedLeaseStrategy;preferredHolder PreferredHolder *string',
  'core/v1.Affinity':
    'nodeAffinity NodeAffinity *NodeAffinity;podAffinity PodAffinity *PodAffinity;podAntiAffinity PodAntiAffinity *PodAntiAffinity',
  'core/v1.AppArmorProfile':
    'type Type AppArmorProfileType !;localhostProfile LocalhostProfile *string',
  'core/v1.AttachedVolume': 'name Name UniqueVolumeName !;devicePath DevicePath string !',
  'core/v1.AWSElasticBlockStoreVolumeSource':
    'volumeID VolumeID string !;fsType FSType string;partition Partition int32;readOnly ReadOnly bool',
  'core/v1.AzureDiskVolumeSource':
    'diskName DiskName string !;diskURI DataDiskURI string !;cachingMode CachingMode *AzureDataDiskCachingMode;fsType FSType *string;readOnly ReadOnly *bool;kind Kind *AzureDataDiskKind',
  'core/v1.AzureFileVolumeSource':
    'secretName SecretName string !;shareName ShareName string !;readOnly ReadOnly bool',
  'core/v1.Binding':
    '- TypeMeta metav1.TypeMeta;metadata ObjectMeta metav1.ObjectMeta;target Target ObjectReference !',
  'core/v1.Capabilities': 'add Add []Capability;drop Drop []Capability',
  'core/v1.CephFSVolumeSource':
    'monitors Monitors []string !;path Path string;user User string;secretFile SecretFile string;secretRef SecretRef *LocalObjectReference;readOnly ReadOnly bool',
  'core/v1.CinderVolumeSource':
    'volumeID VolumeID string !;fsType FSType string;readOnly ReadOnly bool;secretRef SecretRef *LocalObjectReference',
  'core/v1.ClusterTrustBundleProjection':
    'name Name *string;signerName SignerName *string;labelSelector LabelSelector *metav1.LabelSelector;optional Optional *bool;path Path string !',
  'core/v1.ConfigMap':
    '- TypeMeta metav1.TypeMeta;metadata ObjectMeta metav1.ObjectMeta;immutable Immutable *bool;data Data map[string]string;binaryData BinaryData map[string][]byte',
  'core/v1.ConfigMapEnvSource':
    '- LocalObjectReference LocalObjectReference;optional Optional *bool',
  'core/v1.ConfigMapKeySelector':
    '- LocalObjectReference LocalObjectReference;key Key string !;optional Optional *bool',
  'core/v1.ConfigMapNodeConfigSource':
    'namespace Namespace string !;name Name string !;uid UID types.UID;resourceVersion ResourceVersion string;kubeletConfigKey KubeletConfigKey string !',
  'core/v1.ConfigMapProjection':
    '- LocalObjectReference LocalObjectReference;items Items []KeyToPath;optional Optional *bool',
  'core/v1.ConfigMapVolumeSource':
    '- LocalObjectReference LocalObjectReference;items Items []KeyToPath;defaultMode DefaultMode *int32;optional Optional *bool',
  'core/v1.Container':
    'name Name string !;image Image string;command Command []string;args Args []string;workingDir WorkingDir string;ports Ports []ContainerPort;envFrom EnvFrom []EnvFromSource;env Env []EnvVar;resources Resources ResourceRequirements;resizePolicy ResizePolicy []ContainerResizePolicy;restartPolicy RestartPolicy *ContainerRestartPolicy;volumeMounts VolumeMounts []VolumeMount;volumeDevices VolumeDevices []VolumeDevice;livenessProbe LivenessProbe *Probe;readinessProbe ReadinessProbe *Probe;startupProbe StartupProbe *Probe;lifecycle Lifecycle *Lifecycle;terminationMessagePath TerminationMessagePath string;terminationMessagePolicy TerminationMessagePolicy TerminationMessagePolicy;imagePullPolicy ImagePullPolicy PullPolicy;securityContext SecurityContext *SecurityContext;stdin Stdin bool;stdinOnce StdinOnce bool;tty TTY bool',
  'core/v1.ContainerImage': 'names Names []string !;sizeBytes SizeBytes int64',
  'core/v1.ContainerPort':
    'name Name string;hostPort HostPort int32;containerPort ContainerPort int32 !;protocol Protocol Protocol;hostIP HostIP string',
  'core/v1.ContainerResizePolicy':
    'resourceName ResourceName ResourceName !;restartPolicy RestartPolicy ResourceResizeRestartPolicy !',
  'core/v1.ContainerState':
    'waiting Waiting *ContainerStateWaiting;running Running *ContainerStateRunning;terminated Terminated *ContainerStateTerminated',
  'core/v1.ContainerStateRunning': 'startedAt StartedAt metav1.Time',
  'core/v1.ContainerStateTerminated':
    'exitCode ExitCode int32 !;signal Signal int32;reason Reason string;message Message string;startedAt StartedAt metav1.Time;finishedAt FinishedAt metav1.Time;containerID ContainerID string',
  'core/v1.ContainerStateWaiting': 'reason Reason string;message Message string',
  'core/v1.ContainerStatus':
    'name Name string !;state State ContainerState;lastState LastTerminationState ContainerState;ready Ready bool !;restartCount RestartCount int32 !;image Image string !;imageID ImageID string !;containerID ContainerID string;started Started *bool;allocatedResources AllocatedResources ResourceList;resources Resources *ResourceRequirements;volumeMounts VolumeMounts []VolumeMountStatus;user User *ContainerUser;allocatedResourcesStatus AllocatedResourcesStatus []ResourceStatus;stopSignal StopSignal *Signal',
  'core/v1.ContainerUser': 'linux Linux *LinuxContainerUser',
  'core/v1.CSIVolumeSource':
    'driver Driver string !;readOnly ReadOnly *bool;fsType FSType *string;volumeAttributes VolumeAttributes map[string]string;nodePublishSecretRef NodePublishSecretRef *LocalObjectReference',
  'core/v1.DaemonEndpoint': 'Port Port int32 !',
  'core/v1.DownwardAPIProjection': 'items Items []DownwardAPIVolumeFile',
  'core/v1.DownwardAPIVolumeFile':
    'path Path string !;fieldRef FieldRef *ObjectFieldSelector;resourceFieldRef ResourceFieldRef *ResourceFieldSelector;mode Mode *int32',
  'core/v1.DownwardAPIVolumeSource':
    'items Items []DownwardAPIVolumeFile;defaultMode DefaultMode *int32',
  'core/v1.EmptyDirVolumeSource':
    'medium Medium StorageMedium;sizeLimit SizeLimit *resource.Quantity',
  'core/v1.EnvFromSource':
    'prefix Prefix string;configMapRef ConfigMapRef *ConfigMapEnvSource;secretRef SecretRef *SecretEnvSource',
  'core/v1.EnvVar': 'name Name string !;value Value string;valueFrom ValueFrom *EnvVarSource',
  'core/v1.EnvVarSource':
    'fieldRef FieldRef *ObjectFieldSelector;resourceFieldRef ResourceFieldRef *ResourceFieldSelector;configMapKeyRef ConfigMapKeyRef *ConfigMapKeySelector;secretKeyRef SecretKeyRef *SecretKeySelector',
  'core/v1.EphemeralContainer':
    '- EphemeralContainerCommon EphemeralContainerCommon;targetContainerName TargetContainerName string',
  'core/v1.EphemeralContainerCommon':
    'name Name string !;image Image string;command Command []string;args Args []string;workingDir WorkingDir string;ports Ports []ContainerPort;envFrom EnvFrom []EnvFromSource;env Env []EnvVar;resources Resources ResourceRequirements;resizePolicy ResizePolicy []ContainerResizePolicy;restartPolicy RestartPolicy *ContainerRestartPolicy;volumeMounts VolumeMounts []VolumeMount;volumeDevices VolumeDevices []VolumeDevice;livenessProbe LivenessProbe *Probe;readinessProbe ReadinessProbe *Probe;startupProbe StartupProbe *Probe;lifecycle Lifecycle *Lifecycle;terminationMessagePath TerminationMessagePath string;terminationMessagePolicy TerminationMessagePolicy TerminationMessagePolicy;imagePullPolicy ImagePullPolicy PullPolicy;securityContext SecurityContext *SecurityContext;stdin Stdin bool;stdinOnce StdinOnce bool;tty TTY bool',
  'core/v1.EphemeralVolumeSource':
    'volumeClaimTemplate VolumeClaimTemplate *PersistentVolumeClaimTemplate',
  'core/v1.Event':
    '- TypeMeta metav1.TypeMeta;metadata ObjectMeta metav1.ObjectMeta !;involvedObject InvolvedObject ObjectReference !;reason Reason string;message Message string;source Source EventSource;firstTimestamp FirstTimestamp metav1.Time;lastTimestamp LastTimestamp metav1.Time;count Count int32;type Type string;eventTime EventTime metav1.MicroTime;series Series *EventSeries;action Action string;related Related *ObjectReference;reportingComponent ReportingController string !;reportingInstance ReportingInstance string !',
  'core/v1.EventSeries': 'count Count int32;lastObservedTime LastObservedTime metav1.MicroTime',
  'core/v1.EventSource': 'component Component string;host Host string',
  'core/v1.ExecAction': 'command Command []string',
  'core/v1.FCVolumeSource':
    'targetWWNs TargetWWNs []string;lun Lun *int32;fsType FSType string;readOnly ReadOnly bool;wwids WWIDs []string',
  'core/v1.FlexVolumeSource':
    'driver Driver string !;fsType FSType string;secretRef SecretRef *LocalObjectReference;readOnly ReadOnly bool;options Options map[string]string',
  'core/v1.FlockerVolumeSource': 'datasetName DatasetName string;datasetUUID DatasetUUID string',
  'core/v1.GCEPersistentDiskVolumeSource':
    'pdName PDName string !;fsType FSType string;partition Partition int32;readOnly ReadOnly bool',
  'core/v1.GitRepoVolumeSource':
    'repository Repository string !;revision Revision string;directory Directory string',
  'core/v1.GlusterfsVolumeSource':
    'endpoints EndpointsName string !;path Path string !;readOnly ReadOnly bool',
  'core/v1.GRPCAction': 'port Port int32 !;service Service *string !',
  'core/v1.HostAlias': 'ip IP string !;hostnames Hostnames []string',
  'core/v1.HostIP': 'ip IP string !',
  'core/v1.HostPathVolumeSource': 'path Path string !;type Type *HostPathType',
  'core/v1.HTTPGetAction':
    'path Path string;port Port intstr.IntOrString !;host Host string;scheme Scheme URIScheme;httpHeaders HTTPHeaders []HTTPHeader',
  'core/v1.HTTPHeader': 'name Name string !;value Value string !',
  'core/v1.ImageVolumeSource': 'reference Reference string;pullPolicy PullPolicy PullPolicy',
  'core/v1.ISCSIVolumeSource':
    'targetPortal TargetPortal string !;iqn IQN string !;lun Lun int32 !;iscsiInterface ISCSIInterface string;fsType FSType string;readOnly ReadOnly bool;portals Portals []string;chapAuthDiscovery DiscoveryCHAPAuth bool;chapAuthSession SessionCHAPAuth bool;secretRef SecretRef *LocalObjectReference;initiatorName InitiatorName *string',
  'core/v1.KeyToPath': 'key Key string !;path Path string !;mode Mode *int32',
  'core/v1.Lifecycle':
    'postStart PostStart *LifecycleHandler;preStop PreStop *LifecycleHandler;stopSignal StopSignal *Signal',
  'core/v1.LifecycleHandler':
    'exec Exec *ExecAction;httpGet HTTPGet *HTTPGetAction;tcpSocket TCPSocket *TCPSocketAction;sleep Sleep *SleepAction',
  'core/v1.LinuxContainerUser':
    'uid UID int64 !;gid GID int64 !;supplementalGroups SupplementalGroups []int64',
  'core/v1.LocalObjectReference': 'name Name string',
  'core/v1.Namespace':
    '- TypeMeta metav1.TypeMeta;metadata ObjectMeta metav1.ObjectMeta;spec Spec NamespaceSpec;status Status NamespaceStatus',
  'core/v1.NamespaceCondition':
    'type Type NamespaceConditionType !;status Status ConditionStatus !;lastTransitionTime LastTransitionTime metav1.Time;reason Reason string;message Message string',
  'core/v1.NamespaceSpec': 'finalizers Finalizers []FinalizerName',
  'core/v1.NamespaceStatus':
    'phase Phase NamespacePhase;conditions Conditions []NamespaceCondition',
  'core/v1.NFSVolumeSource': 'server Server string !;path Path string !;readOnly ReadOnly bool',
  'core/v1.Node':
    '- TypeMeta metav1.TypeMeta;metadata ObjectMeta metav1.ObjectMeta;spec Spec NodeSpec;status Status NodeStatus',
  'core/v1.NodeAddress': 'type Type NodeAddressType !;address Address string !',
  'core/v1.NodeAffinity':
    'requiredDuringSchedulingIgnoredDuringExecution RequiredDuringSchedulingIgnoredDuringExecution *NodeSelector;preferredDuringSchedulingIgnoredDuringExecution PreferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm',
  'core/v1.NodeCondition':
    'type Type NodeConditionType !;status Status ConditionStatus !;lastHeartbeatTime LastHeartbeatTime metav1.Time;lastTransitionTime LastTransitionTime metav1.Time;reason Reason string;message Message string',
  'core/v1.NodeConfigSource': 'configMap ConfigMap *ConfigMapNodeConfigSource',
  'core/v1.NodeConfigStatus':
    'assigned Assigned *NodeConfigSource;active Active *NodeConfigSource;lastKnownGood LastKnownGood *NodeConfigSource;error Error string',
  'core/v1.NodeDaemonEndpoints': 'kubeletEndpoint KubeletEndpoint DaemonEndpoint',
  'core/v1.NodeFeatures': 'supplementalGroupsPolicy SupplementalGroupsPolicy *bool',
  'core/v1.NodeRuntimeHandler': 'name Name string !;features Features *NodeRuntimeHandlerFeatures',
  'core/v1.NodeRuntimeHandlerFeatures':
    'recursiveReadOnlyMounts RecursiveReadOnlyMounts *bool;userNamespaces UserNamespaces *bool',
  'core/v1.NodeSelector': 'nodeSelectorTerms NodeSelectorTerms []NodeSelectorTerm !',
  'core/v1.NodeSelectorRequirement':
    'key Key string !;operator Operator NodeSelectorOperator !;values Values []string',
  'core/v1.NodeSelectorTerm':
    'matchExpressions MatchExpressions []NodeSelectorRequirement;matchFields MatchFields []NodeSelectorRequirement',
  'core/v1.NodeSpec':
    'podCIDR PodCIDR string;podCIDRs PodCIDRs []string;providerID ProviderID string;unschedulable Unschedulable bool;taints Taints []Taint;configSource ConfigSource *NodeConfigSource;externalID DoNotUseExternalID string',
  'core/v1.NodeStatus':
    'capacity Capacity ResourceList;allocatable Allocatable ResourceList;phase Phase NodePhase;conditions Conditions []NodeCondition;addresses Addresses []NodeAddress;daemonEndpoints DaemonEndpoints NodeDaemonEndpoints;nodeInfo NodeInfo NodeSystemInfo;images Images []ContainerImage;volumesInUse VolumesInUse []UniqueVolumeName;volumesAttached VolumesAttached []AttachedVolume;config Config *NodeConfigStatus;runtimeHandlers RuntimeHandlers []NodeRuntimeHandler;features Features *NodeFeatures',
  'core/v1.NodeSwapStatus': 'capacity Capacity *int64',
  'core/v1.NodeSystemInfo':
    'machineID MachineID string !;systemUUID SystemUUID string !;bootID BootID string !;kernelVersion KernelVersion string !;osImage OSImage string !;containerRuntimeVersion ContainerRuntimeVersion string !;kubeletVersion KubeletVersion string !;kubeProxyVersion KubeProxyVersion string !;operatingSystem OperatingSystem string !;architecture Architecture string !;swap Swap *NodeSwapStatus',
  'core/v1.ObjectFieldSelector': 'apiVersion APIVersion string;fieldPath FieldPath string !',
  'core/v1.ObjectReference':
    'kind Kind string;namespace Namespace string;name Name string;uid UID types.UID;apiVersion APIVersion string;resourceVersion ResourceVersion string;fieldPath FieldPath string',
  'core/v1.PersistentVolumeClaimSpec':
    'accessModes AccessModes []PersistentVolumeAccessMode;selector Selector *metav1.LabelSelector;resources Resources VolumeResourceRequirements;volumeName VolumeName string;storageClassName StorageClassName *string;volumeMode VolumeMode *PersistentVolumeMode;dataSource DataSource *TypedLocalObjectReference;dataSourceRef DataSourceRef *TypedObjectReference;volumeAttributesClassName VolumeAttributesClassName *string',
  'core/v1.PersistentVolumeClaimTemplate':
    'metadata ObjectMeta metav1.ObjectMeta;spec Spec PersistentVolumeClaimSpec !',
  'core/v1.PersistentVolumeClaimVolumeSource':
    'claimName ClaimName string !;readOnly ReadOnly bool',
  'core/v1.PhotonPersistentDiskVolumeSource': 'pdID PdID string !;fsType FSType string',
  'core/v1.Pod':
    '- TypeMeta metav1.TypeMeta;metadata ObjectMeta metav1.ObjectMeta;spec Spec PodSpec;status Status PodStatus',
  'core/v1.PodAffinity':
    'requiredDuringSchedulingIgnoredDuringExecution RequiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm;preferredDuringSchedulingIgnoredDuringExecution PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm',
  'core/v1.PodAffinityTerm':
    'labelSelector LabelSelector *metav1.LabelSelector;namespaces Namespaces []string;topologyKey TopologyKey string !;namespaceSelector NamespaceSelector *metav1.LabelSelector;matchLabelKeys MatchLabelKeys []string;mismatchLabelKeys MismatchLabelKeys []string',
  'core/v1.PodAntiAffinity':
    'requiredDuringSchedulingIgnoredDuringExecution RequiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm;preferredDuringSchedulingIgnoredDuringExecution PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm',
  'core/v1.PodCondition':
    'type Type PodConditionType !;observedGeneration ObservedGeneration int64;status Status ConditionStatus !;lastProbeTime LastProbeTime metav1.Time;lastTransitionTime LastTransitionTime metav1.Time;reason Reason string;message Message string',
  'core/v1.PodDNSConfig':
    'nameservers Nameservers []string;searches Searches []string;options Options []PodDNSConfigOption',
  'core/v1.PodDNSConfigOption': 'name Name string;value Value *string',
  'core/v1.PodIP': 'ip IP string !',
  'core/v1.PodOS': 'name Name OSName !',
  'core/v1.PodReadinessGate': 'conditionType ConditionType PodConditionType !',
  'core/v1.PodResourceClaim':
    'name Name string !;resourceClaimName ResourceClaimName *string;resourceClaimTemplateName ResourceClaimTemplateName *string',
  'core/v1.PodResourceClaimStatus':
    'name Name string !;resourceClaimName ResourceClaimName *string',
  'core/v1.PodSchedulingGate': 'name Name string !',
  'core/v1.PodSecurityContext':
    'seLinuxOptions SELinuxOptions *SELinuxOptions;windowsOptions WindowsOptions *WindowsSecurityContextOptions;runAsUser RunAsUser *int64;runAsGroup RunAsGroup *int64;runAsNonRoot RunAsNonRoot *bool;supplementalGroups SupplementalGroups []int64;supplementalGroupsPolicy SupplementalGroupsPolicy *SupplementalGroupsPolicy;fsGroup FSGroup *int64;sysctls Sysctls []Sysctl;fsGroupChangePolicy FSGroupChangePolicy *PodFSGroupChangePolicy;seccompProfile SeccompProfile *SeccompProfile;appArmorProfile AppArmorProfile *AppArmorProfile;seLinuxChangePolicy SELinuxChangePolicy *PodSELinuxChangePolicy',
  'core/v1.PodSpec':
    'volumes Volumes []Volume;initContainers InitContainers []Container;containers Containers []Container !;ephemeralContainers EphemeralContainers []EphemeralContainer;restartPolicy RestartPolicy RestartPolicy;terminationGracePeriodSeconds TerminationGracePeriodSeconds *int64;activeDeadlineSeconds ActiveDeadlineSeconds *int64;dnsPolicy DNSPolicy DNSPolicy;nodeSelector NodeSelector map[string]string;serviceAccountName ServiceAccountName string;serviceAccount DeprecatedServiceAccount string;automountServiceAccountToken AutomountServiceAccountToken *bool;nodeName NodeName string;hostNetwork HostNetwork bool;hostPID HostPID bool;hostIPC HostIPC bool;shareProcessNamespace ShareProcessNamespace *bool;securityContext SecurityContext *PodSecurityContext;imagePullSecrets ImagePullSecrets []LocalObjectReference;hostname Hostname string;subdomain Subdomain string;affinity Affinity *Affinity;schedulerName SchedulerName string;tolerations Tolerations []Toleration;hostAliases HostAliases []HostAlias;priorityClassName PriorityClassName string;priority Priority *int32;dnsConfig DNSConfig *PodDNSConfig;readinessGates ReadinessGates []PodReadinessGate;runtimeClassName RuntimeClassName *string;enableServiceLinks EnableServiceLinks *bool;preemptionPolicy PreemptionPolicy *PreemptionPolicy;overhead Overhead ResourceList;topologySpreadConstraints TopologySpreadConstraints []TopologySpreadConstraint;setHostnameAsFQDN SetHostnameAsFQDN *bool;os OS *PodOS;hostUsers HostUsers *bool;schedulingGates SchedulingGates []PodSchedulingGate;resourceClaims ResourceClaims []PodResourceClaim;resources Resources *ResourceRequirements',
  'core/v1.PodStatus':
    'observedGeneration ObservedGeneration int64;phase Phase PodPhase;conditions Conditions []PodCondition;message Message string;reason Reason string;nominatedNodeName NominatedNodeName string;hostIP HostIP string;hostIPs HostIPs []HostIP;podIP PodIP string;podIPs PodIPs []PodIP;startTime StartTime *metav1.Time;initContainerStatuses InitContainerStatuses []ContainerStatus;containerStatuses ContainerStatuses []ContainerStatus;qosClass QOSClass PodQOSClass;ephemeralContainerStatuses EphemeralContainerStatuses []ContainerStatus;resize Resize PodResizeStatus;resourceClaimStatuses ResourceClaimStatuses []PodResourceClaimStatus',
  'core/v1.PortworxVolumeSource':
    'volumeID VolumeID string !;fsType FSType string;readOnly ReadOnly bool',
  'core/v1.PreferredSchedulingTerm':
    'weight Weight int32 !;preference Preference NodeSelectorTerm !',
  'core/v1.Probe':
    '- ProbeHandler ProbeHandler;initialDelaySeconds InitialDelaySeconds int32;timeoutSeconds TimeoutSeconds int32;periodSeconds PeriodSeconds int32;successThreshold SuccessThreshold int32;failureThreshold FailureThreshold int32;terminationGracePeriodSeconds TerminationGracePeriodSeconds *int64',
  'core/v1.ProbeHandler':
    'exec Exec *ExecAction;httpGet HTTPGet *HTTPGetAction;tcpSocket TCPSocket *TCPSocketAction;grpc GRPC *GRPCAction',
  'core/v1.ProjectedVolumeSource':
    'sources Sources []VolumeProjection !;defaultMode DefaultMode *int32',
  'core/v1.QuobyteVolumeSource':
    'registry Registry string !;volume Volume string !;readOnly ReadOnly bool;user User string;group Group string;tenant Tenant string',
  'core/v1.RBDVolumeSource':
    'monitors CephMonitors []string !;image RBDImage string !;fsType FSType string;pool RBDPool string;user RadosUser string;keyring Keyring string;secretRef SecretRef *LocalObjectReference;readOnly ReadOnly bool',
  'core/v1.ResourceClaim': 'name Name string !;request Request string',
  'core/v1.ResourceFieldSelector':
    'containerName ContainerName string;resource Resource string !;divisor Divisor resource.Quantity',
  'core/v1.ResourceHealth': 'resourceID ResourceID ResourceID !;health Health ResourceHealthStatus',
  'core/v1.ResourceRequirements':
    'limits Limits ResourceList;requests Requests ResourceList;claims Claims []ResourceClaim',
  'core/v1.ResourceStatus': 'name Name ResourceName !;resources Resources []ResourceHealth',
  'core/v1.ScaleIOVolumeSource':
    'gateway Gateway string !;system System string !;secretRef SecretRef *LocalObjectReference !;sslEnabled SSLEnabled bool;protectionDomain ProtectionDomain string;storagePool StoragePool string;storageMode StorageMode string;volumeName VolumeName string;fsType FSType string;readOnly ReadOnly bool',
  'core/v1.SeccompProfile':
    'type Type SeccompProfileType !;localhostProfile LocalhostProfile *string',
  'core/v1.Secret':
    '- TypeMeta metav1.TypeMeta;metadata ObjectMeta metav1.ObjectMeta;immutable Immutable *bool;data Data map[string][]byte;stringData StringData map[string]string;type Type SecretType',
  'core/v1.SecretEnvSource': '- LocalObjectReference LocalObjectReference;optional Optional *bool',
  'core/v1.SecretKeySelector':
    '- LocalObjectReference LocalObjectReference;key Key string !;optional Optional *bool',
  'core/v1.SecretProjection':
    '- LocalObjectReference LocalObjectReference;items Items []KeyToPath;optional Optional *bool',
  'core/v1.SecretVolumeSource':
    'secretName SecretName string;items Items []KeyToPath;defaultMode DefaultMode *int32;optional Optional *bool',
  'core/v1.SecurityContext':
    'capabilities Capabilities *Capabilities;privileged Privileged *bool;seLinuxOptions SELinuxOptions *SELinuxOptions;windowsOptions WindowsOptions *WindowsSecurityContextOptions;runAsUser RunAsUser *int64;runAsGroup RunAsGroup *int64;runAsNonRoot RunAsNonRoot *bool;readOnlyRootFilesystem ReadOnlyRootFilesystem *bool;allowPrivilegeEscalation AllowPrivilegeEscalation *bool;procMount ProcMount *ProcMountType;seccompProfile SeccompProfile *SeccompProfile;appArmorProfile AppArmorProfile *AppArmorProfile',
  'core/v1.SELinuxOptions': 'user User string;role Role string;type Type string;level Level string',
  'core/v1.ServiceAccount':
    '- TypeMeta metav1.TypeMeta;metadata ObjectMeta metav1.ObjectMeta;secrets Secrets []ObjectReference;imagePullSecrets ImagePullSecrets []LocalObjectReference;automountServiceAccountToken AutomountServiceAccountToken *bool',
  'core/v1.ServiceAccountTokenProjection':
    'audience Audience string;expirationSeconds ExpirationSeconds *int64;path Path string !',
  'core/v1.SleepAction': 'seconds Seconds int64 !',
  'core/v1.StorageOSVolumeSource':
    'volumeName VolumeName string;volumeNamespace VolumeNamespace string;fsType FSType string;readOnly ReadOnly bool;secretRef SecretRef *LocalObjectReference',
  'core/v1.Sysctl': 'name Name string !;value Value string !',
  'core/v1.Taint':
    'key Key string !;value Value string;effect Effect TaintEffect !;timeAdded TimeAdded *metav1.Time',
  'core/v1.TCPSocketAction': 'port Port intstr.IntOrString !;host Host string',
  'core/v1.Toleration':
    'key Key string;operator Operator TolerationOperator;value Value string;effect Effect TaintEffect;tolerationSeconds TolerationSeconds *int64',
  'core/v1.TopologySpreadConstraint':
    'maxSkew MaxSkew int32 !;topologyKey TopologyKey string !;whenUnsatisfiable WhenUnsatisfiable UnsatisfiableConstraintAction !;labelSelector LabelSelector *metav1.LabelSelector;minDomains MinDomains *int32;nodeAffinityPolicy NodeAffinityPolicy *NodeInclusionPolicy;nodeTaintsPolicy NodeTaintsPolicy *NodeInclusionPolicy;matchLabelKeys MatchLabelKeys []string',
  'core/v1.TypedLocalObjectReference':
    'apiGroup APIGroup *string !;kind Kind string !;name Name string !',
  'core/v1.TypedObjectReference':
    'apiGroup APIGroup *string !;kind Kind string !;name Name string !;namespace Namespace *string',
  'core/v1.Volume': 'name Name string !;- VolumeSource VolumeSource',
  'core/v1.VolumeDevice': 'name Name string !;devicePath DevicePath string !',
  'core/v1.VolumeMount':
    'name Name string !;readOnly ReadOnly bool;recursiveReadOnly RecursiveReadOnly *RecursiveReadOnlyMode;mountPath MountPath string !;subPath SubPath string;mountPropagation MountPropagation *MountPropagationMode;subPathExpr SubPathExpr string',
  'core/v1.VolumeMountStatus':
    'name Name string !;mountPath MountPath string !;readOnly ReadOnly bool;recursiveReadOnly RecursiveReadOnly *RecursiveReadOnlyMode',
  'core/v1.VolumeProjection':
    'secret Secret *SecretProjection;downwardAPI DownwardAPI *DownwardAPIProjection;configMap ConfigMap *ConfigMapProjection;serviceAccountToken ServiceAccountToken *ServiceAccountTokenProjection;clusterTrustBundle ClusterTrustBundle *ClusterTrustBundleProjection',
  'core/v1.VolumeResourceRequirements': 'limits Limits ResourceList;requests Requests ResourceList',
  'core/v1.VolumeSource':
    'hostPath HostPath *HostPathVolumeSource;emptyDir EmptyDir *EmptyDirVolumeSource;gcePersistentDisk GCEPersistentDisk *GCEPersistentDiskVolumeSource;awsElasticBlockStore AWSElasticBlockStore *AWSElasticBlockStoreVolumeSource;gitRepo GitRepo *GitRepoVolumeSource;secret Secret *SecretVolumeSource;nfs NFS *NFSVolumeSource;iscsi ISCSI *ISCSIVolumeSource;glusterfs Glusterfs *GlusterfsVolumeSource;persistentVolumeClaim PersistentVolumeClaim *PersistentVolumeClaimVolumeSource;rbd RBD *RBDVolumeSource;flexVolume FlexVolume *FlexVolumeSource;cinder Cinder *CinderVolumeSource;cephfs CephFS *CephFSVolumeSource;flocker Flocker *FlockerVolumeSource;downwardAPI DownwardAPI *DownwardAPIVolumeSource;fc FC *FCVolumeSource;azureFile AzureFile *AzureFileVolumeSource;configMap ConfigMap *ConfigMapVolumeSource;vsphereVolume VsphereVolume *VsphereVirtualDiskVolumeSource;quobyte Quobyte *QuobyteVolumeSource;azureDisk AzureDisk *AzureDiskVolumeSource;photonPersistentDisk PhotonPersistentDisk *PhotonPersistentDiskVolumeSource;projected Projected *ProjectedVolumeSource;portworxVolume PortworxVolume *PortworxVolumeSource;scaleIO ScaleIO *ScaleIOVolumeSource;storageos StorageOS *StorageOSVolumeSource;csi CSI *CSIVolumeSource;ephemeral Ephemeral *EphemeralVolumeSource;image Image *ImageVolumeSource',
  'core/v1.VsphereVirtualDiskVolumeSource':
    'volumePath VolumePath string !;fsType FSType string;storagePolicyName StoragePolicyName string;storagePolicyID StoragePolicyID string',
  'core/v1.WeightedPodAffinityTerm':
    'weight Weight int32 !;podAffinityTerm PodAffinityTerm PodAffinityTerm !',
  'core/v1.WindowsSecurityContextOptions':
    'gmsaCredentialSpecName GMSACredentialSpecName *string;gmsaCredentialSpec GMSACredentialSpec *string;runAsUserName RunAsUserName *string;hostProcess HostProcess *bool',
  'meta/v1.LabelSelector':
    'matchLabels MatchLabels map[string]string;matchExpressions MatchExpressions []LabelSelectorRequirement',
  'meta/v1.LabelSelectorRequirement':
    'key Key string !;operator Operator LabelSelectorOperator !;values Values []string',
  'meta/v1.ListMeta':
    'selfLink SelfLink string;resourceVersion ResourceVersion string;continue Continue string;remainingItemCount RemainingItemCount *int64',
  'meta/v1.ManagedFieldsEntry':
    'manager Manager string;operation Operation ManagedFieldsOperationType;apiVersion APIVersion string;time Time *Time;fieldsType FieldsType string;fieldsV1 FieldsV1 *FieldsV1;subresource Subresource string',
  'meta/v1.ObjectMeta':
    'name Name string;generateName GenerateName string;namespace Namespace string;selfLink SelfLink string;uid UID types.UID;resourceVersion ResourceVersion string;generation Generation int64;creationTimestamp CreationTimestamp Time;deletionTimestamp DeletionTimestamp *Time;deletionGracePeriodSeconds DeletionGracePeriodSeconds *int64;labels Labels map[string]string;annotations Annotations map[string]string;ownerReferences OwnerReferences []OwnerReference;finalizers Finalizers []string;managedFields ManagedFields []ManagedFieldsEntry',
  'meta/v1.OwnerReference':
    'apiVersion APIVersion string !;kind Kind string !;name Name string !;uid UID types.UID !;controller Controller *bool;blockOwnerDeletion BlockOwnerDeletion *bool',
  'meta/v1.Status':
    '- TypeMeta TypeMeta;metadata ListMeta ListMeta;status Status string;message Message string;reason Reason StatusReason;details Details *StatusDetails;code Code int32',
  'meta/v1.StatusCause': 'reason Type CauseType;message Message string;field Field string',
  'meta/v1.StatusDetails':
    'name Name string;group Group string;kind Kind string;uid UID types.UID;causes Causes []StatusCause;retryAfterSeconds RetryAfterSeconds int32',
  'meta/v1.TypeMeta': 'kind Kind string;apiVersion APIVersion string',
};

/** Named non-struct types: their underlying Go type. */
export const goNamedTypes: Readonly<Record<string, string>> = {
  'coordination/v1.CoordinatedLeaseStrategy': 'string',
  'core/v1.AppArmorProfileType': 'string',
  'core/v1.AzureDataDiskCachingMode': 'string',
  'core/v1.AzureDataDiskKind': 'string',
  'core/v1.Capability': 'string',
  'core/v1.ConditionStatus': 'string',
  'core/v1.ContainerRestartPolicy': 'string',
  'core/v1.DNSPolicy': 'string',
  'core/v1.FinalizerName': 'string',
  'core/v1.HostPathType': 'string',
  'core/v1.MountPropagationMode': 'string',
  'core/v1.NamespaceConditionType': 'string',
  'core/v1.NamespacePhase': 'string',
  'core/v1.NodeAddressType': 'string',
  'core/v1.NodeConditionType': 'string',
  'core/v1.NodeInclusionPolicy': 'string',
  'core/v1.NodePhase': 'string',
  'core/v1.NodeSelectorOperator': 'string',
  'core/v1.OSName': 'string',
  'core/v1.PersistentVolumeAccessMode': 'string',
  'core/v1.PersistentVolumeMode': 'string',
  'core/v1.PodConditionType': 'string',
  'core/v1.PodFSGroupChangePolicy': 'string',
  'core/v1.PodPhase': 'string',
  'core/v1.PodQOSClass': 'string',
  'core/v1.PodResizeStatus': 'string',
  'core/v1.PodSELinuxChangePolicy': 'string',
  'core/v1.PreemptionPolicy': 'string',
  'core/v1.ProcMountType': 'string',
  'core/v1.Protocol': 'string',
  'core/v1.PullPolicy': 'string',
  'core/v1.RecursiveReadOnlyMode': 'string',
  'core/v1.ResourceHealthStatus': 'string',
  'core/v1.ResourceID': 'string',
  'core/v1.ResourceList': 'map[ResourceName]resource.Quantity',
  'core/v1.ResourceName': 'string',
  'core/v1.ResourceResizeRestartPolicy': 'string',
  'core/v1.RestartPolicy': 'string',
  'core/v1.SeccompProfileType': 'string',
  'core/v1.SecretType': 'string',
  'core/v1.Signal': 'string',
  'core/v1.StorageMedium': 'string',
  'core/v1.SupplementalGroupsPolicy': 'string',
  'core/v1.TaintEffect': 'string',
  'core/v1.TerminationMessagePolicy': 'string',
  'core/v1.TolerationOperator': 'string',
  'core/v1.UniqueVolumeName': 'string',
  'core/v1.UnsatisfiableConstraintAction': 'string',
  'core/v1.URIScheme': 'string',
  'meta/v1.CauseType': 'string',
  'meta/v1.LabelSelectorOperator': 'string',
  'meta/v1.ManagedFieldsOperationType': 'string',
  'meta/v1.StatusReason': 'string',
};

/** Constants of the named types marked `+enum`, in declaration order (the OpenAPI enum lists). */
export const goEnums: Readonly<Record<string, readonly string[]>> = {
  'core/v1.AppArmorProfileType': ['Unconfined', 'RuntimeDefault', 'Localhost'],
  'core/v1.AzureDataDiskCachingMode': ['None', 'ReadOnly', 'ReadWrite'],
  'core/v1.AzureDataDiskKind': ['Shared', 'Dedicated', 'Managed'],
  'core/v1.DNSPolicy': ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
  'core/v1.HostPathType': [
    '',
    'DirectoryOrCreate',
    'Directory',
    'FileOrCreate',
    'File',
    'Socket',
    'CharDevice',
    'BlockDevice',
  ],
  'core/v1.MountPropagationMode': ['None', 'HostToContainer', 'Bidirectional'],
  'core/v1.NamespacePhase': ['Active', 'Terminating'],
  'core/v1.NodeInclusionPolicy': ['Ignore', 'Honor'],
  'core/v1.NodePhase': ['Pending', 'Running', 'Terminated'],
  'core/v1.NodeSelectorOperator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'core/v1.PersistentVolumeAccessMode': [
    'ReadWriteOnce',
    'ReadOnlyMany',
    'ReadWriteMany',
    'ReadWriteOncePod',
  ],
  'core/v1.PersistentVolumeMode': ['Block', 'Filesystem'],
  'core/v1.PodFSGroupChangePolicy': ['OnRootMismatch', 'Always'],
  'core/v1.PodPhase': ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'],
  'core/v1.PodQOSClass': ['Guaranteed', 'Burstable', 'BestEffort'],
  'core/v1.PreemptionPolicy': ['PreemptLowerPriority', 'Never'],
  'core/v1.ProcMountType': ['Default', 'Unmasked'],
  'core/v1.Protocol': ['TCP', 'UDP', 'SCTP'],
  'core/v1.PullPolicy': ['Always', 'Never', 'IfNotPresent'],
  'core/v1.RestartPolicy': ['Always', 'OnFailure', 'Never'],
  'core/v1.SeccompProfileType': ['Unconfined', 'RuntimeDefault', 'Localhost'],
  'core/v1.Signal': [
    'SIGABRT',
    'SIGALRM',
    'SIGBUS',
    'SIGCHLD',
    'SIGCLD',
    'SIGCONT',
    'SIGFPE',
    'SIGHUP',
    'SIGILL',
    'SIGINT',
    'SIGIO',
    'SIGIOT',
    'SIGKILL',
    'SIGPIPE',
    'SIGPOLL',
    'SIGPROF',
    'SIGPWR',
    'SIGQUIT',
    'SIGSEGV',
    'SIGSTKFLT',
    'SIGSTOP',
    'SIGSYS',
    'SIGTERM',
    'SIGTRAP',
    'SIGTSTP',
    'SIGTTIN',
    'SIGTTOU',
    'SIGURG',
    'SIGUSR1',
    'SIGUSR2',
    'SIGVTALRM',
    'SIGWINCH',
    'SIGXCPU',
    'SIGXFSZ',
    'SIGRTMIN',
    'SIGRTMIN+1',
    'SIGRTMIN+2',
    'SIGRTMIN+3',
    'SIGRTMIN+4',
    'SIGRTMIN+5',
    'SIGRTMIN+6',
    'SIGRTMIN+7',
    'SIGRTMIN+8',
    'SIGRTMIN+9',
    'SIGRTMIN+10',
    'SIGRTMIN+11',
    'SIGRTMIN+12',
    'SIGRTMIN+13',
    'SIGRTMIN+14',
    'SIGRTMIN+15',
    'SIGRTMAX-14',
    'SIGRTMAX-13',
    'SIGRTMAX-12',
    'SIGRTMAX-11',
    'SIGRTMAX-10',
    'SIGRTMAX-9',
    'SIGRTMAX-8',
    'SIGRTMAX-7',
    'SIGRTMAX-6',
    'SIGRTMAX-5',
    'SIGRTMAX-4',
    'SIGRTMAX-3',
    'SIGRTMAX-2',
    'SIGRTMAX-1',
    'SIGRTMAX',
  ],
  'core/v1.SupplementalGroupsPolicy': ['Merge', 'Strict'],
  'core/v1.TaintEffect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'core/v1.TerminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'core/v1.TolerationOperator': ['Exists', 'Equal'],
  'core/v1.UnsatisfiableConstraintAction': ['DoNotSchedule', 'ScheduleAnyway'],
  'core/v1.URIScheme': ['HTTP', 'HTTPS'],
};
