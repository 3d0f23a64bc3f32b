-- Live ingest and alerts: the feeds the worker runs, the alert rules, the alerts (one per
-- aircraft, rule and episode) and their delivery log. Small tables: reference tables on Citus.
CREATE TABLE "live_feeds" (
    "id" SERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "connected" BOOLEAN NOT NULL DEFAULT false,
    "messages_total" BIGINT NOT NULL DEFAULT 0,
    "messages_per_s" REAL NOT NULL DEFAULT 0,
    "positions_total" BIGINT NOT NULL DEFAULT 0,
    "last_message_at" TIMESTAMPTZ(3),
    "stream_time" TIMESTAMPTZ(3),
    "reconnects" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "status_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "live_feeds_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "live_feeds_url_key" ON "live_feeds"("url");

CREATE TABLE "alert_rules" (
    "id" SERIAL NOT NULL,
    "rule" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "webhook_url" TEXT,
    "webhook_format" TEXT,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "alerts" (
    "id" BIGSERIAL NOT NULL,
    "rule" TEXT NOT NULL,
    "icao24" CHAR(6) NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "flight_id" BIGINT,
    "registration" TEXT,
    "callsign" TEXT,
    "typecode" TEXT,
    "summary" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "alerts_dedupe_key_key" ON "alerts"("dedupe_key");
CREATE INDEX "alerts_icao24_rule_at_idx" ON "alerts"("icao24", "rule", "at");
CREATE INDEX "alerts_created_at_idx" ON "alerts"("created_at");

CREATE TABLE "alert_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "alert_id" BIGINT NOT NULL,
    "rule_id" INTEGER,
    "webhook_url" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT,
    "response_status" INTEGER,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "alert_deliveries_status_next_attempt_at_idx" ON "alert_deliveries"("status", "next_attempt_at");
CREATE INDEX "alert_deliveries_alert_id_idx" ON "alert_deliveries"("alert_id");
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE SET NULL ON UPDATE NO ACTION;

-- In-app notifications of every rule from the start; webhooks are added by analysts.
INSERT INTO "alert_rules" ("rule", "channel", "created_by") VALUES ('all', 'in-app', 'migration');
