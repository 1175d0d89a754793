// The mailed links open the right pages. An organization invitation: a new person registers
// from it (with the invited address filled in and the link kept) and accepts; an existing
// account signs in from it and accepts. The owner's product switcher lists the organization's
// Admin Console. Names the tenant chose are shown as text. SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { portalTest } from "./harness/index.js";
import {
  PASSWORD,
  SLOW,
  accessToken,
  createOrganization,
  heading,
  inviteMember,
  newEmail,
  register,
  signOut,
  unlock,
} from "./account-helpers.js";

const ORG_NAME = `<img src=x onerror=alert(1)> & Co`;

portalTest("account invitations", async ({ page, server, newPage, screenshot }) => {
  const ownerEmail = newEmail("owner");
  const newcomer = newEmail("newcomer");
  const existing = newEmail("existing");

  // The owner and their organization (made with real keys outside the browser).
  await register(page, server.url, ownerEmail);
  const token = await accessToken(page);
  const orgId = await createOrganization(server.url, token, ORG_NAME, ownerEmail);

  // The owner's product switcher, after a reload (which asks to unlock), lists the console.
  await page.reload();
  await unlock(page);
  await heading(page, "Your account");
  const console_ = page.getByRole("link", { name: `Admin Console ${ORG_NAME}` });
  await console_.waitFor();
  await screenshot("owner-account");
  await page.getByRole("button", { name: "Switch product" }).click();
  const products = page.getByRole("navigation", { name: "Products" });
  await products.getByRole("heading", { name: "Admin Console" }).waitFor();
  await screenshot("product-switcher");
  await products.getByRole("link", { name: `Admin Console: ${ORG_NAME}` }).click();
  await page.waitForURL(new RegExp(`#/organizations/${orgId}$`));
  // The switcher closes on the way and names where the user is.
  await products.waitFor({ state: "hidden" });
  await page.getByText(`Admin Console: ${ORG_NAME}`).filter({ visible: true }).waitFor();
  assert.equal(await page.locator("img").count(), 0, "a tenant's name became HTML");

  // A person without an account: the link offers to create it, then to accept.
  await inviteMember(server.url, token, orgId, newcomer);
  const invitation = await server.mail.link(newcomer, "/#/accept-organization?");
  const guest = await newPage();
  await guest.goto(invitation);
  await heading(guest, "Join organization");
  await guest.getByText(`You are invited to join the organization ${ORG_NAME}.`).waitFor();
  assert.equal(await guest.locator("img").count(), 0, "a tenant's name became HTML");
  await screenshot("invitation-signed-out", guest);
  await guest.getByRole("link", { name: "Create account" }).click();
  await heading(guest, "Create account");
  assert.equal(await guest.getByLabel("Email address").inputValue(), newcomer);
  assert.ok(await guest.getByLabel("Email address").getAttribute("readonly") !== null);
  await guest.getByLabel("Name").fill("Newcomer");
  await guest.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await guest.getByLabel("Confirm master password").fill(PASSWORD);
  await screenshot("register-from-invitation", guest);
  await guest.getByRole("button", { name: "Create account" }).click();
  // Registered, signed in, and back at the invitation.
  await heading(guest, "Join organization");
  await screenshot("invitation-signed-in", guest);
  await guest.getByRole("button", { name: "Accept invitation" }).click();
  await guest.getByText(`You joined ${ORG_NAME}.`).waitFor(SLOW);
  await screenshot("invitation-accepted", guest);
  // Accepting twice: the server's sentence.
  await guest.getByRole("link", { name: "Go to your account" }).click();
  await heading(guest, "Your account");
  await guest.goto(invitation);
  await heading(guest, "Join organization");
  await guest.getByRole("button", { name: "Accept invitation" }).click();
  await guest.getByRole("alert").waitFor(SLOW);
  assert.match((await guest.getByRole("alert").textContent()) ?? "", /already/i);

  // An existing account: sign in from the link (address filled in), then accept.
  const other = await newPage();
  await register(other, server.url, existing);
  await signOut(other);
  await inviteMember(server.url, token, orgId, existing);
  const second = await server.mail.link(existing, "/#/accept-organization?");
  await other.goto(second);
  await heading(other, "Join organization");
  await other.getByRole("link", { name: "Sign in" }).click();
  await heading(other, "Sign in");
  assert.equal(await other.getByLabel("Email address").inputValue(), existing);
  await other.getByLabel("Master password").fill(PASSWORD);
  await other.getByRole("button", { name: "Sign in" }).click();
  await heading(other, "Join organization");
  await other.getByRole("button", { name: "Accept invitation" }).click();
  await other.getByText(`You joined ${ORG_NAME}.`).waitFor(SLOW);

  // Signed in as someone else than the invited address: said so.
  await guest.goto(second);
  await heading(guest, "Join organization");
  await guest.getByText(`This invitation was sent to ${existing}, and you are signed in as ${newcomer}.`).waitFor();
  await screenshot("invitation-wrong-account", guest);
});

portalTest("account provider invitation links", async ({ page, server, screenshot }) => {
  // Links the provider mails open their pages with the parameters kept through sign-in.
  const email = newEmail("tech");
  const query = new URLSearchParams({
    providerId: "7a1c9a52-5a3e-4a55-9b6e-0d1f2f4b8c11",
    providerUserId: "0c6f3f5e-8b8d-4a07-93d3-6c1b5f2a9e44",
    email,
    providerName: "Acme <b>MSP</b>",
    token: "not-a-real-token",
  });
  await page.goto(`${server.url}/#/providers/accept-provider?${query}`);
  await heading(page, "Join provider");
  await page.getByText("You are invited to join the provider Acme <b>MSP</b>.").waitFor();
  await screenshot("accept-provider");
  await page.getByRole("link", { name: "Create account" }).click();
  await heading(page, "Create account");
  assert.equal(await page.getByLabel("Email address").inputValue(), email);
  await page.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm master password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // The server checks the invitation: its sentence.
  await page.getByRole("alert").getByText("Invalid provider invitation.").waitFor(SLOW);
  await screenshot("register-bad-provider-invitation");

  const setup = new URLSearchParams({
    providerId: "7a1c9a52-5a3e-4a55-9b6e-0d1f2f4b8c11",
    email,
    token: "not-a-real-token",
    providerUserId: "0c6f3f5e-8b8d-4a07-93d3-6c1b5f2a9e44",
  });
  await page.goto(`${server.url}/#/providers/setup-provider?${setup}`);
  await heading(page, "Set up your provider");
  await page.getByRole("link", { name: "Sign in" }).click();
  await heading(page, "Sign in");
  assert.equal(await page.getByLabel("Email address").inputValue(), email);
  const next = new URL(page.url()).hash;
  assert.ok(next.includes(encodeURIComponent("/providers/setup-provider?")), next);

  await page.goto(`${server.url}/#/accept-organization?organizationId=x`);
  await heading(page, "Join organization");
  await page.getByText("This link is incomplete.").waitFor();
});
