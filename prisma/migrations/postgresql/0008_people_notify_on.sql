-- Quiet mode: which request changes a person hears of as a requester. Everyone starts with
-- every change, as before; "resolved_or_deferred" keeps only the receipt, deferrals and the
-- resolution (src/domain/requester-updates.ts).

-- AlterTable
ALTER TABLE "people" ADD COLUMN "notify_on" TEXT NOT NULL DEFAULT 'every_change';
