import type { Collection, Db } from 'mongodb';
import type { CurrentModel, EncodedAdaptation, WatchModelInfo } from '../domain/correction.js';
import { isDuplicateKey } from './duplicate-key.js';
import { Repository } from './repository.js';

interface ModelDoc extends WatchModelInfo {
  _id: string;
  weights: EncodedAdaptation;
}

interface CurrentDoc extends Omit<CurrentModel, 'watchId'> {
  _id: string;
}

function withoutId({ _id: _ignored, ...info }: Omit<ModelDoc, 'weights'>): WatchModelInfo {
  return info;
}

function infoOf({ _id: _ignored, weights: _weights, ...info }: ModelDoc): WatchModelInfo {
  return info;
}

/** Each watch's learned models, versioned (1, 2, …) and kept, and which one the watch uses. */
export class WatchModelRepository extends Repository<ModelDoc> {
  /** Which version each watch uses, one document a watch. */
  private readonly current: Collection<CurrentDoc>;

  constructor(db: Db) {
    super(db, 'watch_models', [
      { key: { watchId: 1, version: -1 }, name: 'watch_model_version', unique: true },
    ]);
    this.current = db.collection<CurrentDoc>('watch_model_current');
  }

  /** Stores a new version (the next number); retried when another writer took that number. */
  async add(
    info: Omit<WatchModelInfo, 'version'>,
    weights: EncodedAdaptation,
  ): Promise<WatchModelInfo> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const version = ((await this.latest(info.watchId))?.version ?? 0) + 1;
      const doc: ModelDoc = { _id: `${info.watchId}:${version}`, ...info, version, weights };
      try {
        await this.collection.insertOne(doc);
        return infoOf(doc);
      } catch (error) {
        if (!isDuplicateKey(error)) {
          throw error;
        }
      }
    }
    throw new Error(`watch ${info.watchId}: could not take a model version number`);
  }

  async latest(watchId: string): Promise<WatchModelInfo | null> {
    const doc = await this.collection.findOne(
      { watchId },
      { sort: { version: -1 }, projection: { weights: 0 } },
    );
    return doc ? withoutId(doc) : null;
  }

  async list(watchId: string): Promise<WatchModelInfo[]> {
    const docs = await this.collection
      .find({ watchId }, { projection: { weights: 0 } })
      .sort({ version: -1 })
      .toArray();
    return docs.map(withoutId);
  }

  async weights(watchId: string, version: number): Promise<EncodedAdaptation | null> {
    const doc = await this.collection.findOne({ _id: `${watchId}:${version}` });
    return doc?.weights ?? null;
  }

  /** The version the watch uses, or null for none chosen yet (the shipped analyzer). */
  async currentOf(watchId: string): Promise<CurrentModel | null> {
    const doc = await this.current.findOne({ _id: watchId });
    return doc ? { watchId, version: doc.version, setBy: doc.setBy, setAt: doc.setAt } : null;
  }

  async setCurrent(watchId: string, version: number | null, by: string, at: Date): Promise<void> {
    await this.current.updateOne(
      { _id: watchId },
      { $set: { version, setBy: by, setAt: at } },
      { upsert: true },
    );
  }
}
