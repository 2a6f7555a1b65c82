import type {
  AnchorLink,
  DatedValue,
  DateResolution,
  Granularity,
  RelativeDescriptor,
} from '../model/timeline-model.js';
import { dayNumber, daySpan, formatDay, formatPartial, fromDayNumber, type PartialDate } from './calendar.js';
import { resolveRelative } from './relative.js';

/**
 * Turning what dates an event (explicit value, relative shape, anchor) into a dated value for a
 * given document date. Shared by analysis and by reconciliation, which re-resolves events when it
 * revises a document's date or learns an anchor's date from another document.
 */

export interface DateBasis {
  readonly resolution: DateResolution;
  readonly explicit?: { readonly value: string; readonly granularity: Granularity };
  readonly relative?: RelativeDescriptor;
  readonly anchorLink?: AnchorLink;
  readonly approximate: boolean;
}

/** A calendar for month arithmetic when the year is unknown: a common (non-leap) year, never shown. */
const UNKNOWN_YEAR_CALENDAR = 2001;

function shiftValue(value: string, days: number): string | undefined {
  if (days === 0) return value;
  const span = daySpan(value);
  if (span) return formatDay(span.first + days);
  const m = /^XXXX-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const shifted = fromDayNumber(dayNumber(UNKNOWN_YEAR_CALENDAR, Number(m[1]), Number(m[2])) + days);
    return formatPartial({ month: shifted.month, day: shifted.day });
  }
  return undefined;
}

export function resolveBasis(
  basis: DateBasis,
  documentDate: PartialDate,
  anchorValue: string | undefined,
  documentDateKnown: boolean,
): DatedValue {
  if (basis.explicit)
    return {
      value: basis.explicit.value,
      granularity: basis.explicit.granularity,
      certainty: basis.approximate ? 'approximate' : 'explicit',
    };
  if (basis.relative) {
    const r = resolveRelative(basis.relative, documentDate);
    const certainty = basis.approximate
      ? 'approximate'
      : basis.relative.kind === 'month-day' && documentDate.year !== undefined && documentDateKnown
        ? 'explicit'
        : 'inferred';
    return { value: r.value, granularity: r.granularity, certainty };
  }
  if (basis.anchorLink && anchorValue) {
    const shifted = shiftValue(anchorValue, basis.anchorLink.offsetDays);
    if (shifted) {
      const granularity: Granularity = /^[\dX]{4}-\d{2}-\d{2}$/.test(shifted) ? 'day' : 'unknown';
      return {
        value: shifted,
        granularity,
        certainty: basis.anchorLink.toleranceDays > 0 || basis.approximate ? 'approximate' : 'inferred',
      };
    }
  }
  return { value: 'XXXX-XX-XX', granularity: 'unknown', certainty: 'inferred' };
}
