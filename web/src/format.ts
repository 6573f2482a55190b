export function when(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function words(value: string): string {
  return value.replace(/_/g, ' ');
}

export function num(value: number, digits = 2): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

/** An ISO instant as a datetime-local input shows it (local time, to the minute). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A datetime-local input's value (local time) as an ISO instant; empty stays empty. */
export function fromLocalInput(value: string): string {
  return value ? new Date(value).toISOString() : '';
}
