// Mirrors pkg/registry/core/event/storage/storage.go and ToSelectableFields in strategy.go.
import { eventTable } from '../../../../printers/internalversion/core.js';
import type { Event } from '../../../../api/core/v1/types.js';
import { defineResource } from '../common/definition.js';
import { Strategy } from './strategy.js';

export const events = defineResource({
  group: '',
  version: 'v1',
  kind: 'Event',
  listKind: 'EventList',
  resource: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  strategy: Strategy,
  table: eventTable,
  etcdPrefix: '/registry/events',
  fields(obj) {
    const ev = obj as unknown as Event;
    const io = ev.involvedObject ?? {};
    const reportingController = (ev as { reportingComponent?: string }).reportingComponent ?? '';
    return {
      'involvedObject.kind': io.kind ?? '',
      'involvedObject.namespace': io.namespace ?? '',
      'involvedObject.name': io.name ?? '',
      'involvedObject.uid': io.uid ?? '',
      'involvedObject.apiVersion': io.apiVersion ?? '',
      'involvedObject.resourceVersion': io.resourceVersion ?? '',
      'involvedObject.fieldPath': io.fieldPath ?? '',
      reason: ev.reason ?? '',
      reportingComponent: reportingController,
      // source falls back to the reporting controller for events written through events.k8s.io.
      source: ev.source?.component || reportingController,
      type: ev.type ?? '',
    };
  },
});
