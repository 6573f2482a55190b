import { MongoClient, type Db } from 'mongodb';

/**
 * A test's own connection to its database, for looking at collections directly: the Store hands
 * out repositories only, so what a test inspects at the document level it reads through this.
 */
export async function openTestDb(
  url: string,
  name: string,
): Promise<{ db: Db; close(): Promise<void> }> {
  const client = await new MongoClient(url, { serverSelectionTimeoutMS: 5000 }).connect();
  return { db: client.db(name), close: () => client.close() };
}
