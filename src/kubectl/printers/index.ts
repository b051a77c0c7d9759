/**
 * The printing half of our kubectl, faithful to kubectl v1.33 and the v1.33 API server:
 *
 * - server side: `toTable` builds the meta.k8s.io/v1 Table the API server answers `kubectl get` with;
 * - client side: `printTable` / `printGet` / `createWatchPrinter` turn Tables into kubectl's text;
 * - `describePod` / `describeNode` print `kubectl describe`;
 * - `printObject` / `printList` print `-o yaml|json|name`.
 *
 * Everything is pure: the current time is a parameter (`now`, ms since the epoch).
 */
export type {
  PartialObjectMetadata,
  Table,
  TableCell,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
} from './tableTypes.ts';
export { columnDefinitions } from './columns.ts';
export { findNodeRoles, resourceKinds, toTable, type ToTableOptions } from './table.ts';
export {
  cellText,
  createWatchPrinter,
  escapeTerminal,
  HumanReadablePrinter,
  newTableTabWriter,
  noResourcesFound,
  printGet,
  printTable,
  type GetGroup,
  type GetPrintOptions,
  type PrintOptions,
} from './tablePrinter.ts';
export { describePod, formatLabelSelector, type DescribeOptions } from './describePod.ts';
export { describeNode, podRequestsAndLimits, type DescribeNodeOptions } from './describeNode.ts';
export {
  createYamlStreamPrinter,
  nameOf,
  printList,
  printObject,
  toGoJson,
  withKind,
  type OutputFormat,
  type OutputOptions,
} from './output.ts';
export { toGoYaml, type JsonValue } from './goYaml.ts';
export { TabWriter, type TabWriterOptions } from './tabwriter.ts';
