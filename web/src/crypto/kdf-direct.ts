// The KDF itself, run in the calling thread. The portal only reaches it through the worker
// (kdf.worker.ts) or, where there is no Worker (node tests), through `deriveMasterKey`'s fallback.
// Kept out of kdf.ts so the page's bundle does not carry Argon2's WebAssembly.

import { argon2id } from "hash-wasm";
import { type Bytes, utf8Encode } from "./bytes.js";
import { CryptoError } from "./errors.js";
import {
  type KdfConfig,
  type KdfWorkerResponse,
  argon2Salt,
  normalizeEmail,
  validateKdfConfig,
} from "./kdf.js";
import { pbkdf2Sha256 } from "./primitives.js";

export async function deriveMasterKeyDirect(password: string, email: string, kdf: KdfConfig): Promise<Bytes> {
  validateKdfConfig(kdf);
  const secret = utf8Encode(password);
  if (kdf.kdf === 0) {
    return pbkdf2Sha256(secret, utf8Encode(normalizeEmail(email)), kdf.iterations);
  }
  const out = await argon2id({
    password: secret,
    salt: await argon2Salt(email),
    iterations: kdf.iterations,
    parallelism: kdf.parallelism ?? 1,
    memorySize: (kdf.memory ?? 0) * 1024, // MiB on the wire, KiB for Argon2
    hashLength: 32,
    outputType: "binary",
  });
  return new Uint8Array(out);
}

function isRequest(data: unknown): data is { password: string; email: string; kdf: KdfConfig } {
  if (typeof data !== "object" || data === null) return false;
  const r = data as Record<string, unknown>;
  const kdf = r["kdf"];
  return (
    typeof r["password"] === "string" &&
    typeof r["email"] === "string" &&
    typeof kdf === "object" &&
    kdf !== null
  );
}

/** The worker's whole job, as a function the tests can call without a Worker. */
export async function handleKdfRequest(data: unknown): Promise<KdfWorkerResponse> {
  try {
    if (!isRequest(data)) throw new CryptoError("kdf", "Malformed key derivation request.");
    const masterKey = await deriveMasterKeyDirect(data.password, data.email, data.kdf);
    return { ok: true, masterKey };
  } catch (e) {
    if (e instanceof CryptoError) return { ok: false, code: e.code, message: e.message };
    return { ok: false, code: "kdf", message: `Key derivation failed: ${String(e)}` };
  }
}
