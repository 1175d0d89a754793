// Master password and KDF changes, without any page: the browser derives the new master key,
// wraps the same user key under it (so every item, organization key and the fingerprint
// phrase stay as they are), and sends only hashes and the wrapped key. The server then ends
// every session, this tab's included, so afterwards this tab signs straight in again with
// what it just derived, or, when that cannot finish here (two-step login asks for a code),
// signs out saying why.

import { api } from "../api";
import { type KdfConfig, protectUserKey } from "../crypto";
import { type Account, finishLogin, masterPasswordHashFor, signOut } from "../app/session";
import { type AccountKeys, type DerivedLogin, deriveLogin, normalizeEmail } from "./keys";

/** The KDF as the server's nested bodies spell it (`KdfSettings`); Argon2's extras null for PBKDF2. */
function wireKdf(kdf: KdfConfig) {
  return {
    kdfType: kdf.kdf,
    iterations: kdf.iterations,
    memory: kdf.kdf === 1 ? (kdf.memory ?? null) : null,
    parallelism: kdf.kdf === 1 ? (kdf.parallelism ?? null) : null,
  };
}

/**
 * The new password under `kdf` and the account's salt: master key, its hash, and the same user
 * key wrapped under it. (The e-mail change passes the account with its new address as salt.)
 */
export async function rewrap(
  account: Account,
  keys: AccountKeys,
  password: string,
  kdf: KdfConfig,
): Promise<{ derived: DerivedLogin; protectedUserKey: string }> {
  const derived = await deriveLogin(password, account.salt, kdf);
  const protectedUserKey = await protectUserKey(derived.masterKey, keys.userKey);
  return { derived, protectedUserKey };
}

export interface PasswordChange {
  current: string;
  next: string;
  hint: string;
}

/** `POST /api/accounts/password` (the flat body): same KDF, new password, same user key. */
export async function changeMasterPassword(account: Account, keys: AccountKeys, c: PasswordChange): Promise<void> {
  const currentHash = await masterPasswordHashFor(c.current);
  const { derived, protectedUserKey } = await rewrap(account, keys, c.next, account.kdf);
  await api.post("/api/accounts/password", {
    masterPasswordHash: currentHash,
    newMasterPasswordHash: derived.hash,
    key: protectedUserKey,
    masterPasswordHint: c.hint.trim() || null,
  });
  await signInAgain(account, account.kdf, derived, "Your master password has changed.");
}

/** `POST /api/accounts/kdf` (the nested body): same password, new KDF, same user key. */
export async function changeKdf(account: Account, keys: AccountKeys, password: string, kdf: KdfConfig): Promise<void> {
  const currentHash = await masterPasswordHashFor(password);
  const { derived, protectedUserKey } = await rewrap(account, keys, password, kdf);
  await api.post("/api/accounts/kdf", {
    masterPasswordHash: currentHash,
    authenticationData: { kdf: wireKdf(kdf), salt: account.salt, masterPasswordAuthenticationHash: derived.hash },
    unlockData: { kdf: wireKdf(kdf), salt: account.salt, masterKeyWrappedUserKey: protectedUserKey },
  });
  await signInAgain(account, kdf, derived, "Your encryption settings have changed.");
}

/** Signs this tab in again as `account` after a change that ended every session. */
export async function signInAgain(account: Account, kdf: KdfConfig, derived: DerivedLogin, what: string): Promise<void> {
  try {
    await finishLogin({ email: normalizeEmail(account.email), salt: account.salt, kdf, derived });
  } catch {
    signOut(`${what} Every session has ended; sign in again with your master password.`);
  }
}
