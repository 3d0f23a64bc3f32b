-- Upload, reimport and detection jobs as their users see them (lib/server/jobs/). The queue
-- itself lives in pg-boss's own schema "pgboss", created by the worker; a job row and its queue
-- entry share the id. No foreign key to users: jobs are a log, kept when an account goes.
CREATE TABLE "import_jobs" (
    "id" UUID NOT NULL,
    "user_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('import', 'reimport', 'detect')),
    "phase" TEXT NOT NULL DEFAULT 'queued' CHECK ("phase" IN ('queued', 'importing', 'detecting', 'done', 'failed', 'retrying')),
    "progress" JSONB NOT NULL,
    "outcome" JSONB,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "request" JSONB NOT NULL,
    "upload_path" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "import_jobs_user_id_created_at_idx" ON "import_jobs"("user_id", "created_at");
CREATE INDEX "import_jobs_phase_idx" ON "import_jobs"("phase");
