// Mirrors k8s.io/client-go/kubernetes/typed/batch/v1/batch_client.go: BatchV1Client with jobs and
// cron jobs.
import type { CronJob, Job } from '../../../../../api/batch/v1/types.js';
import { Client } from '../../../../gentype/type.js';
import { RESTClient } from '../../../../rest/client.js';
import type { Config } from '../../../../rest/config.js';

export class BatchV1Client {
  readonly restClient: RESTClient;

  constructor(config: Config) {
    this.restClient = new RESTClient(config, 'batch', 'v1');
  }

  jobs(namespace: string): Client<Job> {
    return new Client(this.restClient, 'jobs', namespace);
  }
  cronJobs(namespace: string): Client<CronJob> {
    return new Client(this.restClient, 'cronjobs', namespace);
  }
}
