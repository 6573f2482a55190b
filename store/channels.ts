import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { Repository } from './repository.js';
import type { AlertChannel } from '../domain/watch.js';

/** Delivery health of one channel of one watch, visible in the `channel_status` collection. */
export interface ChannelStatus {
  watchId: string;
  channelId: string;
  /** Failed deliveries (each after all its attempts) since the last success. */
  consecutiveFailures: number;
  /** Set once `consecutiveFailures` reaches the limit: no more deliveries until the channel changes. */
  failing: boolean;
  lastError: string | null;
  lastFailureAt: Date | null;
  lastSuccessAt: Date | null;
}

type ChannelDoc = ChannelStatus & { _id: string; configHash: string };

/** A changed URL or secret is a new channel: its history of failures does not carry over. */
function configHash(channel: AlertChannel): string {
  return createHash('sha256')
    .update(`${channel.type}\n${channel.url}\n${channel.secret ?? ''}`)
    .digest('hex');
}

export class ChannelStatusRepository extends Repository<ChannelDoc> {
  constructor(db: Db) {
    super(db, 'channel_status');
  }

  async isFailing(watchId: string, channel: AlertChannel): Promise<boolean> {
    const doc = await this.collection.findOne({ _id: `${watchId}|${channel.id}` });
    return doc !== null && doc.failing && doc.configHash === configHash(channel);
  }

  async recordSuccess(watchId: string, channel: AlertChannel): Promise<void> {
    await this.collection.updateOne(
      { _id: `${watchId}|${channel.id}` },
      {
        $set: {
          watchId,
          channelId: channel.id,
          configHash: configHash(channel),
          consecutiveFailures: 0,
          failing: false,
          lastSuccessAt: new Date(),
        },
      },
      { upsert: true },
    );
  }

  /** Counts a failed delivery; returns whether the channel is now marked failing. */
  async recordFailure(
    watchId: string,
    channel: AlertChannel,
    error: string,
    limit: number,
  ): Promise<boolean> {
    const _id = `${watchId}|${channel.id}`;
    const hash = configHash(channel);
    const existing = await this.collection.findOne({ _id });
    const previous = existing && existing.configHash === hash ? existing.consecutiveFailures : 0;
    const failures = previous + 1;
    await this.collection.updateOne(
      { _id },
      {
        $set: {
          watchId,
          channelId: channel.id,
          configHash: hash,
          consecutiveFailures: failures,
          failing: failures >= limit,
          lastError: error,
          lastFailureAt: new Date(),
        },
      },
      { upsert: true },
    );
    return failures >= limit;
  }

  async list(watchId?: string): Promise<ChannelStatus[]> {
    const docs = await this.collection.find(watchId ? { watchId } : {}).toArray();
    return docs.map(({ _id, configHash: _h, ...status }) => ({
      ...status,
      lastError: status.lastError ?? null,
      lastFailureAt: status.lastFailureAt ?? null,
      lastSuccessAt: status.lastSuccessAt ?? null,
    }));
  }
}
