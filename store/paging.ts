import { ObjectId } from 'mongodb';

/** Where a page ended: the sort value and id of its last item. */
export interface PageCursor {
  at: Date;
  id: string;
}

/** Items strictly after the cursor in (field desc, _id desc) order. */
export function pageFilter(after: PageCursor | null, field = 'createdAt'): Record<string, unknown> {
  if (!after) {
    return {};
  }
  const id = new ObjectId(after.id);
  return { $or: [{ [field]: { $lt: after.at } }, { [field]: after.at, _id: { $lt: id } }] };
}
