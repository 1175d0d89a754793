-- Organizations: members, collections, groups, policies, the audit log, and org-owned items.
-- Same conventions as 0001: microsecond timestamps, 0/1 flags, ids as text. Every table of
-- tenant data carries or reaches `org_id`, and every foreign key and tenant filter is indexed.
-- Deleting an organization removes everything that belongs to it by cascade.

CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    -- Stored HTML-encoded, as upstream does on input.
    name TEXT NOT NULL,
    billing_email TEXT NOT NULL,
    plan_type BIGINT NOT NULL,
    -- NULL = unlimited.
    seats BIGINT,
    max_collections BIGINT,
    max_storage_gb BIGINT,
    enabled BIGINT NOT NULL,
    -- OrganizationStatusType: 0 Pending (provider-created, waiting for its owner), 1 Created.
    status BIGINT NOT NULL,
    -- Base64 SPKI, and the PKCS#8 private key as an EncString under the org key.
    public_key TEXT,
    private_key TEXT,
    -- The Default org API key (client_credentials secret) and when it last changed.
    api_key TEXT NOT NULL,
    api_key_revision_date BIGINT NOT NULL,
    limit_collection_creation BIGINT NOT NULL,
    limit_collection_deletion BIGINT NOT NULL,
    limit_item_deletion BIGINT NOT NULL,
    allow_admin_access_to_all_collection_items BIGINT NOT NULL,
    -- Feature switches copied from the plan at creation; stored so an operator can change one.
    use_groups BIGINT NOT NULL,
    use_directory BIGINT NOT NULL,
    use_events BIGINT NOT NULL,
    use_totp BIGINT NOT NULL,
    use_2fa BIGINT NOT NULL,
    use_api BIGINT NOT NULL,
    use_scim BIGINT NOT NULL,
    users_get_premium BIGINT NOT NULL,
    use_policies BIGINT NOT NULL,
    use_sso BIGINT NOT NULL,
    use_organization_domains BIGINT NOT NULL,
    use_key_connector BIGINT NOT NULL,
    use_reset_password BIGINT NOT NULL,
    use_custom_permissions BIGINT NOT NULL,
    self_host BIGINT NOT NULL,
    use_my_items BIGINT NOT NULL,
    use_invite_links BIGINT NOT NULL,
    use_risk_insights BIGINT NOT NULL,
    creation_date BIGINT NOT NULL,
    revision_date BIGINT NOT NULL
);

-- Memberships (upstream OrganizationUser). An invite has an e-mail and no user; accepting sets
-- the user and clears the e-mail; confirming stores the org key wrapped for the member.
CREATE TABLE organization_users (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    -- Lower-cased invite address, only while Invited.
    email TEXT,
    -- The org key wrapped to the member (EncString type 4), from confirmation on.
    member_key TEXT,
    -- OrganizationUserStatusType and OrganizationUserType.
    status BIGINT NOT NULL,
    member_type BIGINT NOT NULL,
    -- Custom permission flags as JSON, only for Custom members.
    permissions TEXT,
    -- The user key encrypted to the org public key: account-recovery enrollment.
    reset_password_key TEXT,
    external_id TEXT,
    access_secrets_manager BIGINT NOT NULL,
    revocation_reason BIGINT,
    -- SHA-256 of the current invite token, and when invites issued for this row expire.
    invite_token_hash TEXT,
    invite_expires_at BIGINT,
    creation_date BIGINT NOT NULL,
    revision_date BIGINT NOT NULL,
    -- Both lead with org_id, so they also serve every "members of org X" filter.
    CONSTRAINT organization_users_org_user_key UNIQUE (org_id, user_id),
    CONSTRAINT organization_users_org_email_key UNIQUE (org_id, email)
);
CREATE INDEX organization_users_user_id_idx ON organization_users (user_id);

CREATE TABLE collections (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- EncString under the org key: opaque to the server.
    name TEXT NOT NULL,
    external_id TEXT,
    -- CollectionType: 0 shared, 1 a member's "My Items".
    collection_type BIGINT NOT NULL,
    default_user_collection_email TEXT,
    creation_date BIGINT NOT NULL,
    revision_date BIGINT NOT NULL
);
CREATE INDEX collections_org_id_idx ON collections (org_id);

-- Direct grants of a collection to a member.
CREATE TABLE collections_users (
    collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    membership_id TEXT NOT NULL REFERENCES organization_users (id) ON DELETE CASCADE,
    read_only BIGINT NOT NULL,
    hide_passwords BIGINT NOT NULL,
    manage BIGINT NOT NULL,
    PRIMARY KEY (collection_id, membership_id)
);
CREATE INDEX collections_users_membership_id_idx ON collections_users (membership_id);

CREATE TABLE groups (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- Plain text (not encrypted), at most 100 characters.
    name TEXT NOT NULL,
    external_id TEXT,
    creation_date BIGINT NOT NULL,
    revision_date BIGINT NOT NULL
);
CREATE INDEX groups_org_id_idx ON groups (org_id);

CREATE TABLE groups_users (
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    membership_id TEXT NOT NULL REFERENCES organization_users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, membership_id)
);
CREATE INDEX groups_users_membership_id_idx ON groups_users (membership_id);

-- Grants of a collection to a group.
CREATE TABLE collections_groups (
    collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    read_only BIGINT NOT NULL,
    hide_passwords BIGINT NOT NULL,
    manage BIGINT NOT NULL,
    PRIMARY KEY (collection_id, group_id)
);
CREATE INDEX collections_groups_group_id_idx ON collections_groups (group_id);

-- An org item has organization_id set and user_id NULL; personal queries filter on user_id and
-- so never see it.
ALTER TABLE ciphers ADD COLUMN organization_id TEXT REFERENCES organizations (id) ON DELETE CASCADE;
CREATE INDEX ciphers_organization_id_idx ON ciphers (organization_id);

CREATE TABLE ciphers_collections (
    cipher_id TEXT NOT NULL REFERENCES ciphers (id) ON DELETE CASCADE,
    collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    PRIMARY KEY (cipher_id, collection_id)
);
CREATE INDEX ciphers_collections_collection_id_idx ON ciphers_collections (collection_id);

CREATE TABLE policies (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    policy_type BIGINT NOT NULL,
    enabled BIGINT NOT NULL,
    -- The policy's free-form data object as JSON, stored as sent.
    data TEXT,
    creation_date BIGINT NOT NULL,
    revision_date BIGINT NOT NULL,
    CONSTRAINT policies_org_type_key UNIQUE (org_id, policy_type)
);

-- The audit log. Only org_id is a foreign key: an org's log goes with the org, but entries keep
-- naming items, collections, groups and members after those are deleted.
CREATE TABLE events (
    id TEXT PRIMARY KEY NOT NULL,
    event_type BIGINT NOT NULL,
    user_id TEXT,
    org_id TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    provider_id TEXT,
    cipher_id TEXT,
    collection_id TEXT,
    group_id TEXT,
    policy_id TEXT,
    membership_id TEXT,
    acting_user_id TEXT,
    system_user BIGINT,
    device_type BIGINT,
    ip_address TEXT,
    date BIGINT NOT NULL
);
-- The read routes page newest first by (date, id).
CREATE INDEX events_org_date_idx ON events (org_id, date, id);
CREATE INDEX events_org_acting_user_date_idx ON events (org_id, acting_user_id, date, id);
CREATE INDEX events_cipher_date_idx ON events (cipher_id, date, id);
CREATE INDEX events_user_date_idx ON events (user_id, date, id);
