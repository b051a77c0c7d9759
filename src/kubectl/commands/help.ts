/**
 * Help texts in kubectl's layout, listing what the playground's kubectl supports (a subset of
 * the real one's commands and flags; the real kubectl, pointed at serve mode, has them all).
 */
export const HELP: Record<string, string> = {
  kubectl: `kubectl controls the Kubernetes cluster manager (the playground's subset).

Basic Commands:
  create          Create a resource from a file (-f manifest.yaml: the editor's text)
  get             Display one or many resources
  explain         Get documentation for a resource
  delete          Delete resources by file names, resource and names, or by label selector

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod

Advanced Commands:
  apply           Apply a configuration to a resource by file name (-f manifest.yaml)

Other Commands:
  api-resources   Print the supported API resources on the server
  version         Print the client and server version information

Not available here: exec, attach, cp, port-forward (WASI modules have no processes to start
and no network).

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
`,
  get: `Display one or many resources.

Examples:
  # List all pods in ps output format
  kubectl get pods

  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide

  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7

  # Watch pods until Ctrl-C
  kubectl get pods -w

Options:
    -A, --all-namespaces=false: List the requested object(s) across all namespaces.
    --field-selector='': Selector (field query) to filter on, e.g. status.phase=Running.
    --no-headers=false: When using the default or custom-column output format, don't print headers.
    -o, --output='': Output format. One of: (json, yaml, name, wide).
    --output-watch-events=false: Output watch event objects when --watch or --watch-only is used.
    -l, --selector='': Selector (label query) to filter on, e.g. -l key1=value1,key2=value2.
    --show-labels=false: When printing, show all labels as the last column.
    -w, --watch=false: After listing/getting the requested object, watch for changes.
    --watch-only=false: Watch for changes to the requested object(s), without listing/getting first.

Usage:
  kubectl get [(-o|--output=)json|yaml|name|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]
`,
  describe: `Show details of a specific resource or group of resources (pods and nodes here).

Examples:
  # Describe a node
  kubectl describe nodes playground

  # Describe a pod
  kubectl describe pods/nginx

  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel

Options:
    -A, --all-namespaces=false: If present, list the requested object(s) across all namespaces.
    -l, --selector='': Selector (label query) to filter on.
    --show-events=true: If true, display events related to the described object.

Usage:
  kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]
`,
  logs: `Print the logs for a container in a pod. If the pod has only one container, the container name is optional.

Examples:
  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx

  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kubectl logs nginx --prefix

  # Return snapshot logs from all containers in pod nginx
  kubectl logs nginx --all-containers=true

  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1

  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1

  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx

Options:
    --all-containers=false: Get all containers' logs in the pod(s).
    -c, --container='': Print the logs of this container
    -f, --follow=false: Specify if the logs should be streamed.
    --limit-bytes=0: Maximum bytes of logs to return. Defaults to no limit.
    --prefix=false: Prefix each log line with the log source (pod name and container name)
    -p, --previous=false: If true, print the logs for the previous instance of the container in a pod if it exists.
    --tail=-1: Lines of recent log file to display. Defaults to -1, showing all log lines.
    --timestamps=false: Include timestamps on each line in the log output

Usage:
  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]
`,
  apply: `Apply a configuration to a resource by file name. In the playground, the file
manifest.yaml is the editor's text.

Examples:
  # Apply the configuration in the editor
  kubectl apply -f manifest.yaml

Options:
    -f, --filename=[]: The files that contain the configurations to apply ("-" for stdin).

Usage:
  kubectl apply (-f FILENAME | -k DIRECTORY) [options]
`,
  create: `Create a resource from a file. In the playground, the file manifest.yaml is the editor's text.

Examples:
  # Create the objects in the editor
  kubectl create -f manifest.yaml

Options:
    -f, --filename=[]: Filename to use to create the resource.

Usage:
  kubectl create -f FILENAME [options]
`,
  delete: `Delete resources by file names, resources and names, or by resources and label selector.

Examples:
  # Delete a pod with minimal delay
  kubectl delete pod foo --now

  # Force delete a pod
  kubectl delete pod foo --force

  # Delete all pods
  kubectl delete pods --all

  # Delete the objects of the editor's manifest
  kubectl delete -f manifest.yaml

Options:
    --all=false: Delete all resources, in the namespace of the specified resource types.
    -f, --filename=[]: containing the resource to delete.
    --force=false: If true, immediately remove resources from API and bypass graceful deletion.
    --grace-period=-1: Period of time in seconds given to the resource to terminate gracefully.
    --now=false: If true, resources are signaled for immediate shutdown (same as --grace-period=1).
    -l, --selector='': Selector (label query) to filter on.
    --wait=true: If true, wait for resources to be gone before returning.

Usage:
  kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]
`,
  version: `Print the client and server version information for the current context.

Usage:
  kubectl version [flags] [options]
`,
  'api-resources': `Print the supported API resources on the server.

Usage:
  kubectl api-resources [flags] [options]
`,
  explain: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]

 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # Get the documentation of the resource and its fields
  kubectl explain pods

  # Get all the fields in the resource
  kubectl explain pods --recursive

  # Get the explanation for leases in supported api versions
  kubectl explain leases --api-version=coordination.k8s.io/v1

  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers

Options:
    --api-version='': Get different explanations for particular API version (API group/version)
    --output='plaintext': Format in which to render the schema (plaintext here; the playground serves no OpenAPI v2 for plaintext-openapiv2)
    --recursive=false: Print the fields of fields (Currently only 1 level deep)

Usage:
  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [--output=plaintext] [options]
`,
};
