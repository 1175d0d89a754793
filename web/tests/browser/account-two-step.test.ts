// Two-step login in the browser: turned on from the account page with an authenticator key,
// then sign-in asks for the code; a wrong code shows the server's sentence. SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { portalTest } from "./harness/index.js";
import { PASSWORD, SLOW, heading, newEmail, register, signOut, totp } from "./account-helpers.js";

portalTest("account two-step login", async ({ page, server, screenshot }) => {
  const email = newEmail("totp");
  await register(page, server.url, email);
  const panel = page.getByRole("region", { name: "Two-step login" });
  await panel.getByText("Two-step login is off").waitFor();

  // The master password guards the setup; a wrong one gets the server's sentence.
  await panel.getByRole("button", { name: "Set up authenticator app" }).click();
  await panel.getByLabel("Master password").fill("not the password");
  await panel.getByRole("button", { name: "Continue" }).click();
  await panel.getByRole("alert").getByText("User verification failed.").waitFor(SLOW);
  await panel.getByLabel("Master password").fill(PASSWORD);
  await panel.getByRole("button", { name: "Continue" }).click();

  const key = await panel.getByLabel("Authenticator key").getAttribute("data-key", SLOW);
  assert.ok(key && /^[A-Z2-7]{16,}$/.test(key), `unexpected key ${key}`);
  await screenshot("setup");
  await panel.getByLabel("Authenticator code").fill("000000");
  await panel.getByRole("button", { name: "Turn on" }).click();
  await panel.getByText("Invalid token.").waitFor();
  await panel.getByLabel("Authenticator code").fill(totp(key));
  await panel.getByRole("button", { name: "Turn on" }).click();
  await panel.getByText("Your recovery code").waitFor(SLOW);
  await screenshot("recovery-code");
  await panel.getByRole("button", { name: "Done" }).click();
  await panel.getByText("Two-step login is on").waitFor();

  // Sign-in now asks for the code.
  await signOut(page);
  await page.getByLabel("Master password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await heading(page, "Two-step login");
  await page.getByText(`Signing in as ${email}.`).waitFor();
  // Far from any valid window: the server's sentence.
  await page.getByLabel("Authenticator code").fill(totp(key, 40));
  await page.getByRole("button", { name: "Continue" }).click();
  const refusal = page.getByRole("alert");
  await refusal.waitFor(SLOW);
  assert.equal((await refusal.textContent())?.trim(), "Two-step token is invalid. Try again.");
  await screenshot("code-prompt-wrong-code");
  await page.getByLabel("Authenticator code").fill(totp(key));
  await page.getByRole("button", { name: "Continue" }).click();
  await heading(page, "Your account");

  // Turning it off asks for the password again; then sign-in is one step.
  await panel.getByRole("button", { name: "Turn off" }).click();
  await panel.getByLabel("Master password").fill(PASSWORD);
  await panel.getByRole("button", { name: "Turn off two-step login" }).click();
  await panel.getByText("Two-step login is off").waitFor(SLOW);
  await signOut(page);
  await page.getByLabel("Master password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await heading(page, "Your account");
});
