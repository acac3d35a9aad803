/** Number, date and size formatting, in the browser's locale. */

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return integer.format(value);
}

/** `1 dataset`, `12,345 records`. */
export function plural(count: number, one: string, many: string = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : dateFormat.format(time);
}

export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', timeZone: 'UTC' });

/** `'11'` → `November`, for the month level of a date facet. */
export function monthName(month: string): string {
  const number = Number(month);
  if (!Number.isInteger(number) || number < 1 || number > 12) return month;
  return monthFormat.format(Date.UTC(2000, number - 1, 1));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `in 3 minutes`, `in 5 hours`: how long until a time, roughly. */
export function formatWait(until: Date, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((until.getTime() - now) / 1000));
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `in ${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `in ${hours} hours`;
  const days = Math.round(hours / 24);
  return days < 60 ? `in ${days} days` : `on ${dateFormat.format(until)}`;
}
