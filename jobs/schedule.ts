import { CronExpressionParser } from 'cron-parser';

/** The latest time at or before `now` at which a cron schedule fires (UTC). */
export function latestSlot(schedule: string, now: Date): Date {
  const expression = CronExpressionParser.parse(schedule, {
    currentDate: new Date(now.getTime() + 1),
    tz: 'UTC',
  });
  return expression.prev().toDate();
}

/** The next `count` times after `now` at which a cron schedule fires (UTC). */
export function nextSlots(schedule: string, now: Date, count: number): Date[] {
  const expression = CronExpressionParser.parse(schedule, { currentDate: now, tz: 'UTC' });
  return Array.from({ length: count }, () => expression.next().toDate());
}
