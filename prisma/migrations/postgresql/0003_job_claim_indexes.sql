-- A claim walks pending jobs in (due_at, id) order and stops at its limit, and a job's wait for
-- an earlier unfinished job of its ordering key is one index probe (id < this job's id).
-- Without these, PostgreSQL scanned and sorted the whole backlog on every claim.
DROP INDEX IF EXISTS "jobs_status_due_at_idx";

-- CreateIndex
CREATE INDEX IF NOT EXISTS "jobs_status_due_at_id_idx" ON "jobs"("status", "due_at", "id");

DROP INDEX IF EXISTS "jobs_ordering_key_status_idx";

-- CreateIndex
CREATE INDEX IF NOT EXISTS "jobs_ordering_key_status_id_idx" ON "jobs"("ordering_key", "status", "id");
