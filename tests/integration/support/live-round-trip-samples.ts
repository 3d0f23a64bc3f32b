import type { prisma } from "@/lib/server/db/prisma";

type Db = ReturnType<typeof prisma>;

/**
 * Sample rows of the live path's models (feeds, alert rules, alerts, deliveries) for the schema
 * round trip: every scalar field non-null, written and read back through the generated client.
 */
export async function liveModelSamples(db: Db, t: (iso: string) => Date): Promise<{ samples: Record<string, unknown>; readBack: () => Promise<Record<string, unknown>> }> {
  const feed = await db.liveFeed.create({
    data: {
      url: "sbs1://round-trip:30003", kind: "sbs1", name: "round trip", enabled: false, connected: true, messagesTotal: 9_000_000_000n,
      messagesPerS: 5000.5, positionsTotal: 3_000_000_000n, lastMessageAt: t("2024-08-01T00:00:01Z"), streamTime: t("2024-08-01T00:00:00.5Z"),
      reconnects: 3, errors: 4, lastError: "reset", statusAt: t("2024-08-01T00:00:02Z"), createdAt: t("2024-07-01T00:00:00Z"),
    },
  });
  const rule = await db.alertRule.create({
    data: { rule: "dark", channel: "webhook", webhookUrl: "https://example.org/hook", webhookFormat: "slack", createdBy: "round trip", createdAt: t("2024-07-01T00:00:00Z") },
  });
  const alert = await db.alert.create({
    data: {
      rule: "dark", icao24: "fffff0", dedupeKey: "dark:fffff0:round-trip", flightId: 9_000_000_000n, registration: "CU-T1250", callsign: "CUB1234",
      typecode: "IL96", summary: "went silent", at: t("2024-08-01T00:00:00Z"), url: "http://localhost:3000/flights/fffff0-1", createdAt: t("2024-08-01T00:00:03Z"),
    },
  });
  const delivery = await db.alertDelivery.create({
    data: {
      alertId: alert.id, ruleId: rule.id, webhookUrl: "https://example.org/hook", format: "slack", status: "delivered", attempts: 2,
      nextAttemptAt: t("2024-08-01T00:00:04Z"), lastError: "HTTP 500", responseStatus: 200, deliveredAt: t("2024-08-01T00:00:05Z"), createdAt: t("2024-08-01T00:00:03Z"),
    },
  });
  return {
    samples: { LiveFeed: feed, AlertRule: rule, Alert: alert, AlertDelivery: delivery },
    readBack: async () => {
      const read = {
        LiveFeed: await db.liveFeed.findUniqueOrThrow({ where: { id: feed.id } }),
        AlertRule: await db.alertRule.findUniqueOrThrow({ where: { id: rule.id } }),
        Alert: await db.alert.findUniqueOrThrow({ where: { id: alert.id } }),
        AlertDelivery: await db.alertDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
      };
      // The round trip's rows must not leak into the files that run after this one.
      await db.alert.deleteMany({ where: { id: alert.id } });
      await db.alertRule.deleteMany({ where: { id: rule.id } });
      await db.liveFeed.deleteMany({ where: { id: feed.id } });
      return read;
    },
  };
}
