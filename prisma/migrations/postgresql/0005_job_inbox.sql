-- Jobs a request change adds (every click) are staged here, inside the change's transaction,
-- and filed into "jobs" by the worker's next claim: an append to a table with no index but its
-- key, where adding to "jobs" itself cost the click its four b-trees (see JobQueue.stage).
CREATE TABLE "job_inbox" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "ordering_key" TEXT,
    "due_at" TIMESTAMP(3) NOT NULL,
    "max_attempts" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "job_inbox_pkey" PRIMARY KEY ("id")
);
