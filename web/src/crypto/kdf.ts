// Master-key derivation: settings, the master password hash sent to the server, and
// `deriveMasterKey`, which runs the KDF in a Web Worker so a 64 MiB Argon2id never blocks the page.

import { type Bytes, toBase64, utf8Encode } from "./bytes.js";
import { CryptoError } from "./errors.js";
import { pbkdf2Sha256, sha256 } from "./primitives.js";

/**
 * KDF settings as the server sends them (prelogin, token response): `kdf` 0 = PBKDF2-SHA256,
 * 1 = Argon2id; `memory` in MiB and `parallelism` only for Argon2id (null for PBKDF2).
 */
export type KdfConfig = {
  kdf: 0 | 1;
  iterations: number;
  memory?: number | null;
  parallelism?: number | null;
};

/** What the portal registers new accounts with: Argon2id, 3 passes, 64 MiB, 4 lanes. */
export const DEFAULT_KDF: KdfConfig = { kdf: 1, iterations: 3, memory: 64, parallelism: 4 };

/** Emails are salts: every client trims and lower-cases them the same way. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Argon2id's salt: SHA-256 of the normalised email (emails can be shorter than Argon2's minimum). */
export function argon2Salt(email: string): Promise<Bytes> {
  return sha256(utf8Encode(normalizeEmail(email)));
}

function isWhole(n: unknown, min: number, max: number): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= min && n <= max;
}

/**
 * Throws a CryptoError ("kdf") unless `kdf` is a setting this module can run: a known type and
 * whole numbers within the server's upper bounds (so a hostile prelogin answer cannot make the
 * browser allocate gigabytes or spin for hours). Lower bounds are `kdfLoginProblem`'s job.
 */
export function validateKdfConfig(kdf: KdfConfig): void {
  if (kdf.kdf === 0) {
    if (!isWhole(kdf.iterations, 1, 2_000_000)) {
      throw new CryptoError("kdf", "PBKDF2 iterations must be a whole number up to 2000000.");
    }
    return;
  }
  if (kdf.kdf === 1) {
    if (!isWhole(kdf.iterations, 1, 10)) {
      throw new CryptoError("kdf", "Argon2 iterations must be between 1 and 10.");
    }
    if (!isWhole(kdf.memory, 1, 1024)) {
      throw new CryptoError("kdf", "Argon2 memory must be between 1 and 1024 MiB.");
    }
    if (!isWhole(kdf.parallelism, 1, 16)) {
      throw new CryptoError("kdf", "Argon2 parallelism must be between 1 and 16.");
    }
    return;
  }
  throw new CryptoError("kdf", `Unknown KDF type ${String((kdf as { kdf: unknown }).kdf)}.`);
}

/**
 * The official clients refuse to sign in with prelogin settings that look like a downgrade
 * (PBKDF2 under 5,000 iterations; Argon2id under 2 passes, 16 MiB or 1 lane). Returns the
 * sentence to show, or null when the settings are acceptable. Call it before `deriveMasterKey`
 * on sign-in.
 */
export function kdfLoginProblem(kdf: KdfConfig): string | null {
  try {
    validateKdfConfig(kdf);
  } catch (e) {
    return e instanceof Error ? e.message : "Invalid KDF settings.";
  }
  if (kdf.kdf === 0 && kdf.iterations < 5000) {
    return "The server asks for fewer than 5000 PBKDF2 iterations; refusing to sign in.";
  }
  if (kdf.kdf === 1 && (kdf.iterations < 2 || (kdf.memory ?? 0) < 16 || (kdf.parallelism ?? 0) < 1)) {
    return "The server asks for Argon2 settings below the minimum (2 passes, 16 MiB); refusing to sign in.";
  }
  return null;
}

/**
 * The value sent as `masterPasswordHash`: one more PBKDF2-SHA256 iteration of the master key
 * with the password as salt, base64. The server never sees a value that decrypts the vault.
 */
export async function masterPasswordHash(masterKey: Uint8Array, password: string): Promise<string> {
  return toBase64(await pbkdf2Sha256(masterKey, utf8Encode(password), 1));
}

/** The message the page posts to the KDF worker. */
export type KdfWorkerRequest = { password: string; email: string; kdf: KdfConfig };

/** The worker's answer: the 32-byte master key, or the error's message and code. */
export type KdfWorkerResponse =
  | { ok: true; masterKey: Bytes }
  | { ok: false; code: CryptoError["code"]; message: string };

function deriveInWorker(request: KdfWorkerRequest): Promise<Bytes> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      // Vite sees this exact form and bundles the worker as its own same-origin module file.
      worker = new Worker(new URL("./kdf.worker.ts", import.meta.url), { type: "module" });
    } catch (e) {
      reject(new CryptoError("worker", `Could not start the key derivation worker: ${String(e)}`));
      return;
    }
    // One worker per derivation: terminating it frees Argon2's memory as soon as we are done.
    worker.onmessage = (event: MessageEvent<KdfWorkerResponse>) => {
      worker.terminate();
      const data = event.data;
      if (data.ok) resolve(new Uint8Array(data.masterKey));
      else reject(new CryptoError(data.code, data.message));
    };
    worker.onerror = (event: ErrorEvent) => {
      worker.terminate();
      event.preventDefault();
      reject(
        new CryptoError("worker", `The key derivation worker failed: ${event.message || "unknown error"}`),
      );
    };
    worker.onmessageerror = () => {
      worker.terminate();
      reject(new CryptoError("worker", "The key derivation worker sent an unreadable answer."));
    };
    worker.postMessage(request);
  });
}

/**
 * Derives the 32-byte master key from the password, the account's email (salt) and KDF settings.
 * In a browser this runs in a Web Worker; where there is no `Worker` (node tests) it runs here.
 */
export async function deriveMasterKey(password: string, email: string, kdf: KdfConfig): Promise<Bytes> {
  validateKdfConfig(kdf);
  const request: KdfWorkerRequest = {
    password,
    email,
    kdf: { kdf: kdf.kdf, iterations: kdf.iterations, memory: kdf.memory ?? null, parallelism: kdf.parallelism ?? null },
  };
  if (typeof Worker === "undefined") {
    const { deriveMasterKeyDirect } = await import("./kdf-direct.js");
    return deriveMasterKeyDirect(request.password, request.email, request.kdf);
  }
  return deriveInWorker(request);
}
