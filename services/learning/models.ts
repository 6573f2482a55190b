import { decodeAdaptation } from '../../analysis/adapt/codec.js';
import type { Adaptation } from '../../analysis/adapt/fit.js';
import { usable } from '../../analysis/adapt/score.js';
import { SHIPPED_SCORER, type Scorer } from '../../analysis/batch.js';
import { versionName } from '../../domain/correction.js';
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
    return (await this.entry(watchId)).adaptation;
  }

  /**
   * The watch's model with the name its analyses record: the version's name when it is used (a
   * positive gain), otherwise "shipped", as `analyzeFor` then scores with the analyzer alone.
   */
  async scorer(watchId: string): Promise<Scorer> {
    const { version, adaptation } = await this.entry(watchId);
    return scorerFor(version, adaptation);
  }

  private async entry(watchId: string): Promise<Entry> {
    const cached = this.entries.get(watchId);
    if (cached && this.clock() - cached.loadedAt < this.maxAgeMs) {
      return cached;
    }
    const pointer = await this.store.models.currentOf(watchId);
    const version = pointer?.version ?? null;
    const adaptation =
      version === null
        ? null
        : version === cached?.version
          ? cached.adaptation
          : await this.load(watchId, version);
    const entry = { version, adaptation, loadedAt: this.clock() };
    this.entries.set(watchId, entry);
    return entry;
  }

  forget(watchId: string): void {
    this.entries.delete(watchId);
  }

  private async load(watchId: string, version: number): Promise<Adaptation | null> {
    const encoded = await this.store.models.weights(watchId, version);
    return encoded ? decodeAdaptation(encoded) : null;
  }
}

/** A version and its decoded model as a scorer: named only when its model is used (positive gain). */
export function scorerFor(version: number | null, adaptation: Adaptation | null): Scorer {
  return usable(adaptation) ? { name: versionName(version), adaptation } : SHIPPED_SCORER;
}

/** The scorer of one stored version, read from the store (not the cache); null when not stored. */
export async function loadScorer(
  store: Store,
  watchId: string,
  version: number | null,
): Promise<Scorer | null> {
  if (version === null) {
    return SHIPPED_SCORER;
  }
  const encoded = await store.models.weights(watchId, version);
  return encoded ? scorerFor(version, decodeAdaptation(encoded)) : null;
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
