import { z } from 'zod';
import { SEVERITIES } from '../domain/alert.js';

/** The pipeline's queues, in the order a mention passes through them. */
export const QUEUE_NAMES = ['poll', 'analyze', 'flag', 'notify', 'retrain', 'rescore'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const objectIdHex = z.string().regex(/^[0-9a-f]{24}$/, 'a 24-character hex ObjectId');

/** Fetch new mentions of one watch from one of its sources. */
export const PollJob = z.object({
  watchId: z.string().min(1),
  sourceKey: z.string().min(1),
  /** The schedule slot (ISO time) this poll is for; makes the job id deterministic. */
  slot: z.string().datetime(),
});
export type PollJob = z.infer<typeof PollJob>;

/** Score a batch of stored mentions, then hand them to the flag stage. */
export const AnalyzeJob = z.object({
  watchId: z.string().min(1),
  mentionIds: z.array(objectIdHex).min(1).max(1000),
});
export type AnalyzeJob = z.infer<typeof AnalyzeJob>;

/** Update author profiles and raise alerts for a batch of analysed mentions. */
export const FlagJob = AnalyzeJob;
export type FlagJob = z.infer<typeof FlagJob>;

/** Deliver one new or escalated alert to one channel of its watch. */
export const NotifyJob = z.object({
  alertId: objectIdHex,
  watchId: z.string().min(1),
  channelId: z.string().min(1),
  event: z.enum(['new', 'escalated']),
  severity: z.enum(SEVERITIES),
});
export type NotifyJob = z.infer<typeof NotifyJob>;

/**
 * Retrain one watch's model from its corrections. `marker` makes the id deterministic: the
 * active-correction count for a threshold trigger, the schedule slot for the scheduled run.
 */
export const RetrainJob = z.object({
  watchId: z.string().min(1),
  marker: z.string().min(1).max(64),
});
export type RetrainJob = z.infer<typeof RetrainJob>;

/**
 * Score a watch's recent mentions again with the model it switched to (null: the shipped analyzer)
 * at `switchedAt`; the switch makes the id deterministic, so each switch is re-scored once. A later
 * `round` comes back for mentions that were still in the flag stage.
 */
export const RescoreJob = z.object({
  watchId: z.string().min(1),
  version: z.number().int().min(1).nullable(),
  switchedAt: z.string().datetime(),
  round: z.number().int().min(1).max(10).optional(),
});
export type RescoreJob = z.infer<typeof RescoreJob>;

export const JOB_SCHEMAS = {
  poll: PollJob,
  analyze: AnalyzeJob,
  flag: FlagJob,
  notify: NotifyJob,
  retrain: RetrainJob,
  rescore: RescoreJob,
} as const;

export interface JobPayloads {
  poll: PollJob;
  analyze: AnalyzeJob;
  flag: FlagJob;
  notify: NotifyJob;
  retrain: RetrainJob;
  rescore: RescoreJob;
}
