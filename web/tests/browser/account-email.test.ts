// Changing the account's e-mail address in the browser, on SQLite and PostgreSQL: the form's
// own checks and the server's refusals show next to their fields; the code mailed to the new
// address changes it; this tab signs in again as the new address with the same keys (the
// fingerprint phrase stays); after signing out, the old address no longer signs in and the
// new one does.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { portalTest } from "./harness/index.js";
import {
  SLOW,
  assertEveryControlNamed,
  heading,
  newEmail,
  PASSWORD,
  register,
  signIn,
  signOut,
} from "./account-helpers.js";

async function phrase(page: Page): Promise<string> {
  const words = page.getByLabel("Your fingerprint phrase");
  await words.waitFor(SLOW);
  return ((await words.textContent()) ?? "").trim();
}

portalTest("account e-mail address change", async ({ page, server, screenshot }) => {
  const oldEmail = newEmail("before");
  const newAddress = newEmail("after");
  await register(page, server.url, oldEmail);
  const before = await phrase(page);
  const profile = page.getByRole("region", { name: "Profile" });
  const send = profile.getByRole("button", { name: "Send a code to the new address" });

  // The form's own checks, then the server's answer to a wrong password, by its field.
  await profile.getByLabel("New e-mail address").fill(oldEmail.toUpperCase());
  await send.click();
  await profile.getByText("This is already your e-mail address.").waitFor();
  await profile.getByText("Enter your master password.").waitFor();
  await profile.getByLabel("New e-mail address").fill(newAddress);
  await profile.getByLabel("Master password", { exact: true }).fill("not the password at all");
  await send.click();
  await profile.getByText("Invalid password.").waitFor(SLOW);
  assert.equal(server.mail.messages().filter((m) => m.to.includes(newAddress)).length, 0, "mailed without the password");

  await profile.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await assertEveryControlNamed(page);
  await screenshot("address");
  await send.click();
  await profile.getByText(`We sent a code to ${newAddress}.`, { exact: false }).waitFor(SLOW);
  const mail = await server.mail.waitFor(newAddress);
  const code = /^Code: (\S+)$/m.exec(mail.body)?.[1];
  assert.ok(code, `no code in the mail: ${mail.body}`);

  // A made-up code is refused in the server's words; the mailed one changes the address.
  await profile.getByLabel("Code from the mail").fill("123456");
  await profile.getByRole("button", { name: "Change e-mail address" }).click();
  await profile.getByRole("alert").getByText("Invalid token.").waitFor(SLOW);
  await profile.getByLabel("Code from the mail").fill(code);
  await assertEveryControlNamed(page);
  await screenshot("code");
  await profile.getByRole("button", { name: "Change e-mail address" }).click();
  await profile.getByText(`Your e-mail address is now ${newAddress}.`, { exact: false }).waitFor(SLOW);
  await page.getByText(`Signed in as ${newAddress}.`).waitFor(SLOW);
  assert.equal(await phrase(page), before, "the fingerprint phrase changed with the address");

  // Signed out, the old address no longer signs in; the new one does, with the same keys.
  await signOut(page);
  await signIn(page, oldEmail);
  await page.getByRole("alert").getByText("Username or password is incorrect. Try again.").waitFor(SLOW);
  await page.getByLabel("Email address").fill(newAddress);
  await page.getByLabel("Master password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await heading(page, "Your account");
  await page.getByText(`Signed in as ${newAddress}.`).waitFor(SLOW);
  assert.equal(await phrase(page), before, "the fingerprint phrase after signing in again");
});
