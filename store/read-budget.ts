import type { FindCursor } from 'mongodb';
import { QueryTimeoutError } from '../domain/errors.js';

/** How long one read may run on the server before the server stops it (maxTimeMS); none if unset. */
export interface ReadBudget {
  maxTimeMS?: number;
}

/** MongoDB's error code for a query stopped by maxTimeMS. */
const MAX_TIME_MS_EXPIRED = 50;

/** The cursor's documents, read within the budget: past it, a QueryTimeoutError. */
export async function readWithin<T>(cursor: FindCursor<T>, budget: ReadBudget): Promise<T[]> {
  const { maxTimeMS } = budget;
  if (maxTimeMS === undefined) {
    return cursor.toArray();
  }
  try {
    return await cursor.maxTimeMS(maxTimeMS).toArray();
  } catch (error) {
    if ((error as { code?: unknown }).code === MAX_TIME_MS_EXPIRED) {
      throw new QueryTimeoutError(maxTimeMS);
    }
    throw error;
  }
}
