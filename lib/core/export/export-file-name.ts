import type { FlightRecord } from "../flight-record";

/**
 * A download file name for one flight: lower case letters, digits, `_` and `-` only, whatever the
 * callsign holds (it comes from the data and may contain anything).
 * @example exportFileName({ key: "3c4b26-42", callsign: "CUB1234", … }, "csv") // "darkflight_cub1234_3c4b26-42.csv"
 * @example exportFileName({ key: "3c4b26-42", callsign: null, … }, "kml")      // "darkflight_3c4b26-42.kml"
 */
export function exportFileName(flight: Pick<FlightRecord, "key" | "callsign">, ext: string): string {
  const callsign = safePart(flight.callsign ?? "", /[^a-z0-9]+/g).slice(0, 16);
  const key = safePart(flight.key, /[^a-z0-9-]+/g).slice(0, 40) || "flight";
  const extension = safePart(ext, /[^a-z0-9.]+/g).replace(/^\.+|\.+$/g, "") || "bin";
  return ["darkflight", callsign, key].filter(Boolean).join("_") + `.${extension}`;
}

function safePart(s: string, unsafe: RegExp): string {
  return s.trim().toLowerCase().replace(unsafe, "");
}
