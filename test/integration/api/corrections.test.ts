import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Correction, WatchModelInfo } from '../../../domain/correction.js';
import type { AnalyzeJob, RescoreJob } from '../../../jobs/catalogue.js';
import { WatchModels } from '../../../services/learning/models.js';
import { retrainWatch } from '../../../services/learning/retrain.js';
import { analyze } from '../../../analysis/analyze.js';
import { encodeAdaptation } from '../../../analysis/adapt/codec.js';
import { fitAdaptation } from '../../../analysis/adapt/fit.js';
import { mentionId } from '../../../store/mentions.js';
import { processAnalyze } from '../../../workers/analyze.js';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';
import { BROKEN, PLAIN } from '../../helpers/zorbed.js';
import { seedAlert, seedMention } from '../../helpers/seed.js';

const json = { 'content-type': 'application/json' };
const NOW = new Date('2026-11-02T10:00:00Z');

describe('API corrections: relabel mentions, list, undo, models and rollback', () => {
  let rig: TestRig;
  let api: TestApi;

  beforeAll(async () => {
    rig = await createRig('api_corrections');
    api = await startApi(rig);
  });

  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  function patchLabel(id: string, body: unknown, role: 'agent' | 'marketing' | 'admin' = 'agent') {
    return api.call(`/mentions/${id}`, {
      method: 'PATCH',
      role,
      headers: json,
      body: JSON.stringify(body),
    });
  }

  it('records who, when, from, to and the analysis version of a correction', async () => {
    const mention = await seedMention(rig, { authorId: 'a1', label: 'negative', watchId: 'w1' });
    const response = await patchLabel(mention.id, { label: 'neutral' });
    expect(response.status, await response.clone().text()).toBe(200);
    const correction = (await response.json()) as Correction;
    expect(correction).toMatchObject({
      watchId: 'w1',
      mentionId: mention.id,
      from: 'negative',
      to: 'neutral',
      by: expect.stringMatching(/^test-agent-/) as string,
      analysisVersion: 'shipped',
      origin: 'mention',
      undoneAt: null,
    });
    const list = await api.call('/corrections?watch=w1');
    const { items } = (await list.json()) as { items: Correction[] };
    expect(items.map((item) => item.id)).toEqual([correction.id]);
  });

  it('lets only roles that may triage correct', async () => {
    const mention = await seedMention(rig, { authorId: 'a2', watchId: 'w2' });
    expect((await patchLabel(mention.id, { label: 'neutral' }, 'marketing')).status).toBe(403);
    expect((await patchLabel(mention.id, { label: 'neutral' }, 'admin')).status).toBe(200);
  });

  it('answers a bad label with a 400 naming the field, and writes nothing', async () => {
    const mention = await seedMention(rig, { authorId: 'a3', watchId: 'w3' });
    for (const body of [{ label: 'angry' }, {}, { label: 'neutral', colour: 'red' }]) {
      const response = await patchLabel(mention.id, body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      const problem = (await response.json()) as { detail: string };
      expect(problem.detail).toMatch('colour' in body ? /colour/ : /^label:/);
    }
    expect((await patchLabel('0123456789abcdef01234567', { label: 'neutral' })).status).toBe(404);
    const list = await api.call('/corrections?watch=w3');
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    const noWatch = await api.call('/corrections');
    expect(noWatch.status).toBe(400);
    expect(((await noWatch.json()) as { detail: string }).detail).toMatch(/^watch:/);
  });

  it('undoes a correction once', async () => {
    const mention = await seedMention(rig, { authorId: 'a4', watchId: 'w4' });
    const made = (await (await patchLabel(mention.id, { label: 'positive' })).json()) as Correction;
    const undo = await api.call(`/corrections/${made.id}/undo`, { method: 'POST', role: 'agent' });
    expect(undo.status).toBe(200);
    expect(((await undo.json()) as Correction).undoneBy).toMatch(/^test-agent-/);
    const again = await api.call(`/corrections/${made.id}/undo`, { method: 'POST' });
    expect(again.status).toBe(404);
    expect(await rig.store.corrections.active('w4')).toEqual([]);
    const forbidden = await api.call(`/corrections/${made.id}/undo`, {
      method: 'POST',
      role: 'marketing',
    });
    expect(forbidden.status).toBe(403);
  });

  it('corrects the evidence of a complaint alert dismissed as "not a complaint"', async () => {
    const alertId = await seedAlert(rig, { authorId: 'a5', watchId: 'w5', label: 'negative' });
    const response = await api.call(`/alerts/${alertId}`, {
      method: 'PATCH',
      role: 'agent',
      headers: json,
      body: JSON.stringify({ status: 'dismissed', reason: 'not a complaint' }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const corrections = await rig.store.corrections.active('w5');
    expect(corrections.map((entry) => [entry.from, entry.to, entry.origin])).toEqual([
      ['negative', 'neutral', 'alert_dismissal'],
    ]);
    const misuse = await api.call(`/alerts/${alertId}`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ assignee: 'sam', reason: 'not a complaint' }),
    });
    expect(misuse.status).toBe(400);
    expect(((await misuse.json()) as { detail: string }).detail).toMatch(/^reason:/);
  });

  it('retrains into versions, uses a model only with gain, and rolls back', async () => {
    for (const [index, text] of [...BROKEN, ...PLAIN].entries()) {
      const mention = await seedMention(rig, {
        authorId: `m${index}`,
        watchId: 'w6',
        text,
        label: 'neutral',
      });
      const label = BROKEN.includes(text) ? 'negative' : 'neutral';
      expect((await patchLabel(mention.id, { label })).status).toBe(200);
    }
    const first = await retrainWatch(rig.store, 'w6', NOW);
    expect(first.trained).toBe(true);
    expect(first.model).toMatchObject({ version: 1, corrections: BROKEN.length + PLAIN.length });
    expect(first.promoted).toBe((first.model?.gain ?? 0) > 0);
    // Retraining on the same corrections stores nothing new.
    expect((await retrainWatch(rig.store, 'w6', NOW)).trained).toBe(false);

    const listed = await api.call('/watches/w6/models');
    const body = (await listed.json()) as {
      current: { name: string };
      versions: WatchModelInfo[];
    };
    expect(body.versions.map((version) => version.version)).toEqual([1]);
    expect(body.current.name).toBe(first.promoted ? 'v1' : 'shipped');

    const choose = (version: unknown, role: 'admin' | 'agent' = 'admin') =>
      api.call('/watches/w6/models/current', {
        method: 'PUT',
        role,
        headers: json,
        body: JSON.stringify({ version }),
      });
    expect((await choose(1)).status).toBe(200);
    expect((await rig.store.models.currentOf('w6'))?.version).toBe(1);
    expect((await choose('shipped')).status).toBe(200);
    expect((await rig.store.models.currentOf('w6'))?.version).toBeNull();
    expect((await choose(9)).status).toBe(404);
    expect((await choose(1, 'agent')).status).toBe(403);
    const bad = await choose('latest');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/^version:/);
  });

  // Stores a model trained on the hand-written corrections with the gain given, as current.
  async function pinModel(watchId: string, gain: number): Promise<void> {
    const examples = [...BROKEN, ...PLAIN].map((text) => ({
      text,
      label: BROKEN.includes(text) ? ('negative' as const) : ('neutral' as const),
    }));
    const adaptation = { ...fitAdaptation(examples, 1), gain };
    const info = await rig.store.models.add(
      {
        watchId,
        createdAt: NOW,
        corrections: adaptation.corrections,
        cv: adaptation.cv,
        gain,
        seed: 1,
        fingerprint: `pinned-${gain}`,
      },
      encodeAdaptation(adaptation),
    );
    await rig.store.models.setCurrent(watchId, info.version, 'test', NOW);
  }

  async function analyzeFresh(watchId: string, text: string) {
    const externalId = `fresh-${watchId}`;
    await rig.store.mentions.insertNew([
      {
        watchId,
        source: 'replay',
        externalId,
        url: null,
        text,
        author: { id: 'z', handle: 'z', name: null, followers: 1 },
        createdAt: NOW,
        engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
        lang: 'en',
        rating: null,
      },
    ]);
    const fresh = await rig.db.collection('mentions').findOne({ externalId });
    const id = fresh!._id.toHexString();
    await processAnalyze(
      { id: 'a', data: { watchId, mentionIds: [id] } } as Job<AnalyzeJob>,
      rig.deps,
    );
    const [scored] = await rig.store.mentions.findByIds([id]);
    return scored!.analysis!;
  }

  it('scores with the watch model in the analyze stage, only when its gain is positive', async () => {
    await pinModel('w7', 0.05);
    const used = await analyzeFresh('w7', 'my basket got zorbed');
    expect(used.label).toBe('negative');
    expect(used.evidence.at(-1)).toMatch(/^learned from 15 corrections: "zorbed" −/);
    expect(used.model).toBe('v1');

    await pinModel('w8', -0.01);
    const unused = await analyzeFresh('w8', 'my basket got zorbed');
    expect(unused).toMatchObject({ ...analyze('my basket got zorbed'), model: 'shipped' });
  });

  it('records in a correction the model that scored the mention, not the one in use now', async () => {
    await pinModel('w10', 0.05);
    expect((await analyzeFresh('w10', 'my basket got zorbed')).model).toBe('v1');
    await rig.store.models.setCurrent('w10', null, 'test', NOW);
    const id = mentionId('w10', 'replay', 'fresh-w10').toHexString();
    const response = await patchLabel(id, { label: 'neutral' });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(((await response.json()) as Correction).analysisVersion).toBe('v1');
  });

  it('asks for a re-score of the watch when its model is chosen through the API', async () => {
    await pinModel('w11', 0.05);
    const withQueue = await startApi(rig, {}, { producer: rig.producer, rescoreDays: 7 });
    try {
      const response = await withQueue.call('/watches/w11/models/current', {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ version: 'shipped' }),
      });
      expect(response.status).toBe(200);
      const setAt = (await rig.store.models.currentOf('w11'))!.setAt;
      const jobs = await rig.producer.queues.rescore.getJobs(['waiting', 'delayed']);
      expect(jobs.map((job) => job.data as RescoreJob)).toContainEqual({
        watchId: 'w11',
        version: null,
        switchedAt: setAt.toISOString(),
      });
    } finally {
      await withQueue.close();
    }
  });

  it('loads a changed model once its cache entry is old', async () => {
    let now = 0;
    const models = new WatchModels(rig.store, 1000, () => now);
    await pinModel('w9', 0.05);
    expect((await models.current('w9'))?.gain).toBe(0.05);
    await rig.store.models.setCurrent('w9', null, 'test', NOW);
    expect((await models.current('w9'))?.gain).toBe(0.05);
    now = 1000;
    expect(await models.current('w9')).toBeNull();
  });
});
