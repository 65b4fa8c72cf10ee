-- Request changes add their jobs to "jobs" directly again. Jobs still staged when an install
-- upgrades are filed first, in staging order, exactly as the worker filed them, so none is lost.
INSERT INTO "jobs" ("kind", "payload", "idempotency_key", "ordering_key", "status", "due_at", "attempts", "max_attempts", "created_at")
SELECT "kind", "payload", "idempotency_key", "ordering_key", 'pending', "due_at", 0, "max_attempts", "created_at"
FROM "job_inbox" ORDER BY "id"
ON CONFLICT ("idempotency_key") DO NOTHING;

DROP TABLE "job_inbox";
