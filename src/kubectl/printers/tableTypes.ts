/**
 * meta.k8s.io/v1 Table, what the API server answers `kubectl get` with
 * (Accept: application/json;as=Table;v=v1;g=meta.k8s.io).
 */
import type { ObjectMeta } from '../../kube/types.ts';

export interface TableColumnDefinition {
  name: string;
  /** An OpenAPI type: "string", "integer", "number", "boolean". */
  type: string;
  /** "name" for the column holding the object's name, else "". */
  format: string;
  description: string;
  /** 0 for default columns; 1 for the columns `-o wide` adds. */
  priority: number;
}

/** A cell: strings, int64 numbers, booleans, or null for "no value". */
export type TableCell = string | number | boolean | null;

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The metadata-only form of an object the server puts in rows by default (includeObject=Metadata). */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata, the full object, or absent (includeObject=None). */
  object?: { metadata?: ObjectMeta; [field: string]: unknown };
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** Empty in watch events after the first (the printer reuses the last columns it saw). */
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}
