// Mirrors k8s.io/kubectl/pkg/cmd/util/factory.go and cli-runtime's ConfigFlags: one per command
// run, it resolves the kubeconfig with the global flags and hands out the REST client, discovery
// and the namespace to use.
import { httpTransport } from '../../../client/transport.js';
import { loadKubeconfig, resolveClientConfig, type ClientConfig, type LoadedConfig, type Overrides } from '../../kubeconfig/loader.js';
import { RESTClient } from '../../rest/client.js';
import { Discovery } from '../../rest/discovery.js';
import type { KubectlIO } from './io.js';

export class Factory {
  private loaded?: Promise<LoadedConfig>;
  private client?: RESTClient;
  private disco?: Discovery;
  private cc?: ClientConfig;

  constructor(readonly io: KubectlIO, readonly overrides: Overrides) {}

  /** rawConfig returns the merged kubeconfig and the file `config` commands write. */
  rawConfig(): Promise<LoadedConfig> {
    this.loaded ??= this.io.kubeconfig
      ? Promise.resolve({ config: this.io.kubeconfig, path: this.overrides.kubeconfig || `${this.io.env.HOME ?? ''}/.kube/config` })
      : loadKubeconfig(this.io.files, this.io.env, this.overrides.kubeconfig);
    return this.loaded;
  }

  async clientConfig(): Promise<ClientConfig> {
    this.cc ??= resolveClientConfig((await this.rawConfig()).config, this.overrides);
    return this.cc;
  }

  async restClient(): Promise<RESTClient> {
    if (this.client) return this.client;
    const cc = await this.clientConfig();
    const headers: Record<string, string> = {};
    if (cc.token) headers.Authorization = `Bearer ${cc.token}`;
    else if (cc.username) headers.Authorization = `Basic ${btoa(`${cc.username}:${cc.password ?? ''}`)}`;
    const transport = this.io.transport ?? httpTransport(cc.server);
    this.client = new RESTClient(cc.server, transport, headers);
    return this.client;
  }

  async discovery(): Promise<Discovery> {
    this.disco ??= new Discovery(await this.restClient());
    return this.disco;
  }

  /** namespace returns the namespace to use and whether the user chose it. */
  async namespace(): Promise<{ namespace: string; explicit: boolean }> {
    const cc = await this.clientConfig();
    return { namespace: cc.namespace, explicit: !!this.overrides.namespace };
  }
}
