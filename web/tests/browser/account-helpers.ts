// Helpers of the account tests: the portal's own pages driven by role and label (as a screen
// reader user would find them), plus what the tests do outside the browser: the server's API
// with a signed-in page's token, an organization's keys made with node's crypto, and TOTP codes.
import assert from "node:assert/strict";
import {
  constants,
  createCipheriv,
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
} from "node:crypto";
import type { Page } from "playwright-core";

export const PASSWORD = "correct horse battery staple";

let counter = 0;
/** A fresh address per call (tests on both databases run against fresh servers anyway). */
export function newEmail(who: string): string {
  counter += 1;
  return `${who}-${Date.now().toString(36)}-${counter}@example.com`;
}

/** Argon2id (64 MiB) and RSA key generation run in the page: allow more than a click's time. */
export const SLOW = { timeout: 60_000 };

export async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole("heading", { level: 1, name }).waitFor(SLOW);
}

/** Open registration from the sign-in page: both steps, then the account page (signed in). */
export async function register(
  page: Page,
  baseUrl: string,
  email: string,
  options: { name?: string; password?: string; screenshot?: (step: string) => Promise<unknown> } = {},
): Promise<void> {
  const password = options.password ?? PASSWORD;
  await page.goto(`${baseUrl}/#/register`);
  await heading(page, "Create account");
  await page.getByLabel("Email address").fill(email);
  if (options.name !== undefined) await page.getByLabel("Name").fill(options.name);
  await options.screenshot?.("register-step-1");
  await page.getByRole("button", { name: "Continue" }).click();
  await heading(page, "Set your master password");
  await page.getByLabel("Master password", { exact: true }).fill(password);
  await page.getByLabel("Confirm master password").fill(password);
  await options.screenshot?.("register-step-2");
  await page.getByRole("button", { name: "Create account" }).click();
  await heading(page, "Your account");
}

/** Sign in on the page showing the sign-in form. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await heading(page, "Sign in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Master password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The header's account actions (the account page has its own Lock now / Sign out too). */
export function accountNav(page: Page) {
  return page.getByRole("navigation", { name: "Account" });
}

export async function signOut(page: Page): Promise<void> {
  await accountNav(page).getByRole("button", { name: "Sign out" }).click();
  await heading(page, "Sign in");
}

export async function unlock(page: Page, password = PASSWORD): Promise<void> {
  await heading(page, "Your vault is locked");
  await page.getByLabel("Master password").fill(password);
  await page.getByRole("button", { name: "Unlock" }).click();
}

/** The access token the signed-in page keeps for this tab. */
export async function accessToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => sessionStorage.getItem("bulwark.session"));
  assert.ok(raw, "no sign-in kept in sessionStorage");
  const token = (JSON.parse(raw) as { tokens?: { accessToken?: string } }).tokens?.accessToken;
  assert.ok(token, "no access token in the kept sign-in");
  return token;
}

/** A JSON request to the server as the official web client sends it. */
export async function api<T>(
  baseUrl: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {
    "Bitwarden-Client-Name": "web",
    "Bitwarden-Client-Version": "2026.9.0",
    "Device-Type": "9",
  };
  if (token) headers["Authorization"] = `Bearer ${token}`;
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`${baseUrl}${path}`, init);
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** EncString type 2 (AES-256-CBC, HMAC-SHA256) under a 64-byte key. */
function encrypt(key: Buffer, data: Buffer): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key.subarray(0, 32), iv);
  const ct = Buffer.concat([cipher.update(data), cipher.final()]);
  const mac = createHmac("sha256", key.subarray(32, 64)).update(Buffer.concat([iv, ct])).digest();
  return `2.${iv.toString("base64")}|${ct.toString("base64")}|${mac.toString("base64")}`;
}

/** EncString type 4: RSA-OAEP (SHA-1) for a base64 SPKI public key. */
/** `data` wrapped for a public key (RSA-OAEP, SHA-1), as a type 4 EncString. */
export function wrapFor(publicKeyB64: string, data: Buffer): string {
  const key = createPublicKey({ key: Buffer.from(publicKeyB64, "base64"), format: "der", type: "spki" });
  return `4.${publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, data).toString("base64")}`;
}

/**
 * Creates an organization as the signed-in owner (real keys: the org key wrapped for the
 * owner's public key, an org key pair, a default collection) and returns its id.
 */
/** An organization made as the owner's client does; its id and key (for confirming members). */
export async function createOrganizationWithKey(
  baseUrl: string,
  token: string,
  org: { name: string; billingEmail: string; planType?: number; additionalSeats?: number },
): Promise<{ id: string; key: Buffer }> {
  const keys = await api<{ publicKey: string }>(baseUrl, token, "GET", "/api/accounts/keys");
  const orgKey = randomBytes(64);
  const pair = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "der" },
    privateKeyEncoding: { type: "pkcs8", format: "der" },
  });
  const made = await api<{ id: string }>(baseUrl, token, "POST", "/api/organizations", {
    name: org.name,
    billingEmail: org.billingEmail,
    planType: org.planType ?? 17,
    key: wrapFor(keys.publicKey, orgKey),
    keys: { publicKey: pair.publicKey.toString("base64"), encryptedPrivateKey: encrypt(orgKey, pair.privateKey) },
    collectionName: encrypt(orgKey, Buffer.from("Default collection")),
    additionalSeats: org.additionalSeats ?? 3,
    useSecretsManager: false,
    paymentMethodType: null,
    initiationPath: "New organization creation in-product",
  });
  return { id: made.id, key: orgKey };
}

/** A Teams organization made as the owner's client does; its id. */
export async function createOrganization(
  baseUrl: string,
  token: string,
  name: string,
  billingEmail: string,
  additionalSeats = 3,
): Promise<string> {
  return (await createOrganizationWithKey(baseUrl, token, { name, billingEmail, additionalSeats })).id;
}

/**
 * Node's fetch knows nothing of a test CA: certificate checks are off for the duration of
 * `work`, which calls only our own loopback server.
 */
export async function overTls<T>(work: () => Promise<T>): Promise<T> {
  process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";
  try {
    return await work();
  } finally {
    delete process.env["NODE_TLS_REJECT_UNAUTHORIZED"];
  }
}

export async function inviteMember(baseUrl: string, token: string, orgId: string, email: string): Promise<void> {
  await api(baseUrl, token, "POST", `/api/organizations/${orgId}/users/invite`, {
    emails: [email],
    type: 2,
    collections: [],
    groups: [],
    permissions: null,
    accessSecretsManager: false,
  });
}

/** RFC 6238 code (SHA-1, 6 digits, 30 s) for a base32 secret, `offset` steps from now. */
export function totp(secret: string, offset = 0): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/[\s=]/g, "").toUpperCase()) {
    const v = alphabet.indexOf(c);
    assert.ok(v >= 0, `not base32: ${secret}`);
    bits += v.toString(2).padStart(5, "0");
  }
  const bytes = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counterBytes = Buffer.alloc(8);
  counterBytes.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offset));
  const h = createHmac("sha1", bytes).update(counterBytes).digest();
  const o = (h[19] ?? 0) & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/**
 * Every visible form control has an accessible name (a label, aria-label or aria-labelledby),
 * and every button and link has a name: what a screen reader announces.
 */
export async function assertEveryControlNamed(page: Page): Promise<void> {
  const unnamed = await page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element) => {
      const h = el as HTMLElement;
      return !h.closest("[hidden],[aria-hidden='true']") && h.getClientRects().length > 0;
    };
    for (const el of Array.from(document.querySelectorAll("input, select, textarea"))) {
      const i = el as HTMLInputElement;
      if (!visible(i) || i.type === "hidden") continue;
      const named = (i.labels?.length ?? 0) > 0 || i.getAttribute("aria-label") || i.getAttribute("aria-labelledby");
      if (!named) out.push(i.outerHTML.slice(0, 120));
    }
    for (const el of Array.from(document.querySelectorAll("button, a[href]"))) {
      if (!visible(el)) continue;
      const name = (el.textContent ?? "").trim() || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
      if (!name) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
  assert.deepEqual(unnamed, [], "controls without an accessible name");
}

/** The page fits a phone's width: nothing scrolls sideways. */
export async function assertFitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the viewport`);
}
