// The one error type the crypto module throws. `code` lets the UI tell a wrong password (a MAC
// failure on the protected user key) from data it cannot read, without parsing messages.

export type CryptoErrorCode =
  /** Not an EncString, bad base64, wrong piece count or piece length. */
  | "malformed"
  /** A well-formed EncString of a type this module does not decrypt (e.g. 7, COSE). */
  | "unsupported"
  /** The HMAC did not match: wrong key or tampered data. */
  | "mac"
  /** AES or RSA decryption failed after the MAC check (bad padding, wrong RSA key). */
  | "decrypt"
  /** Key material of the wrong size or an unparsable public/private key. */
  | "key"
  /** KDF settings out of range. */
  | "kdf"
  /** Decrypted bytes that should be text are not UTF-8. */
  | "utf8"
  /** The KDF worker failed to start or crashed. */
  | "worker";

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string) {
    super(message);
    this.name = "CryptoError";
    this.code = code;
  }
}
