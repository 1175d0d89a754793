// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) with WebCrypto's HMAC, for the
// live code an item's authenticator key shows. The key is either a bare base32 secret or an
// `otpauth://totp/...` URI, whose algorithm, digits and period are honoured.

import { type Bytes, bufferOf } from "./bytes.js";

export type TotpAlgorithm = "SHA-1" | "SHA-256" | "SHA-512";

export interface TotpParams {
  secret: Uint8Array;
  algorithm: TotpAlgorithm;
  digits: number;
  period: number;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32, case-insensitive, spaces and padding ignored; null when not base32. */
export function base32Decode(text: string): Bytes | null {
  const clean = text.replace(/[\s=-]/g, "").toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const c of clean) {
    const v = BASE32.indexOf(c);
    if (v < 0) return null;
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return out.length ? Uint8Array.from(out) : null;
}

/** The parameters of an authenticator key, or null when it is not one. */
export function parseTotpKey(key: string): TotpParams | null {
  const trimmed = key.trim();
  if (!/^otpauth:\/\//i.test(trimmed)) {
    const secret = base32Decode(trimmed);
    return secret ? { secret, algorithm: "SHA-1", digits: 6, period: 30 } : null;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.host.toLowerCase() !== "totp") return null;
  const secret = base32Decode(url.searchParams.get("secret") ?? "");
  if (!secret) return null;
  const algo = (url.searchParams.get("algorithm") ?? "SHA1").toUpperCase().replace("-", "");
  const algorithm: TotpAlgorithm | null = algo === "SHA1" ? "SHA-1" : algo === "SHA256" ? "SHA-256" : algo === "SHA512" ? "SHA-512" : null;
  const digits = Number(url.searchParams.get("digits") ?? 6);
  const period = Number(url.searchParams.get("period") ?? 30);
  if (!algorithm || !Number.isInteger(digits) || digits < 6 || digits > 10 || !Number.isInteger(period) || period < 1) {
    return null;
  }
  return { secret, algorithm, digits, period };
}

/** HOTP (RFC 4226 §5.3): dynamic truncation of HMAC(secret, counter). */
export async function hotp(secret: Uint8Array, counter: number, digits: number, algorithm: TotpAlgorithm): Promise<string> {
  const message = new Uint8Array(8);
  // The counter as a 64-bit big-endian integer; JS numbers are exact up to 2^53.
  new DataView(message.buffer).setUint32(0, Math.floor(counter / 2 ** 32));
  new DataView(message.buffer).setUint32(4, counter >>> 0);
  const key = await crypto.subtle.importKey("raw", bufferOf(secret), { name: "HMAC", hash: algorithm }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, bufferOf(message)));
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = new DataView(mac.buffer).getUint32(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The code at `unixSeconds`, and how many seconds it stays valid. */
export async function totpCode(params: TotpParams, unixSeconds: number): Promise<{ code: string; remaining: number }> {
  const counter = Math.floor(unixSeconds / params.period);
  return {
    code: await hotp(params.secret, counter, params.digits, params.algorithm),
    remaining: params.period - (Math.floor(unixSeconds) % params.period),
  };
}
