import { decodeAdaptation } from '../../analysis/adapt/codec.js';
import type { Adaptation } from '../../analysis/adapt/fit.js';
import type { Store } from '../../store/db.js';

/** How long a watch's model stays cached before the store is asked again. */
export const MODEL_CACHE_MS = 60_000;

interface Entry {
  version: number | null;
  adaptation: Adaptation | null;
  loadedAt: number;
}

/**
 * The model each watch scores with, decoded once and kept for `MODEL_CACHE_MS` (a new version or a
 * rollback is picked up within that time, or at once by `forget`). Null means the shipped analyzer.
 */
export class WatchModels {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = MODEL_CACHE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  async current(watchId: string): Promise<Adaptation | null> {
    const cached = this.entries.get(watchId);
    if (cached && this.clock() - cached.loadedAt < this.maxAgeMs) {
      return cached.adaptation;
    }
    const pointer = await this.store.models.currentOf(watchId);
    const version = pointer?.version ?? null;
    const adaptation =
      version === null
        ? null
        : version === cached?.version
          ? cached.adaptation
          : await this.load(watchId, version);
    this.entries.set(watchId, { version, adaptation, loadedAt: this.clock() });
    return adaptation;
  }

  forget(watchId: string): void {
    this.entries.delete(watchId);
  }

  private async load(watchId: string, version: number): Promise<Adaptation | null> {
    const encoded = await this.store.models.weights(watchId, version);
    return encoded ? decodeAdaptation(encoded) : null;
  }
}

const byStore = new WeakMap<Store, WatchModels>();

/** The one cache per store connection, for stages that have no other place to keep it. */
export function watchModelsOf(store: Store): WatchModels {
  let models = byStore.get(store);
  if (!models) {
    models = new WatchModels(store);
    byStore.set(store, models);
  }
  return models;
}
