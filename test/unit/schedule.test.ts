import { describe, expect, it } from 'vitest';
import { jobId } from '../../jobs/options.js';
import { latestSlot, nextSlots } from '../../jobs/schedule.js';

const at = (iso: string): Date => new Date(iso);
const slot = (schedule: string, now: string): string => latestSlot(schedule, at(now)).toISOString();

describe('latestSlot', () => {
  it('returns the time itself when it is exactly a slot', () => {
    expect(slot('*/15 * * * *', '2024-05-01T12:15:00.000Z')).toBe('2024-05-01T12:15:00.000Z');
    expect(slot('0 * * * *', '2024-05-01T00:00:00.000Z')).toBe('2024-05-01T00:00:00.000Z');
  });

  it('returns the previous slot when the time falls between slots', () => {
    expect(slot('*/15 * * * *', '2024-05-01T12:15:00.001Z')).toBe('2024-05-01T12:15:00.000Z');
    expect(slot('*/15 * * * *', '2024-05-01T12:29:59.999Z')).toBe('2024-05-01T12:15:00.000Z');
    expect(slot('*/15 * * * *', '2024-05-01T12:30:00.000Z')).toBe('2024-05-01T12:30:00.000Z');
  });

  it('reads six-field expressions with seconds', () => {
    expect(slot('*/10 * * * * *', '2024-05-01T12:15:07.500Z')).toBe('2024-05-01T12:15:00.000Z');
    expect(slot('*/10 * * * * *', '2024-05-01T12:15:10.000Z')).toBe('2024-05-01T12:15:10.000Z');
    expect(slot('30 */5 * * * *', '2024-05-01T12:04:59.000Z')).toBe('2024-05-01T12:00:30.000Z');
  });

  it('goes back to the previous day for a daily schedule before its time', () => {
    expect(slot('0 6 * * *', '2024-05-01T05:00:00.000Z')).toBe('2024-04-30T06:00:00.000Z');
    expect(slot('0 6 * * *', '2024-05-01T18:30:00.000Z')).toBe('2024-05-01T06:00:00.000Z');
    expect(slot('0 6 * * *', '2024-03-01T05:59:59.999Z')).toBe('2024-02-29T06:00:00.000Z');
  });

  it('reads the schedule in UTC', () => {
    expect(slot('0 0 * * *', '2024-05-01T00:30:00.000Z')).toBe('2024-05-01T00:00:00.000Z');
  });
});

describe('jobId', () => {
  const poll = {
    watchId: 'acme',
    sourceKey: 'reddit:r/devops',
    slot: '2024-05-01T12:15:00.000Z',
  };

  it('gives the same poll payload the same id', () => {
    expect(jobId('poll', { ...poll })).toBe(jobId('poll', { ...poll }));
  });

  it('gives the same id to one slot however its time is written', () => {
    expect(jobId('poll', { ...poll, slot: '2024-05-01T12:15:00Z' })).toBe(jobId('poll', poll));
  });

  it('gives a different slot, source or watch a different id', () => {
    const base = jobId('poll', poll);
    expect(jobId('poll', { ...poll, slot: '2024-05-01T12:30:00.000Z' })).not.toBe(base);
    expect(jobId('poll', { ...poll, sourceKey: 'reddit' })).not.toBe(base);
    expect(jobId('poll', { ...poll, watchId: 'acme-cloud' })).not.toBe(base);
  });

  it('builds poll ids from the watch, a digest of the source and the slot time', () => {
    expect(jobId('poll', poll)).toMatch(/^poll-acme-[0-9a-f]{20}-1714565700000$/);
  });

  it('never puts a colon in an id, even from a source key and ISO time that have them', () => {
    const batch = { watchId: 'acme', mentionIds: ['665f00000000000000000001'] };
    for (const id of [
      jobId('poll', poll),
      jobId('poll', { ...poll, sourceKey: 'replay:/data/a:b.jsonl' }),
      jobId('analyze', batch),
      jobId('flag', batch),
    ]) {
      expect(id).not.toContain(':');
    }
  });

  it('gives the same batch the same id within a queue and different ids across queues', () => {
    const batch = {
      watchId: 'acme',
      mentionIds: ['665f00000000000000000001', '665f00000000000000000002'],
    };
    expect(jobId('analyze', batch)).toBe(jobId('analyze', { ...batch }));
    expect(jobId('analyze', batch)).toMatch(/^analyze-acme-[0-9a-f]{20}$/);
    expect(jobId('flag', batch)).toMatch(/^flag-acme-[0-9a-f]{20}$/);
    expect(jobId('flag', batch)).not.toBe(jobId('analyze', batch));
    expect(jobId('analyze', { ...batch, mentionIds: ['665f00000000000000000001'] })).not.toBe(
      jobId('analyze', batch),
    );
  });
});

describe('nextSlots', () => {
  it('gives the next runs after a given time, in order', () => {
    const now = new Date('2026-11-20T10:17:00.000Z');
    expect(nextSlots('*/30 * * * *', now, 3).map((d) => d.toISOString())).toEqual([
      '2026-11-20T10:30:00.000Z',
      '2026-11-20T11:00:00.000Z',
      '2026-11-20T11:30:00.000Z',
    ]);
  });
});
