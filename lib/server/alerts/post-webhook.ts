import "server-only";
import http from "node:http";
import https from "node:https";
import { localTargetReason, localTargetRefused, webhookLookup } from "./webhook-target";

/**
 * POST a JSON body to a webhook and resolve with the answer's status (the answer is read and
 * dropped; a redirect is an answer, not followed). node:http rather than fetch: its connection
 * takes our lookup, which refuses local addresses (webhook-target.ts). Errors carry node's codes
 * (ECONNREFUSED, ENOTFOUND, …), ETIMEDOUT past `timeoutMs`, or LOCAL_TARGET_CODE.
 */
export function postWebhook(url: string, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // An address written out is never looked up: checked here instead.
    if (localTargetReason(url)) return reject(localTargetRefused());
    const target = new URL(url);
    const request = (target.protocol === "https:" ? https : http).request(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "darkflight-alerts" },
        lookup: webhookLookup,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error("webhook timed out"), { code: "ETIMEDOUT" })));
    request.on("error", reject);
    request.end(body);
  });
}
