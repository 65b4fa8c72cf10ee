-- CreateIndex
CREATE INDEX IF NOT EXISTS "requests_team_id_acknowledged_at_idx" ON "requests"("team_id", "acknowledged_at");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "requests_team_id_cancelled_at_idx" ON "requests"("team_id", "cancelled_at");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "request_promises_team_id_settled_at_idx" ON "request_promises"("team_id", "settled_at");

