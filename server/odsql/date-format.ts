import { utc, zonedParts } from '../../common/time/zoned-time';

/**
 * ODSQL's `date_format(date, 'pattern')` (ods-api.md §4.4): Joda-style symbols
 * `yy yyyy xx xxxx w ww e E EEEE D DDD M MM MMM MMMM d dd H HH m mm s ss`, text in single quotes
 * copied as is, `''` a literal quote. Month and day names follow the `lang` parameter.
 */

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function names(lang: string, kind: 'month' | 'weekday', width: 'long' | 'short'): string[] {
  let locale = lang;
  try {
    new Intl.DateTimeFormat(locale);
  } catch {
    locale = 'en';
  }
  const format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', [kind]: width });
  if (kind === 'month') return Array.from({ length: 12 }, (_, k) => format.format(Date.UTC(2021, k, 1)));
  // 2021-03-01 was a Monday: index 0 is Monday, as ISO weekdays count.
  return Array.from({ length: 7 }, (_, k) => format.format(Date.UTC(2021, 2, 1 + k)));
}

const nameCache = new Map<string, string[]>();
function cachedNames(lang: string, kind: 'month' | 'weekday', width: 'long' | 'short'): string[] {
  const key = `${lang}|${kind}|${width}`;
  let list = nameCache.get(key);
  if (!list) {
    list = names(lang, kind, width);
    nameCache.set(key, list);
  }
  return list;
}

/** ISO week-numbering year and week of a calendar date. */
function isoWeek(year: number, month: number, day: number): { weekYear: number; week: number } {
  const date = new Date(utc(year, month, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - utc(weekYear, 1, 1)) / 86_400_000 + 1) / 7);
  return { weekYear, week };
}

export function formatDateTimePattern(ms: number, timezone: string, pattern: string, lang: string): string {
  const p = zonedParts(ms, timezone);
  const { weekYear, week } = isoWeek(p.year, p.month, p.day);
  const dayOfYear = Math.round((utc(p.year, p.month, p.day) - utc(p.year, 1, 1)) / 86_400_000) + 1;
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i]!;
    if (char === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      out += pattern.slice(i + 1, end === -1 ? pattern.length : end);
      i = end === -1 ? pattern.length : end + 1;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === char) run++;
    i += run;
    switch (char) {
      case 'y':
        out += run === 2 ? pad(p.year % 100, 2) : pad(p.year, run);
        break;
      case 'x':
        out += run === 2 ? pad(weekYear % 100, 2) : pad(weekYear, run);
        break;
      case 'w':
        out += pad(week, run);
        break;
      case 'e':
        out += String(p.weekday);
        break;
      case 'E':
        out += cachedNames(lang, 'weekday', run >= 4 ? 'long' : 'short')[p.weekday - 1];
        break;
      case 'D':
        out += pad(dayOfYear, run);
        break;
      case 'M':
        out +=
          run >= 4
            ? cachedNames(lang, 'month', 'long')[p.month - 1]
            : run === 3
              ? cachedNames(lang, 'month', 'short')[p.month - 1]
              : pad(p.month, run);
        break;
      case 'd':
        out += pad(p.day, run);
        break;
      case 'H':
        out += pad(p.hour, run);
        break;
      case 'm':
        out += pad(p.minute, run);
        break;
      case 's':
        out += pad(p.second, run);
        break;
      case 'S':
        out += pad(p.millisecond, 3).slice(0, run);
        break;
      default:
        // Anything that is not a pattern letter is copied, as Joda does with punctuation.
        out += char.repeat(run);
    }
  }
  return out;
}
