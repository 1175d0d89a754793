// Session state: signed out, locked (signed in, keys dropped) or unlocked (keys in memory).
//
// What persists, and where:
// - Keys (master key, user key, private key, org and provider keys) never leave memory. A lock,
//   a sign-out, an idle timeout or a reload drops them.
// - The sign-in (access and refresh token) and what unlocking needs (e-mail, KDF settings, the
//   master-key-wrapped user key, the user-key-wrapped private key) are kept in sessionStorage:
//   this tab only, gone when the tab closes. A reload therefore asks for the master password to
//   unlock, not for a new sign-in and two-step code. None of it opens the vault without the
//   master password; the strict CSP (own scripts only) is what keeps the tokens from scripts
//   that are not ours.
// - localStorage holds only the device identifier, the idle-lock time and, if the user wants
//   it, the e-mail to pre-fill.

import { useEffect, useState } from "preact/hooks";
import {
  ApiError,
  SessionExpiredError,
  type Profile,
  type Tokens,
  api,
} from "../api";
import { CryptoError } from "../crypto";
import {
  type AccountKeys,
  type DerivedLogin,
  type KdfConfig,
  deriveLogin,
  kdfFromPrelogin,
  kdfFromToken,
  kdfProblem,
  normalizeEmail,
  openAccountKeys,
  privateKeyOf,
  publicKeyOf,
} from "../account/keys";

/** What the portal knows of a signed-in account without its keys. */
export interface Account {
  userId: string;
  email: string;
  name: string | null;
  kdf: KdfConfig;
  salt: string;
  protectedUserKey: string;
  protectedPrivateKey: string | null;
  publicKey: string | null;
}

export type SessionState =
  | { status: "signedOut"; reason: string | null }
  | { status: "locked"; account: Account; reason: string | null }
  | { status: "unlocked"; account: Account; keys: AccountKeys; profile: Profile | null };

const SESSION_KEY = "bulwark.session";
const REMEMBERED_EMAIL_KEY = "bulwark.rememberedEmail";

interface Stored {
  account: Account;
  tokens: Tokens;
}

function readStored(): Stored | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Stored>;
    if (!s.account || !s.tokens || typeof s.tokens.accessToken !== "string") return null;
    return s as Stored;
  } catch {
    return null;
  }
}

function writeStored(s: Stored | null): void {
  try {
    if (s) sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Storage may be disabled (private mode quotas): the session then lives in memory only.
  }
}

let state: SessionState = { status: "signedOut", reason: null };
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  for (const l of listeners) l();
}

export function getSession(): SessionState {
  return state;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current session; re-renders the caller on every change. */
export function useSession(): SessionState {
  const [snapshot, setSnapshot] = useState(state);
  useEffect(() => {
    const update = () => setSnapshot(state);
    update();
    return subscribe(update);
  }, []);
  return snapshot;
}

/** The keys of the unlocked account, or null while locked or signed out. */
export function currentKeys(): AccountKeys | null {
  return state.status === "unlocked" ? state.keys : null;
}

function accountOf(): Account | null {
  return state.status === "signedOut" ? null : state.account;
}

function persist(tokens: Tokens | null): void {
  const account = accountOf();
  if (tokens && account) writeStored({ account, tokens });
  else if (!tokens) writeStored(null);
}

/** Restores a sign-in kept in this tab: the session comes back locked. Call once at start. */
export function restoreSession(): void {
  api.onTokensChanged = persist;
  api.onSessionExpired = () => {
    if (state.status !== "signedOut") signOut("Your session has ended. Sign in again.");
  };
  const stored = readStored();
  if (stored) {
    api.setTokens(stored.tokens);
    setState({ status: "locked", account: stored.account, reason: null });
  }
}

// ---- remembered e-mail -------------------------------------------------------------------

export function rememberedEmail(): string {
  try {
    return localStorage.getItem(REMEMBERED_EMAIL_KEY) ?? "";
  } catch {
    return "";
  }
}

export function setRememberedEmail(email: string | null): void {
  try {
    if (email) localStorage.setItem(REMEMBERED_EMAIL_KEY, email);
    else localStorage.removeItem(REMEMBERED_EMAIL_KEY);
  } catch {
    // not fatal
  }
}

// ---- sign in -----------------------------------------------------------------------------

/** A sign-in between the password and the server's answer (kept while a code is asked for). */
export interface LoginAttempt {
  email: string;
  salt: string;
  kdf: KdfConfig;
  derived: DerivedLogin;
}

/** Asks for the KDF settings and derives the master key (in the worker). */
export async function startLogin(email: string, password: string): Promise<LoginAttempt> {
  const normalized = normalizeEmail(email);
  const pre = await api.prelogin(normalized);
  const kdf = kdfFromPrelogin(pre);
  const problem = kdfProblem(kdf);
  if (problem) throw new Error(problem);
  const salt = typeof pre.salt === "string" && pre.salt ? pre.salt : normalized;
  const derived = await deriveLogin(password, salt, kdf);
  return { email: normalized, salt, kdf, derived };
}

function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split(".")[1] ?? "";
  try {
    const b64 = part.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)),
    );
    const v: unknown = JSON.parse(json);
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Sends the password grant (with the two-step code when given), opens the keys and unlocks.
 * Throws `TwoFactorRequiredError` when the server asks for a code.
 */
export async function finishLogin(
  attempt: LoginAttempt,
  twoFactor?: { token: string; provider: number; remember: boolean },
): Promise<void> {
  const t = await api.passwordGrant(attempt.email, attempt.derived.hash, twoFactor);
  const protectedUserKey = t.Key ?? t.UserDecryptionOptions?.MasterPasswordUnlock?.MasterKeyEncryptedUserKey;
  if (!protectedUserKey) {
    throw new Error("The server did not send this account's key; this portal cannot open it.");
  }
  const protectedPrivateKey = privateKeyOf(t);
  let keys: AccountKeys;
  try {
    keys = await openAccountKeys(attempt.derived.masterKey, protectedUserKey, protectedPrivateKey);
  } catch (e) {
    if (e instanceof CryptoError) {
      throw new Error("This account's key does not open with the master password the server accepted.");
    }
    throw e;
  }
  const claims = jwtPayload(t.access_token);
  const account: Account = {
    userId: typeof claims["sub"] === "string" ? claims["sub"] : "",
    email: typeof claims["email"] === "string" ? claims["email"] : attempt.email,
    name: typeof claims["name"] === "string" ? claims["name"] : null,
    kdf: kdfFromToken(t, attempt.kdf),
    salt: t.UserDecryptionOptions?.MasterPasswordUnlock?.Salt ?? attempt.salt,
    protectedUserKey,
    protectedPrivateKey,
    publicKey: publicKeyOf(t),
  };
  // Account first, so the token write below persists both.
  setState({ status: "unlocked", account, keys, profile: null });
  api.adoptTokens(t);
  await refreshProfile().catch(() => undefined);
}

// ---- lock, unlock, sign out -----------------------------------------------------------------

export function lock(reason: string | null = null): void {
  if (state.status === "unlocked") {
    setState({ status: "locked", account: state.account, reason });
  }
}

/** Thrown by `unlock` when the master password does not open the user key. */
export class WrongPasswordError extends Error {
  override readonly name = "WrongPasswordError";
  constructor() {
    super("Invalid master password.");
  }
}

export async function unlock(password: string): Promise<void> {
  if (state.status !== "locked") return;
  const account = state.account;
  const derived = await deriveLogin(password, account.salt, account.kdf);
  let keys: AccountKeys;
  try {
    keys = await openAccountKeys(derived.masterKey, account.protectedUserKey, account.protectedPrivateKey);
  } catch (e) {
    if (e instanceof CryptoError && (e.code === "mac" || e.code === "decrypt" || e.code === "key")) {
      throw new WrongPasswordError();
    }
    throw e;
  }
  if (getSession().status !== "locked") return;
  setState({ status: "unlocked", account, keys, profile: null });
  try {
    await refreshProfile();
  } catch (e) {
    if (e instanceof SessionExpiredError) return; // already signed out, with the reason shown
    // A lost connection leaves the vault unlocked; the profile loads on the next try.
  }
}

/** Drops keys, tokens and the kept sign-in. Bulwark has no token revocation route to call. */
export function signOut(reason: string | null = null): void {
  writeStored(null);
  if (state.status !== "signedOut") setState({ status: "signedOut", reason });
  if (api.getTokens()) api.setTokens(null);
}

let profileInFlight: Promise<Profile | null> | null = null;

/**
 * Reloads the profile (organizations and providers for the switcher). Calls made while one is
 * on its way share it: a provider member's profile lists every client (megabytes at 10,000),
 * and sign-in and the page it opens both ask for it.
 */
export function refreshProfile(): Promise<Profile | null> {
  profileInFlight ??= loadProfile().finally(() => {
    profileInFlight = null;
  });
  return profileInFlight;
}

async function loadProfile(): Promise<Profile | null> {
  if (state.status !== "unlocked") return null;
  const profile = await api.profile();
  if (state.status !== "unlocked") return null;
  const account: Account = { ...state.account, name: profile.name, email: profile.email };
  setState({ ...state, account, profile });
  const tokens = api.getTokens();
  if (tokens) writeStored({ account, tokens });
  return profile;
}

/**
 * The master password hash of the signed-in account for `password`, for routes that ask the
 * user to prove it (two-step setup, deleting things). Derived with the account's own KDF.
 */
export async function masterPasswordHashFor(password: string): Promise<string> {
  if (state.status === "signedOut") throw new Error("Sign in first.");
  const { salt, kdf } = state.account;
  return (await deriveLogin(password, salt, kdf)).hash;
}

/** True when an error means the user must sign in again (the page is then already redirected). */
export function isSessionEnd(e: unknown): boolean {
  return e instanceof SessionExpiredError || (e instanceof ApiError && e.status === 401);
}
