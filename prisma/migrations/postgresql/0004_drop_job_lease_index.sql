-- A lapsed lease is looked for among running jobs, which are few (those in workers' hands):
-- the (status, due_at, id) index finds them by status. An index of its own on (status,
-- lease_until) cost every enqueue, claim and completion one more b-tree to write, on the
-- click's path too.
DROP INDEX IF EXISTS "jobs_status_lease_until_idx";
