// The personal vault in the browser, on SQLite and PostgreSQL: a member of an organization makes
// folders (create, rename), one item of every type in their own vault (the login with custom
// fields and an authenticator key whose live code must match RFC 6238; the note opens only after
// the master password), edits the login (a new password from the generator, the old one to the
// history), attaches a file (stored encrypted, downloaded in clear) and deletes it, clones the
// card, marks a favourite, moves an item to a folder and deletes that folder, trashes, restores
// and purges the clone, adds a login straight into the organization and changes its
// collections, shares the SSH key to the organization (re-encrypted with the org key: the server
// then holds it under the org), filters and searches, then looks at it on a phone. Copying a
// password puts it on the clipboard and clears it 30 s later, unless something else was copied
// since.
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { portalTest } from "./harness/index.js";
import {
  PASSWORD,
  SLOW,
  accessToken,
  api,
  assertEveryControlNamed,
  assertFitsWidth,
  createOrganization,
  newEmail,
  register,
  totp,
} from "./account-helpers.js";

const LOGIN = "<i>Router</i> login";
const NOTE = "Door codes";
const CARD = "Company Visa";
const CLONE = `${CARD} (copy)`;
const IDENTITY = "Jane at home";
const SSH = "Deploy key";
const TEAM = "Team wiki";
const ORG = "Vault & Co";
const SECRET = "JBSWY3DPEHPK3PXP";
/** The login's password field, not "Ask for the master password to open". */
const PASSWORD_FIELD = /^Password( \(optional\))?$/;

async function openVault(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/vault`);
  await page.reload();
  await page.waitForLoadState("networkidle");
  if (await page.getByRole("heading", { level: 1, name: "Your vault is locked" }).isVisible()) {
    await page.getByLabel("Master password").fill(PASSWORD);
    await page.getByRole("button", { name: "Unlock" }).click();
  }
  await page.getByRole("heading", { level: 1, name: "Vault" }).waitFor(SLOW);
  await page.getByLabel("Search items").waitFor(SLOW);
}

function row(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("button", { name: `View ${name}`, exact: true }) });
}

/** The row shows this type, username, vault and folder. */
async function assertCells(page: Page, name: string, want: string[]): Promise<void> {
  const r = row(page, name);
  await r.waitFor(SLOW);
  await assertEventually(page, () => r.getByRole("cell").allTextContents(), want, name);
}

/** `read` comes to answer `want` within 15 s: a change shows once the vault has reloaded. */
async function assertEventually<T>(page: Page, read: () => Promise<T>, want: T, what?: string): Promise<void> {
  let got = await read();
  for (const end = Date.now() + 15_000; Date.now() < end; await page.waitForTimeout(100)) {
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    got = await read();
  }
  assert.deepEqual(got, want, what);
}

/** The table lists exactly these names. */
async function assertListed(page: Page, names: string[]): Promise<void> {
  const read = async () => (await page.locator("tbody th button").allTextContents()).sort();
  await assertEventually(page, read, [...names].sort());
}

function view(page: Page, name: string): Locator {
  return page.getByRole("region", { name });
}

async function open(page: Page, name: string): Promise<Locator> {
  await page.getByRole("button", { name: `View ${name}`, exact: true }).click();
  const v = view(page, name);
  await v.getByRole("heading", { name, exact: true }).waitFor(SLOW);
  return v;
}

async function save(page: Page, form: Locator, button: string, message: string): Promise<void> {
  await form.getByRole("button", { name: button }).click();
  await page.getByText(message, { exact: true }).waitFor(SLOW);
}

interface SyncItem {
  id: string;
  name: string;
  organizationId: string | null;
  folderId: string | null;
  favorite: boolean;
  deletedDate: string | null;
  collectionIds: string[];
  login?: { username?: string; password?: string } | null;
  fields?: { name?: string; value?: string; type: number }[] | null;
  passwordHistory?: { password: string }[] | null;
  sshKey?: { privateKey?: string } | null;
  attachments?: { id: string; url: string; fileName: string }[] | null;
}

portalTest(
  "personal vault",
  async ({ page, server, screenshot }) => {
    const origin = server.url;
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    // Time runs as usual, but can jump: the clipboard is cleared 30 s after a copy.
    await page.clock.install();
    const email = newEmail("member");
    await register(page, origin, email);
    const token = await accessToken(page);
    const orgId = await createOrganization(origin, token, ORG, email);
    const sync = async () => (await api<{ ciphers: SyncItem[] }>(origin, token, "GET", "/api/sync?excludeDomains=true")).ciphers;

    await openVault(page, origin);
    await page.getByText("Your vault has no items yet.").waitFor(SLOW);
    await screenshot("empty");

    // Folders: two made, one renamed.
    await page.getByRole("button", { name: "Manage folders" }).click();
    const folders = page.getByRole("region", { name: "Folders" });
    for (const name of ["Work", "Home"]) {
      await folders.getByLabel("Folder name", { exact: true }).fill(name);
      await folders.getByRole("button", { name: "Create folder" }).click();
      await page.getByText(`The folder ${name} was created.`).waitFor(SLOW);
    }
    await folders.getByRole("button", { name: "Rename Home" }).click();
    await folders.getByLabel("New folder name").fill("Personal");
    await folders.getByRole("button", { name: "Save folder" }).click();
    await page.getByText("The folder is now called Personal.").waitFor(SLOW);
    await assertEventually(page, () => folders.locator(".tenant-name").allTextContents(), ["Personal", "Work"]);
    await screenshot("folders");
    await folders.getByRole("button", { name: "Close folders" }).click();

    // A login in the Work folder, with custom fields of each kind and an authenticator key.
    await page.getByRole("button", { name: "+ New login" }).click();
    let form = page.getByRole("form", { name: "New login" });
    await form.getByLabel("Item name").fill(LOGIN);
    await form.getByLabel("Username").fill("admin@router.example");
    await form.getByLabel(PASSWORD_FIELD).fill("first-Passw0rd");
    await form.getByLabel("Authenticator key (TOTP)").fill(SECRET);
    await form.getByLabel("Website").fill("https://router.example");
    for (const [i, kind, name, value] of [
      [1, "Text", "Rack", "2"],
      [2, "Hidden", "PIN", "4321"],
      [3, "Checkbox", "Admin", ""],
    ] as const) {
      await form.getByRole("button", { name: "+ Add a field" }).click();
      await form.getByLabel(`Field ${i} kind`).selectOption({ label: kind });
      await form.getByLabel(`Field ${i} name`).fill(name);
      if (kind === "Checkbox") await form.getByLabel(`Field ${i} checked`).check();
      else await form.getByLabel(`Field ${i} value`).fill(value);
    }
    await form.getByLabel("Folder", { exact: true }).selectOption({ label: "Work" });
    await assertEveryControlNamed(page);
    await screenshot("new-login");
    await save(page, form, "Save login", `${LOGIN} was added.`);
    await assertCells(page, LOGIN, ["Login", "admin@router.example", "My vault", "Work"]);
    assert.equal(await page.locator("i").count(), 0, "an item's name became HTML");

    // One item of every other type.
    let opened: Locator;
    await page.getByRole("button", { name: "+ New secure note" }).click();
    form = page.getByRole("form", { name: "New secure note" });
    await form.getByLabel("Item name").fill(NOTE);
    await form.getByLabel("Notes").fill("Front 1234\nBack 5678");
    await form.getByLabel("Ask for the master password to open").check();
    await save(page, form, "Save secure note", `${NOTE} was added.`);
    // It opens only after the master password, typed again.
    opened = await open(page, NOTE);
    const reprompt = opened.getByRole("form", { name: `Open ${NOTE}` });
    await reprompt.getByLabel("Master password").fill("not the password");
    await reprompt.getByRole("button", { name: "Open item" }).click();
    await reprompt.getByText("That is not your master password.").waitFor(SLOW);
    assert.equal(await opened.getByText("Front 1234").count(), 0, "the note showed before the master password");
    await screenshot("reprompt");
    await reprompt.getByLabel("Master password").fill(PASSWORD);
    await reprompt.getByRole("button", { name: "Open item" }).click();
    await opened.getByText(/Front 1234/).waitFor(SLOW);
    await opened.getByRole("button", { name: "Close" }).click();

    await page.getByRole("button", { name: "+ New card" }).click();
    form = page.getByRole("form", { name: "New card" });
    await form.getByLabel("Item name").fill(CARD);
    await form.getByLabel("Cardholder name").fill("Jane Doe");
    await form.getByLabel("Brand").selectOption("Visa");
    await form.getByLabel("Card number").fill("4111111111111111");
    await form.getByLabel("Expiry month").fill("7");
    await form.getByLabel("Expiry year").fill("2031");
    await form.getByLabel("Security code").fill("123");
    await save(page, form, "Save card", `${CARD} was added.`);

    await page.getByRole("button", { name: "+ New identity" }).click();
    form = page.getByRole("form", { name: "New identity" });
    await form.getByLabel("Item name").fill(IDENTITY);
    await form.getByLabel("First name").fill("Jane");
    await form.getByLabel("Last name").fill("Doe");
    await form.getByLabel("E-mail").fill("jane@home.example");
    await save(page, form, "Save identity", `${IDENTITY} was added.`);

    await page.getByRole("button", { name: "+ New SSH key" }).click();
    form = page.getByRole("form", { name: "New SSH key" });
    await form.getByLabel("Item name").fill(SSH);
    await form.getByLabel("Private key").fill("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----");
    await form.getByLabel("Public key").fill("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDeploy deploy@example");
    await form.getByLabel("Fingerprint").fill("SHA256:deployFingerprint");
    await screenshot("new-ssh-key");
    await save(page, form, "Save SSH key", `${SSH} was added.`);
    await assertListed(page, [CARD, NOTE, IDENTITY, LOGIN, SSH]);
    await assertCells(page, SSH, ["SSH key", "", "My vault", ""]);
    assert.equal((await sync()).length, 5);

    // The login read back: custom fields, the live code, a copied password that leaves the clipboard.
    opened = await open(page, LOGIN);
    await opened.getByText("Rack", { exact: true }).waitFor();
    await opened.getByRole("button", { name: "Show pin" }).click();
    await opened.getByText("4321", { exact: true }).waitFor();
    await opened.getByText("Yes", { exact: true }).first().waitFor();
    const code = (await opened.locator(".totp-code").textContent()) ?? "";
    assert.ok([totp(SECRET, -1), totp(SECRET), totp(SECRET, 1)].includes(code), `TOTP code ${code}`);
    await opened.getByRole("button", { name: "Copy password" }).click();
    await opened.getByText("Copied", { exact: true }).first().waitFor();
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    assert.equal(await clipboard(), "first-Passw0rd");
    await screenshot("view-login");
    await page.clock.fastForward(31_000);
    await page.waitForFunction(async () => (await navigator.clipboard.readText()) === "");
    // Something copied since stays.
    await opened.getByRole("button", { name: "Copy username" }).click();
    assert.equal(await clipboard(), "admin@router.example");
    await page.evaluate(() => navigator.clipboard.writeText("copied elsewhere"));
    await page.clock.fastForward(31_000);
    await page.waitForTimeout(500);
    assert.equal(await clipboard(), "copied elsewhere");

    // Edit the login: the old password goes to the history, what did not change keeps its EncString.
    const unedited = (await sync()).find((i) => i.login);
    await opened.getByRole("button", { name: "Edit", exact: true }).click();
    form = page.getByRole("form", { name: `Edit ${LOGIN}` });
    assert.equal(await form.getByLabel(PASSWORD_FIELD).inputValue(), "first-Passw0rd");
    assert.equal(await form.getByLabel("Field 2 value").inputValue(), "4321");
    // The new password from the generator: 32 characters, no symbols.
    await form.getByRole("button", { name: "Generate" }).click();
    const generator = form.getByRole("group", { name: "Generator" });
    await generator.getByLabel("Length").fill("32");
    await generator.getByLabel("Symbols (!@#$%^&*)").uncheck();
    await generator.locator("output").filter({ hasText: /^[A-Za-z0-9]{32}$/ }).waitFor();
    await screenshot("generator");
    await generator.getByRole("button", { name: "Use this value" }).click();
    const generated = await form.getByLabel(PASSWORD_FIELD).inputValue();
    assert.match(generated, /^[A-Za-z0-9]{32}$/);
    await save(page, form, "Save changes", `${LOGIN} was saved.`);
    opened = await open(page, LOGIN);
    await opened.getByRole("button", { name: "Earlier passwords (1)" }).click();
    await opened.getByRole("list", { name: "Earlier passwords" }).getByText("first-Passw0rd").waitFor();
    await opened.getByRole("button", { name: "Show password" }).click();
    await opened.getByText(generated, { exact: true }).waitFor();
    // An attachment: encrypted in the browser, downloaded and decrypted, then deleted.
    const fileText = "Rack 2, port 7: the router's console cable.";
    await opened.getByLabel("File to attach").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from(fileText) });
    await opened.getByRole("button", { name: "Upload" }).click();
    await page.getByText(`notes.txt was attached to ${LOGIN}.`).waitFor(SLOW);
    await opened.getByText("notes.txt", { exact: true }).waitFor(SLOW);
    const downloading = page.waitForEvent("download");
    await opened.getByRole("button", { name: "Download notes.txt" }).click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), "notes.txt");
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of saved) chunks.push(c as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), fileText);
    const withFile = (await sync()).find((i) => i.login);
    const meta = withFile?.attachments?.[0];
    assert.ok(meta, "the attachment is not listed");
    assert.notEqual(meta.fileName, "notes.txt", "the file name was stored in clear");
    const storedBytes = Buffer.from(await (await fetch(new URL(new URL(meta.url).pathname + new URL(meta.url).search, origin))).arrayBuffer());
    assert.equal(storedBytes[0], 2, "the stored file is not an encrypted attachment");
    assert.ok(!storedBytes.includes(Buffer.from("console cable")), "the file was stored in clear");
    await screenshot("attachment");
    await opened.getByRole("button", { name: "Delete notes.txt" }).click();
    await page.getByText(`notes.txt was deleted from ${LOGIN}.`).waitFor(SLOW);
    await opened.getByText("No attachments.").waitFor(SLOW);

    const login = (await sync()).find((i) => i.login);
    assert.equal(login?.passwordHistory?.length, 1);
    assert.deepEqual(login?.fields, unedited?.fields, "unchanged custom fields were re-encrypted");
    assert.deepEqual(login?.login?.username, unedited?.login?.username, "an unchanged username was re-encrypted");
    assert.notEqual(login?.login?.password, unedited?.login?.password);
    assert.ok(login?.folderId, "the edit took the login out of its folder");
    await screenshot("password-history");

    // Clone the card.
    opened = await open(page, CARD);
    await opened.getByRole("button", { name: "Clone" }).click();
    form = page.getByRole("form", { name: `Clone ${CARD}` });
    assert.equal(await form.getByLabel("Item name").inputValue(), CLONE);
    assert.equal(await form.getByLabel("Card number").inputValue(), "4111111111111111");
    await save(page, form, "Save card", `${CLONE} was added.`);
    await assertCells(page, CLONE, ["Card", "", "My vault", ""]);

    // A favourite, and the favourites filter.
    opened = await open(page, NOTE);
    await opened.getByRole("button", { name: "Add to favourites" }).click();
    await page.getByText(`${NOTE} is a favourite.`).waitFor(SLOW);
    await opened.getByRole("button", { name: "Remove from favourites" }).waitFor();
    const filters = page.getByRole("group", { name: "Filters" });
    await filters.getByLabel("Favourites only").check();
    await assertListed(page, [NOTE]);
    await filters.getByLabel("Favourites only").uncheck();

    // The identity into a folder, then that folder deleted: the item stays, in no folder.
    opened = await open(page, IDENTITY);
    await opened.getByLabel("Move to folder").selectOption({ label: "Personal" });
    await opened.getByRole("button", { name: "Move", exact: true }).click();
    await page.getByText(`${IDENTITY} was moved to Personal.`).waitFor(SLOW);
    await filters.getByLabel("Folder", { exact: true }).selectOption({ label: "Personal" });
    await assertListed(page, [IDENTITY]);
    await filters.getByLabel("Folder", { exact: true }).selectOption({ label: "All folders" });
    await page.getByRole("button", { name: "Manage folders" }).click();
    await folders.getByRole("button", { name: "Delete Personal" }).click();
    await page.getByText("The folder Personal was deleted; its items are in no folder.").waitFor(SLOW);
    await assertCells(page, IDENTITY, ["Identity", "", "My vault", ""]);
    assert.equal((await sync()).filter((i) => i.folderId).length, 1, "only the login is in a folder");

    // The clone to the trash, back, to the trash again, then deleted for good.
    opened = await open(page, CLONE);
    await opened.getByRole("button", { name: "Move to trash" }).click();
    await page.getByText(`${CLONE} was moved to the trash.`).waitFor(SLOW);
    await row(page, CLONE).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Trash (1)" }).click();
    await page.getByRole("heading", { level: 2, name: "Trash" }).waitFor();
    await assertListed(page, [CLONE]);
    opened = await open(page, CLONE);
    await opened.getByRole("button", { name: "Restore" }).click();
    await page.getByText(`${CLONE} was restored.`).waitFor(SLOW);
    await page.getByText("The trash is empty.").waitFor(SLOW);
    await page.getByRole("button", { name: "Back to the items" }).click();
    opened = await open(page, CLONE);
    await opened.getByRole("button", { name: "Move to trash" }).click();
    await page.getByText(`${CLONE} was moved to the trash.`).waitFor(SLOW);
    await page.getByRole("button", { name: "Trash (1)" }).click();
    opened = await open(page, CLONE);
    await opened.getByRole("button", { name: "Delete permanently" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Delete ${CLONE} permanently?` });
    await screenshot("purge");
    await confirm.getByRole("button", { name: "Delete permanently" }).click();
    await page.getByText(`${CLONE} was deleted permanently.`).waitFor(SLOW);
    await page.getByText("The trash is empty.").waitFor(SLOW);
    await page.getByRole("button", { name: "Back to the items" }).click();
    assert.equal((await sync()).length, 5, "the purged item is still there");

    // A second collection of the organization, made in its Admin Console; back through the header.
    await page.goto(`${origin}/#/organizations/${orgId}/collections`);
    await page.getByRole("button", { name: "+ New collection" }).click(SLOW);
    await page.getByLabel("Collection name").fill("Network");
    await page.getByLabel("Managed by").selectOption({ label: email });
    await page.getByRole("button", { name: "Create collection" }).click();
    await page.getByText("Network was created.").waitFor(SLOW);
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Vault" }).click();
    await page.getByLabel("Search items").waitFor(SLOW);

    // A new login straight into the organization, then moved to the other collection.
    await page.getByRole("button", { name: "+ New login" }).click();
    form = page.getByRole("form", { name: "New login" });
    await form.getByLabel("Item name").fill(TEAM);
    await form.getByLabel("Username").fill("team@vault.example");
    await form.getByLabel("Owner").selectOption({ label: ORG });
    await form.getByRole("button", { name: "Save login" }).click();
    await form.getByText("Choose at least one collection.").waitFor();
    await form.getByRole("checkbox", { name: "Default collection" }).check();
    await save(page, form, "Save login", `${TEAM} was added to ${ORG}.`);
    await assertCells(page, TEAM, ["Login", "team@vault.example", ORG, ""]);
    opened = await open(page, TEAM);
    await opened.getByText("Default collection", { exact: true }).waitFor();
    await opened.getByRole("button", { name: "Change collections" }).click();
    form = page.getByRole("form", { name: `Collections of ${TEAM}` });
    await form.getByRole("checkbox", { name: "Default collection" }).uncheck();
    await form.getByRole("checkbox", { name: "Network" }).check();
    await save(page, form, "Save collections", `The collections of ${TEAM} were saved.`);
    await view(page, TEAM).getByText("Network", { exact: true }).waitFor(SLOW);
    const team = (await sync()).find((i) => i.organizationId === orgId);
    assert.equal(team?.collectionIds.length, 1);
    // Edited from the vault: still the org's, still readable with its key.
    await view(page, TEAM).getByRole("button", { name: "Edit", exact: true }).click();
    form = page.getByRole("form", { name: `Edit ${TEAM}` });
    await form.getByLabel("Username").fill("wiki-admin@vault.example");
    await save(page, form, "Save changes", `${TEAM} was saved.`);
    await assertCells(page, TEAM, ["Login", "wiki-admin@vault.example", ORG, ""]);
    assert.equal((await sync()).find((i) => i.id === team?.id)?.organizationId, orgId);
    await filters.getByLabel("Collection").selectOption({ label: "Network" });
    await assertListed(page, [TEAM]);
    await filters.getByLabel("Collection").selectOption({ label: "All collections" });

    // The SSH key shared to the organization, into its default collection.
    const before = (await sync()).find((i) => i.sshKey);
    opened = await open(page, SSH);
    await opened.getByRole("button", { name: "Share to an organization" }).click();
    form = page.getByRole("form", { name: `Share ${SSH}` });
    await form.getByLabel("Organization").selectOption({ label: ORG });
    await form.getByRole("checkbox", { name: "Default collection" }).check();
    await screenshot("share");
    await save(page, form, "Share", `${SSH} was shared to ${ORG}.`);
    await assertCells(page, SSH, ["SSH key", "", ORG, ""]);
    opened = view(page, SSH);
    await opened.getByText("Default collection").waitFor(SLOW);
    await opened.getByRole("button", { name: "Show private key" }).click();
    await opened.getByText("b3BlbnNzaA==").waitFor();
    const after = (await sync()).find((i) => i.sshKey);
    assert.equal(after?.organizationId, orgId);
    assert.equal(after?.collectionIds.length, 1);
    assert.notEqual(after?.sshKey?.privateKey, before?.sshKey?.privateKey, "the shared key was not re-encrypted");

    // Filters and search.
    await filters.getByLabel("Vault", { exact: true }).selectOption({ label: ORG });
    await assertListed(page, [SSH, TEAM]);
    await filters.getByLabel("Vault", { exact: true }).selectOption({ label: "My vault" });
    await assertListed(page, [CARD, NOTE, IDENTITY, LOGIN]);
    await filters.getByLabel("Type").selectOption({ label: "Card" });
    await assertListed(page, [CARD]);
    await filters.getByLabel("Type").selectOption({ label: "All types" });
    await filters.getByLabel("Vault", { exact: true }).selectOption({ label: "All vaults" });
    await page.getByLabel("Search items").fill("ROUTER");
    await assertListed(page, [LOGIN]);
    await page.getByLabel("Search items").fill("no such item");
    await page.getByRole("status").filter({ hasText: "No item matches." }).waitFor();
    await page.getByLabel("Search items").fill("");
    await assertEveryControlNamed(page);
    await screenshot("filters");

    // After a reload (keys from the unlock again): everything where it was put.
    await openVault(page, origin);
    await row(page, SSH).waitFor(SLOW);
    await assertListed(page, [CARD, NOTE, IDENTITY, LOGIN, SSH, TEAM]);
    await assertCells(page, LOGIN, ["Login", "admin@router.example", "My vault", "Work"]);
    await assertCells(page, TEAM, ["Login", "wiki-admin@vault.example", ORG, ""]);
    await screenshot("after-reload");

    // On a phone: nothing scrolls sideways but the table inside its frame, an item opened too.
    await page.setViewportSize({ width: 390, height: 844 });
    await assertFitsWidth(page);
    await screenshot("phone-list");
    opened = await open(page, LOGIN);
    await assertFitsWidth(page);
    await screenshot("phone-item");
  },
  { timeout: 300_000 },
);
