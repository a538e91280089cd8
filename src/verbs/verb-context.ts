/**
 * What the generic verbs need from a Cloud: its services, its task recorder and the waiting engine. An interface
 * so verbs never import the Cloud class and tests can pass a small fake.
 */
import type { CloudConfig } from '../config/cloud-config.js';
import type { ServiceClient } from '../http/service-client.js';
import type { ResourceKind } from '../resources/resource-kind.js';
import type { TaskRecorder } from '../tasks/index.js';
import type { SharedPoller } from '../wait/shared-poller.js';

/** The parts of a Cloud the generic verbs use. */
export interface VerbContext {
  readonly config: CloudConfig;
  service(type: string, signal?: AbortSignal): Promise<ServiceClient>;
  readonly tasksRecorder: TaskRecorder;
  /** The cloud's shared poller of a kind: one list request per tick for every waiter of that kind. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pollerFor<Raw>(kind: ResourceKind<Raw, any, any, any, any>): SharedPoller<Raw>;
}
