import "server-only";
import dns from "node:dns";
import net from "node:net";
import os from "node:os";
import { serverEnv } from "../env";

/**
 * Where a webhook may not point: this machine (loopback, "any", its own interfaces' addresses), link-local (169.254/16 holds
 * the cloud metadata service), multicast and broadcast. An analyst's URL is posted by the
 * server, and its answer (status, error) is shown back: without this a rule could probe what only
 * the server reaches. Private networks stay allowed (a newsroom's own Mattermost or Slack relay
 * on the LAN); DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS=1 allows the rest (a receiver on this machine).
 */
const LOCAL = new net.BlockList();
LOCAL.addSubnet("0.0.0.0", 8, "ipv4");
LOCAL.addSubnet("127.0.0.0", 8, "ipv4");
LOCAL.addSubnet("169.254.0.0", 16, "ipv4");
LOCAL.addSubnet("224.0.0.0", 4, "ipv4");
LOCAL.addAddress("255.255.255.255", "ipv4");
LOCAL.addAddress("::", "ipv6");
LOCAL.addAddress("::1", "ipv6");
LOCAL.addSubnet("fe80::", 10, "ipv6");
LOCAL.addSubnet("ff00::", 8, "ipv6");

/** The error a refused address raises (its code is what the delivery log words). */
export const LOCAL_TARGET_CODE = "EWEBHOOKLOCAL";

export function localTargetRefused(): NodeJS.ErrnoException {
  return Object.assign(new Error("local webhook address refused"), { code: LOCAL_TARGET_CODE });
}

/**
 * Whether an IP address (v4, v6, or v4 mapped into v6) is one a webhook may not reach: the
 * ranges above, or an address of one of this machine's own interfaces (its LAN address reaches
 * what listens on every interface as surely as 127.0.0.1 does).
 */
export function isLocalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address;
  const family = net.isIP(plain);
  if (family === 0) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  return LOCAL.check(plain, type) || ownAddresses().check(plain, type);
}

/** This machine's interface addresses, read at each check (interfaces come and go; webhooks are few). */
function ownAddresses(): net.BlockList {
  const own = new net.BlockList();
  for (const entry of Object.values(os.networkInterfaces()).flat()) {
    if (entry) own.addAddress(entry.address, entry.family === "IPv4" ? "ipv4" : "ipv6");
  }
  return own;
}

const localAllowed = () => serverEnv().DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS;

/**
 * Why this URL's host may not be a webhook, as far as its name tells (an IP written out, or
 * localhost), or null. Names are checked again when resolved, at each delivery.
 */
export function localTargetReason(url: string): string | null {
  if (localAllowed()) return null;
  let host: string;
  try {
    // "localhost." is localhost too.
    host = new URL(url).hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  } catch {
    return null;
  }
  if (host === "localhost" || host.endsWith(".localhost") || (net.isIP(host) !== 0 && isLocalAddress(host))) {
    return "a webhook may not point at this machine, a link-local or a multicast address (set DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS=1 to allow it)";
  }
  return null;
}

/**
 * A DNS lookup for the webhook's connection that refuses local addresses: the address checked is
 * the address connected to (a name that resolves elsewhere at the next lookup changes nothing).
 */
export const webhookLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const refused = !localAllowed() && addresses.some((a) => isLocalAddress(a.address));
    if (refused || addresses.length === 0) {
      return callback(localTargetRefused(), "", 0);
    }
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};
