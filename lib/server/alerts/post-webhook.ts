import "server-only";
import http from "node:http";
import https from "node:https";
import { localTargetReason, localTargetRefused, webhookLookup } from "./webhook-target";

/**
 * POST a JSON body to a webhook and resolve with the answer's status, as soon as it comes (the
 * body is not read: a receiver trickling one forever must not hold the delivery round, nor a
 * stop, that waits for it); a redirect is an answer, not followed. node:http rather than fetch:
 * its connection takes our lookup, which refuses local addresses (webhook-target.ts). Errors
 * carry node's codes (ECONNREFUSED, ENOTFOUND, …), ETIMEDOUT when no status came within
 * `timeoutMs` of the start (however busy the connection), or LOCAL_TARGET_CODE.
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
        clearTimeout(deadline);
        resolve(response.statusCode ?? 0);
        // The status is the answer: the connection goes, whatever the body would have been.
        response.on("error", () => undefined);
        request.destroy();
      },
    );
    // A deadline for the whole exchange: request.setTimeout only counts idle time, which a slow drip never reaches.
    const deadline = setTimeout(() => request.destroy(Object.assign(new Error("webhook timed out"), { code: "ETIMEDOUT" })), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.end(body);
  });
}
