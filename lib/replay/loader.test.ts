import { describe, expect, it } from 'vitest';
import type { ReadOptions, ReadResult, StreamMessage } from '@/lib/stream/reader';
import { planReadWith } from './loader';
import { parseSpec, TASK_TAIL } from './scope';

/** A RangeReader over sequences whose subjects are given; honours start, filter (task events) and endSeq. */
function fakeReader(subjects: Record<number, string>) {
  const calls: ReadOptions[] = [];
  const read = async (o: ReadOptions): Promise<ReadResult> => {
    calls.push(o);
    const from = o.start.kind === 'seq' ? o.start.seq : 1;
    const prefix = o.filter?.replace(/>$/, '') ?? '';
    const batch = Object.entries(subjects)
      .map(([seq, subject]) => ({ seq: Number(seq), subject }) as StreamMessage)
      .filter(
        (m) =>
          m.seq >= from &&
          (o.endSeq === undefined || m.seq <= o.endSeq) &&
          m.subject.startsWith(prefix),
      );
    if (batch.length) o.onBatch(batch, 0);
    return { count: batch.length, lastSeq: batch.at(-1)?.seq ?? 0, reason: 'end' };
  };
  return { read, calls };
}

describe('planReadWith: a task scope', () => {
  const subjects = {
    10: 'agent.task.T1.created',
    40: 'agent.task.T1.started',
    5000: 'agent.task.T1.completed',
    6000: 'agent.task.T2.created',
  };

  it('with only `at` deep into the task, reads the task’s whole life (not at − 2,000)', async () => {
    const { read, calls } = fakeReader(subjects);
    const plan = await planReadWith(read, parseSpec({ task: 'T1', at: '4900' }).spec);
    expect(calls[0]?.start).toEqual({ kind: 'first' });
    expect(calls[0]?.filter).toBe('agent.task.T1.>');
    expect(plan.start).toEqual({ kind: 'seq', seq: 10 });
    expect(plan.endSeq).toBe(5000 + TASK_TAIL);
  });

  it('starts at `at` when the message comes before the task’s first lifecycle event', async () => {
    const { read } = fakeReader(subjects);
    const plan = await planReadWith(read, parseSpec({ task: 'T1', at: '7' }).spec);
    expect(plan.start).toEqual({ kind: 'seq', seq: 7 });
  });

  it('keeps an explicit `from`', async () => {
    const { read, calls } = fakeReader(subjects);
    const plan = await planReadWith(read, parseSpec({ task: 'T1', from: '30' }).spec);
    expect(calls[0]?.start).toEqual({ kind: 'seq', seq: 30 });
    expect(plan.start).toEqual({ kind: 'seq', seq: 30 });
    expect(plan.endSeq).toBe(5000 + TASK_TAIL);
  });
});
