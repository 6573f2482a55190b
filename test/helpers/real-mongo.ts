import type { Db } from 'mongodb';

/**
 * Why a test of behaviour only MongoDB has (maxTimeMS, query plans) cannot run here, or null when
 * the store is a real MongoDB. The local store (mongo-java-server) has no `explain` command.
 */
export async function needsRealMongo(db: Db): Promise<string | null> {
  try {
    await db.command({ explain: { count: 'probe' } });
    return null;
  } catch {
    return 'needs a real MongoDB (set MONGODB_URL to one): the local store has no explain or maxTimeMS';
  }
}
