import { z } from 'zod';

/** Who may use the API, from most to least powerful; see README "API" for what each may do. */
export const ROLES = ['admin', 'manager', 'agent', 'marketing'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** What a route needs; each permission lists the roles that hold it. */
export const PERMISSIONS = {
  read: ['admin', 'manager', 'agent', 'marketing'],
  triage: ['admin', 'manager', 'agent'],
  advocates: ['admin', 'manager', 'marketing', 'agent'],
  watchesWrite: ['admin', 'manager'],
  ops: ['admin'],
  team: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const KeyName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, dot, dash, underscore (1-64)');

/** An API key as stored: never the key itself, only its SHA-256. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  /** The first characters of the key, so a person can tell keys apart in `keys list`. */
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The caller of one request, as the auth middleware found it. */
export interface Principal {
  name: string;
  role: Role;
}
