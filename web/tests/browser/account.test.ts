// The account pages in the browser, on SQLite and PostgreSQL: register, sign in, lock, unlock,
// sign out, the server's sentences where they belong, a reload that locks, idle auto-lock, a
// lost connection that keeps what was typed, keyboard-only sign-in, labels and a phone's width.
import assert from "node:assert/strict";
import { portalTest } from "./harness/index.js";
import {
  PASSWORD,
  SLOW,
  accountNav,
  assertEveryControlNamed,
  assertFitsWidth,
  heading,
  newEmail,
  register,
  signIn,
  signOut,
  unlock,
} from "./account-helpers.js";

portalTest("account journey", async ({ page, server, screenshot }) => {
  const email = newEmail("alice");

  // A signed-in page asks to sign in first, and comes back after.
  await page.goto(`${server.url}/#/account`);
  await heading(page, "Sign in");
  assert.match(page.url(), /#\/login\?next=%2Faccount$/);
  await assertEveryControlNamed(page);
  await screenshot("sign-in");

  await page.getByRole("link", { name: "Create account" }).click();
  await heading(page, "Create account");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Name").fill("Alice <b>Admin</b>");
  await assertEveryControlNamed(page);
  await screenshot("register-step-1");
  await page.getByRole("button", { name: "Continue" }).click();

  await heading(page, "Set your master password");
  const password = page.getByLabel("Master password", { exact: true });
  assert.equal(await page.getByLabel("Email address").inputValue(), email);
  await password.fill("qwerty123");
  await page.getByText("Strength: Very weak").waitFor();
  await password.fill(PASSWORD);
  await page.getByText("Strength: Strong").waitFor();
  await page.getByLabel("Confirm master password").fill(`${PASSWORD}!`);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByText("The two passwords don't match.").waitFor();
  await page.getByLabel("Confirm master password").fill(PASSWORD);
  await page.getByLabel("Master password hint").fill("the horse");
  await assertEveryControlNamed(page);
  await screenshot("register-step-2");
  await page.getByRole("button", { name: "Create account" }).click();

  // Registered and signed in with the key just derived.
  await heading(page, "Your account");
  await page.getByText(`Signed in as ${email}.`).waitFor();
  assert.equal(await page.getByRole("region", { name: "Profile" }).getByLabel("Name").inputValue(), "Alice <b>Admin</b>");
  await page.getByRole("heading", { name: "Your fingerprint phrase" }).waitFor();
  await assertEveryControlNamed(page);
  await screenshot("account");

  // Nothing that opens the vault is stored: no key material outside memory.
  const stored = await page.evaluate(() => ({
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage).sort(),
    kept: sessionStorage.getItem("bulwark.session") ?? "",
  }));
  assert.deepEqual(stored.session, ["bulwark.session"]);
  for (const key of stored.local) assert.match(key, /^bulwark\.(deviceIdentifier|rememberedEmail|lockAfterMinutes)$/);
  const kept = JSON.parse(stored.kept) as { account: Record<string, unknown> };
  assert.deepEqual(Object.keys(kept.account).sort(), [
    "email", "kdf", "name", "protectedPrivateKey", "protectedUserKey", "publicKey", "salt", "userId",
  ]);
  assert.match(String(kept.account["protectedUserKey"]), /^2\./);

  // Sign out, then a wrong password: the server's sentence, next to the action, input kept.
  await signOut(page);
  assert.equal(await page.getByLabel("Email address").inputValue(), email);
  await page.getByLabel("Master password").fill("not my password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  const refusal = page.getByRole("alert");
  await refusal.waitFor(SLOW);
  assert.equal((await refusal.textContent())?.trim(), "Username or password is incorrect. Try again.");
  assert.equal(await page.getByLabel("Email address").inputValue(), email);
  await screenshot("sign-in-wrong-password");

  // Sign in with the keyboard alone: type, Tab, type, Enter.
  await page.getByLabel("Master password").fill("");
  await page.getByLabel("Email address").focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("autocomplete")), "current-password");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await heading(page, "Your account");

  // Lock: keys gone, account kept; a wrong password is refused locally.
  await accountNav(page).getByRole("button", { name: "Lock" }).click();
  await heading(page, "Your vault is locked");
  await page.getByText(`Signed in as ${email}.`).waitFor();
  await assertEveryControlNamed(page);
  await screenshot("locked");
  await unlock(page, "wrong password here");
  await page.getByText("Invalid master password.").waitFor(SLOW);
  await screenshot("unlock-wrong-password");
  await unlock(page);
  await heading(page, "Your account");

  // A reload forgets the keys: it asks to unlock, not to sign in again.
  await page.reload();
  await unlock(page);
  await heading(page, "Your account");

  // Idle auto-lock after the time the user chose: the choice is kept...
  await page.getByLabel("Lock after inactivity").selectOption({ label: "1 minute" });
  assert.equal(await page.evaluate(() => localStorage.getItem("bulwark.lockAfterMinutes")), "1");
  await page.reload();
  await unlock(page);
  await heading(page, "Your account");
  assert.equal(await page.getByLabel("Lock after inactivity").inputValue(), "1");
  // ... and applied (a few seconds, set by hand: the menu starts at one minute).
  await page.evaluate(() => localStorage.setItem("bulwark.lockAfterMinutes", "0.05"));
  await page.reload();
  await unlock(page);
  await heading(page, "Your account");
  const unlockedAt = Date.now();
  await heading(page, "Your vault is locked");
  assert.ok(Date.now() - unlockedAt >= 2_000, "locked before the idle time passed");
  await page.getByText("Locked after 3 seconds without activity.").waitFor();

  // Sign out from the lock page: a reload then asks to sign in.
  await page.getByRole("button", { name: "Sign out" }).click();
  await heading(page, "Sign in");
  await page.reload();
  await heading(page, "Sign in");
});

portalTest("account on a phone", async ({ page, server, screenshot }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const email = newEmail("phone");
  await page.goto(`${server.url}/#/login`);
  await heading(page, "Sign in");
  await assertFitsWidth(page);
  await screenshot("sign-in");
  await register(page, server.url, email);
  await assertFitsWidth(page);
  await screenshot("account");
  await page.getByRole("button", { name: "Switch product" }).click();
  await page.getByRole("navigation", { name: "Products" }).getByRole("link", { name: "Your account" }).waitFor();
  await assertFitsWidth(page);
  await screenshot("product-switcher");
  await page.keyboard.press("Escape");
  assert.equal(await page.getByRole("button", { name: "Switch product" }).getAttribute("aria-expanded"), "false");
  await accountNav(page).getByRole("button", { name: "Lock" }).click();
  await heading(page, "Your vault is locked");
  await assertFitsWidth(page);
  await screenshot("locked");
});

portalTest("account connection lost", async ({ page, server, screenshot, allowConsoleError }) => {
  allowConsoleError(/net::ERR_INTERNET_DISCONNECTED/);
  const email = newEmail("offline");
  await register(page, server.url, email);
  await signOut(page);

  await page.getByLabel("Master password").fill(PASSWORD);
  await page.context().setOffline(true);
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.getByRole("alert");
  await alert.waitFor(SLOW);
  assert.match((await alert.textContent()) ?? "", /^Connection lost\. Can't reach the server/);
  assert.equal(await page.getByLabel("Email address").inputValue(), email);
  assert.equal(await page.getByLabel("Master password").inputValue(), PASSWORD);
  await screenshot("sign-in-offline");

  await page.context().setOffline(false);
  await page.getByRole("button", { name: "Sign in" }).click();
  await heading(page, "Your account");

  // Signed in: a save that cannot reach the server keeps the typed name.
  const profile = page.getByRole("region", { name: "Profile" });
  await page.context().setOffline(true);
  await profile.getByLabel("Name").fill("Typed while offline");
  await profile.getByRole("button", { name: "Save" }).click();
  await profile.getByRole("alert").getByText("Connection lost.").waitFor();
  assert.equal(await profile.getByLabel("Name").inputValue(), "Typed while offline");
  await page.context().setOffline(false);
  await profile.getByRole("button", { name: "Save" }).click();
  await profile.getByText("Saved.").waitFor();
  await page.reload();
  await unlock(page);
  await heading(page, "Your account");
  assert.equal(await page.getByRole("region", { name: "Profile" }).getByLabel("Name").inputValue(), "Typed while offline");
});

portalTest("account server field errors", async ({ page, server, screenshot }) => {
  // The server's sentence for a field is shown under that field.
  const email = newEmail("fields");
  await register(page, server.url, email);
  const profile = page.getByRole("region", { name: "Profile" });
  // 51 characters: the input allows 50, so the server's rule is reached by pasting past it.
  await profile.getByLabel("Name").evaluate((el) => el.removeAttribute("maxlength"));
  await profile.getByLabel("Name").fill("x".repeat(51));
  await profile.getByRole("button", { name: "Save" }).click();
  await profile.getByText("The field Name must be a string with a maximum length of 50.").waitFor();
  const described = await profile.getByLabel("Name").getAttribute("aria-describedby");
  assert.ok(described, "the field is not tied to its error");
  assert.equal(await profile.getByLabel("Name").getAttribute("aria-invalid"), "true");
  await screenshot("name-too-long");

  // Registering an address that exists: the server's sentence.
  await signOut(page);
  await page.goto(`${server.url}/#/register`);
  await heading(page, "Create account");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("alert").getByText(`Email ${email} is already taken`).waitFor();
  await screenshot("register-taken");
});

portalTest(
  "account with open registration off",
  async ({ page, server, screenshot }) => {
    await page.goto(`${server.url}/#/login`);
    await heading(page, "Sign in");
    await page.getByText("This server takes new accounts by invitation only.").waitFor();
    assert.equal(await page.getByRole("link", { name: "Create account" }).count(), 0);
    await page.goto(`${server.url}/#/register`);
    await heading(page, "Create account");
    await page.getByText("Open registration is off on this server.").waitFor();
    await screenshot("register-closed");
  },
  { server: { signupsAllowed: false } },
);

portalTest(
  "account finish signup from the mail",
  async ({ page, server, screenshot }) => {
    const email = newEmail("verified");
    await page.goto(`${server.url}/#/register`);
    await heading(page, "Create account");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Name").fill("Vera");
    await page.getByRole("button", { name: "Continue" }).click();
    await heading(page, "Check your e-mail");
    await screenshot("check-mail");

    const link = await server.mail.link(email, "/#/finish-signup?");
    await page.goto(link);
    await heading(page, "Set your master password");
    assert.equal(await page.getByLabel("Email address").inputValue(), email);
    await page.getByLabel("Master password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Confirm master password").fill(PASSWORD);
    await screenshot("finish-signup");
    await page.getByRole("button", { name: "Create account" }).click();
    await heading(page, "Your account");
    assert.equal(await page.getByRole("region", { name: "Profile" }).getByLabel("Name").inputValue(), "Vera");

    // A tampered link: the server's sentence.
    await signOut(page);
    await page.goto(`${server.url}/#/finish-signup?token=not-a-token&email=${encodeURIComponent(newEmail("x"))}`);
    await heading(page, "Set your master password");
    await page.getByLabel("Master password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Confirm master password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("alert").waitFor(SLOW);
    assert.ok(((await page.getByRole("alert").textContent()) ?? "").length > 0);
    await screenshot("finish-signup-bad-link");

    await page.goto(`${server.url}/#/login`);
    await signIn(page, email);
    await heading(page, "Your account");
  },
  { server: { config: "signups_verify_email = true" } },
);

portalTest("account session ended", async ({ page, server, screenshot }) => {
  // A kept sign-in whose tokens the server no longer takes (expired, or revoked by a new
  // security stamp): unlocking works locally, then the portal asks to sign in again.
  const email = newEmail("expired");
  await register(page, server.url, email);
  await page.evaluate(() => {
    const kept = JSON.parse(sessionStorage.getItem("bulwark.session") ?? "{}") as {
      tokens: { accessToken: string; refreshToken: string; expiresAt: number };
    };
    kept.tokens = { accessToken: "a.b.c", refreshToken: "no-such-refresh-token", expiresAt: 0 };
    sessionStorage.setItem("bulwark.session", JSON.stringify(kept));
  });
  await page.reload();
  await unlock(page);
  await heading(page, "Sign in");
  await page.getByText("Your session has ended. Sign in again.").waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem("bulwark.session")), null);
  await screenshot("sign-in-again");
  await signIn(page, email);
  await heading(page, "Your account");
});
