// The account's security settings in the browser, on SQLite and PostgreSQL.
// 1. Master password and KDF: the password changes (the old one no longer unlocks or signs in,
//    the new one does, another browser's session ends, the same user key still opens the
//    organization's collection names and the fingerprint phrase stays); the KDF goes to PBKDF2
//    700,000 and back to Argon2id, as prelogin then reports.
// 2. Sessions, two-step login and deletion: sign out everywhere ends another browser's
//    session; the authenticator is set up from the page's QR code (checked against the
//    otpauth address it shows) with a code computed here; the recovery code is shown; sign-in
//    asks for the code; the deleted account can no longer sign in.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { encode } from "uqr";
import { portalTest } from "./harness/index.js";
import {
  PASSWORD,
  SLOW,
  accessToken,
  accountNav,
  api,
  assertEveryControlNamed,
  assertFitsWidth,
  createOrganization,
  heading,
  newEmail,
  register,
  signIn,
  signOut,
  totp,
  unlock,
} from "./account-helpers.js";

const NEW_PASSWORD = "a brand new staple for the horse";

async function phrase(page: Page): Promise<string> {
  const words = page.getByLabel("Your fingerprint phrase");
  await words.waitFor(SLOW);
  return ((await words.textContent()) ?? "").trim();
}

interface Prelogin {
  kdf: number;
  kdfIterations: number;
  kdfMemory: number | null;
  kdfParallelism: number | null;
}

function prelogin(baseUrl: string, email: string): Promise<Prelogin> {
  return api<Prelogin>(baseUrl, null, "POST", "/identity/accounts/prelogin/password", { email });
}

/** Another browser signed in to the same account, on its account page. */
async function secondBrowser(newPage: () => Promise<Page>, baseUrl: string, email: string, password = PASSWORD) {
  const other = await newPage();
  await other.goto(`${baseUrl}/#/login`);
  await signIn(other, email, password);
  await heading(other, "Your account");
  return other;
}

/** The other browser's kept sign-in no longer works: after unlocking, it is asked to sign in. */
async function assertSessionEnded(other: Page, password = PASSWORD): Promise<void> {
  await other.reload();
  await unlock(other, password);
  await heading(other, "Sign in");
  await other.getByText("Your session has ended. Sign in again.").waitFor();
}

portalTest("account security: master password and KDF", async ({ page, server, newPage, screenshot }) => {
  const email = newEmail("rekey");
  await register(page, server.url, email);
  const before = await phrase(page);
  const orgId = await createOrganization(server.url, await accessToken(page), "Rekey Org", email);
  const other = await secondBrowser(newPage, server.url, email);

  // Change the master password; the form's own checks first, then the server's.
  const security = page.getByRole("region", { name: "Security" });
  await security.getByRole("button", { name: "Change master password" }).click();
  await security.getByLabel("Current master password").fill("not the password");
  await security.getByLabel("New master password", { exact: true }).fill("short");
  await security.getByLabel("Confirm new master password").fill("short");
  await security.getByRole("button", { name: "Change master password" }).click();
  await security.getByText("The master password must be at least 12 characters long.").waitFor();
  await security.getByLabel("New master password", { exact: true }).fill(NEW_PASSWORD);
  await security.getByText("Strength:").waitFor();
  await security.getByLabel("Confirm new master password").fill(`${NEW_PASSWORD}!`);
  await security.getByRole("button", { name: "Change master password" }).click();
  await security.getByText("The two passwords don't match.").waitFor();
  await security.getByLabel("Confirm new master password").fill(NEW_PASSWORD);
  await security.getByRole("button", { name: "Change master password" }).click();
  await security.getByRole("alert").getByText("Incorrect password.").waitFor(SLOW);
  await security.getByLabel("Current master password").fill(PASSWORD);
  await security.getByLabel("Master password hint").fill("new staple");
  await assertEveryControlNamed(page);
  await screenshot("change-password");
  await security.getByRole("button", { name: "Change master password" }).click();
  // This tab signs in again with the new password by itself.
  await security.getByText("Your master password has changed.", { exact: false }).waitFor(SLOW);
  await heading(page, "Your account");
  assert.equal(await phrase(page), before, "the fingerprint phrase changed with the password");

  // The other browser's session is over.
  await assertSessionEnded(other);

  // The old password no longer unlocks this tab; the new one does.
  await accountNav(page).getByRole("button", { name: "Lock" }).click();
  await unlock(page, PASSWORD);
  await page.getByText("Invalid master password.").waitFor(SLOW);
  await unlock(page, NEW_PASSWORD);
  await heading(page, "Your account");

  // Nor does it sign in; the new one does, and the same user key opens the private key that
  // unwraps the organization's key: its collection name decrypts.
  await signOut(page);
  await signIn(page, email, PASSWORD);
  await page.getByRole("alert").getByText("Username or password is incorrect. Try again.").waitFor(SLOW);
  await page.getByLabel("Master password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await heading(page, "Your account");
  await page.goto(`${server.url}/#/organizations/${orgId}/collections`);
  await page.getByRole("row", { name: /Default collection/ }).waitFor(SLOW);
  await page.goto(`${server.url}/#/account`);
  await heading(page, "Your account");
  assert.equal(await phrase(page), before);

  // KDF to PBKDF2: out-of-range iterations are refused before anything is sent.
  await security.getByText("Argon2id with 3 iterations, 64 MiB of memory and 4 parallel lanes").waitFor();
  await security.getByRole("button", { name: "Change KDF settings" }).click();
  await security.getByLabel("Key derivation function").selectOption({ label: "PBKDF2-SHA256" });
  assert.equal(await security.getByLabel("Iterations").inputValue(), "600000");
  assert.equal(await security.getByLabel("Memory (MiB)").count(), 0);
  await security.getByLabel("Iterations").fill("500000");
  await security.getByLabel("Master password").fill(NEW_PASSWORD);
  await security.getByRole("button", { name: "Update KDF settings" }).click();
  await security.getByText("Iterations must be a whole number from 600,000 to 2,000,000.").waitFor();
  assert.equal((await prelogin(server.url, email)).kdf, 1, "sent despite the range check");
  await security.getByLabel("Iterations").fill("700000");
  await assertEveryControlNamed(page);
  await screenshot("kdf-pbkdf2");
  await security.getByRole("button", { name: "Update KDF settings" }).click();
  await security.getByText("Your KDF settings have changed.", { exact: false }).waitFor(SLOW);
  await security.getByText("PBKDF2-SHA256 with 700,000 iterations").waitFor();
  const pbkdf2 = await prelogin(server.url, email);
  assert.deepEqual([pbkdf2.kdf, pbkdf2.kdfIterations], [0, 700_000]);
  // Unlocking derives with the new settings; a fresh sign-in too.
  await accountNav(page).getByRole("button", { name: "Lock" }).click();
  await unlock(page, NEW_PASSWORD);
  await heading(page, "Your account");
  await signOut(page);
  await signIn(page, email, NEW_PASSWORD);
  await heading(page, "Your account");
  assert.equal(await phrase(page), before);

  // And back to Argon2id with its recommended settings.
  await security.getByRole("button", { name: "Change KDF settings" }).click();
  await security.getByLabel("Key derivation function").selectOption({ label: "Argon2id" });
  assert.equal(await security.getByLabel("Iterations").inputValue(), "3");
  assert.equal(await security.getByLabel("Memory (MiB)").inputValue(), "64");
  assert.equal(await security.getByLabel("Parallelism").inputValue(), "4");
  await security.getByLabel("Master password").fill(NEW_PASSWORD);
  await security.getByRole("button", { name: "Update KDF settings" }).click();
  await security.getByText("Your KDF settings have changed.", { exact: false }).waitFor(SLOW);
  const argon = await prelogin(server.url, email);
  assert.deepEqual(
    [argon.kdf, argon.kdfIterations, argon.kdfMemory, argon.kdfParallelism],
    [1, 3, 64, 4],
  );
  await signOut(page);
  await signIn(page, email, NEW_PASSWORD);
  await heading(page, "Your account");
  assert.equal(await phrase(page), before);
  await screenshot("after-kdf-changes");
});

/** The dark modules of the page's QR code, as "x,y" (the code drawn 4 modules in). */
async function qrModules(page: Page): Promise<Set<string>> {
  const d = await page.getByRole("img", { name: "QR code for your authenticator app" }).locator("path").getAttribute("d");
  assert.ok(d, "the QR code has no modules");
  return new Set([...d.matchAll(/M(\d+) (\d+)/g)].map((m) => `${Number(m[1]) - 4},${Number(m[2]) - 4}`));
}

function expectedModules(text: string): Set<string> {
  const out = new Set<string>();
  encode(text, { ecc: "M", border: 0 }).data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) out.add(`${x},${y}`);
    }),
  );
  return out;
}

portalTest("account security: sessions, two-step login, deletion", async ({ page, server, newPage, screenshot }) => {
  const email = newEmail("sessions");
  await register(page, server.url, email);
  const other = await secondBrowser(newPage, server.url, email);

  // Sign out everywhere: the master password first (the server's sentence when wrong).
  const security = page.getByRole("region", { name: "Security" });
  await security.getByRole("button", { name: "Sign out everywhere…" }).click();
  await security.getByLabel("Master password").fill("not the password");
  await security.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await security.getByRole("alert").getByText("User verification failed.").waitFor(SLOW);
  await security.getByLabel("Master password").fill(PASSWORD);
  await security.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await heading(page, "Sign in");
  await page.getByText("You signed out everywhere.", { exact: false }).waitFor();
  await assertSessionEnded(other);
  await signIn(page, email);
  await heading(page, "Your account");

  // Two-step login from the QR code: it encodes the otpauth address shown beside it, which
  // carries the key shown as text.
  const panel = page.getByRole("region", { name: "Two-step login" });
  await panel.getByRole("button", { name: "Set up authenticator app" }).click();
  await panel.getByLabel("Master password").fill(PASSWORD);
  await panel.getByRole("button", { name: "Continue" }).click();
  const key = await panel.getByLabel("Authenticator key").getAttribute("data-key", SLOW);
  assert.ok(key && /^[A-Z2-7]{16,}$/.test(key), `unexpected key ${key}`);
  const uri = ((await panel.locator("code.uri").textContent()) ?? "").trim();
  assert.match(uri, new RegExp(`^otpauth://totp/.+\\?secret=${key}&issuer=Bulwark$`));
  const shown = await qrModules(page);
  const wanted = expectedModules(uri);
  assert.ok(wanted.size > 100);
  assert.deepEqual([...shown].sort(), [...wanted].sort(), "the QR code does not encode the address shown");
  await assertEveryControlNamed(page);
  await screenshot("authenticator-qr");
  await page.setViewportSize({ width: 375, height: 740 });
  await assertFitsWidth(page);
  await screenshot("authenticator-qr-phone");
  await page.setViewportSize({ width: 1280, height: 800 });
  await panel.getByLabel("Authenticator code").fill(totp(key));
  await panel.getByRole("button", { name: "Turn on" }).click();
  const recovery = panel.getByText("Your recovery code", { exact: false });
  await recovery.waitFor(SLOW);
  const code = /Your recovery code: (\S+)\./.exec((await recovery.textContent()) ?? "")?.[1];
  assert.ok(code && /^[a-z0-9]{32}$/.test(code), `unexpected recovery code ${code}`);
  await panel.getByRole("button", { name: "Done" }).click();

  // The recovery code again, behind the master password.
  await panel.getByRole("button", { name: "View recovery code" }).click();
  await panel.getByLabel("Master password").fill(PASSWORD);
  await panel.getByRole("button", { name: "Show recovery code" }).click();
  await panel.getByText(`Your recovery code: ${code}.`, { exact: false }).waitFor(SLOW);
  await screenshot("recovery-code");
  await panel.getByRole("button", { name: "Done" }).click();

  // Sign-in asks for the code.
  await signOut(page);
  await signIn(page, email);
  await heading(page, "Two-step login");
  await page.getByLabel("Authenticator code").fill(totp(key));
  await page.getByRole("button", { name: "Continue" }).click();
  await heading(page, "Your account");

  // Delete the account: a clear warning, the master password, then sign-in is refused.
  const danger = page.getByRole("region", { name: "Danger zone" });
  await danger.getByRole("button", { name: "Delete account…" }).click();
  await danger.getByText("for good", { exact: false }).waitFor();
  await danger.getByLabel("Master password").fill("not the password");
  await danger.getByRole("button", { name: "Delete my account" }).click();
  await danger.getByRole("alert").getByText("User verification failed.").waitFor(SLOW);
  await danger.getByLabel("Master password").fill(PASSWORD);
  await screenshot("delete-account");
  await danger.getByRole("button", { name: "Delete my account" }).click();
  await heading(page, "Sign in");
  await page.getByText("Your account has been deleted.").waitFor();
  await signIn(page, email);
  await page.getByRole("alert").getByText("Username or password is incorrect. Try again.").waitFor(SLOW);
});
