import { describe, it, expect } from 'vitest';
import {
  isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isValidIP,
  isValidLabelValue, isValidPortName, isValidPortNum, isValidCIDR,
} from './validation.js';

const label1123 =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const subdomain =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('name checks', () => {
  it.each([
    ['my-name', []],
    ['My-Name', [label1123]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('isDNS1123Label(%s)', (v, want) => expect(isDNS1123Label(v)).toEqual(want));

  it.each([
    ['example.com', []],
    ['Example.com', [subdomain]],
  ])('isDNS1123Subdomain(%s)', (v, want) => expect(isDNS1123Subdomain(v)).toEqual(want));

  it('isDNS1035Label rejects a leading digit', () => {
    expect(isDNS1035Label('1abc')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it.each([
    ['app', []],
    ['example.com/App_1', []],
    ['/app', ['prefix part must be non-empty']],
    ['a/b/c', ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]],
    ['-app', ["name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]],
  ])('isQualifiedName(%s)', (v, want) => expect(isQualifiedName(v)).toEqual(want));

  it('isValidLabelValue', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('a b')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });
});

describe('ports, IPs and keys', () => {
  it.each([[80, []], [0, ['must be between 1 and 65535, inclusive']], [65536, ['must be between 1 and 65535, inclusive']]])(
    'isValidPortNum(%d)', (v, want) => expect(isValidPortNum(v)).toEqual(want));

  it.each([
    ['http', []],
    ['HTTP', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-web', ['must not begin or end with a hyphen']],
    ['averyveryverylongname', ['must be no more than 15 characters']],
    ['8080', ['must contain at least one letter (a-z)']],
  ])('isValidPortName(%s)', (v, want) => expect(isValidPortName(v)).toEqual(want));

  it.each([['10.0.0.1', true], ['2001:db8::ffff', true], ['::1', true], ['10.0.0.256', false], ['010.0.0.1', false], ['abc', false], ['1:2:3:4:5:6:7:8:9', false]])(
    'isValidIP(%s) valid=%s', (v, ok) => expect(isValidIP(v)).toEqual(ok ? [] : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']));

  it('isValidCIDR', () => {
    expect(isValidCIDR('10.244.0.0/16')).toEqual([]);
    expect(isValidCIDR('10.244.0.0/33')).toHaveLength(1);
  });

  it('isConfigMapKey and isEnvVarName', () => {
    expect(isConfigMapKey('app.properties')).toEqual([]);
    expect(isConfigMapKey('..data')).toEqual(["must not start with '..'"]);
    expect(isConfigMapKey('a b')[0]).toContain("a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
    expect(isEnvVarName('MY_VAR')).toEqual([]);
    expect(isEnvVarName('1VAR')).toEqual([
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ]);
  });
});
