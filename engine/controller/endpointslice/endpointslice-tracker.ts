// Mirrors staging/src/k8s.io/endpointslice/util/endpointslice_tracker.go: the generation of every
// slice this controller wrote, per service, so it can tell its own writes from others' (ShouldSync)
// and refuse to reconcile from an informer cache that has not seen its last writes yet (StaleSlices).
import type { EndpointSlice } from '../../api/discovery/v1/types.js';
import { LabelServiceName } from '../../api/discovery/v1/types.js';

/** deletionExpected marks a slice this controller deleted and expects to see go. */
const deletionExpected = -1;

const serviceKey = (slice: EndpointSlice) => `${slice.metadata.namespace ?? ''}/${slice.metadata.labels?.[LabelServiceName] ?? ''}`;

export class EndpointSliceTracker {
  private readonly generationsByService = new Map<string, Map<string, number>>();

  private gens(key: string, create: boolean): Map<string, number> | undefined {
    let m = this.generationsByService.get(key);
    if (!m && create) this.generationsByService.set(key, (m = new Map()));
    return m;
  }

  /** has: the slice is tracked. */
  has(slice: EndpointSlice): boolean {
    return this.gens(serviceKey(slice), false)?.has(slice.metadata.uid ?? '') ?? false;
  }

  /** shouldSync: the slice is not tracked, or changed since this controller wrote it. */
  shouldSync(slice: EndpointSlice): boolean {
    const g = this.gens(serviceKey(slice), false)?.get(slice.metadata.uid ?? '');
    return g === undefined || (slice.metadata.generation ?? 0) > g;
  }

  /**
   * staleSlices: the cache lacks a slice this controller wrote, holds an older generation of one, or
   * still holds one it deleted.
   */
  staleSlices(namespace: string, name: string, slices: EndpointSlice[]): boolean {
    const tracked = this.generationsByService.get(`${namespace}/${name}`);
    if (!tracked) return false;
    const byUID = new Map(slices.map((s) => [s.metadata.uid ?? '', s]));
    for (const [uid, generation] of tracked) {
      const cached = byUID.get(uid);
      if (generation === deletionExpected) {
        if (cached) return true;
      } else if (!cached || (cached.metadata.generation ?? 0) < generation) return true;
    }
    return false;
  }

  /** update records a slice as this controller wrote it. */
  update(slice: EndpointSlice): void {
    this.gens(serviceKey(slice), true)!.set(slice.metadata.uid ?? '', slice.metadata.generation ?? 0);
  }

  /** expectDeletion records a slice this controller deleted. */
  expectDeletion(slice: EndpointSlice): void {
    this.gens(serviceKey(slice), true)!.set(slice.metadata.uid ?? '', deletionExpected);
  }

  /** handleDeletion forgets a deleted slice; true means the deletion was not this controller's. */
  handleDeletion(slice: EndpointSlice): boolean {
    const m = this.gens(serviceKey(slice), false);
    const g = m?.get(slice.metadata.uid ?? '');
    m?.delete(slice.metadata.uid ?? '');
    if (m && m.size === 0) this.generationsByService.delete(serviceKey(slice));
    return g !== deletionExpected;
  }

  /** deleteService forgets every slice of a deleted service. */
  deleteService(namespace: string, name: string): void {
    this.generationsByService.delete(`${namespace}/${name}`);
  }
}
