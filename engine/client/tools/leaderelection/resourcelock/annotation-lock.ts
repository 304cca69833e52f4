// Mirrors what k8s.io/client-go/tools/leaderelection/resourcelock/configmaplock.go and
// endpointslock.go share: the record lives as JSON in an annotation of an object, updated with the
// object's resourceVersion so two candidates cannot both win a round.
import type { Client, ObjectWithMeta } from '../../../gentype/type.js';
import { LeaderElectionRecordAnnotationKey, type Interface, type LeaderElectionRecord, type ResourceLockConfig } from './interface.js';

export abstract class AnnotationLock<T extends ObjectWithMeta> implements Interface {
  /** obj is the lock object as last read or written; update() writes on top of it. */
  protected obj: T | undefined;

  constructor(
    readonly namespace: string,
    readonly name: string,
    protected readonly client: Client<T>,
    readonly lockConfig: ResourceLockConfig,
  ) {}

  /** newObject builds the lock object holding the annotation (a ConfigMap or Endpoints). */
  protected abstract newObject(annotations: Record<string, string>): T;

  async get(): Promise<{ record: LeaderElectionRecord; raw: string }> {
    this.obj = await this.client.get(this.name);
    const raw = this.obj.metadata.annotations?.[LeaderElectionRecordAnnotationKey];
    if (raw === undefined) return { record: emptyRecord(), raw: '' };
    return { record: JSON.parse(raw) as LeaderElectionRecord, raw };
  }

  async create(record: LeaderElectionRecord): Promise<void> {
    this.obj = await this.client.create(this.newObject({ [LeaderElectionRecordAnnotationKey]: JSON.stringify(record) }));
  }

  async update(record: LeaderElectionRecord): Promise<void> {
    if (!this.obj) throw new Error('resource lock not initialized, get or create first');
    const annotations = { ...(this.obj.metadata.annotations ?? {}), [LeaderElectionRecordAnnotationKey]: JSON.stringify(record) };
    this.obj = await this.client.update({ ...this.obj, metadata: { ...this.obj.metadata, annotations } });
  }

  recordEvent(message: string): void {
    const recorder = this.lockConfig.eventRecorder;
    if (!recorder || !this.obj) return;
    recorder.eventf(this.obj, 'Normal', 'LeaderElection', `${this.lockConfig.identity} ${message}`);
  }

  identity(): string {
    return this.lockConfig.identity;
  }

  describe(): string {
    return `${this.namespace}/${this.name}`;
  }
}

function emptyRecord(): LeaderElectionRecord {
  return { holderIdentity: '', leaseDurationSeconds: 0, acquireTime: '', renewTime: '', leaderTransitions: 0 };
}
