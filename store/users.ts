import { ObjectId, type Db } from 'mongodb';
import { definedFields } from './filters.js';
import { Repository } from './repository.js';
import type { Role } from '../domain/access.js';
import type { NewUser, User } from '../domain/user.js';
import { ConflictError } from '../domain/errors.js';
import { isDuplicateKey } from './duplicate-key.js';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords.js';

interface UserDoc extends Omit<User, 'id'> {
  _id: ObjectId;
  passwordHash: string;
}

function toUser({ _id, passwordHash: _hash, ...doc }: UserDoc): User {
  return { id: _id.toHexString(), ...doc };
}

export interface UserChange {
  name?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
}

/** People who sign in to the web app; API keys (store/keys.ts) stay for machines. */
export class UserRepository extends Repository<UserDoc> {
  constructor(db: Db) {
    super(db, 'users', [{ key: { email: 1 }, name: 'user_email', unique: true }]);
  }

  async create(user: NewUser, now = new Date()): Promise<User> {
    const doc: UserDoc = {
      _id: new ObjectId(),
      email: user.email,
      name: user.name,
      role: user.role,
      createdAt: now,
      disabledAt: null,
      passwordHash: await hashPassword(user.password),
    };
    try {
      await this.collection.insertOne(doc);
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new ConflictError('email', `a user with email ${user.email} exists already`);
      }
      throw error;
    }
    return toUser(doc);
  }

  /** ADMIN_EMAIL + ADMIN_PASSWORD at start-up: an active admin with that password. */
  async ensureAdmin(email: string, password: string, now = new Date()): Promise<User> {
    const existing = await this.collection.findOne({ email });
    const passwordHash =
      existing && (await verifyPassword(password, existing.passwordHash))
        ? existing.passwordHash
        : await hashPassword(password);
    await this.collection.updateOne(
      { email },
      {
        $set: { role: 'admin', disabledAt: null, passwordHash },
        $setOnInsert: { _id: new ObjectId(), name: 'Admin', createdAt: now },
      },
      { upsert: true },
    );
    return toUser((await this.collection.findOne({ email }))!);
  }

  /** The active user with this email and password, or null (as slow for an unknown email). */
  async verify(email: string, password: string): Promise<User | null> {
    const doc = await this.collection.findOne({ email, disabledAt: null });
    const ok = await verifyPassword(password, doc?.passwordHash ?? DECOY_HASH);
    return ok && doc ? toUser(doc) : null;
  }

  async get(id: string): Promise<User | null> {
    if (!ObjectId.isValid(id)) {
      return null;
    }
    const doc = await this.collection.findOne({ _id: new ObjectId(id) });
    return doc ? toUser(doc) : null;
  }

  async byEmail(email: string): Promise<User | null> {
    const doc = await this.collection.findOne({ email });
    return doc ? toUser(doc) : null;
  }

  async list(): Promise<User[]> {
    return (await this.collection.find({}).sort({ email: 1 }).toArray()).map(toUser);
  }

  /** Applies the change; null when there is no such user. */
  async update(id: string, change: UserChange, now = new Date()): Promise<User | null> {
    const set: Partial<UserDoc> = definedFields({ name: change.name, role: change.role });
    if (change.disabled !== undefined) {
      set.disabledAt = change.disabled ? now : null;
    }
    if (change.password !== undefined) {
      set.passwordHash = await hashPassword(change.password);
    }
    const doc = await this.collection.findOneAndUpdate(
      { _id: new ObjectId(id) },
      { $set: set },
      { returnDocument: 'after' },
    );
    return doc ? toUser(doc) : null;
  }
}
