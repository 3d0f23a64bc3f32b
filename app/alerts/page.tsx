import type { Metadata } from "next";
import Link from "next/link";
import { alertFlightPath } from "@/lib/core/alerts/alert-flight-path";
import { ALERT_RULE_LABELS, isAlertRule } from "@/lib/core/alerts/alert-rule";
import { formatCount } from "@/lib/core/format/format-count";
import { formatUtcDateTime, formatUtcMinute } from "@/lib/core/format/format-utc";
import { listAlertRules } from "@/lib/server/alerts/list-alert-rules";
import { listAlerts, type AlertSummary } from "@/lib/server/alerts/list-alerts";
import { REVIEW_ROLES, requirePageRole } from "@/lib/server/auth/require-page-role";
import { LiveRefresh } from "../_components/live-refresh";
import { RowActionButton } from "../_components/row-action-button";
import { AddAlertRuleForm } from "./_components/add-alert-rule-form";
import { removeAlertRuleAction } from "./actions";

export const metadata: Metadata = { title: "Alerts" };

const LATEST_ALERTS = 50;

const ruleLabel = (rule: string) => (rule === "all" ? "every rule" : isAlertRule(rule) ? ALERT_RULE_LABELS[rule] : rule);

function deliveryWords(d: AlertSummary["deliveries"][number]): string {
  const http = d.responseStatus !== null ? ` (HTTP ${d.responseStatus})` : "";
  // The error is often the status itself ("HTTP 500"): say it once.
  const why = d.lastError && d.lastError !== `HTTP ${d.responseStatus}` ? `: ${d.lastError}` : "";
  const attempts = `${d.attempts} attempt${d.attempts === 1 ? "" : "s"}`;
  if (d.status === "delivered") return `delivered${http}`;
  if (d.status === "failed") return `failed after ${attempts}${http}${why}`;
  return d.attempts > 0 ? `not delivered yet, retrying (${attempts} so far${http}${why})` : "waiting to be sent";
}

export default async function AlertsPage() {
  await requirePageRole(REVIEW_ROLES, "/alerts");
  const [alerts, rules] = await Promise.all([listAlerts(LATEST_ALERTS), listAlertRules()]);
  return (
    <>
      <h1>Alerts</h1>
      <p className="lede">
        Alerts are raised from the live feeds as positions arrive: an aircraft of interest going silent, one being seen, a new
        Cuba–Venezuela flight, a detour, position spoofing. Only what a rule asks for is raised: an in-app rule lists its alerts
        here, a webhook rule also posts them to its URL.
      </p>
      <LiveRefresh />
      <section className="panel" aria-labelledby="latest-alerts-title">
        <h2 id="latest-alerts-title">Latest alerts</h2>
        {alerts.length === 0 ? (
          <p className="empty">No alert yet: alerts come from live feeds (an admin adds them under Feeds) and need a rule below.</p>
        ) : (
          <ol className="alert-list" data-testid="alerts-list">
            {alerts.map((a) => {
              const path = alertFlightPath(a.url);
              return (
                <li key={a.id} data-testid="alert" data-id={a.id}>
                  <p className="alert-head">
                    <strong>{ruleLabel(a.rule)}</strong> · {formatUtcDateTime(Date.parse(a.at))} <span className="muted small">(stream time)</span>
                    {path ? (
                      <>
                        {" "}
                        · <Link href={path}>Open the flight</Link>
                      </>
                    ) : null}
                  </p>
                  <p className="alert-summary">{a.summary}</p>
                  {a.deliveries.length > 0 ? (
                    <ul className="small" aria-label="Webhook deliveries" data-testid="alert-deliveries">
                      {a.deliveries.map((d, i) => (
                        <li key={i}>
                          <code>{d.webhookUrl}</code> ({d.format}): {deliveryWords(d)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <section className="panel" aria-labelledby="rules-title">
        <h2 id="rules-title">Alert rules</h2>
        {rules.length === 0 ? (
          <p className="empty">No rule yet: no alert is raised until one is added.</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="alert-rules">
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Added</th>
                  <th scope="col">Deliveries</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr key={r.id} data-testid="alert-rule">
                    <td>{ruleLabel(r.rule)}</td>
                    <td>
                      {r.channel === "webhook" ? (
                        <>
                          webhook <code data-testid="rule-webhook">{r.webhookUrl}</code>
                          <div className="muted small">{r.webhookFormat ?? "json"} format</div>
                        </>
                      ) : (
                        "in the app"
                      )}
                    </td>
                    <td>
                      {formatUtcMinute(Date.parse(r.createdAt))} UTC
                      {r.createdBy ? <div className="muted small">by {r.createdBy}</div> : null}
                    </td>
                    <td>
                      {r.channel === "webhook"
                        ? `${formatCount(r.deliveries.delivered)} delivered · ${formatCount(r.deliveries.pending)} pending · ${formatCount(r.deliveries.failed)} failed`
                        : "—"}
                    </td>
                    <td>
                      <RowActionButton action={removeAlertRuleAction} field="ruleId" value={r.id} label="Remove" pendingLabel="Removing…" ariaLabel={`Remove rule ${r.id}: ${ruleLabel(r.rule)}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Add a rule</h3>
        <p className="hint">A webhook URL is a secret: once saved, only its host and last characters are shown.</p>
        <AddAlertRuleForm />
      </section>
    </>
  );
}
