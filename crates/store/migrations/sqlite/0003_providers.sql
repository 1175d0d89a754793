-- Providers (MSPs, resellers, business units) and their client organizations.
-- Same conventions as 0001/0002: microsecond timestamps, 0/1 flags, ids as text; every foreign
-- key indexed. Deleting a provider removes its members, links, plans and applications' links;
-- the client organizations themselves stay (they only lose the link).

CREATE TABLE providers (
    id TEXT PRIMARY KEY NOT NULL,
    -- NULL until the owner sets the provider up (the portal treats a name as "set up").
    -- Stored as given: upstream encodes HTML on input and decodes on output, which clients
    -- cannot tell from storing the text itself.
    name TEXT,
    business_name TEXT,
    billing_email TEXT,
    -- ProviderStatusType: 0 Pending (created by the operator), 1 Created, 2 Billable (set up).
    status INTEGER NOT NULL,
    -- ProviderType: 0 MSP, 1 Reseller, 2 Business Unit.
    provider_type INTEGER NOT NULL,
    -- A disabled provider's client organizations are disabled with it.
    enabled INTEGER NOT NULL,
    use_events INTEGER NOT NULL,
    creation_date INTEGER NOT NULL,
    revision_date INTEGER NOT NULL
);

-- Provider members (upstream ProviderUser). Like organization_users: an invite has an e-mail
-- and no user; accepting links the user; confirming stores the provider key wrapped for them.
CREATE TABLE provider_users (
    id TEXT PRIMARY KEY NOT NULL,
    provider_id TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    -- Lower-cased invite address, only until accepted.
    email TEXT,
    -- The provider key wrapped with the member's public key (EncString type 4).
    provider_key TEXT,
    -- ProviderUserStatusType (0 Invited, 1 Accepted, 2 Confirmed) and ProviderUserType
    -- (0 Provider Admin, 1 Service User).
    status INTEGER NOT NULL,
    user_type INTEGER NOT NULL,
    -- SHA-256 of the current invite (or setup) token, and when it expires.
    invite_token_hash TEXT,
    invite_expires_at INTEGER,
    creation_date INTEGER NOT NULL,
    revision_date INTEGER NOT NULL,
    CONSTRAINT provider_users_provider_user_key UNIQUE (provider_id, user_id),
    CONSTRAINT provider_users_provider_email_key UNIQUE (provider_id, email)
);
CREATE INDEX provider_users_user_id_idx ON provider_users (user_id);

-- Client organizations. An organization belongs to at most one provider: the unique org_id
-- says so in the database, so two concurrent attaches cannot both win.
CREATE TABLE provider_organizations (
    id TEXT PRIMARY KEY NOT NULL,
    provider_id TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- The org key wrapped with the provider key (EncString type 2).
    org_key TEXT,
    creation_date INTEGER NOT NULL,
    revision_date INTEGER NOT NULL,
    CONSTRAINT provider_organizations_org_key UNIQUE (org_id)
);
CREATE INDEX provider_organizations_provider_id_idx ON provider_organizations (provider_id);

-- The seats a provider has contracted per client plan (set by the operator).
CREATE TABLE provider_plans (
    provider_id TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    plan_type INTEGER NOT NULL,
    seat_minimum INTEGER NOT NULL,
    PRIMARY KEY (provider_id, plan_type)
);

-- One row per client and day: what the monthly statement is built from. Names and plans are
-- copied so a statement still reads right after a client is renamed, unlinked or deleted.
CREATE TABLE provider_seat_snapshots (
    provider_id TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    -- The UTC day, as YYYYMMDD.
    day INTEGER NOT NULL,
    org_id TEXT NOT NULL,
    org_name TEXT NOT NULL,
    plan_type INTEGER NOT NULL,
    assigned_seats INTEGER NOT NULL,
    used_seats INTEGER NOT NULL,
    PRIMARY KEY (provider_id, day, org_id)
);

-- Applications to become a provider, decided by the operator.
CREATE TABLE provider_applications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    business_name TEXT NOT NULL,
    billing_email TEXT NOT NULL,
    provider_type INTEGER NOT NULL,
    expected_clients INTEGER NOT NULL,
    -- 0 pending, 1 approved, 2 rejected.
    status INTEGER NOT NULL,
    -- The provider an approval created.
    provider_id TEXT REFERENCES providers (id) ON DELETE SET NULL,
    creation_date INTEGER NOT NULL,
    decision_date INTEGER
);
CREATE INDEX provider_applications_user_id_idx ON provider_applications (user_id);
CREATE INDEX provider_applications_provider_id_idx ON provider_applications (provider_id);
CREATE INDEX provider_applications_status_idx ON provider_applications (status, creation_date);

-- The provider event log: provider events, and actions of provider members inside client orgs.
ALTER TABLE events ADD COLUMN provider_user_id TEXT;
ALTER TABLE events ADD COLUMN provider_org_id TEXT;
CREATE INDEX events_provider_date_idx ON events (provider_id, date, id);
CREATE INDEX events_provider_acting_user_date_idx ON events (provider_id, acting_user_id, date, id);
