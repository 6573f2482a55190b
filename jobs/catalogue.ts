import { z } from 'zod';

/** The pipeline's queues, in the order a mention passes through them. */
export const QUEUE_NAMES = ['poll', 'analyze', 'flag'] as const;
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

export const JOB_SCHEMAS = { poll: PollJob, analyze: AnalyzeJob, flag: FlagJob } as const;

export interface JobPayloads {
  poll: PollJob;
  analyze: AnalyzeJob;
  flag: FlagJob;
}
