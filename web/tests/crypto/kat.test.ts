// Known-answer and behaviour tests of the portal's crypto module under node --test: the spec's
// KDF vectors (../shared/spec/README.md), Bitwarden SDK vectors, EncString types 2 and 4, the
// fingerprint phrase and the word list it comes from.

import assert from "node:assert/strict";
import { createHash, createHmac, hkdfSync } from "node:crypto";
import { describe, test } from "node:test";

import {
  CryptoError,
  type CryptoErrorCode,
  type KdfConfig,
  SymmetricKey,
  decryptBytes,
  decryptPrivateKey,
  decryptString,
  deriveMasterKey,
  encStringType,
  encryptBytes,
  encryptString,
  fingerprintPhrase,
  fromBase64,
  kdfLoginProblem,
  makeAccountKeys,
  makeKeyPair,
  makeOrgKeys,
  makeProviderClientKeys,
  makeProviderKey,
  makeUserKey,
  masterPasswordHash,
  protectUserKey,
  rsaDecrypt,
  rsaEncrypt,
  stretchMasterKey,
  toBase64,
  unlockUserKey,
  unwrapSymmetricKey,
  unwrapSymmetricKeyWithPrivateKey,
  validateKdfConfig,
  wrapSymmetricKey,
  wrapSymmetricKeyForPublicKey,
} from "../../src/crypto/index.js";
import { fingerprintBytes, fingerprintWordIndexes } from "../../src/crypto/fingerprint.js";
import { deriveMasterKeyDirect, handleKdfRequest } from "../../src/crypto/kdf-direct.js";
import { hkdfExpand } from "../../src/crypto/primitives.js";
import { WORDS } from "../../src/crypto/wordlist.js";
import { SDK, pemToDer } from "./sdk-vectors.js";

/** Asserts that `promise` rejects with a CryptoError of `code`. */
async function rejectsWith(promise: Promise<unknown>, code: CryptoErrorCode): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof CryptoError, `expected a CryptoError, got ${String(e)}`);
    assert.equal(e.code, code, `expected code ${code}, got ${e.code}: ${e.message}`);
    return true;
  });
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("KDF known answers", () => {
  test("PBKDF2-SHA256 100,000: spec README master password hash (email trimmed and lower-cased)", async () => {
    const mk = await deriveMasterKey("asdfasdf", " TEST@bitwarden.com", { kdf: 0, iterations: 100_000 });
    assert.equal(await masterPasswordHash(mk, "asdfasdf"), "wmyadRMyBZOH7P/a/ucTCbSghKgdzDpPqUnu/DAVtSw=");
  });

  test("Argon2id 4 passes, 32 MiB, 2 lanes: spec README master password hash", async () => {
    const kdf: KdfConfig = { kdf: 1, iterations: 4, memory: 32, parallelism: 2 };
    const mk = await deriveMasterKey("asdfasdf", "test_salt", kdf);
    assert.equal(await masterPasswordHash(mk, "asdfasdf"), "PR6UjYmjmppTYcdyTiNbAhPJuQQOmynKbdEl1oyi/iQ=");
  });

  test("SDK vectors: PBKDF2 and Argon2id master keys, server hash", async () => {
    for (const v of [SDK.pbkdf2MasterKey, SDK.argon2MasterKey]) {
      const mk = await deriveMasterKey(v.password, v.email, v.kdf);
      assert.deepEqual([...mk], v.masterKey);
    }
    const h = SDK.pbkdf2Hash;
    assert.equal(await masterPasswordHash(await deriveMasterKey(h.password, h.email, h.kdf), h.password), h.hash);
  });

  test("stretched key: SDK vector and the Rust client's vector (HKDF-Expand, no Extract)", async () => {
    const sdk = (await stretchMasterKey(Uint8Array.from(SDK.pbkdf2MasterKey.masterKey))).toBytes();
    assert.deepEqual([...sdk.subarray(0, 32)], SDK.stretched.enc);
    assert.deepEqual([...sdk.subarray(32)], SDK.stretched.mac);
    const rust = (await stretchMasterKey(new Uint8Array(32).fill(7))).toBytes();
    assert.equal(hex(rust.subarray(0, 32)), "b03d1f10785820663f522197ba92a7b23f6d81f13c268ab319e23d221f6cd7bc");
    assert.equal(hex(rust.subarray(32)), "ce8ee376cf5ec58b26733ac08e4d7522664a3ef64224448e9bc5598a473d738d");
    await rejectsWith(stretchMasterKey(new Uint8Array(31)), "key");
  });

  test("HKDF-Expand agrees with node's HKDF for multi-block lengths", async () => {
    const ikm = new Uint8Array(22).fill(0x0b);
    const salt = Uint8Array.from({ length: 13 }, (_, i) => i);
    const info = Uint8Array.from({ length: 10 }, (_, i) => 0xf0 + i);
    const prk = createHmac("sha256", salt).update(ikm).digest();
    for (const length of [1, 32, 42, 100]) {
      const ours = await hkdfExpand(prk, info, length);
      assert.equal(hex(ours), Buffer.from(hkdfSync("sha256", ikm, salt, info, length)).toString("hex"));
    }
  });

  test("the worker's handler derives the same key and reports bad requests", async () => {
    const kdf: KdfConfig = { kdf: 0, iterations: 5000, memory: null, parallelism: null };
    const ok = await handleKdfRequest({ password: "pw", email: "A@b.c", kdf });
    assert.ok(ok.ok);
    assert.deepEqual(ok.masterKey, await deriveMasterKeyDirect("pw", "a@b.c", kdf));
    const bad = await handleKdfRequest({ password: 1 });
    assert.equal(bad.ok, false);
    const range = await handleKdfRequest({ password: "pw", email: "e", kdf: { kdf: 1, iterations: 3, memory: 4096, parallelism: 4 } });
    assert.ok(!range.ok && range.code === "kdf" && /memory/.test(range.message));
  });

  test("KDF settings: structural checks and the sign-in downgrade guard", async () => {
    assert.throws(() => validateKdfConfig({ kdf: 2 as 0, iterations: 1 }), CryptoError);
    assert.throws(() => validateKdfConfig({ kdf: 0, iterations: 1.5 }), CryptoError);
    assert.throws(() => validateKdfConfig({ kdf: 0, iterations: 3_000_000 }), CryptoError);
    assert.throws(() => validateKdfConfig({ kdf: 1, iterations: 3, memory: null, parallelism: 4 }), CryptoError);
    assert.throws(() => validateKdfConfig({ kdf: 1, iterations: 3, memory: 64, parallelism: 17 }), CryptoError);
    await rejectsWith(deriveMasterKey("p", "e", { kdf: 1, iterations: 3, memory: 2048, parallelism: 4 }), "kdf");
    assert.equal(kdfLoginProblem({ kdf: 0, iterations: 600_000 }), null);
    assert.equal(kdfLoginProblem({ kdf: 1, iterations: 3, memory: 64, parallelism: 4 }), null);
    assert.match(kdfLoginProblem({ kdf: 0, iterations: 4999 }) ?? "", /5000/);
    assert.match(kdfLoginProblem({ kdf: 1, iterations: 1, memory: 64, parallelism: 4 }) ?? "", /minimum/);
    assert.match(kdfLoginProblem({ kdf: 1, iterations: 3, memory: 15, parallelism: 4 }) ?? "", /minimum/);
  });

  test("Argon2id at the portal default (64 MiB, 3 passes, 4 lanes) in node", async (t) => {
    const started = performance.now();
    const mk = await deriveMasterKey("correct horse", "timing@example.com", { kdf: 1, iterations: 3, memory: 64, parallelism: 4 });
    const ms = performance.now() - started;
    assert.equal(mk.length, 32);
    t.diagnostic(`Argon2id 64 MiB / 3 passes / 4 lanes: ${ms.toFixed(0)} ms`);
  });
});

describe("EncString type 2", () => {
  test("round trip of text and bytes, fresh IV each time", async () => {
    const key = SymmetricKey.random();
    for (const text of ["", "a", "exactly 16 bytes", "a longer message spanning blocks ✓ 🙂 <b>x</b>"]) {
      const enc = await encryptString(key, text);
      assert.match(enc, /^2\.[A-Za-z0-9+/]{22}==\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/]{43}=$/);
      assert.equal(encStringType(enc), 2);
      assert.equal(await decryptString(key, enc), text);
    }
    const bytes = crypto.getRandomValues(new Uint8Array(5000));
    assert.deepEqual(await decryptBytes(key, await encryptBytes(key, bytes)), bytes);
    assert.notEqual(await encryptString(key, "same"), await encryptString(key, "same"));
  });

  test("tampered MAC, ciphertext or IV and the wrong key fail the MAC check", async () => {
    const key = SymmetricKey.random();
    const enc = await encryptString(key, "secret");
    const [iv, ct, mac] = enc.slice(2).split("|") as [string, string, string];
    const flip = (b64: string) => {
      const b = fromBase64(b64);
      b[0] = (b[0] ?? 0) ^ 1;
      return toBase64(b);
    };
    await rejectsWith(decryptString(key, `2.${iv}|${ct}|${flip(mac)}`), "mac");
    await rejectsWith(decryptString(key, `2.${iv}|${flip(ct)}|${mac}`), "mac");
    await rejectsWith(decryptString(key, `2.${flip(iv)}|${ct}|${mac}`), "mac");
    await rejectsWith(decryptString(SymmetricKey.random(), enc), "mac");
    await assert.rejects(decryptString(SymmetricKey.random(), enc), /MAC mismatch/);
  });

  test("malformed and unsupported strings are refused with a clear error", async () => {
    const key = SymmetricKey.random();
    const good = await encryptString(key, "x");
    const [iv, ct, mac] = good.slice(2).split("|") as [string, string, string];
    for (const bad of ["", "2.", "abc", "2.a|b", "2.a|b|c|d", "2.!!|!!|!!", `2.${iv}|${ct}`, `2.${iv}|${ct}|${mac}|${mac}`,
      `2.${iv} |${ct}|${mac}`, `2.${iv}|${ct.slice(0, -4)}|${mac}`, `2.AAAA|${ct}|${mac}`, `2.${iv}||${mac}`, `12.${iv}|${ct}|${mac}`]) {
      await rejectsWith(decryptString(key, bad), "malformed");
    }
    await rejectsWith(decryptString(key, `0.${iv}|${ct}`), "unsupported");
    await rejectsWith(decryptString(key, "7.AAAA"), "unsupported");
    await rejectsWith(decryptString(key, "4.AAAA"), "unsupported");
  });

  test("non-UTF-8 plaintext is refused as text but readable as bytes", async () => {
    const key = SymmetricKey.random();
    const enc = await encryptBytes(key, Uint8Array.of(0xff, 0xfe, 0x00));
    await rejectsWith(decryptString(key, enc), "utf8");
    assert.deepEqual([...(await decryptBytes(key, enc))], [0xff, 0xfe, 0x00]);
  });

  test("SymmetricKey: 64 bytes, copies in and out, never serialised", () => {
    assert.throws(() => SymmetricKey.fromBytes(new Uint8Array(63)), CryptoError);
    assert.throws(() => SymmetricKey.fromBytes(new Uint8Array(32)), CryptoError);
    const raw = crypto.getRandomValues(new Uint8Array(64));
    const key = SymmetricKey.fromBytes(raw);
    raw.fill(0);
    const out = key.toBytes();
    assert.equal(out.length, 64);
    assert.ok(out.some((b) => b !== 0));
    out.fill(0);
    assert.ok(key.toBytes().some((b) => b !== 0));
    assert.ok(key.equals(SymmetricKey.fromBytes(key.toBytes())));
    assert.ok(!key.equals(SymmetricKey.random()));
    assert.equal(JSON.stringify({ key }), '{"key":"SymmetricKey(<redacted>)"}');
    assert.equal(String(key), "SymmetricKey(<redacted>)");
  });

  test("wrapping a key under another key (user key under the stretched master key)", async () => {
    const wrapping = SymmetricKey.random();
    const key = SymmetricKey.random();
    const enc = await wrapSymmetricKey(wrapping, key);
    assert.ok((await unwrapSymmetricKey(wrapping, enc)).equals(key));
    await rejectsWith(unwrapSymmetricKey(SymmetricKey.random(), enc), "mac");
    await rejectsWith(unwrapSymmetricKey(wrapping, await encryptString(wrapping, "short")), "key");
  });
});

describe("RSA and EncString type 4", () => {
  test("key pair, type-4 round trip, wrapping keys for a public key", async () => {
    const userKey = SymmetricKey.random();
    const pair = await makeKeyPair(userKey);
    const spki = fromBase64(pair.publicKey);
    assert.equal(spki.length, 294, "RSA-2048 SPKI DER is 294 bytes");
    const pkcs8 = await decryptPrivateKey(userKey, pair.encryptedPrivateKey);
    assert.deepEqual(pkcs8, pair.privateKey);

    const data = crypto.getRandomValues(new Uint8Array(64));
    const enc = await rsaEncrypt(pair.publicKey, data);
    assert.match(enc, /^4\.[A-Za-z0-9+/]{342}==$/);
    assert.deepEqual(await rsaDecrypt(pkcs8, enc), data);

    const orgKey = SymmetricKey.random();
    const wrapped = await wrapSymmetricKeyForPublicKey(pair.publicKey, orgKey);
    assert.ok((await unwrapSymmetricKeyWithPrivateKey(pkcs8, wrapped)).equals(orgKey));

    const other = await makeKeyPair(userKey);
    await rejectsWith(rsaDecrypt(other.privateKey, enc), "decrypt");
    await rejectsWith(unwrapSymmetricKeyWithPrivateKey(pkcs8, await rsaEncrypt(pair.publicKey, data.subarray(0, 32))), "key");
  });

  test("bad keys and malformed type-4 strings", async () => {
    const pair = await makeKeyPair(SymmetricKey.random());
    await rejectsWith(rsaEncrypt("not base64!", new Uint8Array(4)), "malformed");
    await rejectsWith(rsaEncrypt("AAAA", new Uint8Array(4)), "key");
    await rejectsWith(rsaDecrypt(new Uint8Array(10), "4.AAAA"), "key");
    for (const bad of ["", "4.", "4.a", "4.AAAA|AAAA", "x.AAAA", "6.AAAA"]) {
      await rejectsWith(rsaDecrypt(pair.privateKey, bad), "malformed");
    }
    await rejectsWith(rsaDecrypt(pair.privateKey, await encryptString(SymmetricKey.random(), "x")), "unsupported");
  });

  test("SDK vectors: types 3, 4 and 6 decrypt with the published test key", async () => {
    const pkcs8 = pemToDer(SDK.rsa.privateKeyPem);
    for (const enc of [SDK.rsa.type3, SDK.rsa.type4, SDK.rsa.type6]) {
      assert.equal(new TextDecoder().decode(await rsaDecrypt(pkcs8, enc)), SDK.rsa.plaintext);
    }
  });
});

describe("fingerprint phrase", () => {
  test("SDK vector: turban-deftly-anime-chatroom-unselfish", async () => {
    assert.equal(await fingerprintPhrase(SDK.fingerprint.material, SDK.fingerprint.publicKey), SDK.fingerprint.phrase);
  });

  test("the algorithm: HKDF-Expand(SHA-256(SPKI), material), big-endian base-7776 digits", async () => {
    const fp = await fingerprintBytes(SDK.fingerprint.material, SDK.fingerprint.publicKey);
    const prk = createHash("sha256").update(fromBase64(SDK.fingerprint.publicKey)).digest();
    const expected = createHmac("sha256", prk).update(Buffer.concat([Buffer.from(SDK.fingerprint.material), Buffer.of(1)])).digest();
    assert.equal(hex(fp), expected.toString("hex"));
    assert.deepEqual(fingerprintWordIndexes(fp), [6922, 1653, 208, 985, 7277]);
    assert.deepEqual(fingerprintWordIndexes(new Uint8Array(32)), [0, 0, 0, 0, 0]);
    assert.deepEqual(fingerprintWordIndexes(Uint8Array.of(...new Uint8Array(30), 0x1e, 0x61)), [1, 1, 0, 0, 0]); // 7777
  });

  test("the word list is the EFF long list (eff_large_wordlist.txt, SHA-256 addd3553…)", () => {
    assert.equal(WORDS.length, 7776);
    // Rebuild the published file (dice roll, tab, word per line) and compare its digest.
    const lines = WORDS.map((w, i) => {
      let dice = "";
      for (let n = i, d = 0; d < 5; d++, n = Math.floor(n / 6)) dice = String((n % 6) + 1) + dice;
      return `${dice}\t${w}\n`;
    });
    const digest = createHash("sha256").update(lines.join("")).digest("hex");
    assert.equal(digest, "addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e");
  });

  test("a fresh key gives five list words joined with '-'", async () => {
    const pair = await makeKeyPair(SymmetricKey.random());
    const phrase = await fingerprintPhrase("6d3c8a2e-0000-4000-8000-000000000001", pair.publicKey);
    const words = phrase.split("-");
    assert.ok(words.length >= 5, phrase);
    assert.equal(phrase, await fingerprintPhrase("6d3c8a2e-0000-4000-8000-000000000001", pair.publicKey));
    assert.notEqual(phrase, await fingerprintPhrase("6d3c8a2e-0000-4000-8000-000000000002", pair.publicKey));
  });
});

describe("account, organization and provider keys", () => {
  test("registration keys unlock with the right password only", async () => {
    const kdf: KdfConfig = { kdf: 0, iterations: 5000 };
    const acct = await makeAccountKeys("hunter2 ✓", " New@Example.com", kdf);
    const mk = await deriveMasterKey("hunter2 ✓", "new@example.com", kdf);
    assert.deepEqual(mk, acct.masterKey);
    assert.equal(acct.masterPasswordHash, await masterPasswordHash(mk, "hunter2 ✓"));
    const userKey = await unlockUserKey(mk, acct.protectedUserKey);
    assert.ok(userKey.equals(acct.userKey));
    assert.deepEqual(await decryptPrivateKey(userKey, acct.encryptedPrivateKey), acct.privateKey);
    const wrong = await deriveMasterKey("hunter3 ✓", "new@example.com", kdf);
    await assert.rejects(unlockUserKey(wrong, acct.protectedUserKey), /Invalid master password/);

    // Password change: same user key under a new master key.
    const mk2 = await deriveMasterKey("new pw", "new@example.com", kdf);
    assert.ok((await unlockUserKey(mk2, await protectUserKey(mk2, acct.userKey))).equals(acct.userKey));
    const fresh = await makeUserKey(mk2);
    assert.ok((await unlockUserKey(mk2, fresh.protectedUserKey)).equals(fresh.userKey));
  });

  test("new organization: org key for the creator, org pair under the org key, collection name", async () => {
    const creator = await makeKeyPair(SymmetricKey.random());
    const org = await makeOrgKeys(creator.publicKey, "Default collection");
    const orgKey = await unwrapSymmetricKeyWithPrivateKey(creator.privateKey, org.key);
    assert.ok(orgKey.equals(org.orgKey));
    const orgPkcs8 = await decryptPrivateKey(orgKey, org.keys.encryptedPrivateKey);
    const probe = await rsaEncrypt(org.keys.publicKey, Uint8Array.of(1, 2, 3));
    assert.deepEqual([...(await rsaDecrypt(orgPkcs8, probe))], [1, 2, 3]);
    assert.equal(await decryptString(orgKey, org.collectionName ?? ""), "Default collection");
    assert.equal((await makeOrgKeys(creator.publicKey, null)).collectionName, null);
  });

  test("provider setup key for the owner, and a client org under the provider key", async () => {
    const owner = await makeKeyPair(SymmetricKey.random());
    const setup = await makeProviderKey(owner.publicKey);
    assert.equal(encStringType(setup.key), 4);
    const providerKey = await unwrapSymmetricKeyWithPrivateKey(owner.privateKey, setup.key);
    assert.ok(providerKey.equals(setup.providerKey));

    const client = await makeProviderClientKeys(providerKey, "Default collection");
    assert.equal(encStringType(client.key), 2);
    const orgKey = await unwrapSymmetricKey(providerKey, client.key);
    assert.ok(orgKey.equals(client.orgKey));
    await decryptPrivateKey(orgKey, client.keyPair.encryptedPrivateKey);
    assert.equal(await decryptString(orgKey, client.collectionName), "Default collection");
  });
});

describe("base64", () => {
  test("strict standard padded base64 only", () => {
    assert.equal(toBase64(Uint8Array.of(0xfb, 0xff)), "+/8=");
    assert.deepEqual([...fromBase64("+/8=")], [0xfb, 0xff]);
    assert.deepEqual([...fromBase64("")], []);
    for (const bad of ["-_8=", "+/8", "+/8=\n", " +/8=", "A===", "AB=C"]) {
      assert.throws(() => fromBase64(bad), CryptoError, bad);
    }
    const big = crypto.getRandomValues(new Uint8Array(60_000));
    assert.equal(toBase64(big), Buffer.from(big).toString("base64"));
  });
});

describe("TOTP (RFC 6238 appendix B)", () => {
  // The RFC's seeds: the ASCII digits repeated to the hash's block-free key length.
  const seed = (length: number) => new TextEncoder().encode("1234567890".repeat(7).slice(0, length));
  const vectors: [number, string, string, string][] = [
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ];
  test("the RFC's codes for SHA-1, SHA-256 and SHA-512", async () => {
    for (const [time, sha1, sha256, sha512] of vectors) {
      const at = (secret: Uint8Array, algorithm: TotpAlgorithm) =>
        totpCode({ secret, algorithm, digits: 8, period: 30 }, time).then((c) => c.code);
      assert.equal(await at(seed(20), "SHA-1"), sha1, `SHA-1 at ${time}`);
      assert.equal(await at(seed(32), "SHA-256"), sha256, `SHA-256 at ${time}`);
      assert.equal(await at(seed(64), "SHA-512"), sha512, `SHA-512 at ${time}`);
    }
  });

  test("authenticator keys: bare base32 and otpauth URIs", async () => {
    // "12345678901234567890" in base32.
    const b32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    const bare = parseTotpKey(b32.toLowerCase().replace(/(.{4})/g, "$1 "));
    assert.ok(bare);
    assert.deepEqual([...bare.secret], [...seed(20)]);
    assert.equal((await totpCode(bare, 59)).code, "287082");
    assert.equal((await totpCode(bare, 59)).remaining, 1);
    const uri = parseTotpKey(`otpauth://totp/Example:alice?secret=${b32}&digits=8&algorithm=SHA1&period=30`);
    assert.ok(uri);
    assert.equal((await totpCode(uri, 1111111109)).code, "07081804");
    assert.equal(parseTotpKey("not base32!"), null);
    assert.equal(parseTotpKey("otpauth://hotp/x?secret=GEZDGNBV"), null);
    assert.equal(parseTotpKey(`otpauth://totp/x?secret=${b32}&algorithm=MD5`), null);
    assert.deepEqual([...(base32Decode("MZXW6YTBOI======") ?? [])], [...new TextEncoder().encode("foobar")]);
  });
});

import { type TotpAlgorithm, base32Decode, parseTotpKey, totpCode } from "../../src/crypto/index.js";

describe("password and passphrase generator", () => {
  test("length, classes asked for and nothing else, ambiguous characters left out", () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword({ ...DEFAULT_PASSWORD, length: 8 });
      assert.equal(p.length, 8);
      assert.match(p, /[A-Z]/);
      assert.match(p, /[a-z]/);
      assert.match(p, /[0-9]/);
      assert.match(p, /[!@#$%^&*]/);
      assert.match(p, /^[A-Za-z0-9!@#$%^&*]+$/);
      const digits = generatePassword({ ...DEFAULT_PASSWORD, uppercase: false, lowercase: false, special: false, avoidAmbiguous: true, length: 30 });
      assert.match(digits, /^[2-9]{30}$/);
    }
    assert.equal(generatePassword({ ...DEFAULT_PASSWORD, length: 1000 }).length, 128);
    assert.equal(generatePassword({ ...DEFAULT_PASSWORD, length: 1 }).length, 5);
  });

  test("uniform choices: every value of a small range comes up about equally", () => {
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[randomBelow(6)]! += 1;
    for (const c of counts) assert.ok(c > 9_000 && c < 11_000, `counts ${counts.join(",")}`);
    assert.throws(() => randomBelow(0), RangeError);
  });

  test("passphrases: words of the EFF list, separator, capitals, a number", async () => {
    const p = await generatePassphrase({ words: 6, separator: "_", capitalize: true, includeNumber: true });
    const words = p.split("_");
    assert.equal(words.length, 6);
    for (const w of words) assert.match(w, /^[A-Z][a-z-]*[0-9]?$/);
    assert.equal(words.filter((w) => /[0-9]$/.test(w)).length, 1);
    assert.equal((await generatePassphrase({ ...DEFAULT_PASSPHRASE, words: 100, separator: " " })).split(" ").length, 20);
  });
});

import {
  DEFAULT_PASSPHRASE,
  DEFAULT_PASSWORD,
  generatePassphrase,
  generatePassword,
  randomBelow,
} from "../../src/crypto/index.js";

describe("attachment files", () => {
  test("the binary EncString node's AES-CBC and HMAC read, and back", async () => {
    const key = SymmetricKey.random();
    const raw = key.toBytes();
    const data = new Uint8Array(70_000).map((_, i) => (i * 7919) % 251);
    const enc = await encryptFile(key, data);
    assert.equal(enc[0], 2);
    const iv = enc.subarray(1, 17);
    const mac = enc.subarray(17, 49);
    const ct = enc.subarray(49);
    const expected = createHmac("sha256", raw.subarray(32)).update(iv).update(ct).digest();
    assert.deepEqual([...mac], [...expected]);
    const d = createDecipheriv("aes-256-cbc", raw.subarray(0, 32), iv);
    assert.deepEqual(Buffer.concat([d.update(ct), d.final()]), Buffer.from(data));
    assert.deepEqual([...(await decryptFile(key, enc))], [...data]);
    const tampered = new Uint8Array(enc);
    tampered[60] = (tampered[60] ?? 0) ^ 1;
    await assert.rejects(decryptFile(key, tampered), CryptoError);
    await assert.rejects(decryptFile(SymmetricKey.random(), enc), CryptoError);
    await assert.rejects(decryptFile(key, Uint8Array.of(2, 1, 2)), CryptoError);
  });
});

import { createDecipheriv } from "node:crypto";
import { decryptFile, encryptFile } from "../../src/crypto/index.js";
