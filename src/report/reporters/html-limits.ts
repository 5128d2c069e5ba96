// How much the HTML page shows and embeds: apart from the reporter, so planning a report does not load it.

/** Rows per table and at-risk items shown when `top` is not given. */
export const HTML_TOP = 15;

/** Exchanges the page embeds per brand and agent row for the drill-down (BuildOptions.drill.perGroup). */
export const HTML_DRILL_PER_GROUP = 10;
