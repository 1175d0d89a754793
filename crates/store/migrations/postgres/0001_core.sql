-- Core schema: accounts, devices, sessions, two-step login, personal vault.
-- Timestamps are microseconds since the Unix epoch (UTC); flags are 0/1 integers so the same
-- queries run unchanged on SQLite and PostgreSQL through sqlx's Any driver.

CREATE TABLE server_settings (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    -- Stored trimmed and lower-cased: logins match emails case-insensitively.
    email TEXT NOT NULL,
    name TEXT,
    email_verified BIGINT NOT NULL,
    -- Argon2id PHC string of the client's master-password hash; never the hash itself.
    password_hash TEXT NOT NULL,
    password_hint TEXT,
    salt TEXT NOT NULL,
    kdf_type BIGINT NOT NULL,
    kdf_iterations BIGINT NOT NULL,
    kdf_memory BIGINT,
    kdf_parallelism BIGINT,
    user_key TEXT NOT NULL,
    private_key TEXT,
    public_key TEXT,
    user_key_id TEXT,
    security_stamp TEXT NOT NULL,
    api_key TEXT NOT NULL,
    culture TEXT NOT NULL,
    avatar_color TEXT,
    equivalent_domains TEXT,
    excluded_global_domains TEXT,
    creation_date BIGINT NOT NULL,
    revision_date BIGINT NOT NULL,
    account_revision_date BIGINT NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE devices (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    identifier TEXT NOT NULL,
    name TEXT NOT NULL,
    device_type BIGINT NOT NULL,
    push_token TEXT,
    creation_date BIGINT NOT NULL,
    last_activity_date BIGINT NOT NULL,
    CONSTRAINT devices_user_identifier_key UNIQUE (user_id, identifier)
);

-- Refresh tokens are stored only as SHA-256 hashes; the security stamp at issue time kills them
-- when the stamp rotates.
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    security_stamp TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    creation_date BIGINT NOT NULL
);
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_device_id_idx ON refresh_tokens (device_id);

CREATE TABLE two_factor (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_type BIGINT NOT NULL,
    secret TEXT NOT NULL,
    enabled BIGINT NOT NULL,
    -- The last accepted TOTP time step: a code is never accepted twice (replay protection).
    last_used_step BIGINT NOT NULL,
    PRIMARY KEY (user_id, provider_type)
);

CREATE TABLE recovery_codes (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code TEXT NOT NULL
);

CREATE TABLE folders (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    creation_date BIGINT NOT NULL,
    revision_date BIGINT NOT NULL
);
CREATE INDEX folders_user_id_idx ON folders (user_id);

CREATE TABLE ciphers (
    id TEXT PRIMARY KEY NOT NULL,
    -- The owner of a personal item.
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    cipher_type BIGINT NOT NULL,
    -- The encrypted fields as a JSON object (name, notes, type data, fields, password history):
    -- opaque EncStrings that sync splices into its response without re-parsing.
    data TEXT NOT NULL,
    item_key TEXT,
    reprompt BIGINT NOT NULL,
    creation_date BIGINT NOT NULL,
    revision_date BIGINT NOT NULL,
    deleted_date BIGINT
);
CREATE INDEX ciphers_user_id_idx ON ciphers (user_id);

-- Per-user view of an item: folder, favourite and archive belong to the user, not the item.
CREATE TABLE cipher_user_state (
    cipher_id TEXT NOT NULL REFERENCES ciphers (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    folder_id TEXT REFERENCES folders (id) ON DELETE SET NULL,
    favorite BIGINT NOT NULL,
    archived_date BIGINT,
    PRIMARY KEY (cipher_id, user_id)
);
CREATE INDEX cipher_user_state_user_id_idx ON cipher_user_state (user_id);
CREATE INDEX cipher_user_state_folder_id_idx ON cipher_user_state (folder_id);

CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL,
    cipher_id TEXT NOT NULL REFERENCES ciphers (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    attachment_key TEXT,
    declared_size BIGINT NOT NULL,
    size BIGINT NOT NULL,
    validated BIGINT NOT NULL,
    creation_date BIGINT NOT NULL
);
CREATE INDEX attachments_cipher_id_idx ON attachments (cipher_id);
