import { createHash, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { Repository } from './repository.js';
import type { ApiKey, Role } from '../domain/access.js';
import { KeyNameTaken } from '../domain/errors.js';
import { isDuplicateKey } from './duplicate-key.js';

interface KeyDoc extends Omit<ApiKey, 'id'> {
  /** SHA-256 of the key, hex: a key has 256 random bits, so a plain hash is enough. */
  _id: string;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newKey(): string {
  return `esk_${randomBytes(32).toString('base64url')}`;
}

function toKey({ _id, ...doc }: KeyDoc): ApiKey {
  return { id: _id.slice(0, 12), ...doc };
}

export class KeyRepository extends Repository<KeyDoc> {
  constructor(db: Db) {
    super(db, 'api_keys', [{ key: { name: 1 }, name: 'key_name', unique: true }]);
  }

  /** Creates a key and returns it: the only time the key itself is seen. */
  async create(name: string, role: Role): Promise<{ key: string; record: ApiKey }> {
    const key = newKey();
    const doc: KeyDoc = {
      _id: hashKey(key),
      name,
      role,
      prefix: key.slice(0, 10),
      createdAt: new Date(),
      revokedAt: null,
    };
    try {
      await this.collection.insertOne(doc);
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new KeyNameTaken(name);
      }
      throw error;
    }
    return { key, record: toKey(doc) };
  }

  /** Makes sure this key exists as an active admin key (ADMIN_API_KEY at start-up). */
  async ensureAdmin(key: string, name = 'admin-env'): Promise<void> {
    await this.collection.deleteMany({ name, _id: { $ne: hashKey(key) } });
    await this.collection.updateOne(
      { _id: hashKey(key) },
      {
        $set: { name, role: 'admin', prefix: key.slice(0, 10), revokedAt: null },
        $setOnInsert: { createdAt: new Date() },
      },
      { upsert: true },
    );
  }

  /** The active key matching this secret, or null. */
  async authenticate(key: string): Promise<ApiKey | null> {
    const doc = await this.collection.findOne({ _id: hashKey(key), revokedAt: null });
    return doc ? toKey(doc) : null;
  }

  async list(): Promise<ApiKey[]> {
    const docs = await this.collection.find({}).sort({ name: 1 }).toArray();
    return docs.map(toKey);
  }

  /** Which of these key hashes (hashKey) still belong to an active key; for long-lived streams. */
  async activeHashes(hashes: string[]): Promise<Set<string>> {
    const docs = await this.collection
      .find({ _id: { $in: hashes }, revokedAt: null }, { projection: { _id: 1 } })
      .toArray();
    return new Set(docs.map((doc) => doc._id));
  }

  /** Revokes the key of this name; false when there is no active key by that name. */
  async revoke(name: string): Promise<boolean> {
    const result = await this.collection.updateOne(
      { name, revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
    return result.modifiedCount === 1;
  }
}
