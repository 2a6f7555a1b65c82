// The temporal tagger: text + reference date in, TIMEX3 expressions out. Pure.
export type { Timex, TimexType, TimexResolution, RelativeReference, TagOptions } from './types.js';
export { tagTemporalExpressions } from './tag.js';
