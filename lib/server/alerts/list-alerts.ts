import "server-only";
import { maskWebhookUrl } from "../../core/alerts/mask-webhook-url";
import { prisma } from "../db/prisma";

export interface AlertSummary {
  id: string;
  rule: string;
  icao24: string;
  registration: string | null;
  callsign: string | null;
  typecode: string | null;
  summary: string;
  /** Stream time of the alert. */
  at: string;
  createdAt: string;
  url: string | null;
  flightId: string | null;
  deliveries: { webhookUrl: string; format: string; status: string; attempts: number; lastError: string | null; responseStatus: number | null }[];
}

/** The latest alerts (in-app notifications), newest first, each with its delivery log. */
export async function listAlerts(limit = 100): Promise<AlertSummary[]> {
  const alerts = await prisma().alert.findMany({
    orderBy: { id: "desc" },
    take: limit,
    include: { deliveries: { orderBy: { id: "asc" } } },
  });
  return alerts.map((a) => ({
    id: a.id.toString(),
    rule: a.rule,
    icao24: a.icao24.trim(),
    registration: a.registration,
    callsign: a.callsign,
    typecode: a.typecode,
    summary: a.summary,
    at: a.at.toISOString(),
    createdAt: a.createdAt.toISOString(),
    url: a.url,
    flightId: a.flightId?.toString() ?? null,
    deliveries: a.deliveries.map((d) => ({
      webhookUrl: maskWebhookUrl(d.webhookUrl),
      format: d.format,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      responseStatus: d.responseStatus,
    })),
  }));
}
