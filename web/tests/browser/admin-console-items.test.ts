// The Admin Console's items in the browser, on SQLite and PostgreSQL: an owner (organization
// made with node's crypto) adds a second collection, then one item of each type (login in two
// collections, secure note, card, identity), edits the login (unchanged fields keep their very
// EncString, the replaced password goes to the history), moves the card to the other
// collection, sends the identity to the trash and restores it, and deletes the note for good
// after a confirmation. After a reload the page shows exactly that.
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { portalTest } from "./harness/index.js";
import {
  PASSWORD,
  SLOW,
  accessToken,
  api,
  assertEveryControlNamed,
  createOrganization,
  newEmail,
  register,
} from "./account-helpers.js";

const LOGIN = "<i>Router</i> admin";
const NOTE = "Door codes";
const CARD = "Company Visa";
const IDENTITY = "Jane at the office";

async function unlockIfLocked(page: Page): Promise<void> {
  const locked = page.getByRole("heading", { level: 1, name: "Your vault is locked" });
  if (await locked.isVisible()) {
    await page.getByLabel("Master password").fill(PASSWORD);
    await page.getByRole("button", { name: "Unlock" }).click();
  }
}

/** The Vault tab freshly loaded: keys are in memory only, so a reload asks to unlock. */
async function openVault(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.reload();
  await page.waitForLoadState("networkidle");
  await unlockIfLocked(page);
  await page.getByRole("heading", { level: 2, name: "Vault" }).waitFor(SLOW);
  await page.getByLabel("Search items").waitFor(SLOW);
}

function row(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("button", { name: `View ${name}`, exact: true }) });
}

/** Type, username and collections as the table shows them. */
async function cells(page: Page, name: string): Promise<string[]> {
  const r = row(page, name);
  await r.waitFor(SLOW);
  return r.getByRole("cell").allTextContents();
}

/** The row's cells once they read `expected` (a save's notice comes before the list reloads). */
async function expectCells(page: Page, name: string, expected: string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = await cells(page, name);
  while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {
    await page.waitForTimeout(100);
    seen = await cells(page, name);
  }
  assert.deepEqual(seen, expected);
}

function editor(page: Page, title: string): Locator {
  return page.getByRole("form", { name: title });
}

function view(page: Page, name: string): Locator {
  return page.getByRole("region", { name });
}

interface StoredItem {
  id: string;
  name: string;
  login?: { username?: string; password?: string; uris?: { uri: string; uriChecksum?: string }[] } | null;
  passwordHistory?: { password: string; lastUsedDate: string }[] | null;
  collectionIds: string[];
  deletedDate?: string | null;
}

portalTest("admin console items", async ({ page, server, screenshot }) => {
  const owner = newEmail("owner");
  await register(page, server.url, owner);
  const token = await accessToken(page);
  const orgId = await createOrganization(server.url, token, "Items & Co", owner);
  const stored = async () =>
    (await api<{ data: StoredItem[] }>(server.url, token, "GET", `/api/ciphers/organization-details?organizationId=${orgId}`))
      .data;

  // A second collection, made in the browser.
  await openVault(page, `${server.url}/#/organizations/${orgId}/vault`);
  await page.getByText("This organization has no items yet.").waitFor(SLOW);
  await page.getByRole("navigation", { name: "Admin Console" }).getByRole("link", { name: "Collections" }).click();
  await page.getByRole("button", { name: "+ New collection" }).click(SLOW);
  await page.getByLabel("Collection name").fill("Network");
  await page.getByLabel("Managed by").selectOption({ label: owner });
  await page.getByRole("button", { name: "Create collection" }).click();
  await page.getByText("Network was created.").waitFor(SLOW);
  await page.getByRole("navigation", { name: "Admin Console" }).getByRole("link", { name: "Vault" }).click();
  await page.getByText("This organization has no items yet.").waitFor(SLOW);

  // A login in both collections.
  await page.getByRole("button", { name: "+ New login" }).click();
  let form = editor(page, "New login");
  await form.getByLabel("Item name").fill(LOGIN);
  await form.getByLabel("Username").fill("admin@router.example");
  await form.getByLabel("Password").fill("first-Passw0rd");
  await form.getByLabel("Authenticator key (TOTP)").fill("JBSWY3DPEHPK3PXP");
  await form.getByLabel("Website").fill("https://router.example");
  await form.getByLabel("Notes").fill("Rack 2");
  assert.equal(await form.getByRole("checkbox", { name: "Default collection" }).isChecked(), true);
  await form.getByRole("checkbox", { name: "Network" }).check();
  await assertEveryControlNamed(page);
  await screenshot("new-login");
  await form.getByRole("button", { name: "Save login" }).click();
  await page.getByText(`${LOGIN} was added.`).waitFor(SLOW);
  await expectCells(page, LOGIN, ["Login", "admin@router.example", "Default collection, Network"]);
  assert.equal(await page.locator("i").count(), 0, "an item's name became HTML");

  // A secure note in the other collection only.
  await page.getByRole("button", { name: "+ New secure note" }).click();
  form = editor(page, "New secure note");
  await form.getByLabel("Item name").fill(NOTE);
  await form.getByLabel("Notes").fill("Front 1234\nBack 5678");
  await form.getByRole("checkbox", { name: "Default collection" }).uncheck();
  await form.getByRole("checkbox", { name: "Network" }).check();
  await form.getByRole("button", { name: "Save secure note" }).click();
  await page.getByText(`${NOTE} was added.`).waitFor(SLOW);
  await expectCells(page, NOTE, ["Secure note", "", "Network"]);

  // A card.
  await page.getByRole("button", { name: "+ New card" }).click();
  form = editor(page, "New card");
  await form.getByLabel("Item name").fill(CARD);
  await form.getByLabel("Cardholder name").fill("Items & Co");
  await form.getByLabel("Brand").selectOption("Visa");
  await form.getByLabel("Card number").fill("4111111111111111");
  await form.getByLabel("Expiry month").fill("7");
  await form.getByLabel("Expiry year").fill("2031");
  await form.getByLabel("Security code").fill("123");
  await screenshot("new-card");
  await form.getByRole("button", { name: "Save card" }).click();
  await page.getByText(`${CARD} was added.`).waitFor(SLOW);
  await expectCells(page, CARD, ["Card", "", "Default collection"]);

  // An identity.
  await page.getByRole("button", { name: "+ New identity" }).click();
  form = editor(page, "New identity");
  await form.getByLabel("Item name").fill(IDENTITY);
  await form.getByLabel("First name").fill("Jane");
  await form.getByLabel("Last name").fill("Doe");
  await form.getByLabel("E-mail").fill("jane@items.example");
  await form.getByLabel("Phone").fill("+1 555 0100");
  await form.getByLabel("Address 1").fill("1 Main Street");
  await form.getByLabel("City").fill("Springfield");
  await form.getByLabel("Postal code").fill("12345");
  await form.getByLabel("Country").fill("US");
  await form.getByRole("button", { name: "Save identity" }).click();
  await page.getByText(`${IDENTITY} was added.`).waitFor(SLOW);
  await expectCells(page, IDENTITY, ["Identity", "", "Default collection"]);

  // The card's fields read back.
  await page.getByRole("button", { name: `View ${CARD}` }).click();
  let opened = view(page, CARD);
  await opened.getByText("Visa", { exact: true }).waitFor(SLOW);
  await opened.getByRole("button", { name: "Show number" }).click();
  await opened.getByText("4111111111111111").waitFor();
  await opened.getByText("2031").waitFor();

  // Edit the login: a new password and notes; the rest stays as it was.
  const beforeEdit = (await stored()).find((i) => i.login);
  assert.ok(beforeEdit?.login?.username && beforeEdit.login.password, "the login is stored");
  await page.getByRole("button", { name: `View ${LOGIN}` }).click();
  opened = view(page, LOGIN);
  await opened.getByRole("button", { name: "Edit" }).click();
  form = editor(page, `Edit ${LOGIN}`);
  assert.equal(await form.getByLabel("Username").inputValue(), "admin@router.example");
  assert.equal(await form.getByLabel("Website").inputValue(), "https://router.example");
  assert.equal(await form.getByLabel("Password").inputValue(), "first-Passw0rd");
  await form.getByLabel("Password").fill("second-Passw0rd");
  await form.getByLabel("Notes").fill("Rack 3");
  await screenshot("edit-login");
  await form.getByRole("button", { name: "Save changes" }).click();
  await page.getByText(`${LOGIN} was saved.`).waitFor(SLOW);
  const afterEdit = (await stored()).find((i) => i.id === beforeEdit.id);
  assert.equal(afterEdit?.login?.username, beforeEdit.login.username, "an unchanged field was re-encrypted");
  assert.deepEqual(afterEdit?.login?.uris, beforeEdit.login.uris, "an unchanged website was re-encrypted");
  assert.notEqual(afterEdit?.login?.password, beforeEdit.login.password);
  assert.equal(afterEdit?.passwordHistory?.[0]?.password, beforeEdit.login.password, "the old password is in the history");
  assert.deepEqual(afterEdit?.collectionIds.length, 2, "an edit changed the collections");

  // Move the card to the other collection.
  await page.getByRole("button", { name: `View ${CARD}` }).click();
  await view(page, CARD).getByRole("button", { name: "Change collections" }).click();
  form = editor(page, `Collections of ${CARD}`);
  assert.equal(await form.getByRole("checkbox", { name: "Default collection" }).isChecked(), true);
  await form.getByRole("checkbox", { name: "Default collection" }).uncheck();
  await form.getByRole("checkbox", { name: "Network" }).check();
  await form.getByRole("button", { name: "Save collections" }).click();
  await page.getByText(`The collections of ${CARD} were saved.`).waitFor(SLOW);
  await expectCells(page, CARD, ["Card", "", "Network"]);
  await page.getByLabel("Collection").selectOption({ label: "Default collection" });
  await row(page, CARD).waitFor({ state: "detached" });
  await row(page, IDENTITY).waitFor();
  await page.getByLabel("Collection").selectOption({ label: "All collections" });

  // The identity to the trash and back.
  await page.getByRole("button", { name: `View ${IDENTITY}` }).click();
  await view(page, IDENTITY).getByRole("button", { name: "Move to trash" }).click();
  await page.getByText(`${IDENTITY} was moved to the trash.`).waitFor(SLOW);
  await row(page, IDENTITY).waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Trash (1)" }).click();
  await page.getByRole("heading", { level: 2, name: "Trash" }).waitFor();
  await expectCells(page, IDENTITY, ["Identity", "", "Default collection"]);
  await page.getByRole("button", { name: `View ${IDENTITY}` }).click();
  await view(page, IDENTITY).getByText("jane@items.example").waitFor(SLOW);
  await screenshot("trash");
  await view(page, IDENTITY).getByRole("button", { name: "Restore" }).click();
  await page.getByText(`${IDENTITY} was restored.`).waitFor(SLOW);
  await page.getByText("The trash is empty.").waitFor(SLOW);
  await page.getByRole("button", { name: "Back to the items" }).click();
  await row(page, IDENTITY).waitFor(SLOW);

  // The note deleted for good: to the trash, then confirmed.
  await page.getByRole("button", { name: `View ${NOTE}` }).click();
  await view(page, NOTE).getByRole("button", { name: "Move to trash" }).click();
  await page.getByText(`${NOTE} was moved to the trash.`).waitFor(SLOW);
  await page.getByRole("button", { name: "Trash (1)" }).click();
  await page.getByRole("button", { name: `View ${NOTE}` }).click();
  await view(page, NOTE).getByRole("button", { name: "Delete permanently" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete ${NOTE} permanently?` });
  await confirm.waitFor();
  await screenshot("delete-permanently");
  await confirm.getByRole("button", { name: "Delete permanently" }).click();
  await page.getByText(`${NOTE} was deleted permanently.`).waitFor(SLOW);
  await page.getByText("The trash is empty.").waitFor(SLOW);
  await assertEveryControlNamed(page);

  // After a reload: three items, where they were put, the edit in place, the trash empty.
  await openVault(page, `${server.url}/#/organizations/${orgId}/vault`);
  await row(page, LOGIN).waitFor(SLOW);
  const names = await page.locator("tbody th").allTextContents();
  assert.deepEqual(names.sort(), [CARD, IDENTITY, LOGIN].sort());
  await expectCells(page, LOGIN, ["Login", "admin@router.example", "Default collection, Network"]);
  await expectCells(page, CARD, ["Card", "", "Network"]);
  await expectCells(page, IDENTITY, ["Identity", "", "Default collection"]);
  await page.getByRole("button", { name: "Trash (0)" }).waitFor();
  await page.getByRole("button", { name: `View ${LOGIN}` }).click();
  opened = view(page, LOGIN);
  await opened.getByText("Rack 3").waitFor(SLOW);
  await opened.getByRole("button", { name: "Show password" }).click();
  await opened.getByText("second-Passw0rd").waitFor();
  await opened.getByText("https://router.example").waitFor();
  assert.equal((await stored()).length, 3, "the deleted note is still stored");
  await screenshot("after-reload");
});
