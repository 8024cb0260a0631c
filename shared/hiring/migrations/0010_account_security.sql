-- Accounts as a careful service keeps them (issue 10).
--
-- An account belongs to one tenant: the same address may hold an account in two organisations, so that
-- registering in one tells nothing about the other. Login by email alone finds the address in every tenant.
DROP INDEX users_email_key;
CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, lower(email));
CREATE INDEX users_email_idx ON users (lower(email));

-- An admin disables an account (its tokens stop working at once) or deletes it.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

-- The hard per-account lock is gone: anyone could lock any known account with five requests. Login attempts
-- are throttled instead (login_throttle), with the same answer whether the account exists or not.
ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;

-- Failed attempts per client address and per account (the normalised email, whether or not it exists), and
-- sign-ups and registrations per client address. Shared by every API instance (Lambdas share nothing else).
-- No tenant: the attempts come before anyone is known. The keys are HMAC-SHA256 under a server-side pepper, so
-- no address or email is stored in clear. A counter starts again after a quiet window (updated_at).
CREATE TABLE login_throttle (
    key_hash         text PRIMARY KEY,
    failures         integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    next_allowed_at  timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO hiring_app;
