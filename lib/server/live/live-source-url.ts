import "server-only";
import { z } from "zod";

/** The two live source kinds: readsb/dump1090's BaseStation port, and tar1090's aircraft.json. */
export type LiveSourceAddress =
  | { kind: "sbs1"; url: string; host: string; port: number }
  | { kind: "aircraft-json"; url: string; httpUrl: string };
export type LiveSourceKind = LiveSourceAddress["kind"];

const port = z.coerce.number().int().min(1).max(65535);

/**
 * `sbs1://HOST:PORT` (TCP, as readsb serves on 30003) or `aircraft-json+http://HOST:PORT/PATH`
 * (`+https` too), polled over HTTP. Throws an Error with words for anything else.
 */
export function parseLiveSourceUrl(text: string): LiveSourceAddress {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`${trimmed}: not a source URL (sbs1://HOST:PORT or aircraft-json+http://HOST:PORT/PATH)`);
  }
  if (url.protocol === "sbs1:") {
    const parsed = port.safeParse(url.port || "30003");
    if (!url.hostname || !parsed.success) throw new Error(`${trimmed}: an SBS-1 source needs a host and a port (sbs1://HOST:30003)`);
    return { kind: "sbs1", url: `sbs1://${url.host}`, host: url.hostname.replace(/^\[|\]$/g, ""), port: parsed.data };
  }
  if (url.protocol === "aircraft-json+http:" || url.protocol === "aircraft-json+https:") {
    const httpUrl = trimmed.replace(/^aircraft-json\+/i, "");
    if (!url.hostname) throw new Error(`${trimmed}: an aircraft.json source needs a host`);
    return { kind: "aircraft-json", url: trimmed, httpUrl };
  }
  throw new Error(`${trimmed}: unknown source kind ${url.protocol.replace(/:$/, "")} (sbs1:// or aircraft-json+http://)`);
}
