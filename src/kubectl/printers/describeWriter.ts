/**
 * The plumbing of `kubectl describe` (k8s.io/kubectl pkg/describe/describe.go, v1.33): a prefix
 * writer that indents by two spaces per level into a tabwriter (min width 0, padding 2), and the
 * shared sections: label, annotation, taint and toleration lists, and the Events table.
 */
import type { Event, Taint, Toleration } from 'kubernetes-types/core/v1';
import { compareGoStrings, goTrimSpace, since, sortedKeys, timeOf } from './format.ts';
import { escapeTerminal } from './tablePrinter.ts';
import { TabWriter } from './tabwriter.ts';

export interface PrefixWriter {
  /** Writes `text` indented by `level` × two spaces. */
  write(level: number, text: string): void;
  /** Writes `text` and a newline with no indentation (Go's WriteLine). */
  writeLine(text: string): void;
  /** Ends the current column block. */
  flush(): void;
}

class TabbedPrefixWriter implements PrefixWriter {
  constructor(private readonly tw: TabWriter) {}
  write(level: number, text: string): void {
    this.tw.write(escapeTerminal('  '.repeat(level) + text));
  }
  writeLine(text: string): void {
    this.tw.write(escapeTerminal(`${text}\n`));
  }
  flush(): void {
    this.tw.flush();
  }
}

/** NewNestedPrefixWriter: adds `indent` levels, even to WriteLine (so "<none>" gets indented too). */
export function nestedPrefixWriter(w: PrefixWriter, indent: number): PrefixWriter {
  return {
    write: (level, text) => w.write(level + indent, text),
    writeLine: (text) => w.write(indent, `${text}\n`),
    flush: () => w.flush(),
  };
}

/** tabbedString: runs `f` against a describe writer and returns the aligned text. */
export function tabbedString(f: (w: PrefixWriter) => void): string {
  const tw = new TabWriter({ minWidth: 0, tabWidth: 8, padding: 2, padChar: ' ' });
  f(new TabbedPrefixWriter(tw));
  tw.flush();
  return tw.take();
}

/** printLabelsMultilineWithIndent: "Title:\tk=v" then one "\tk=v" line per further label. */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(0, initialIndent);
      w.write(0, innerIndent);
    }
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

const maxAnnotationLen = 140;
const skipAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** Go slices strings by bytes; long annotation lines are cut at a byte count. */
function byteSlice(s: string, n: number): string {
  const bytes = new TextEncoder().encode(s);
  return new TextDecoder().decode(bytes.subarray(0, n));
}
const byteLength = (s: string): number => new TextEncoder().encode(s).length;

const shorten = (s: string, max: number): string =>
  byteLength(s) > max ? `${byteSlice(s, max)}...` : s;

/** printAnnotationsMultiline: long or multi-line values go on their own lines, cut at 140 bytes. */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => !skipAnnotations.has(k));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, indent);
    const value = annotations![key]!.replace(/\n$/, '');
    if (byteLength(value) + byteLength(key) + 2 > maxAnnotationLen || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const line of value.split('\n')) {
        w.write(0, `${indent}  ${shorten(line, maxAnnotationLen - 2)}\n`);
      }
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

/** Taint.ToString(): "key=value:Effect", "key:Effect", "key=value:" or "key". */
export function taintString(t: Taint): string {
  const value = t.value ?? '';
  if (!t.effect) return value ? `${t.key}=${value}:` : t.key;
  return value ? `${t.key}=${value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** printTaintsMultilineWithIndent, sorted by effect then key. */
export function printTaintsMultiline(
  w: PrefixWriter,
  title: string,
  taints: Taint[] | undefined,
): void {
  w.write(0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Taint) => `${t.effect ?? ''},${t.key}`;
  const sorted = [...taints].sort((a, b) => compareGoStrings(key(a), key(b)));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${taintString(t)}\n`);
  });
}

/** printTolerationsMultilineWithIndent, sorted by key. */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: Toleration[] | undefined,
): void {
  w.write(0, `${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => compareGoStrings(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    // `operator: Exists` with no value tolerates everything.
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) {
      text += ` for ${t.tolerationSeconds}s`;
    }
    w.write(0, `${text}\n`);
  });
}

/** translateMicroTimestampSince / translateTimestampSince for an event's age. */
function eventAge(e: Event, now: number): string {
  return timeOf(e.eventTime) !== undefined ? since(e.eventTime, now) : since(e.firstTimestamp, now);
}

/**
 * An event's Age as describe shows it: its age, or "2m (x4 over 10m)" for one seen more than
 * once (a count of the core/v1 API, a series of events.k8s.io).
 */
export function eventInterval(e: Event, now: number): string {
  const first = eventAge(e, now);
  if (e.series)
    return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/**
 * DescribeEvents: "Events:\t<none>", or a Type/Reason/Age/From/Message table sorted by
 * lastTimestamp, repeated events shown as "2m (x4 over 10m)".
 */
export function describeEvents(events: readonly Event[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const last = (e: Event) => timeOf(e.lastTimestamp) ?? Number.NEGATIVE_INFINITY;
  const sorted = [...events].sort((a, b) => last(a) - last(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const interval = eventInterval(e, now);
    const source = e.source?.component || e.reportingComponent || '';
    w.write(
      1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${goTrimSpace(e.message ?? '')}\n`,
    );
  }
}
