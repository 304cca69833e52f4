// Mirrors pkg/apis/discovery/v1/defaults.go: every port gets a name ("") and a protocol (TCP).
import type { EndpointSlice } from './types.js';

export function setDefaultsEndpointSlice(slice: EndpointSlice): void {
  for (const port of slice.ports ?? []) {
    port.name ??= '';
    port.protocol ??= 'TCP';
  }
}

export const discoveryDefaulters: Record<string, (obj: never) => void> = {
  EndpointSlice: setDefaultsEndpointSlice,
};
