-- CreateTable
CREATE TABLE "teams" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "next_ref" INTEGER NOT NULL DEFAULT 1001,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "people" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT,
    "locale" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "requests" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "location" TEXT,
    "priority" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "needed_by_choice" TEXT NOT NULL,
    "needed_by" DATETIME,
    "status" TEXT NOT NULL,
    "waiting_on" TEXT,
    "waiting_note" TEXT,
    "assignee_id" TEXT,
    "deferred_until" DATETIME,
    "defer_reason" TEXT,
    "resolution" TEXT,
    "source_platform" TEXT NOT NULL,
    "source_entry" TEXT NOT NULL,
    "source_permalink" TEXT,
    "filed_at" DATETIME NOT NULL,
    "acknowledged_at" DATETIME,
    "started_at" DATETIME,
    "resolved_at" DATETIME,
    "closed_at" DATETIME,
    "cancelled_at" DATETIME,
    "reopen_count" INTEGER NOT NULL DEFAULT 0,
    "ack_minutes" REAL,
    "resolve_minutes" REAL,
    "ack_within_sla" BOOLEAN,
    "resolve_within_sla" BOOLEAN,
    "needed_by_tighter" BOOLEAN NOT NULL DEFAULT false,
    "sla_ack_due_at" DATETIME,
    "sla_resolve_due_at" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "requests_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "requests_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "requests_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "people" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "request_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "request_id" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor_id" TEXT,
    "type" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "request_events_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "requests" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "request_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "people" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "request_promises" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "request_id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "made_at" DATETIME NOT NULL,
    "due_at" DATETIME NOT NULL,
    "settled_at" DATETIME,
    "outcome" TEXT,
    "slip_minutes" REAL,
    CONSTRAINT "request_promises_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "requests" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "message_refs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "purpose" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "request_id" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "message_refs_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "requests" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "conversation_refs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "surveys" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "request_id" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "team_id" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "dimension" TEXT,
    "week" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "skip_reason" TEXT,
    "scheduled_for" DATETIME NOT NULL,
    "sent_at" DATETIME,
    "reminded_at" DATETIME,
    "expires_at" DATETIME,
    "answered_at" DATETIME,
    "score" INTEGER,
    "shortfall" TEXT,
    "comment" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "surveys_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "requests" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "surveys_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "surveys_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "survey_answers" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "survey_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "survey_answers_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "importance_votes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "team_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "poll" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "importance_votes_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "importance_votes_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "digests" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "team_id" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "digests_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "ordering_key" TEXT,
    "status" TEXT NOT NULL,
    "due_at" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL,
    "lease_owner" TEXT,
    "lease_until" DATETIME,
    "last_error" TEXT,
    "created_at" DATETIME NOT NULL,
    "finished_at" DATETIME
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "result" TEXT,
    "created_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "people_platform_platform_user_id_key" ON "people"("platform", "platform_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "requests_ref_key" ON "requests"("ref");

-- CreateIndex
CREATE INDEX "requests_team_id_filed_at_idx" ON "requests"("team_id", "filed_at");

-- CreateIndex
CREATE INDEX "requests_team_id_resolved_at_idx" ON "requests"("team_id", "resolved_at");

-- CreateIndex
CREATE INDEX "requests_team_id_status_idx" ON "requests"("team_id", "status");

-- CreateIndex
CREATE INDEX "requests_requester_id_status_idx" ON "requests"("requester_id", "status");

-- CreateIndex
CREATE INDEX "request_events_request_id_id_idx" ON "request_events"("request_id", "id");

-- CreateIndex
CREATE INDEX "request_events_type_at_idx" ON "request_events"("type", "at");

-- CreateIndex
CREATE INDEX "request_promises_request_id_settled_at_idx" ON "request_promises"("request_id", "settled_at");

-- CreateIndex
CREATE INDEX "request_promises_team_id_due_at_idx" ON "request_promises"("team_id", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "message_refs_purpose_subject_id_platform_key" ON "message_refs"("purpose", "subject_id", "platform");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_refs_platform_key_key" ON "conversation_refs"("platform", "key");

-- CreateIndex
CREATE INDEX "surveys_team_id_week_dimension_idx" ON "surveys"("team_id", "week", "dimension");

-- CreateIndex
CREATE INDEX "surveys_requester_id_sent_at_idx" ON "surveys"("requester_id", "sent_at");

-- CreateIndex
CREATE INDEX "surveys_status_scheduled_for_idx" ON "surveys"("status", "scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "surveys_request_id_round_key" ON "surveys"("request_id", "round");

-- CreateIndex
CREATE INDEX "survey_answers_survey_id_id_idx" ON "survey_answers"("survey_id", "id");

-- CreateIndex
CREATE INDEX "importance_votes_team_id_role_at_idx" ON "importance_votes"("team_id", "role", "at");

-- CreateIndex
CREATE UNIQUE INDEX "importance_votes_team_id_person_id_poll_key" ON "importance_votes"("team_id", "person_id", "poll");

-- CreateIndex
CREATE UNIQUE INDEX "digests_team_id_week_key" ON "digests"("team_id", "week");

-- CreateIndex
CREATE UNIQUE INDEX "jobs_idempotency_key_key" ON "jobs"("idempotency_key");

-- CreateIndex
CREATE INDEX "jobs_status_due_at_idx" ON "jobs"("status", "due_at");

-- CreateIndex
CREATE INDEX "jobs_status_lease_until_idx" ON "jobs"("status", "lease_until");

-- CreateIndex
CREATE INDEX "jobs_ordering_key_status_idx" ON "jobs"("ordering_key", "status");

