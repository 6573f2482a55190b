import { z } from 'zod';
import { Role } from './access.js';

/**
 * A person's sign-in email. It doubles as their name in alert history and assignments, so it keeps
 * to the characters an assignee may have (api/query.ts personName).
 */
export const UserEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(64)
  .pipe(z.email('an email address'))
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9_.@-]{0,63}$/, 'letters, digits, dot, dash, underscore'));

export const UserName = z.string().trim().min(1).max(100);

export const Password = z
  .string()
  .min(10, 'at least 10 characters')
  .max(200, 'at most 200 characters');

export const NewUser = z
  .object({ email: UserEmail, name: UserName, role: Role, password: Password })
  .strict();
export type NewUser = z.infer<typeof NewUser>;

/** A person who signs in to the web app, as the API shows them: never the password hash. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
}
