import type { Filter, WithId } from 'mongodb';
import { Repository } from './repository.js';

/**
 * A repository that keeps one document per watch × source, under the id `watchId|sourceKey`: where
 * a poll got to (cursors), the last schedule slot enqueued (slots).
 */
export abstract class PerWatchSource<T extends { _id: string }> extends Repository<T> {
  protected idOf(watchId: string, sourceKey: string): Filter<T> {
    return { _id: `${watchId}|${sourceKey}` } as Filter<T>;
  }

  protected find(watchId: string, sourceKey: string): Promise<WithId<T> | null> {
    return this.collection.findOne(this.idOf(watchId, sourceKey));
  }
}
