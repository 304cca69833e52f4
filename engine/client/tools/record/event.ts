// Mirrors k8s.io/client-go/tools/record/event.go: EventBroadcaster fans recorded events out to
// watchers — chiefly the sink that writes core/v1 Events to the API server — and EventRecorder
// builds those events for an object. Repeats are correlated (events-cache.ts) into count /
// firstTimestamp / lastTimestamp patches; failed writes are retried on the clock.
import type { Event, ObjectReference } from '../../../api/core/v1/types.js';
import type { ObjectMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import { isNotFound, StatusError } from '../../../apimachinery/api/errors/errors.js';
import type { Clock } from '../../../util/clock.js';
import type { Clientset } from '../../kubernetes/clientset.js';
import { StrategicMergePatchType } from '../../rest/client.js';
import { EventCorrelator, type EventCorrelateResult } from './events-cache.js';

export const EventTypeNormal = 'Normal';
export const EventTypeWarning = 'Warning';

/** maxTriesPerEvent and sleepDuration bound retries of one event write, as upstream. */
const maxTriesPerEvent = 12;
const sleepDuration = 10_000;

export interface EventSource {
  component?: string;
  host?: string;
}

/** EventSink writes events (typed/core/v1 EventSinkImpl upstream). */
export interface EventSink {
  create(event: Event): Promise<Event>;
  update(event: Event): Promise<Event>;
  patch(event: Event, data: unknown): Promise<Event>;
}

/** newEventSink writes through the clientset into each event's own namespace. */
export function newEventSink(cs: Clientset): EventSink {
  const events = (e: Event) => cs.coreV1().events(e.metadata.namespace ?? 'default');
  return {
    create: (e) => events(e).create(e),
    update: (e) => events(e).update(e),
    patch: (e, data) => events(e).patch(e.metadata.name ?? '', StrategicMergePatchType, data),
  };
}

type Obj = { apiVersion?: string; kind?: string; metadata: ObjectMeta };

/** getReference builds the involvedObject reference (reference.GetReference). */
export function getReference(obj: Obj): ObjectReference {
  const ref: ObjectReference = { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid, apiVersion: obj.apiVersion, resourceVersion: obj.metadata.resourceVersion };
  for (const k of Object.keys(ref) as (keyof ObjectReference)[]) if (ref[k] === undefined) delete ref[k];
  return ref;
}

export interface EventRecorder {
  event(obj: Obj, eventType: string, reason: string, message: string): void;
  /** eventf formats message with %s, %d and %v placeholders, like fmt.Sprintf. */
  eventf(obj: Obj, eventType: string, reason: string, messageFmt: string, ...args: unknown[]): void;
}

export function sprintf(format: string, ...args: unknown[]): string {
  let i = 0;
  return format.replace(/%[sdvq%]/g, (m) => {
    if (m === '%%') return '%';
    const v = args[i++];
    return m === '%q' ? JSON.stringify(String(v)) : String(v);
  });
}

export class EventBroadcaster {
  private readonly watchers = new Set<(e: Event) => void>();
  private pending: Promise<void> = Promise.resolve();
  private seq = 0;

  constructor(readonly clock: Clock) {}

  /** startEventWatcher calls fn with every recorded event; the result stops it. */
  startEventWatcher(fn: (e: Event) => void): { stop(): void } {
    this.watchers.add(fn);
    return { stop: () => void this.watchers.delete(fn) };
  }

  /** startRecordingToSink writes every recorded event to sink, one at a time, in order. */
  startRecordingToSink(sink: EventSink): { stop(): void } {
    const correlator = new EventCorrelator(this.clock);
    return this.startEventWatcher((event) => {
      this.pending = this.pending.then(() => this.recordToSink(sink, event, correlator));
    });
  }

  /** flush resolves once every event handed to the sinks so far is written (or given up). */
  flush(): Promise<void> {
    return this.pending;
  }

  newRecorder(source: EventSource): EventRecorder {
    const generate = (obj: Obj, eventType: string, reason: string, message: string) => {
      // Upstream logs and drops events of another type.
      if (eventType !== EventTypeNormal && eventType !== EventTypeWarning) return;
      const event = this.makeEvent(getReference(obj), eventType, reason, message, source);
      for (const w of [...this.watchers]) w(structuredClone(event));
    };
    return {
      event: generate,
      eventf: (obj, eventType, reason, fmt, ...args) => generate(obj, eventType, reason, sprintf(fmt, ...args)),
    };
  }

  shutdown(): void {
    this.watchers.clear();
  }

  private makeEvent(ref: ObjectReference, eventType: string, reason: string, message: string, source: EventSource): Event {
    const now = this.clock.now();
    const t = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
    // Name is "<object>.<unix nanoseconds in hex>"; the sequence keeps same-millisecond names apart.
    const nanos = BigInt(now) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${ref.name ?? ''}.${nanos.toString(16)}`, namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message,
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      type: eventType,
      source: { ...(source.component ? { component: source.component } : {}), ...(source.host ? { host: source.host } : {}) },
      reportingComponent: source.component ?? '',
      reportingInstance: source.host ?? '',
    };
  }

  private async recordToSink(sink: EventSink, event: Event, correlator: EventCorrelator): Promise<void> {
    const result = correlator.eventCorrelate(event);
    for (let tries = 1; ; tries++) {
      if (await recordEvent(sink, result, correlator)) return;
      if (tries >= maxTriesPerEvent) return; // upstream logs "Unable to write event (retry limit exceeded!)"
      await this.clock.sleep(sleepDuration);
    }
  }
}

/** recordEvent writes one event; true means done (written, or an error retrying cannot fix). */
async function recordEvent(sink: EventSink, result: EventCorrelateResult, correlator: EventCorrelator): Promise<boolean> {
  const event = result.event;
  let written: Event | undefined;
  try {
    if (result.patch) {
      try {
        written = await sink.patch(event, result.patch);
      } catch (err) {
        // The event may have been deleted (events expire after an hour): create it afresh.
        if (!isNotFound(err)) throw err;
      }
    }
    if (!written) {
      const fresh = { ...event, metadata: { ...event.metadata } };
      delete fresh.metadata.resourceVersion;
      written = await sink.create(fresh);
    }
  } catch (err) {
    // The server answered: AlreadyExists or a rejection will not change by retrying.
    return err instanceof StatusError;
  }
  correlator.updateState(written);
  return true;
}

/** newBroadcaster mirrors record.NewBroadcaster. */
export function newBroadcaster(clock: Clock): EventBroadcaster {
  return new EventBroadcaster(clock);
}
