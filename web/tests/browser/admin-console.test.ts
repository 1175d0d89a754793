// The Admin Console in the browser, on SQLite and PostgreSQL, reached from the Provider Portal:
// the operator makes an MSP, its owner sets it up from the mail and creates a client; the
// client's owner registers from the invitation and accepts; the provider admin opens the
// client's Admin Console from the clients table and confirms the owner after the fingerprint
// phrase is shown; the owner adds a login to the default collection in their own Admin
// Console; the provider admin's Vault tab shows it decrypted (filtered by text and collection,
// opened to read its fields), creates a collection, and the provider's event log says the
// client's vault was opened. Tenant names with HTML are shown as text. Then an organization
// made outside the browser: its owner's console opens with the member's own key copy, and a
// confirmed User is told their role does not open the admin areas.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { portalTest } from "./harness/index.js";
import {
  PASSWORD,
  SLOW,
  accessToken,
  api,
  assertEveryControlNamed,
  assertFitsWidth,
  createOrganization,
  heading,
  inviteMember,
  newEmail,
  register,
} from "./account-helpers.js";

const PROVIDER_NAME = "<img src=x onerror=alert(1)> MSP";
const CLIENT_NAME = "<b>Client</b> & Sons";
const ITEM_NAME = "<i>Router</i> admin";

/** Keys live in memory only: a reload asks to unlock. */
async function unlockIfLocked(page: Page): Promise<void> {
  const locked = page.getByRole("heading", { level: 1, name: "Your vault is locked" });
  if (await locked.isVisible()) {
    await page.getByLabel("Master password").fill(PASSWORD);
    await page.getByRole("button", { name: "Unlock" }).click();
  }
}

/** Opens a page freshly loaded (reload, unlock), so the profile carries the latest keys. */
async function openFresh(page: Page, url: string, ready: (page: Page) => Promise<unknown>) {
  await page.goto(url);
  await page.reload();
  await page.waitForLoadState("networkidle");
  await unlockIfLocked(page);
  await ready(page);
}

const consoleNav = (page: Page) => page.getByRole("navigation", { name: "Admin Console" });

portalTest("admin console", async ({ page, server, newPage, screenshot }) => {
  const providerAdmin = newEmail("msp");
  const clientOwner = newEmail("clientowner");
  const staff = newEmail("staff");

  // The operator's MSP, set up by its owner from the mailed link.
  await register(page, server.url, providerAdmin);
  await server.admin(
    "provider", "create", "--type", "msp", "--owner-email", providerAdmin,
    "--teams-seat-minimum", "10", "--enterprise-seat-minimum", "10",
  );
  await page.goto(await server.mail.link(providerAdmin, "/#/providers/setup-provider"));
  await page.waitForLoadState("networkidle");
  await unlockIfLocked(page);
  await page.getByLabel("Provider name").fill(PROVIDER_NAME);
  await page.getByRole("button", { name: "Set up provider" }).click();
  await page.getByRole("navigation", { name: "Provider Portal" }).waitFor(SLOW);
  const providerId = /#\/providers\/([0-9a-f-]{36})\//.exec(page.url())?.[1];
  assert.ok(providerId, `no provider id in ${page.url()}`);

  // A client with its owner invited.
  await page.getByRole("button", { name: "+ Add" }).click();
  await page.getByLabel("Client name").fill(CLIENT_NAME);
  await page.getByLabel("Owner e-mail").fill(clientOwner);
  await page.getByLabel("Plan").selectOption({ label: "Enterprise (Monthly)" });
  await page.getByLabel("Seats").fill("10");
  await page.getByRole("button", { name: "Create client" }).click();
  await page.getByText(`${CLIENT_NAME} was created`, { exact: false }).waitFor(SLOW);

  // The client's owner registers from the invitation and accepts it.
  const invitation = await server.mail.link(clientOwner, "/#/accept-organization");
  const orgId = new URL(invitation.replace("/#/", "/")).searchParams.get("organizationId");
  assert.ok(orgId, `no organization id in ${invitation}`);
  const owner = await newPage();
  await owner.goto(invitation);
  await heading(owner, "Join organization");
  await owner.getByRole("link", { name: "Create account" }).click();
  await heading(owner, "Create account");
  await owner.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await owner.getByLabel("Confirm master password").fill(PASSWORD);
  await owner.getByRole("button", { name: "Create account" }).click();
  await heading(owner, "Join organization");
  await owner.getByRole("button", { name: "Accept invitation" }).click();
  await owner.getByText(`You joined ${CLIENT_NAME}.`).waitFor(SLOW);
  // Not confirmed yet: their Admin Console says the key is not theirs yet.
  await owner.goto(`${server.url}/#/organizations/${orgId}/vault`);
  await owner.getByText("Your copy of this organization's key is not available", { exact: false }).waitFor(SLOW);
  await screenshot("owner-not-confirmed", owner);

  // The provider admin opens the client's Admin Console from the clients table.
  await openFresh(page, `${server.url}/#/providers/${providerId}/clients`, (p) =>
    p.getByRole("navigation", { name: "Provider Portal" }).waitFor(SLOW),
  );
  await page.getByRole("link", { name: CLIENT_NAME, exact: true }).click();
  await consoleNav(page).waitFor(SLOW);
  await page.getByRole("heading", { level: 1, name: CLIENT_NAME }).waitFor(SLOW);
  assert.equal(await page.locator("b, img").count(), 0, "a tenant's name became HTML");

  // Members: the owner accepted; confirmed after the fingerprint phrase is shown.
  await consoleNav(page).getByRole("link", { name: "Members" }).click();
  await page.getByText("1 of 10 seats used.").waitFor(SLOW);
  const ownerRow = page.getByRole("row", { name: new RegExp(clientOwner.replace(/[.+]/g, "\\$&")) });
  assert.equal(await page.getByLabel(`Role of ${clientOwner}`).inputValue(), "0");
  await ownerRow.getByRole("cell", { name: "Accepted", exact: true }).waitFor(SLOW);
  await page.getByRole("button", { name: `Confirm ${clientOwner}` }).click();
  await page.getByRole("heading", { name: `Confirm ${clientOwner}` }).waitFor(SLOW);
  const phrase = (await page.getByLabel("Fingerprint phrase").textContent())?.trim() ?? "";
  // Five words joined by hyphens; a few words of the list have a hyphen of their own.
  assert.match(phrase, /^[a-z]+(-[a-z]+){4,}$/, `fingerprint phrase: ${phrase}`);
  await screenshot("confirm-fingerprint");
  await page.getByRole("button", { name: "The phrase matches: confirm" }).click();
  await page.getByText(`${clientOwner} is confirmed.`).waitFor(SLOW);
  await ownerRow.getByRole("cell", { name: "Confirmed", exact: true }).waitFor(SLOW);
  await assertEveryControlNamed(page);
  await screenshot("members");

  // Invite a member with a role, re-invite, change the role, revoke, restore, remove.
  await page.getByLabel("E-mail addresses").fill(staff);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Admin" });
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await page.getByText(`Invited ${staff}.`).waitFor(SLOW);
  await page.getByText("2 of 10 seats used.").waitFor(SLOW);
  const staffRow = page.getByRole("row", { name: new RegExp(staff.replace(/[.+]/g, "\\$&")) });
  assert.equal(await page.getByLabel(`Role of ${staff}`).inputValue(), "1");
  await staffRow.getByRole("cell", { name: "Invited", exact: true }).waitFor(SLOW);
  await page.getByRole("button", { name: `Re-invite ${staff}` }).click();
  await page.getByText(`A new invitation was sent to ${staff}.`).waitFor(SLOW);
  await page.getByLabel(`Role of ${staff}`).selectOption({ label: "User" });
  await page.getByText(`${staff} is now a User.`).waitFor(SLOW);
  await page.getByRole("button", { name: `Revoke ${staff}` }).click();
  await page.getByText(`${staff} was revoked.`).waitFor(SLOW);
  await staffRow.getByRole("cell", { name: "Revoked", exact: true }).waitFor(SLOW);
  await page.getByText("1 of 10 seats used.").waitFor(SLOW);
  await page.getByRole("button", { name: `Restore ${staff}` }).click();
  await page.getByText(`${staff} was restored.`).waitFor(SLOW);
  await staffRow.getByRole("cell", { name: "Invited", exact: true }).waitFor(SLOW);
  await page.getByRole("button", { name: `Remove ${staff}` }).click();
  await page.getByRole("alertdialog", { name: `Remove ${staff}?` }).waitFor();
  await screenshot("remove-member");
  await page.getByRole("button", { name: "Remove member" }).click();
  await page.getByText(`${staff} was removed from the organization.`).waitFor(SLOW);
  await staffRow.waitFor({ state: "detached" });

  // The owner (profile reloaded: it now carries the org key) adds a login to the default
  // collection from their own Admin Console.
  await openFresh(owner, `${server.url}/#/organizations/${orgId}/vault`, (p) =>
    p.getByText("This organization has no items yet.").waitFor(SLOW),
  );
  await owner.getByRole("button", { name: "+ New login" }).click();
  await owner.getByLabel("Item name").fill(ITEM_NAME);
  await owner.getByLabel("Username").fill("admin@router.example");
  await owner.getByLabel("Password").fill("s3cret-Passw0rd");
  await owner.getByLabel("Website").fill("https://router.example");
  assert.equal(await owner.getByRole("checkbox", { name: "Default collection" }).isChecked(), true);
  await screenshot("owner-new-login", owner);
  await owner.getByRole("button", { name: "Save login" }).click();
  await owner.getByText(`${ITEM_NAME} was added.`).waitFor(SLOW);
  await owner.getByRole("button", { name: `View ${ITEM_NAME}` }).waitFor(SLOW);

  // The provider admin's Vault tab: the item decrypted, in the default collection.
  await consoleNav(page).getByRole("link", { name: "Vault" }).click();
  const item = page.getByRole("row", { name: new RegExp("Router") });
  await item.waitFor(SLOW);
  assert.deepEqual(await item.getByRole("cell").allTextContents(), [
    "Login",
    "admin@router.example",
    "Default collection",
  ]);
  assert.equal(await page.locator("i").count(), 0, "an item's name became HTML");
  await page.getByLabel("Search items").fill("nothing like it");
  await page.getByText("No item matches.").waitFor();
  await page.getByLabel("Search items").fill("router");
  await item.waitFor();
  await page.getByLabel("Collection").selectOption({ label: "Unassigned" });
  await page.getByText("No item matches.").waitFor();
  await page.getByLabel("Collection").selectOption({ label: "Default collection" });
  await item.waitFor();
  await page.getByRole("button", { name: `View ${ITEM_NAME}` }).click();
  const view = page.getByRole("region", { name: ITEM_NAME });
  await view.getByText("https://router.example").waitFor(SLOW);
  assert.equal(await view.getByText("s3cret-Passw0rd").count(), 0, "the password shows before asked");
  await view.getByRole("button", { name: "Show password" }).click();
  await view.getByText("s3cret-Passw0rd").waitFor();
  await assertEveryControlNamed(page);
  await screenshot("vault");
  // On a phone the page keeps its width (the table scrolls inside its frame).
  await page.setViewportSize({ width: 390, height: 844 });
  await assertFitsWidth(page);
  await screenshot("vault-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  // Collections: names decrypted; a new one, managed by the owner.
  await consoleNav(page).getByRole("link", { name: "Collections" }).click();
  await page.getByRole("row", { name: /Default collection/ }).waitFor(SLOW);
  await page.getByRole("button", { name: "+ New collection" }).click();
  await page.getByLabel("Collection name").fill("<u>Network</u>");
  await page.getByLabel("Managed by").selectOption({ label: clientOwner });
  await page.getByRole("button", { name: "Create collection" }).click();
  await page.getByText("<u>Network</u> was created.").waitFor(SLOW);
  await page.getByRole("row", { name: /Network/ }).waitFor(SLOW);
  assert.equal(await page.locator("u").count(), 0, "a collection's name became HTML");
  await screenshot("collections");
  await page.getByRole("button", { name: "Rename <u>Network</u>" }).click();
  await page.getByLabel("New name").fill("Network gear");
  await page.getByRole("button", { name: "Save name" }).click();
  await page.getByText("<u>Network</u> is now called Network gear.").waitFor(SLOW);
  await page.getByRole("button", { name: "Delete Network gear" }).click();
  await page.getByRole("alertdialog", { name: "Delete Network gear?" }).waitFor();
  await page.getByRole("button", { name: "Delete collection" }).click();
  await page.getByText("Network gear was deleted.").waitFor(SLOW);
  await page.getByRole("row", { name: /Network/ }).waitFor({ state: "detached" });
  // Access: the server keeps someone managing each collection, and says so.
  await page.getByRole("button", { name: "Access to Default collection" }).click();
  const level = page.getByLabel(clientOwner, { exact: true });
  assert.equal(await level.locator("option:checked").textContent(), "Can manage");
  await level.selectOption({ label: "Can view" });
  await page.getByRole("button", { name: "Save access" }).click();
  await page.getByRole("alert").getByText("At least one member or group must have can manage permission.").waitFor(SLOW);
  await screenshot("collection-access");
  await level.selectOption({ label: "Can manage" });
  await page.getByRole("button", { name: "Save access" }).click();
  await page.getByText("Access to Default collection was saved.").waitFor(SLOW);

  // Groups: one created and deleted (its name shown as text).
  await consoleNav(page).getByRole("link", { name: "Groups" }).click();
  await page.getByText("This organization has no groups.").waitFor(SLOW);
  await page.getByLabel("Group name").fill("<s>Helpdesk</s>");
  await page.getByRole("button", { name: "Create group" }).click();
  await page.getByText("<s>Helpdesk</s> was created.").waitFor(SLOW);
  await page.getByRole("row", { name: /Helpdesk/ }).waitFor(SLOW);
  assert.equal(await page.locator("s").count(), 0, "a group's name became HTML");
  await screenshot("groups");
  await page.getByRole("button", { name: "Delete <s>Helpdesk</s>" }).click();
  await page.getByRole("button", { name: "Delete group" }).click();
  await page.getByText("<s>Helpdesk</s> was deleted.").waitFor(SLOW);
  await page.getByText("This organization has no groups.").waitFor(SLOW);

  // Policies: one turned on, then off again.
  await consoleNav(page).getByRole("link", { name: "Policies" }).click();
  const generator = page.getByRole("row", { name: /Password generator/ });
  await generator.getByRole("cell", { name: "Off", exact: true }).waitFor(SLOW);
  await page.getByRole("button", { name: "Turn on Password generator" }).click();
  await page.getByText("Password generator is on.").waitFor(SLOW);
  await generator.getByRole("cell", { name: "On", exact: true }).waitFor(SLOW);
  await screenshot("policies");
  await page.getByRole("button", { name: "Turn off Password generator" }).click();
  await page.getByText("Password generator is off.").waitFor(SLOW);
  await generator.getByRole("cell", { name: "Off", exact: true }).waitFor(SLOW);
  // A policy's options: checked in the form, saved with its state, read back by the server.
  await page.getByRole("button", { name: "Options of Master password requirements" }).click();
  const options = page.getByRole("form", { name: "Master password requirements" });
  await options.getByLabel("Minimum length").fill("8");
  await options.getByRole("button", { name: "Save policy" }).click();
  await options.getByText("Minimum length must be a whole number from 12 to 128.").waitFor();
  await options.getByLabel("Minimum length").fill("14");
  await options.getByRole("checkbox", { name: "Require an upper-case letter" }).check();
  await options.getByRole("checkbox", { name: "Turned on" }).check();
  await assertEveryControlNamed(page);
  await screenshot("policy-options");
  await options.getByRole("button", { name: "Save policy" }).click();
  await page.getByText("Master password requirements was saved (on).").waitFor(SLOW);
  const masterPassword = page.getByRole("row", { name: /Master password requirements/ });
  await masterPassword.getByRole("cell", { name: "On", exact: true }).waitFor(SLOW);
  const policies = await api<{ data: { type: number; enabled: boolean; data: Record<string, unknown> | null }[] }>(
    server.url,
    await accessToken(page),
    "GET",
    `/api/organizations/${orgId}/policies`,
  );
  const saved = policies.data.find((x) => x.type === 1);
  assert.equal(saved?.enabled, true);
  assert.equal(saved?.data?.["minLength"], 14);
  assert.equal(saved?.data?.["requireUpper"], true);
  assert.equal(saved?.data?.["requireLower"], false);

  await consoleNav(page).getByRole("link", { name: "Events" }).click();
  await page.getByText("You opened the organization's vault.").first().waitFor(SLOW);
  await page.getByText(`You confirmed ${clientOwner}.`).first().waitFor(SLOW);
  await page.getByText(`${clientOwner} created an item.`).first().waitFor(SLOW);
  assert.equal(await page.locator("b, img").count(), 0, "a tenant's name became HTML");
  await screenshot("org-events");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const csv = await readFile(await download.path(), "utf8");
  assert.match(csv, /^Date,Event,Type,IP address\n/);
  assert.match(csv, /You opened the organization's vault\.,1603,/);

  // The provider's event log: the client's vault was opened.
  await page.goto(`${server.url}/#/providers/${providerId}/events`);
  await page.getByText(`opened the vault of ${CLIENT_NAME}.`, { exact: false }).first().waitFor(SLOW);
  assert.equal(await page.locator("b, img").count(), 0, "a tenant's name became HTML");
  await screenshot("provider-events");

  // Settings: the organization renamed; the console's heading follows.
  await page.goto(`${server.url}/#/organizations/${orgId}/settings`);
  await page.getByText("Provider staff (as an owner)").waitFor(SLOW);
  await page.getByLabel("Organization name").fill(`${CLIENT_NAME} Ltd`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("The organization was saved.").waitFor(SLOW);
  await page.getByRole("heading", { level: 1, name: `${CLIENT_NAME} Ltd` }).waitFor(SLOW);
  assert.equal(await page.locator("b, img").count(), 0, "a tenant's name became HTML");
  await assertEveryControlNamed(page);
  await screenshot("settings");
});

portalTest("admin console of a member's organization", async ({ page, server, newPage, screenshot }) => {
  // An organization made outside the browser (node's crypto), its owner signed in here.
  const ownerEmail = newEmail("owner");
  const memberEmail = newEmail("member");
  await register(page, server.url, ownerEmail);
  const token = await accessToken(page);
  const orgId = await createOrganization(server.url, token, "<em>Acme</em>", ownerEmail);
  await inviteMember(server.url, token, orgId, memberEmail);

  // The member registers from the invitation and accepts.
  const member = await newPage();
  await member.goto(await server.mail.link(memberEmail, "/#/accept-organization"));
  await heading(member, "Join organization");
  await member.getByRole("link", { name: "Create account" }).click();
  await heading(member, "Create account");
  await member.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await member.getByLabel("Confirm master password").fill(PASSWORD);
  await member.getByRole("button", { name: "Create account" }).click();
  await heading(member, "Join organization");
  await member.getByRole("button", { name: "Accept invitation" }).click();
  await member.getByText("You joined <em>Acme</em>.").waitFor(SLOW);

  // The owner's console: the org key from their own membership; the collection name that
  // node encrypted decrypts here; the member is confirmed after the fingerprint.
  await openFresh(page, `${server.url}/#/organizations/${orgId}/collections`, (p) =>
    consoleNav(p).waitFor(SLOW),
  );
  await page.getByRole("row", { name: /Default collection/ }).waitFor(SLOW);
  assert.equal(await page.locator("em").count(), 0, "the organization's name became HTML");
  await consoleNav(page).getByRole("link", { name: "Members" }).click();
  await page.getByRole("button", { name: `Confirm ${memberEmail}` }).click(SLOW);
  await page.getByLabel("Fingerprint phrase").waitFor(SLOW);
  await page.getByRole("button", { name: "The phrase matches: confirm" }).click();
  await page.getByText(`${memberEmail} is confirmed.`).waitFor(SLOW);

  // The member (a User) has the key now, but their role does not open the admin areas.
  await openFresh(member, `${server.url}/#/organizations/${orgId}/vault`, (p) =>
    consoleNav(p).waitFor(SLOW),
  );
  await member.getByRole("alert").getByText("Your role in this organization does not open this area", { exact: false }).waitFor(SLOW);
  await screenshot("member-role", member);
});
