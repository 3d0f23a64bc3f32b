/**
 * Names shown for gap series, kept distinct everywhere: a gap is only missing data until the
 * coverage model says a receiver should have heard the aircraft (then: suspected switch-off).
 * Plain module (no "use client") so server pages can import the strings too.
 */
export const GAP_SERIES_NAME = "gap (no coverage evidence)";
export const SUSPECTED_SWITCH_OFF_SERIES_NAME = "suspected switch-off";
