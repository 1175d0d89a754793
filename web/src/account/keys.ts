// The account's key flows, built only from the crypto module: what registration sends, what a
// password sign-in derives, and how the user key and private key are opened. Nothing here is
// persisted; callers keep the results in memory.

import {
  type KdfConfig,
  DEFAULT_KDF,
  SymmetricKey,
  decryptPrivateKey,
  deriveMasterKey,
  kdfLoginProblem,
  makeAccountKeys,
  masterPasswordHash,
  normalizeEmail as normalize,
  unlockUserKey,
} from "../crypto";
import type { KdfType, PreloginResponse, TokenResponse } from "../api";

export type { KdfConfig };
export { DEFAULT_KDF };

/** The keys of an unlocked account, in memory only. */
export interface AccountKeys {
  userKey: SymmetricKey;
  /** PKCS#8 DER of the account's RSA private key (null for an account without a key pair). */
  privateKey: Uint8Array | null;
}

/** The salt every client uses: the trimmed, lower-cased e-mail. */
export function normalizeEmail(email: string): string {
  return normalize(email);
}

/** The KDF settings of a prelogin answer (both shapes are sent; the nested one wins). */
export function kdfFromPrelogin(p: PreloginResponse): KdfConfig {
  const s = p.kdfSettings;
  const kdf = (s ? s.kdfType : p.kdf) as KdfType;
  return {
    kdf,
    iterations: s ? s.iterations : p.kdfIterations,
    memory: (s ? s.memory : p.kdfMemory) ?? null,
    parallelism: (s ? s.parallelism : p.kdfParallelism) ?? null,
  };
}

/** Settings a sign-in must refuse (a downgrade by the server), as a sentence; else null. */
export function kdfProblem(kdf: KdfConfig): string | null {
  return kdfLoginProblem(kdf);
}

/** What a password gives before the server is asked: the master key and the hash to send. */
export interface DerivedLogin {
  masterKey: Uint8Array;
  hash: string;
}

export async function deriveLogin(password: string, salt: string, kdf: KdfConfig): Promise<DerivedLogin> {
  const masterKey = await deriveMasterKey(password, salt, kdf);
  const hash = await masterPasswordHash(masterKey, password);
  return { masterKey, hash };
}

/**
 * Opens the master-key-wrapped user key. A wrong master password fails here (the MAC does not
 * match), which is how unlock tells a wrong password without asking the server.
 */
export function openUserKey(masterKey: Uint8Array, protectedUserKey: string): Promise<SymmetricKey> {
  return unlockUserKey(masterKey, protectedUserKey);
}

export async function openAccountKeys(
  masterKey: Uint8Array,
  protectedUserKey: string,
  protectedPrivateKey: string | null,
): Promise<AccountKeys> {
  const userKey = await openUserKey(masterKey, protectedUserKey);
  const privateKey = protectedPrivateKey ? await decryptPrivateKey(userKey, protectedPrivateKey) : null;
  return { userKey, privateKey };
}

/** The wrapped private key of a token response (AccountKeys first, the deprecated field else). */
export function privateKeyOf(t: TokenResponse): string | null {
  return t.AccountKeys?.publicKeyEncryptionKeyPair?.wrappedPrivateKey ?? t.PrivateKey ?? null;
}

export function publicKeyOf(t: TokenResponse): string | null {
  return t.AccountKeys?.publicKeyEncryptionKeyPair?.publicKey ?? null;
}

/** The KDF settings of a token response. */
export function kdfFromToken(t: TokenResponse, fallback: KdfConfig): KdfConfig {
  if (t.Kdf !== 0 && t.Kdf !== 1) return fallback;
  return {
    kdf: t.Kdf,
    iterations: t.KdfIterations ?? fallback.iterations,
    memory: t.KdfMemory ?? null,
    parallelism: t.KdfParallelism ?? null,
  };
}

/** Everything a new account sends, plus the keys to sign straight in with afterwards. */
export interface RegistrationKeys {
  masterKey: Uint8Array;
  masterPasswordHash: string;
  userSymmetricKey: string;
  publicKey: string;
  encryptedPrivateKey: string;
}

export async function makeRegistrationKeys(
  email: string,
  password: string,
  kdf: KdfConfig,
): Promise<RegistrationKeys> {
  const k = await makeAccountKeys(password, normalizeEmail(email), kdf);
  return {
    masterKey: k.masterKey,
    masterPasswordHash: k.masterPasswordHash,
    userSymmetricKey: k.protectedUserKey,
    publicKey: k.publicKey,
    encryptedPrivateKey: k.encryptedPrivateKey,
  };
}
