// Mirrors pkg/controller/serviceaccount/tokens_controller.go (the legacy token controller of the
// 1.x documents): every ServiceAccount gets a Secret "<account>-token-<5 chars>" of type
// kubernetes.io/service-account-token with token, ca.crt and namespace keys, listed in the
// account's secrets; token secrets of deleted accounts are deleted and references to deleted
// secrets are removed (and replaced). Tokens are unsigned (see legacy-token.ts).
import type { Secret, ServiceAccount } from '../../api/core/v1/types.js';
import { isConflict, isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { GenericInformer } from '../../client/informers/generic.js';
import { splitMetaNamespaceKey } from '../../client/tools/cache/store.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { fromTombstone, keyFunc } from '../controller-utils.js';
import * as tok from './legacy-token.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';

export interface TokensControllerOptions {
  /** rootCA is the PEM placed in ca.crt (--root-ca-file); empty when not configured. */
  rootCA?: string;
  /** randomSuffix makes the 5 characters of a secret name (injectable for tests). */
  randomSuffix?: () => string;
}

const alphanums = 'bcdfghjklmnpqrstvwxz2456789';
function randomString(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return [...bytes].map((b) => alphanums[b % alphanums.length]).join('');
}

const isToken = (s: Secret) => s.type === tok.SecretTypeServiceAccountToken;

export class TokensController {
  readonly syncServiceAccountQueue: RateLimitingType<string>;
  readonly syncSecretQueue: RateLimitingType<string>;
  onError: (err: unknown) => void = () => {};
  private readonly deletedAccounts = new Map<string, ServiceAccount>();
  private readonly deletedSecrets = new Map<string, Secret>();

  constructor(
    readonly saInformer: GenericInformer<ServiceAccount>,
    readonly secretInformer: GenericInformer<Secret>,
    readonly client: Clientset,
    readonly clock: Clock,
    readonly options: TokensControllerOptions = {},
  ) {
    this.syncServiceAccountQueue = newRateLimitingQueue<string>(clock);
    this.syncSecretQueue = newRateLimitingQueue<string>(clock);
    saInformer.informer().addEventHandler({
      onAdd: (sa) => this.syncServiceAccountQueue.add(keyFunc(sa)),
      onUpdate: (_o, n) => this.syncServiceAccountQueue.add(keyFunc(n)),
      onDelete: (obj) => {
        const sa = fromTombstone(obj);
        this.deletedAccounts.set(keyFunc(sa), sa);
        this.syncServiceAccountQueue.add(keyFunc(sa));
      },
    });
    secretInformer.informer().addEventHandler({
      onAdd: (s) => isToken(s) && this.syncSecretQueue.add(keyFunc(s)),
      onUpdate: (_o, n) => isToken(n) && this.syncSecretQueue.add(keyFunc(n)),
      onDelete: (obj) => {
        const s = fromTombstone(obj);
        if (!isToken(s)) return;
        this.deletedSecrets.set(keyFunc(s), s);
        this.syncSecretQueue.add(keyFunc(s));
      },
    });
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    const synced = [() => this.saInformer.informer().hasSynced(), () => this.secretInformer.informer().hasSynced()];
    // Each worker is one service account worker and one secret worker, as upstream starts both per Run.
    const worker = async () =>
      void (await Promise.all([this.worker(this.syncServiceAccountQueue, (k) => this.syncServiceAccount(k)), this.worker(this.syncSecretQueue, (k) => this.syncSecret(k))]));
    return runWhenSynced(workers, this.syncServiceAccountQueue, this.clock, signal, synced, worker, { alsoShutDown: [this.syncSecretQueue] });
  }

  private async worker(queue: RateLimitingType<string>, sync: (key: string) => Promise<void>): Promise<void> {
    while (await processNextWorkItem(queue, sync, { onError: (_key, err) => this.onError(err) }));
  }

  private tokenSecrets(ns: string): Secret[] {
    return this.secretInformer.lister().byNamespace(ns).list().filter(isToken);
  }

  /** syncServiceAccount ensures an existing account references a token, or cleans up after a deleted one. */
  async syncServiceAccount(key: string): Promise<void> {
    const { namespace } = splitMetaNamespaceKey(key);
    const sa = this.saInformer.informer().getIndexer().getByKey(key);
    if (!sa) {
      const deleted = this.deletedAccounts.get(key);
      this.deletedAccounts.delete(key);
      if (deleted) await this.deleteTokens(deleted);
      return;
    }
    await this.ensureReferencedToken(namespace, sa);
  }

  private async deleteTokens(sa: ServiceAccount): Promise<void> {
    const ns = sa.metadata.namespace ?? '';
    for (const s of this.tokenSecrets(ns)) {
      const a = s.metadata.annotations ?? {};
      if (a[tok.ServiceAccountNameKey] !== sa.metadata.name || (a[tok.ServiceAccountUIDKey] && a[tok.ServiceAccountUIDKey] !== sa.metadata.uid)) continue;
      await this.client.coreV1().secrets(ns).delete(s.metadata.name ?? '').catch((err) => {
        if (!isNotFound(err)) throw err;
      });
    }
  }

  /** hasReferencedToken: the account lists a token secret that exists and names it. */
  private hasReferencedToken(sa: ServiceAccount): boolean {
    const ns = sa.metadata.namespace ?? '';
    for (const ref of sa.secrets ?? []) {
      const s = this.secretInformer.informer().getIndexer().getByKey(`${ns}/${ref.name}`);
      if (s && isToken(s) && s.metadata.annotations?.[tok.ServiceAccountNameKey] === sa.metadata.name) return true;
    }
    return false;
  }

  private async ensureReferencedToken(namespace: string, sa: ServiceAccount): Promise<void> {
    if (this.hasReferencedToken(sa)) return;
    const secretName = `${sa.metadata.name}-token-${(this.options.randomSuffix ?? (() => randomString(5)))()}`;
    const secret: Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: secretName,
        namespace,
        annotations: { [tok.ServiceAccountNameKey]: sa.metadata.name ?? '', [tok.ServiceAccountUIDKey]: sa.metadata.uid ?? '' },
      },
      type: tok.SecretTypeServiceAccountToken,
      data: this.tokenData(namespace, sa, secretName),
    };
    const secrets = this.client.coreV1().secrets(namespace);
    const created = await secrets.create(secret);
    // Reference it from the (fresh) account; give it back if the account went away meanwhile.
    const accounts = this.client.coreV1().serviceAccounts(namespace);
    for (let i = 0; ; i++) {
      try {
        const live = await accounts.get(sa.metadata.name ?? '');
        if (live.metadata.uid !== sa.metadata.uid) throw new Error('service account was replaced');
        await accounts.update({ ...live, secrets: [...(live.secrets ?? []), { name: created.metadata.name }] });
        return;
      } catch (err) {
        if (isConflict(err) && i < 5) continue;
        await secrets.delete(created.metadata.name ?? '').catch(() => undefined);
        if (isNotFound(err)) return;
        throw err;
      }
    }
  }

  private tokenData(namespace: string, sa: ServiceAccount, secretName: string): Record<string, string> {
    return {
      [tok.ServiceAccountTokenKey]: tok.b64(tok.legacyToken(namespace, sa.metadata.name ?? '', sa.metadata.uid ?? '', secretName)),
      [tok.ServiceAccountRootCAKey]: tok.b64(this.options.rootCA ?? ''),
      [tok.ServiceAccountNamespaceKey]: tok.b64(namespace),
    };
  }

  /** syncSecret removes references to deleted tokens, deletes orphan tokens and fills in missing data. */
  async syncSecret(key: string): Promise<void> {
    const { namespace } = splitMetaNamespaceKey(key);
    const secret = this.secretInformer.informer().getIndexer().getByKey(key);
    const deleted = this.deletedSecrets.get(key);
    this.deletedSecrets.delete(key);
    const s = secret ?? deleted;
    if (!s) return;
    const saName = s.metadata.annotations?.[tok.ServiceAccountNameKey] ?? '';
    const saUID = s.metadata.annotations?.[tok.ServiceAccountUIDKey] ?? '';
    let sa: ServiceAccount | undefined = this.saInformer.informer().getIndexer().getByKey(`${namespace}/${saName}`);
    if (!sa) sa = await this.client.coreV1().serviceAccounts(namespace).get(saName).catch((err) => (isNotFound(err) ? undefined : Promise.reject(err)));
    if (sa && saUID && sa.metadata.uid !== saUID) sa = undefined;
    if (!secret) {
      if (sa) await this.removeSecretReference(sa, s.metadata.name ?? '');
      return;
    }
    if (!sa) {
      // A token of an account that does not exist (any more) is deleted.
      await this.client.coreV1().secrets(namespace).delete(secret.metadata.name ?? '').catch((err) => {
        if (!isNotFound(err)) throw err;
      });
      return;
    }
    const data = secret.data ?? {};
    if (data[tok.ServiceAccountTokenKey] && data[tok.ServiceAccountNamespaceKey] && tok.ServiceAccountRootCAKey in data) return;
    await this.client.coreV1().secrets(namespace).update({ ...secret, data: { ...this.tokenData(namespace, sa, secret.metadata.name ?? ''), ...data } });
  }

  private async removeSecretReference(sa: ServiceAccount, secretName: string): Promise<void> {
    const accounts = this.client.coreV1().serviceAccounts(sa.metadata.namespace ?? '');
    for (let i = 0; i < 5; i++) {
      let live: ServiceAccount;
      try {
        live = await accounts.get(sa.metadata.name ?? '');
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      if (live.metadata.uid !== sa.metadata.uid || !(live.secrets ?? []).some((r) => r.name === secretName)) return;
      try {
        await accounts.update({ ...live, secrets: (live.secrets ?? []).filter((r) => r.name !== secretName) });
        return;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
  }
}

/** newTokensController mirrors NewTokensController. */
export function newTokensController(saInformer: GenericInformer<ServiceAccount>, secretInformer: GenericInformer<Secret>, client: Clientset, clock: Clock, options?: TokensControllerOptions): TokensController {
  return new TokensController(saInformer, secretInformer, client, clock, options);
}
