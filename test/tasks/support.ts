import Keyv from 'keyv';
import { httpErrorFromResponse } from '../../src/http/http-error-from-response.js';
import type { HttpError, QuotaExceededError } from '../../src/errors/index.js';
import { TaskRecorder, TaskStore, type TaskRecord, type TaskRecorderOptions, type TaskStoreOptions } from '../../src/tasks/index.js';
import { zed } from '../support/fixtures.js';

/** A clock that moves one second per reading, so createdAt values are distinct and ordered. */
export function steppingClock(start = '2026-11-23T06:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

/** A recorder over a fresh in-memory keyv. */
export function memoryRecorder(options: TaskRecorderOptions = {}, storeOptions: TaskStoreOptions = {}): { keyv: Keyv; store: TaskStore; recorder: TaskRecorder } {
  const keyv = new Keyv({ namespace: 'canopy' });
  const store = new TaskStore(keyv, storeOptions);
  return { keyv, store, recorder: new TaskRecorder(store, { now: steppingClock(), ...options }) };
}

/** The typed error Canopy's HTTP layer raises for a recorded error exchange. */
export function httpErrorFromFixture(n: number): HttpError | QuotaExceededError {
  const ex = zed(n);
  const headers = new Headers(ex.response.headers);
  return httpErrorFromResponse({
    status: ex.response.status,
    method: ex.request.method,
    url: `http://127.0.0.1${ex.request.url}`,
    service: ex.service,
    headers,
    body: ex.response.body,
    requestId: headers.get('x-openstack-request-id') ?? undefined,
  });
}

/**
 * Neutron's answer to a floating IP create over quota (409, `OverQuota` in a `NeutronError` body), as the
 * HTTP layer turns it into an error.
 */
export function floatingIpOverQuota(requestId = 'req-5d1f7a8e-3c2b-4f4e-9a61-0c7f7f4b2e11'): HttpError | QuotaExceededError {
  return httpErrorFromResponse({
    status: 409,
    method: 'POST',
    url: 'http://127.0.0.1:9696/v2.0/floatingips',
    service: 'network',
    headers: new Headers({ 'Content-Type': 'application/json', 'X-Openstack-Request-Id': requestId }),
    body: { NeutronError: { type: 'OverQuota', message: "Quota exceeded for resources: ['floatingip'].", detail: '' } },
    requestId,
  });
}

/** A finished record with distinct defaults; tests override what they filter on. */
export function recordOf(overrides: Partial<TaskRecord> & { id: string; createdAt: string }): TaskRecord {
  return {
    kind: 'server.create',
    cloud: 'zed',
    region: 'RegionOne',
    status: 'SUCCEEDED',
    updatedAt: overrides.createdAt,
    resourceIds: [],
    requestId: `req-${overrides.id}`,
    steps: [],
    cleanup: { removed: [], failed: [] },
    notes: [],
    ...overrides,
  };
}
