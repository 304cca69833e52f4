// Mirrors pkg/kubelet/envvars/envvars.go: FromServices turns services into the environment
// variables a container sees — {SVC}_SERVICE_HOST/_SERVICE_PORT, one _SERVICE_PORT_<NAME> per named
// port, and the docker-link style {SVC}_PORT, {SVC}_PORT_<port>_<PROTO>{,_PROTO,_PORT,_ADDR}.
import type { EnvVar, Service } from '../../api/core/v1/types.js';

/** makeEnvVariableName upper-cases a name and replaces dashes with underscores. */
export function makeEnvVariableName(str: string): string {
  return str.toUpperCase().replace(/-/g, '_');
}

/** isServiceIPSet is helper.IsServiceIPSet: a cluster IP that is neither empty nor None. */
export function isServiceIPSet(service: Service): boolean {
  const ip = service.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

/** fromServices builds the variables for a list of services, in list order. */
export function fromServices(services: Service[]): EnvVar[] {
  const result: EnvVar[] = [];
  for (const service of services) {
    if (!isServiceIPSet(service) || !service.spec?.ports?.length) continue;
    const prefix = makeEnvVariableName(service.metadata.name ?? '');
    const clusterIP = service.spec.clusterIP!;
    const name = `${prefix}_SERVICE_PORT`;
    result.push({ name: `${prefix}_SERVICE_HOST`, value: clusterIP });
    result.push({ name, value: String(service.spec.ports[0]!.port) });
    for (const sp of service.spec.ports) if (sp.name) result.push({ name: `${name}_${makeEnvVariableName(sp.name)}`, value: String(sp.port) });
    result.push(...makeLinkVariables(prefix, clusterIP, service.spec.ports));
  }
  return result;
}

function makeLinkVariables(prefix: string, clusterIP: string, ports: { port: number; protocol?: string }[]): EnvVar[] {
  const all: EnvVar[] = [];
  ports.forEach((sp, i) => {
    const protocol = sp.protocol || 'TCP';
    const hostPort = clusterIP.includes(':') ? `[${clusterIP}]:${sp.port}` : `${clusterIP}:${sp.port}`;
    const url = `${protocol.toLowerCase()}://${hostPort}`;
    // Docker special-cases the first port.
    if (i === 0) all.push({ name: `${prefix}_PORT`, value: url });
    const portPrefix = `${prefix}_PORT_${sp.port}_${protocol.toUpperCase()}`;
    all.push(
      { name: portPrefix, value: url },
      { name: `${portPrefix}_PROTO`, value: protocol.toLowerCase() },
      { name: `${portPrefix}_PORT`, value: String(sp.port) },
      { name: `${portPrefix}_ADDR`, value: clusterIP },
    );
  });
  return all;
}
