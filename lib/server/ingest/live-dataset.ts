import "server-only";

/** The dataset of the live feeds' batches (one every few seconds), told apart from imported files. */
export const LIVE_DATASET = "live";
