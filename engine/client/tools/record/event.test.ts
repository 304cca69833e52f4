import { describe, it, expect } from 'vitest';
import type { Event, Pod } from '../../../api/core/v1/types.js';
import { flushMicrotasks, VirtualClock } from '../../../util/clock.js';
import { newForTransport } from '../../kubernetes/clientset.js';
import { FakeAPI } from '../../testing/fake-api.js';
import { newBroadcaster, newEventSink, sprintf, type EventSink } from './event.js';

const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'prod', uid: 'u1', resourceVersion: '7' } };

function setup() {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const api = new FakeAPI(clock);
  const broadcaster = newBroadcaster(clock);
  broadcaster.startRecordingToSink(newEventSink(newForTransport(api.transport)));
  const recorder = broadcaster.newRecorder({ component: 'kubelet', host: 'node-1' });
  const events = () => api.objectsOf('events') as unknown as Event[];
  return { clock, api, broadcaster, recorder, events };
}

describe('EventRecorder', () => {
  it('writes a core/v1 Event about the object', async () => {
    const { broadcaster, recorder, events, api } = setup();
    recorder.eventf(pod, 'Normal', 'Pulled', 'Successfully pulled image %q', 'nginx:1.7.9');
    await broadcaster.flush();
    const [e] = events();
    expect(e).toMatchObject({
      metadata: { namespace: 'prod' },
      involvedObject: { kind: 'Pod', namespace: 'prod', name: 'web', uid: 'u1', apiVersion: 'v1', resourceVersion: '7' },
      reason: 'Pulled',
      message: 'Successfully pulled image "nginx:1.7.9"',
      type: 'Normal',
      count: 1,
      firstTimestamp: '2026-01-01T12:00:00Z',
      lastTimestamp: '2026-01-01T12:00:00Z',
      source: { component: 'kubelet', host: 'node-1' },
    });
    expect(e!.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(api.requests).toEqual(['POST /api/v1/namespaces/prod/events']);
  });

  it('aggregates repeats into count and lastTimestamp patches', async () => {
    const { broadcaster, recorder, events, api, clock } = setup();
    for (let i = 0; i < 3; i++) {
      recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
      await broadcaster.flush();
      clock.step(10_000);
    }
    expect(events()).toHaveLength(1);
    expect(events()[0]).toMatchObject({ count: 3, firstTimestamp: '2026-01-01T12:00:00Z', lastTimestamp: '2026-01-01T12:00:20Z' });
    expect(api.requests.map((r) => r.split(' ')[0])).toEqual(['POST', 'PATCH', 'PATCH']);
  });

  it('recreates an event whose object was deleted', async () => {
    const { broadcaster, recorder, events, api } = setup();
    recorder.event(pod, 'Normal', 'Started', 'Started container');
    await broadcaster.flush();
    await newForTransport(api.transport).coreV1().events('prod').delete(events()[0]!.metadata.name!);
    recorder.event(pod, 'Normal', 'Started', 'Started container');
    await broadcaster.flush();
    expect(events()).toHaveLength(1);
    expect(api.requests.map((r) => r.split(' ')[0])).toEqual(['POST', 'DELETE', 'PATCH', 'POST']);
  });

  it('combines more than ten different messages for one reason', async () => {
    const { broadcaster, recorder, events } = setup();
    for (let i = 0; i < 12; i++) recorder.event(pod, 'Warning', 'FailedScheduling', `0/${i} nodes are available`);
    await broadcaster.flush();
    const combined = events().filter((e) => e.message?.startsWith('(combined from similar events): '));
    expect(events()).toHaveLength(10);
    expect(combined).toHaveLength(1);
    expect(combined[0]).toMatchObject({ count: 3, message: '(combined from similar events): 0/11 nodes are available' });
  });

  it('retries writes that fail without an answer, on the clock', async () => {
    const clock = new VirtualClock();
    const broadcaster = newBroadcaster(clock);
    let failures = 2;
    const written: Event[] = [];
    const sink: EventSink = {
      create: async (e) => {
        if (failures-- > 0) throw new TypeError('fetch failed');
        written.push(e);
        return e;
      },
      update: async (e) => e,
      patch: async (e) => e,
    };
    broadcaster.startRecordingToSink(sink);
    broadcaster.newRecorder({ component: 'c' }).event(pod, 'Normal', 'X', 'y');
    await flushMicrotasks();
    expect(written).toHaveLength(0);
    await clock.advance(10_000);
    expect(written).toHaveLength(0);
    await clock.advance(10_000);
    expect(written).toHaveLength(1);
  });

  it('drops events of unknown types', async () => {
    const { broadcaster, recorder, events } = setup();
    recorder.event(pod, 'Fatal', 'X', 'y');
    await broadcaster.flush();
    expect(events()).toHaveLength(0);
  });

  it('sprintf formats like fmt', () => {
    expect(sprintf('Scaled up replica set %s to %d (%v%%)', 'web-1', 3, true)).toBe('Scaled up replica set web-1 to 3 (true%)');
  });
});
