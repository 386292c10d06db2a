/** What GetLogEvents and FilterLogEvents share about pages. */

/** A page holds at most 1 MB of events… */
export const MAX_PAGE_BYTES = 1_048_576;
/** …counting each event's message bytes plus this, as PutLogEvents does. */
export const PAGE_EVENT_OVERHEAD = 26;
