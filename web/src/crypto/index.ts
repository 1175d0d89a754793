// The portal's one crypto module. Everything the pages need is exported from here; keys stay in
// memory (never localStorage, sessionStorage or IndexedDB). WebCrypto does PBKDF2, HMAC,
// HKDF-Expand, AES-256-CBC and RSA-OAEP; hash-wasm's Argon2id runs in a Web Worker.

export { CryptoError, type CryptoErrorCode } from "./errors.js";
export { type Bytes, fromBase64, toBase64, utf8Decode, utf8Encode, randomBytes, constantTimeEqual } from "./bytes.js";
export {
  type KdfConfig,
  DEFAULT_KDF,
  deriveMasterKey,
  kdfLoginProblem,
  masterPasswordHash,
  normalizeEmail,
  validateKdfConfig,
} from "./kdf.js";
export {
  SymmetricKey,
  decryptBytes,
  decryptString,
  encStringType,
  encryptBytes,
  encryptString,
  stretchMasterKey,
  unwrapSymmetricKey,
  wrapSymmetricKey,
} from "./symmetric.js";
export {
  type KeyPair,
  makeKeyPair,
  rsaDecrypt,
  rsaEncrypt,
  unwrapSymmetricKeyWithPrivateKey,
  wrapSymmetricKeyForPublicKey,
} from "./rsa.js";
export { fingerprintPhrase } from "./fingerprint.js";
export { sha256 } from "./primitives.js";
export {
  type AccountKeys,
  type NewClientOrgKeys,
  type NewOrgKeys,
  decryptPrivateKey,
  makeAccountKeys,
  makeOrgKeys,
  makeProviderClientKeys,
  makeProviderKey,
  makeUserKey,
  protectUserKey,
  unlockUserKey,
} from "./keys.js";
export { type TotpAlgorithm, type TotpParams, base32Decode, hotp, parseTotpKey, totpCode } from "./totp.js";
export {
  DEFAULT_PASSPHRASE,
  DEFAULT_PASSWORD,
  PASSPHRASE_WORDS,
  PASSWORD_LENGTH,
  type PassphraseOptions,
  type PasswordOptions,
  generatePassphrase,
  generatePassword,
  randomBelow,
} from "./generator.js";
export { decryptFile, encryptFile } from "./files.js";
