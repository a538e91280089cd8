import { describe, expect, it } from 'vitest';
import { reportResponseId } from '../../src/http/request-context.js';
import { MAX_STEP_REQUEST_IDS } from '../../src/tasks/task.js';
import { TaskRecordSchema } from '../../src/tasks/index.js';
import { memoryRecorder, recordOf } from './support.js';

describe('request ids reported during a step', () => {
  it('go to the running step (and the steps around it), not to parallel steps, and not after the step ended', async () => {
    const { recorder } = memoryRecorder();
    const task = await recorder.start('app.deploy', { cloud: 'zed' });
    let late: () => void = () => undefined;
    await task.step('outer', async () => {
      reportResponseId('req-outer');
      await Promise.all([
        task.step('a', async () => {
          await Promise.resolve();
          reportResponseId('req-a');
        }),
        task.step('b', async () => {
          reportResponseId('req-b');
          late = () => reportResponseId('req-late');
        }),
      ]);
    });
    late();
    reportResponseId('req-outside');
    const record = await task.succeed();
    expect(record.steps.map((s) => [s.name, s.requestIds])).toEqual([
      ['outer', ['req-outer', 'req-b', 'req-a']],
      ['a', ['req-a']],
      ['b', ['req-b']],
    ]);
  });

  it(`keep the first ${MAX_STEP_REQUEST_IDS} of a long step, and always the failing request’s id`, async () => {
    const { recorder } = memoryRecorder();
    const task = await recorder.start('server.create', { cloud: 'zed' });
    const failure = Object.assign(new Error('gone'), { name: 'NotFoundError', status: 404, service: 'compute', requestId: 'req-failed' });
    await task
      .step('wait', () => {
        for (let i = 0; i < 300; i++) reportResponseId(`req-${i}`);
        throw failure;
      })
      .catch(() => undefined);
    const [wait] = (await task.fail(failure)).steps;
    expect(wait?.requestIds).toHaveLength(MAX_STEP_REQUEST_IDS + 1);
    expect(wait?.requestIds.slice(0, 2)).toEqual(['req-0', 'req-1']);
    expect(wait?.requestIds.at(-1)).toBe('req-failed');
  });
});

describe('step detail', () => {
  it('fields given in several calls are merged into one object', async () => {
    const { recorder } = memoryRecorder();
    const task = await recorder.start('server.create', { cloud: 'zed' });
    await task.step('boot', (step) => {
      step.detail({ id: 's1' });
      step.detail({ microversion: '2.93', recovered: true });
    });
    expect((await task.succeed()).steps[0]?.detail).toEqual({ id: 's1', microversion: '2.93', recovered: true });
  });

  it.each([
    ['JSON text of an object (earlier versions)', '{"id":"s1","ms":12}', { id: 's1', ms: 12 }],
    ['a sentence (earlier versions)', 'already gone', { reason: 'already gone' }],
    ['JSON text that is not an object', '[1,2]', { reason: '[1,2]' }],
  ])('a stored record whose detail is %s still reads', (_what, detail, expected) => {
    const record = recordOf({ id: 'task-old', createdAt: '2026-11-23T06:00:00.000Z', steps: [{ name: 'boot', status: 'SUCCEEDED', startedAt: '2026-11-23T06:00:00.000Z', requestIds: [], detail: detail as never }] });
    expect(TaskRecordSchema.parse(record).steps[0]?.detail).toEqual(expected);
  });
});
