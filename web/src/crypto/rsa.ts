// RSA-2048 key pairs (public key: base64 SPKI DER; private key: PKCS#8 DER, stored encrypted under
// the user or org key) and EncString type 4, `4.<RSA-OAEP-SHA1 ciphertext>`, which carries org and
// provider keys wrapped for one member's public key.

import { type Bytes, bufferOf, fromBase64, toBase64 } from "./bytes.js";
import { CryptoError } from "./errors.js";
import { SymmetricKey } from "./symmetric.js";

const OAEP_SHA1 = { name: "RSA-OAEP", hash: "SHA-1" } as const;
const OAEP_SHA256 = { name: "RSA-OAEP", hash: "SHA-256" } as const;

export type KeyPair = {
  /** Base64 SPKI DER, as sent in `publicKey`. */
  publicKey: string;
  /** The PKCS#8 DER private key as an EncString type 2 under the protecting key. */
  encryptedPrivateKey: string;
  /** The PKCS#8 DER private key itself, to keep in memory for this session. */
  privateKey: Bytes;
};

/** A fresh RSA-2048 pair (e = 65537) whose private key is encrypted under `protectingKey`. */
export async function makeKeyPair(protectingKey: SymmetricKey): Promise<KeyPair> {
  const pair = await crypto.subtle.generateKey(
    { ...OAEP_SHA1, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["encrypt", "decrypt"],
  );
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  return {
    publicKey: toBase64(spki),
    encryptedPrivateKey: await protectingKey.encrypt(pkcs8),
    privateKey: pkcs8,
  };
}

async function importPublicKey(publicKeyB64: string): Promise<CryptoKey> {
  const der = fromBase64(publicKeyB64, "public key");
  try {
    return await crypto.subtle.importKey("spki", der, OAEP_SHA1, false, ["encrypt"]);
  } catch {
    throw new CryptoError("key", "Invalid RSA public key (expected base64 SPKI DER).");
  }
}

async function importPrivateKey(pkcs8: Uint8Array, hash: "SHA-1" | "SHA-256"): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey("pkcs8", bufferOf(pkcs8), { name: "RSA-OAEP", hash }, false, [
      "decrypt",
    ]);
  } catch {
    throw new CryptoError("key", "Invalid RSA private key (expected PKCS#8 DER).");
  }
}

/** Encrypts `data` (normally a 64-byte key) to `publicKeyB64` as an EncString type 4. */
export async function rsaEncrypt(publicKeyB64: string, data: Uint8Array): Promise<string> {
  const key = await importPublicKey(publicKeyB64);
  const ct = new Uint8Array(await crypto.subtle.encrypt(OAEP_SHA1, key, bufferOf(data)));
  return `4.${toBase64(ct)}`;
}

/**
 * Decrypts an asymmetric EncString with a PKCS#8 private key: type 4 (RSA-OAEP-SHA1), and the
 * obsolete 3 (OAEP-SHA256), 5 and 6 (the same with a MAC piece, which clients ignore).
 */
export async function rsaDecrypt(privateKeyPkcs8: Uint8Array, enc: string): Promise<Bytes> {
  const m = /^(\d+)\.(.*)$/s.exec(typeof enc === "string" ? enc : "");
  if (!m) throw new CryptoError("malformed", 'Not an EncString: expected "4.<ciphertext>".');
  const type = Number(m[1]);
  const pieces = (m[2] ?? "").split("|");
  let hash: "SHA-1" | "SHA-256";
  let expectedPieces: number;
  switch (type) {
    case 3: [hash, expectedPieces] = ["SHA-256", 1]; break;
    case 4: [hash, expectedPieces] = ["SHA-1", 1]; break;
    case 5: [hash, expectedPieces] = ["SHA-256", 2]; break;
    case 6: [hash, expectedPieces] = ["SHA-1", 2]; break;
    default:
      throw new CryptoError(
        type <= 7 ? "unsupported" : "malformed",
        `EncString type ${type} cannot be decrypted with a private key (expected type 4).`,
      );
  }
  if (pieces.length !== expectedPieces) {
    throw new CryptoError("malformed", `EncString type ${type} needs ${expectedPieces} piece(s), got ${pieces.length}.`);
  }
  const ct = fromBase64(pieces[0] ?? "", "EncString ciphertext");
  if (ct.length === 0) throw new CryptoError("malformed", "EncString ciphertext is empty.");
  const key = await importPrivateKey(privateKeyPkcs8, hash);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: "RSA-OAEP" }, key, ct));
  } catch {
    throw new CryptoError("decrypt", "RSA decryption failed: the key was not wrapped for this private key.");
  }
}

/** An org or provider key wrapped for a member's public key (type 4), as confirm and setup send it. */
export function wrapSymmetricKeyForPublicKey(publicKeyB64: string, key: SymmetricKey): Promise<string> {
  return rsaEncrypt(publicKeyB64, key.toBytes());
}

/** The inverse of `wrapSymmetricKeyForPublicKey`, with the member's PKCS#8 private key. */
export async function unwrapSymmetricKeyWithPrivateKey(
  privateKeyPkcs8: Uint8Array,
  enc: string,
): Promise<SymmetricKey> {
  return SymmetricKey.fromBytes(await rsaDecrypt(privateKeyPkcs8, enc));
}
