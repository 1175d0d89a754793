// The whole MSP journey in the browser, on SQLite and PostgreSQL, with signups closed: the
// operator creates a provider for an address without an account; the owner opens the setup link
// from the mail, registers from it and names the provider (the provider key is made in the
// browser), and invites a Service User, who registers from the invitation and accepts; the owner
// confirms them after reading the fingerprint phrase. The Service User creates a client with an
// owner e-mail; the client's owner registers from that invitation, is confirmed by the Service
// User in the client's Admin Console, and adds a login to the default collection, which the
// Service User then reads decrypted in the client's vault. The provider's event log tells who
// invited whom, who created which client and who opened its vault; once removed, the Service
// User is refused. Tenant names with HTML in them are shown as text.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { portalTest } from "./harness/index.js";
import { PASSWORD, SLOW, heading, newEmail } from "./account-helpers.js";

const PROVIDER_NAME = "<img src=x onerror=alert(1)> MSP";
const CLIENT_NAME = "<b>Client</b> & Sons";
const ITEM_NAME = "<i>Firewall</i> admin";

/** A navigation may reload the page, and keys live in memory only: unlock when asked. */
async function unlockIfLocked(page: Page): Promise<void> {
  const locked = page.getByRole("heading", { level: 1, name: "Your vault is locked" });
  if (await locked.isVisible()) {
    await page.getByLabel("Master password").fill(PASSWORD);
    await page.getByRole("button", { name: "Unlock" }).click();
  }
}

/** Opens an area freshly loaded (a reload, then unlock), as a person coming back to it would. */
async function openArea(page: Page, baseUrl: string, providerId: string, area: string) {
  await page.goto(`${baseUrl}/#/providers/${providerId}/${area}`);
  await page.reload();
  await page.waitForLoadState("networkidle");
  await unlockIfLocked(page);
  await page.getByRole("navigation", { name: "Provider Portal" }).waitFor(SLOW);
}

portalTest("provider journey", async ({ page, server, newPage, screenshot }) => {
  const owner = newEmail("owner");
  const tech = newEmail("tech");
  const clientOwner = newEmail("clientowner");

  // The operator makes a provider for someone without an account (and signups are closed);
  // its owner registers from the setup link in the mail and sets the provider up.
  await server.admin(
    "provider", "create", "--type", "msp", "--owner-email", owner,
    "--teams-seat-minimum", "10", "--enterprise-seat-minimum", "10",
  );
  await page.goto(await server.mail.link(owner, "/#/providers/setup-provider"));
  await heading(page, "Set up your provider");
  await page.getByRole("link", { name: "Create account" }).click();
  await heading(page, "Create account");
  await page.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm master password").fill(PASSWORD);
  await screenshot("owner-registers-from-setup-link");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByLabel("Provider name").waitFor(SLOW);
  await page.getByLabel("Provider name").fill(PROVIDER_NAME);
  await screenshot("setup");
  await page.getByRole("button", { name: "Set up provider" }).click();
  await page.getByRole("navigation", { name: "Provider Portal" }).waitFor(SLOW);
  await page.getByRole("heading", { level: 1, name: PROVIDER_NAME }).waitFor(SLOW);
  assert.equal(await page.locator("img").count(), 0, "the provider's name became HTML");
  const providerId = /#\/providers\/([0-9a-f-]{36})\//.exec(page.url())?.[1];
  assert.ok(providerId, `no provider id in ${page.url()}`);
  await page.getByText("This provider has no clients yet.").waitFor(SLOW);
  await screenshot("clients-empty");

  // Manage: one admin only, so the page warns; invite a Service User.
  await page.getByRole("link", { name: "Manage" }).click();
  await page.getByText(/only one.*confirmed Provider Admin/).waitFor(SLOW);
  await page.getByLabel("E-mail addresses").fill(tech);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await page.getByText(`Invited ${tech}.`).waitFor(SLOW);
  await screenshot("manage-invited");

  // The Service User registers from the invitation and accepts it.
  const techPage = await newPage();
  await techPage.goto(await server.mail.link(tech, "/#/providers/accept-provider"));
  await heading(techPage, "Join provider");
  await techPage.getByRole("link", { name: "Create account" }).click();
  await heading(techPage, "Create account");
  await techPage.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await techPage.getByLabel("Confirm master password").fill(PASSWORD);
  await techPage.getByRole("button", { name: "Create account" }).click();
  await heading(techPage, "Join provider");
  await techPage.getByRole("button", { name: "Accept invitation" }).click();
  await techPage.getByText(/You accepted the invitation/).waitFor(SLOW);

  // The owner confirms them after the fingerprint phrase is shown.
  await openArea(page, server.url, providerId, "manage");
  await page.getByRole("button", { name: `Confirm ${tech}` }).click(SLOW);
  await page.getByRole("heading", { name: `Confirm ${tech}` }).waitFor(SLOW);
  const phrase = (await page.getByLabel("Fingerprint phrase").textContent())?.trim() ?? "";
  // Five words joined with "-"; a few list words carry a hyphen of their own ("felt-tip").
  assert.match(phrase, /^[a-z]+(-[a-z]+){4,}$/, `fingerprint phrase: ${phrase}`);
  await screenshot("confirm-fingerprint");
  await page.getByRole("button", { name: "The phrase matches: confirm" }).click();
  await page.getByText(`${tech} is confirmed.`).waitFor(SLOW);

  // The Service User (signed in again, so the profile carries the provider key) adds a client.
  await techPage.reload();
  await openArea(techPage, server.url, providerId, "clients");
  await techPage.getByRole("button", { name: "+ Add" }).click();
  await techPage.getByLabel("Client name").fill(CLIENT_NAME);
  await techPage.getByLabel("Owner e-mail").fill(clientOwner);
  await techPage.getByLabel("Seats").fill("10");
  await screenshot("add-client", techPage);
  await techPage.getByRole("button", { name: "Create client" }).click();
  await techPage.getByText(`${CLIENT_NAME} was created`, { exact: false }).waitFor(SLOW);
  const row = techPage.getByRole("row", { name: new RegExp(CLIENT_NAME.replace(/[<>&/]/g, ".")) });
  await row.waitFor(SLOW);
  const cells = await row.getByRole("cell").allTextContents();
  assert.deepEqual(cells.slice(0, 4), ["Teams (Monthly)", "10", "1", "9"], `row: ${cells.join(" | ")}`);
  assert.equal(await techPage.locator("b").count(), 0, "the client's name became HTML");
  await techPage.getByLabel("Search clients").fill("no such client");
  await techPage.getByText("No client matches").waitFor();
  await techPage.getByLabel("Search clients").fill("sons");
  await row.waitFor();
  await screenshot("clients", techPage);
  assert.ok(await server.mail.link(clientOwner, "/#/accept-organization"), "the client's owner was invited");

  // The client's owner registers from the invitation (signups are closed) and accepts it.
  const invitation = await server.mail.link(clientOwner, "/#/accept-organization");
  const orgId = new URL(invitation.replace("/#/", "/")).searchParams.get("organizationId");
  assert.ok(orgId, `no organization id in ${invitation}`);
  const ownerPage = await newPage();
  await ownerPage.goto(invitation);
  await heading(ownerPage, "Join organization");
  await ownerPage.getByRole("link", { name: "Create account" }).click();
  await heading(ownerPage, "Create account");
  await ownerPage.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await ownerPage.getByLabel("Confirm master password").fill(PASSWORD);
  await ownerPage.getByRole("button", { name: "Create account" }).click();
  await heading(ownerPage, "Join organization");
  await ownerPage.getByRole("button", { name: "Accept invitation" }).click();
  await ownerPage.getByText(`You joined ${CLIENT_NAME}.`).waitFor(SLOW);

  // The Service User opens the client's Admin Console from the clients table and confirms the
  // owner after the fingerprint phrase is shown.
  await techPage.getByLabel("Search clients").fill("");
  await techPage.getByRole("link", { name: CLIENT_NAME, exact: true }).click();
  const consoleNav = techPage.getByRole("navigation", { name: "Admin Console" });
  await consoleNav.waitFor(SLOW);
  await consoleNav.getByRole("link", { name: "Members" }).click();
  await techPage.getByRole("button", { name: `Confirm ${clientOwner}` }).click(SLOW);
  await techPage.getByLabel("Fingerprint phrase").waitFor(SLOW);
  await techPage.getByRole("button", { name: "The phrase matches: confirm" }).click();
  await techPage.getByText(`${clientOwner} is confirmed.`).waitFor(SLOW);

  // The owner, signed in again (a fresh profile carries the org key), adds a login to the
  // default collection.
  await ownerPage.goto(`${server.url}/#/organizations/${orgId}/vault`);
  await ownerPage.reload();
  await ownerPage.waitForLoadState("networkidle");
  await unlockIfLocked(ownerPage);
  await ownerPage.getByText("This organization has no items yet.").waitFor(SLOW);
  await ownerPage.getByRole("button", { name: "+ New login" }).click();
  await ownerPage.getByLabel("Item name").fill(ITEM_NAME);
  await ownerPage.getByLabel("Username").fill("admin@firewall.example");
  await ownerPage.getByLabel("Password").fill("Firewall-Passw0rd");
  assert.equal(await ownerPage.getByRole("checkbox", { name: "Default collection" }).isChecked(), true);
  await ownerPage.getByRole("button", { name: "Save login" }).click();
  await ownerPage.getByText(`${ITEM_NAME} was added.`).waitFor(SLOW);
  await screenshot("client-owner-item", ownerPage);

  // The Service User sees it decrypted in the client's vault (which the server records).
  await consoleNav.getByRole("link", { name: "Vault" }).click();
  const item = techPage.getByRole("row", { name: /Firewall/ });
  await item.waitFor(SLOW);
  assert.deepEqual(await item.getByRole("cell").allTextContents(), [
    "Login",
    "admin@firewall.example",
    "Default collection",
  ]);
  await techPage.getByRole("button", { name: `View ${ITEM_NAME}` }).click();
  const view = techPage.getByRole("region", { name: ITEM_NAME });
  await view.getByRole("button", { name: "Show password" }).click();
  await view.getByText("Firewall-Passw0rd").waitFor(SLOW);
  assert.equal(await techPage.locator("b, i, img").count(), 0, "a tenant's name became HTML");
  await screenshot("service-user-client-vault", techPage);

  // The event log tells who did what: the client created, the user invited, the vault opened.
  await openArea(page, server.url, providerId, "events");
  await page.getByText(`invited ${tech}.`, { exact: false }).waitFor(SLOW);
  await page.getByText(`created the client ${CLIENT_NAME}.`, { exact: false }).waitFor(SLOW);
  await page.getByText(`opened the vault of ${CLIENT_NAME}.`, { exact: false }).first().waitFor(SLOW);
  await screenshot("events");

  // Removed, the Service User's next request is refused.
  await openArea(page, server.url, providerId, "manage");
  await page.getByRole("button", { name: `Remove ${tech}` }).click();
  await page.getByText(`${tech} was removed from the provider.`).waitFor(SLOW);
  await techPage.reload();
  await techPage.waitForLoadState("networkidle");
  await unlockIfLocked(techPage);
  await techPage.goto(`${server.url}/#/providers/${providerId}/clients`);
  await techPage.getByRole("alert").waitFor(SLOW);
  await screenshot("removed-service-user", techPage);
}, { server: { signupsAllowed: false } });
