import { CronExpressionParser } from 'cron-parser';

/** The latest time at or before `now` at which a cron schedule fires (UTC). */
export function latestSlot(schedule: string, now: Date): Date {
  const expression = CronExpressionParser.parse(schedule, {
    currentDate: new Date(now.getTime() + 1),
    tz: 'UTC',
  });
  return expression.prev().toDate();
}
