import { UsageError } from "./usage-error";

/** "2024-08" → epoch ms of 2024-08-01T00:00:00Z; `option` names the flag in the error. */
export function parseMonth(text: string, option: string): number {
  const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) throw new UsageError(`${option} takes a UTC month as YYYY-MM (e.g. 2024-08), not "${text}"`);
  return Date.UTC(Number(match[1]), month - 1, 1);
}
