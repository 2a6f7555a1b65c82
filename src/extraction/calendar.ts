// The extraction's calendar is the shared one (src/calendar): day numbers, ISO weeks, partial dates.
export {
  dayNumber,
  daySpan,
  formatDay,
  formatIsoWeek,
  formatPartial,
  fromDayNumber,
  fullDayNumber,
  isoWeekday,
  parsePartialDay,
  valueHolds,
  weekdayOffset,
  type PartialDate,
} from '../calendar/index.js';
