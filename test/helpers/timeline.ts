import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Watch } from '../../domain/watch.js';
import { waitFor, type TestRig } from './env.js';
import { countFlagged } from './counts.js';

export interface TimelineEntry {
  author: string;
  text: string;
  /** Hours after the timeline's start. */
  at: number;
  followers?: number;
}

/**
 * A watch fed by its own replay file: `feed` appends mentions and runs them through the real
 * pipeline (poll → analyze → flag on the test's workers) until every one is flagged and the
 * flag jobs are done.
 */
export class Timeline {
  readonly path: string;
  private lines = 0;

  constructor(
    private readonly rig: TestRig,
    readonly watchId: string,
    private readonly start = Date.UTC(2026, 9, 1),
  ) {
    this.path = join(mkdtempSync(join(tmpdir(), 'earshot-timeline-')), 'mentions.jsonl');
    writeFileSync(this.path, '');
  }

  watch(alerting?: Watch['alerting']): Watch {
    return {
      id: this.watchId,
      name: this.watchId,
      keywords: ['Acme'],
      exclusions: [],
      sources: [{ type: 'replay', file: this.path }],
      schedule: '0 * * * *',
      enabled: true,
      ...(alerting && { alerting }),
    };
  }

  async feed(entries: TimelineEntry[]): Promise<void> {
    const text = entries
      .map((entry) => {
        this.lines += 1;
        return JSON.stringify({
          id: `${this.watchId}-${this.lines}`,
          text: entry.text,
          createdAt: new Date(this.start + entry.at * 3600_000).toISOString(),
          url: `https://replay.test/${entry.author}/${this.lines}`,
          author: { id: entry.author, handle: entry.author, followers: entry.followers ?? 100 },
        });
      })
      .join('\n');
    appendFileSync(this.path, `${text}\n`);
    await this.rig.producer.enqueue('poll', {
      watchId: this.watchId,
      sourceKey: `replay:${this.path}`,
      slot: new Date(Date.UTC(2026, 0, 1) + this.lines * 60_000).toISOString(),
    });
    const expected = this.lines;
    await waitFor(`${expected} mentions of ${this.watchId} flagged`, async () => {
      const flagged = await countFlagged(this.rig.db, { watchId: this.watchId });
      return flagged === expected;
    });
    // Flagging ends with the rollup recount and the spike check: wait for the flag job to finish.
    await waitFor('pipeline queues drained', async () => {
      const queues = [
        this.rig.producer.queues.poll,
        this.rig.producer.queues.analyze,
        this.rig.producer.queues.flag,
      ];
      const counts = await Promise.all(
        queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed')),
      );
      return counts.every((c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0);
    });
  }
}
