// Key bundles as the account, organization and provider flows need them, mirroring the Rust test
// client (crates/client: account.rs, orgs.rs) and the server tests' provider setup and clients.

import type { Bytes } from "./bytes.js";
import { CryptoError } from "./errors.js";
import { type KdfConfig, deriveMasterKey, masterPasswordHash } from "./kdf.js";
import { makeKeyPair, wrapSymmetricKeyForPublicKey } from "./rsa.js";
import {
  SymmetricKey,
  encryptString,
  stretchMasterKey,
  unwrapSymmetricKey,
  wrapSymmetricKey,
} from "./symmetric.js";

/** A new user key and its protected form (`key` / `masterKeyWrappedUserKey`: type 2 under the stretched master key). */
export async function makeUserKey(masterKey: Uint8Array): Promise<{ userKey: SymmetricKey; protectedUserKey: string }> {
  const userKey = SymmetricKey.random();
  const protectedUserKey = await wrapSymmetricKey(await stretchMasterKey(masterKey), userKey);
  return { userKey, protectedUserKey };
}

/** The user key wrapped again under a (new) master key, for password and KDF changes. */
export async function protectUserKey(masterKey: Uint8Array, userKey: SymmetricKey): Promise<string> {
  return wrapSymmetricKey(await stretchMasterKey(masterKey), userKey);
}

/**
 * Unlocks the user key with the master key. A wrong password shows up as a MAC failure; this
 * throws CryptoError ("mac") with a sentence the unlock page can show.
 */
export async function unlockUserKey(masterKey: Uint8Array, protectedUserKey: string): Promise<SymmetricKey> {
  const stretched = await stretchMasterKey(masterKey);
  try {
    return await unwrapSymmetricKey(stretched, protectedUserKey);
  } catch (e) {
    if (e instanceof CryptoError && e.code === "mac") {
      throw new CryptoError("mac", "Invalid master password.");
    }
    throw e;
  }
}

/** The PKCS#8 private key from its EncString under the user (or org) key. */
export function decryptPrivateKey(key: SymmetricKey, encryptedPrivateKey: string): Promise<Bytes> {
  return key.decrypt(encryptedPrivateKey);
}

/** Everything a registration sends, plus the secrets to keep in memory after it. */
export type AccountKeys = {
  masterKey: Bytes;
  /** `masterPasswordHash` / `masterPasswordAuthenticationHash`. */
  masterPasswordHash: string;
  userKey: SymmetricKey;
  /** `key` / `userSymmetricKey` / `masterKeyWrappedUserKey`. */
  protectedUserKey: string;
  /** `keys.publicKey` (base64 SPKI). */
  publicKey: string;
  /** `keys.encryptedPrivateKey` (type 2 under the user key). */
  encryptedPrivateKey: string;
  /** PKCS#8 DER, in memory only. */
  privateKey: Bytes;
};

/** A new account's keys: master key (KDF in the worker), hash, user key, RSA pair. */
export async function makeAccountKeys(password: string, email: string, kdf: KdfConfig): Promise<AccountKeys> {
  const masterKey = await deriveMasterKey(password, email, kdf);
  const [hash, { userKey, protectedUserKey }] = await Promise.all([
    masterPasswordHash(masterKey, password),
    makeUserKey(masterKey),
  ]);
  const pair = await makeKeyPair(userKey);
  return {
    masterKey,
    masterPasswordHash: hash,
    userKey,
    protectedUserKey,
    publicKey: pair.publicKey,
    encryptedPrivateKey: pair.encryptedPrivateKey,
    privateKey: pair.privateKey,
  };
}

/** A new organization's keys, as `POST /api/organizations` takes them (see crates/client orgs.rs `new_org`). */
export type NewOrgKeys = {
  orgKey: SymmetricKey;
  /** `key`: the org key wrapped for the creator's public key (type 4). */
  key: string;
  /** `keys`: the org's RSA pair, private key under the org key. */
  keys: { publicKey: string; encryptedPrivateKey: string };
  /** `collectionName`: the default collection's name under the org key, or null for none. */
  collectionName: string | null;
};

export async function makeOrgKeys(creatorPublicKeyB64: string, collectionName: string | null): Promise<NewOrgKeys> {
  const orgKey = SymmetricKey.random();
  const [key, pair, name] = await Promise.all([
    wrapSymmetricKeyForPublicKey(creatorPublicKeyB64, orgKey),
    makeKeyPair(orgKey),
    collectionName === null ? Promise.resolve(null) : encryptString(orgKey, collectionName),
  ]);
  return {
    orgKey,
    key,
    keys: { publicKey: pair.publicKey, encryptedPrivateKey: pair.encryptedPrivateKey },
    collectionName: name,
  };
}

/**
 * Provider setup (`POST /api/providers/{id}/setup`): a new provider key, RSA-wrapped (type 4) for
 * the owner's own public key; it comes back as `profile.providers[].key`.
 */
export async function makeProviderKey(ownerPublicKeyB64: string): Promise<{ providerKey: SymmetricKey; key: string }> {
  const providerKey = SymmetricKey.random();
  return { providerKey, key: await wrapSymmetricKeyForPublicKey(ownerPublicKeyB64, providerKey) };
}

/** A new client organization's keys, as `POST /api/providers/{id}/clients` takes them. */
export type NewClientOrgKeys = {
  orgKey: SymmetricKey;
  /** `key`: the org key under the provider key (type 2). */
  key: string;
  /** `keyPair`: the org's RSA pair, private key under the org key. */
  keyPair: { publicKey: string; encryptedPrivateKey: string };
  /** `collectionName` under the org key. */
  collectionName: string;
};

export async function makeProviderClientKeys(
  providerKey: SymmetricKey,
  collectionName: string,
): Promise<NewClientOrgKeys> {
  const orgKey = SymmetricKey.random();
  const [key, pair, name] = await Promise.all([
    wrapSymmetricKey(providerKey, orgKey),
    makeKeyPair(orgKey),
    encryptString(orgKey, collectionName),
  ]);
  return {
    orgKey,
    key,
    keyPair: { publicKey: pair.publicKey, encryptedPrivateKey: pair.encryptedPrivateKey },
    collectionName: name,
  };
}
