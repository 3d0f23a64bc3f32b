"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { alertFlightPath } from "@/lib/core/alerts/alert-flight-path";
import { ALERT_RULE_LABELS, isAlertRule } from "@/lib/core/alerts/alert-rule";
import type { LiveChange } from "@/lib/server/live/notify-live";

type LiveAlert = Extract<LiveChange, { kind: "alert" }>["alerts"][number];

/** Server components re-render at most this often, however fast changes arrive. */
const REFRESH_EVERY_MS = 2_000;
/** After the server refused the stream (signed out, restarted), try again this much later. */
const REOPEN_AFTER_MS = 30_000;
const MAX_TOASTS = 5;

const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);


/**
 * Keeps an analyst's page current: listens to /api/live/events and re-renders the page's server
 * components when the live path announces a change, and shows new alerts as small notices.
 */
export function LiveRefresh() {
  const router = useRouter();
  const [connected, setConnected] = useState<boolean | null>(null);
  const [updatedMs, setUpdatedMs] = useState<number | null>(null);
  const [toasts, setToasts] = useState<LiveAlert[]>([]);

  useEffect(() => {
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    let pending: ReturnType<typeof setTimeout> | null = null;
    let lastRefreshMs = 0;
    let lostConnection = false;

    const refresh = () => {
      if (pending) return; // one refresh is already due: it will show this change too
      const waitMs = Math.max(0, lastRefreshMs + REFRESH_EVERY_MS - Date.now());
      pending = setTimeout(() => {
        pending = null;
        lastRefreshMs = Date.now();
        setUpdatedMs(lastRefreshMs);
        router.refresh();
      }, waitMs);
    };
    const onAlert = (event: MessageEvent<string>) => {
      try {
        const change = JSON.parse(event.data) as Extract<LiveChange, { kind: "alert" }>;
        setToasts((shown) => [...change.alerts, ...shown.filter((s) => !change.alerts.some((a) => a.id === s.id))].slice(0, MAX_TOASTS));
      } catch {
        // not an alert list: the refresh below still shows what changed
      }
      refresh();
    };

    const open = () => {
      source = new EventSource("/api/live/events");
      source.onopen = () => {
        setConnected(true);
        setUpdatedMs((ms) => ms ?? Date.now());
        // Changes announced while the stream was down were not heard: catch up once.
        if (lostConnection) refresh();
        lostConnection = false;
      };
      source.onerror = () => {
        setConnected(false);
        lostConnection = true;
        // EventSource retries network errors itself, but gives up on an HTTP error answer.
        if (source?.readyState === EventSource.CLOSED) {
          source = null;
          reopen = setTimeout(open, REOPEN_AFTER_MS);
        }
      };
      // Not on "positions" (every 2 s while a feed runs): the queue and Dark now change with detection.
      source.addEventListener("detection", refresh);
      source.addEventListener("alert", onAlert);
    };
    open();
    return () => {
      source?.close();
      if (reopen) clearTimeout(reopen);
      if (pending) clearTimeout(pending);
    };
  }, [router]);

  return (
    <div className="live" data-testid="live-refresh">
      <p className="live-status small muted" data-testid="live-status">
        {connected === false ? "Live updates paused" : connected && updatedMs !== null ? `Live: updated ${hhmmss(updatedMs)} UTC` : "Live: connecting…"}
      </p>
      <div role="log" aria-live="polite" aria-label="New alerts" data-testid="live-alerts">
        {toasts.length > 0 ? (
          <ul className="live-toasts">
            {toasts.map((a) => {
              const path = alertFlightPath(a.url);
              return (
                <li key={a.id} className="live-toast" data-testid="live-alert">
                  <strong>{isAlertRule(a.rule) ? ALERT_RULE_LABELS[a.rule] : a.rule}</strong>: {a.summary}{" "}
                  {path ? <Link href={path}>Open the flight</Link> : null}{" "}
                  <button type="button" className="secondary small" onClick={() => setToasts((shown) => shown.filter((s) => s.id !== a.id))} aria-label={`Dismiss the alert: ${a.summary}`}>
                    Dismiss
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
