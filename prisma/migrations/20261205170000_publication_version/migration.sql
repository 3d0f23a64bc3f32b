-- One row whose version goes up in the same transaction as every change to what readers may see
-- (publish, unpublish, a reopen at re-detection, a re-detection of a published flight): the
-- public pages' cache is keyed by it, so a web server reads one row per request and never serves
-- a page from before a change another process (the worker, the CLI) committed.
CREATE TABLE "publication_version" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publication_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "publication_version_one_row" CHECK ("id" = 1)
);
INSERT INTO "publication_version" ("id", "version") VALUES (1, 0);
