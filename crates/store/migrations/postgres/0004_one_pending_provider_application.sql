-- A user has at most one pending provider application: a partial unique index says so in the
-- database, so two concurrent submissions cannot both be stored. Decided applications
-- (approved 1, rejected 2) are not limited.
CREATE UNIQUE INDEX provider_applications_one_pending_idx
    ON provider_applications (user_id) WHERE status = 0;
