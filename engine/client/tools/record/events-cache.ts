// Mirrors k8s.io/client-go/tools/record/events_cache.go: the EventCorrelator. Repeats of the same
// event become one Event whose count and lastTimestamp are patched (eventLogger); more than
// maxEvents different messages for the same object and reason within interval collapse into one
// "(combined from similar events)" Event (EventAggregator). The spam filter is left out.
import type { Event } from '../../../api/core/v1/types.js';
import type { Clock } from '../../../util/clock.js';

/** Defaults as upstream: 10 similar events within 10 minutes start aggregating. */
export const defaultAggregateMaxEvents = 10;
export const defaultAggregateIntervalSeconds = 600;

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** getEventKey identifies identical events (everything but the timestamps and count). */
export function getEventKey(e: Event): string {
  const o = e.involvedObject;
  return [e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.fieldPath, o.uid, o.apiVersion, e.type, e.reason, e.message].map((s) => s ?? '').join('');
}

/** eventAggregatorByReason groups events that differ only in their message. */
function aggregateKeys(e: Event): { aggregateKey: string; localKey: string } {
  const o = e.involvedObject;
  const parts = [e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion, e.type, e.reason, e.reportingComponent, e.reportingInstance];
  return { aggregateKey: parts.map((s) => s ?? '').join(''), localKey: e.message ?? '' };
}

interface AggregateRecord {
  localKeys: Set<string>;
  lastTimestamp: number;
}

interface EventLog {
  count: number;
  firstTimestamp: string | null | undefined;
  name: string;
  resourceVersion: string;
}

export interface EventCorrelateResult {
  event: Event;
  /** patch is set when the event repeats one already written: send it instead of creating. */
  patch?: { count: number; lastTimestamp: string | null | undefined; message: string | undefined };
}

export class EventCorrelator {
  private readonly aggregates = new Map<string, AggregateRecord>();
  private readonly logs = new Map<string, EventLog>();

  constructor(
    private readonly clock: Clock,
    private readonly maxEvents = defaultAggregateMaxEvents,
    private readonly intervalSeconds = defaultAggregateIntervalSeconds,
  ) {}

  /** eventCorrelate decides whether the event is new, a repeat, or part of an aggregate. */
  eventCorrelate(newEvent: Event): EventCorrelateResult {
    const { event, key } = this.eventAggregate(newEvent);
    return this.eventObserve(event, key);
  }

  /** updateState records what the server stored, so later repeats patch the right object. */
  updateState(event: Event): void {
    this.logs.set(getEventKey(event), {
      count: event.count ?? 1,
      firstTimestamp: event.firstTimestamp,
      name: event.metadata.name ?? '',
      resourceVersion: event.metadata.resourceVersion ?? '',
    });
  }

  private eventAggregate(event: Event): { event: Event; key: string } {
    const now = this.clock.now();
    const { aggregateKey, localKey } = aggregateKeys(event);
    let record = this.aggregates.get(aggregateKey);
    // Past the interval the old messages no longer count.
    if (!record || now - record.lastTimestamp > this.intervalSeconds * 1000) record = { localKeys: new Set(), lastTimestamp: now };
    record.lastTimestamp = now;
    record.localKeys.add(localKey);
    this.aggregates.set(aggregateKey, record);
    if (record.localKeys.size < this.maxEvents) return { event, key: getEventKey(event) };

    // Keep the set from growing: drop one message (any) and emit the aggregate.
    record.localKeys.delete(record.localKeys.values().next().value!);
    const t = rfc3339(now);
    const aggregated: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: event.metadata.name, namespace: event.metadata.namespace },
      count: 1,
      firstTimestamp: t,
      lastTimestamp: t,
      involvedObject: event.involvedObject,
      message: `(combined from similar events): ${event.message ?? ''}`,
      type: event.type,
      reason: event.reason,
      source: event.source,
    };
    return { event: aggregated, key: aggregateKey };
  }

  private eventObserve(event: Event, key: string): EventCorrelateResult {
    const last = this.logs.get(key);
    let result: EventCorrelateResult = { event };
    if (last) {
      const repeated: Event = {
        ...event,
        count: last.count + 1,
        firstTimestamp: last.firstTimestamp,
        metadata: { ...event.metadata, name: last.name, resourceVersion: last.resourceVersion },
      };
      result = { event: repeated, patch: { count: repeated.count!, lastTimestamp: repeated.lastTimestamp, message: repeated.message } };
    }
    const e = result.event;
    this.logs.set(key, { count: e.count ?? 1, firstTimestamp: e.firstTimestamp, name: e.metadata.name ?? '', resourceVersion: e.metadata.resourceVersion ?? '' });
    return result;
  }
}
