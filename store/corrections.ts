import { ObjectId, type Db } from 'mongodb';
import { Repository } from './repository.js';
import type { Correction } from '../domain/correction.js';

interface CorrectionDoc extends Omit<Correction, 'id'> {
  _id: ObjectId;
}

function toCorrection({ _id, ...doc }: CorrectionDoc): Correction {
  return { id: _id.toHexString(), ...doc };
}

/** Labels people gave mentions; never deleted, an undo is recorded on the correction. */
export class CorrectionRepository extends Repository<CorrectionDoc> {
  constructor(db: Db) {
    super(db, 'corrections', [
      { key: { watchId: 1, at: -1, _id: -1 }, name: 'correction_watch_newest' },
      { key: { mentionId: 1, at: -1 }, name: 'correction_mention' },
    ]);
  }

  async record(correction: Omit<Correction, 'id'>): Promise<Correction> {
    const doc: CorrectionDoc = { _id: new ObjectId(), ...correction };
    await this.collection.insertOne(doc);
    return toCorrection(doc);
  }

  async get(id: string): Promise<Correction | null> {
    const doc = await this.collection.findOne({ _id: new ObjectId(id) });
    return doc ? toCorrection(doc) : null;
  }

  /** A watch's corrections, newest first; undone ones too unless `activeOnly`. */
  async list(watchId: string, limit: number, activeOnly = false): Promise<Correction[]> {
    const filter = activeOnly ? { watchId, undoneAt: null } : { watchId };
    const docs = await this.collection
      .find(filter)
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map(toCorrection);
  }

  /** Marks a correction undone; false when it does not exist or was undone already. */
  async undo(id: string, by: string, at: Date): Promise<boolean> {
    const result = await this.collection.updateOne(
      { _id: new ObjectId(id), undoneAt: null },
      { $set: { undoneAt: at, undoneBy: by } },
    );
    return result.modifiedCount === 1;
  }

  /** The labels to learn from: per mention, its latest correction that is not undone. */
  async active(watchId: string): Promise<Correction[]> {
    const docs = await this.collection
      .find({ watchId, undoneAt: null })
      .sort({ at: -1, _id: -1 })
      .toArray();
    const latest = new Map<string, Correction>();
    for (const doc of docs) {
      if (!latest.has(doc.mentionId)) {
        latest.set(doc.mentionId, toCorrection(doc));
      }
    }
    return [...latest.values()].sort((a, b) => a.mentionId.localeCompare(b.mentionId));
  }
}
