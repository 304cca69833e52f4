import { describe, expect, it } from 'vitest';
import { aggregateMessage, duplicate, errorString, invalid, notSupported, Path, required } from './errors.js';

describe('field errors print as Kubernetes prints them', () => {
  const spec = Path.root('spec');
  it.each([
    ['required', required(spec.child('containers').index(0).child('name')), 'spec.containers[0].name: Required value'],
    ['invalid int', invalid(spec.child('ports').index(0).child('nodePort'), 80, 'provided port is not in the valid range. The range of valid ports is 30000-32767'), 'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    ['invalid string', invalid('metadata.name', 'A_B', 'bad'), 'metadata.name: Invalid value: "A_B": bad'],
    ['string map as Go', invalid('spec.template.metadata.labels', { app: 'two', a: 'b' }, '`selector` does not match template `labels`'), 'spec.template.metadata.labels: Invalid value: map[string]string{"a":"b", "app":"two"}: `selector` does not match template `labels`'],
    ['string list as Go', invalid('spec.clusterIPs', ['10.0.0.5'], 'x'), 'spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: x'],
    ['duplicate', duplicate(spec.child('ports').index(1).child('name'), 'http'), 'spec.ports[1].name: Duplicate value: "http"'],
    ['not supported', notSupported('spec.restartPolicy', 'Sometimes', ['Always', 'OnFailure', 'Never']), 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
  ])('%s', (_name, err, text) => {
    expect(errorString(err)).toBe(text);
  });

  it('aggregates one error alone and several in brackets', () => {
    expect(aggregateMessage([required('a')])).toBe('a: Required value');
    expect(aggregateMessage([required('a'), required('b')])).toBe('[a: Required value, b: Required value]');
  });
});
