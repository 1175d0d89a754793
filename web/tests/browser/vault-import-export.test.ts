// The personal vault's import and export in the browser, on SQLite and PostgreSQL: a CSV with a
// bad line is refused with the line named and nothing written (checked through the API); a good
// personal CSV (folder, favourite) and a JSON file with folders are imported, a folder the user
// already has reused; the export is refused with a wrong master password (the server's
// sentence), then downloads plain (items and folders decrypted) and encrypted under the user
// key (only EncStrings), and the encrypted file imports back into the same account: every item
// doubles, the folders do not.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { portalTest } from "./harness/index.js";
import { PASSWORD, SLOW, accessToken, api, assertEveryControlNamed, newEmail, register } from "./account-helpers.js";

const HEADER = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp";
const BAD_CSV = [HEADER, "Work,,login,Fine,,,0,,u,p,", "Work,,card,Not a login,,,0,,,,"].join("\n");
const GOOD_CSV = [
  HEADER,
  "Work,1,login,<b>Mail</b>,,,0,https://mail.example,me@work,Tr0ub4dor&3-mail,",
  "Work,,login,Chat,,,0,https://chat.example,me,Tr0ub4dor&3-chat,",
  ',,note,Door codes,"Front 1234\nBack 5678","pin: 42",0,,,,',
].join("\n");
const GOOD_JSON = JSON.stringify({
  encrypted: false,
  folders: [
    { id: "a1b2", name: "Banking" },
    { id: "c3d4", name: "Work" },
  ],
  items: [
    { type: 1, name: "Bank", folderId: "a1b2", favorite: false, notes: null, login: { username: "jane", password: "Tr0ub4dor&3-bank", uris: [{ uri: "https://bank.example", match: null }] }, collectionIds: null },
    { type: 2, name: "Wiki notes", folderId: "c3d4", favorite: true, notes: "see wiki", secureNote: { type: 0 }, collectionIds: null },
  ],
});

interface Synced {
  ciphers: { name: string; folderId: string | null; favorite: boolean }[];
  folders: { id: string; name: string }[];
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download", SLOW), click()]);
  return readFile(await file.path(), "utf8");
}

portalTest("vault import and export", async ({ page, server, screenshot }) => {
  const owner = newEmail("vault-io");
  await register(page, server.url, owner);
  const token = await accessToken(page);
  const synced = () => api<Synced>(server.url, token, "GET", "/api/sync?excludeDomains=true");

  await page.goto(`${server.url}/#/vault`);
  await page.getByRole("heading", { level: 1, name: "Vault" }).waitFor(SLOW);
  await page.getByRole("button", { name: "Import / export" }).click();
  await page.getByRole("heading", { name: "Import / export" }).waitFor(SLOW);
  const importForm = page.getByRole("form", { name: "Import data" });
  const file = importForm.getByLabel("File to import");

  // A bad line is named and nothing is written.
  await importForm.getByLabel("File format").selectOption({ label: "Bitwarden (csv)" });
  await file.setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(BAD_CSV) });
  await importForm.getByRole("button", { name: "Import data" }).click();
  const problems = importForm.getByRole("alert");
  await problems.getByText('line 3: the type "card" is neither login nor note').waitFor(SLOW);
  assert.match(await problems.innerText(), /Nothing was imported/);
  await assertEveryControlNamed(page);
  await screenshot("import-bad-line");
  let now = await synced();
  assert.deepEqual([now.ciphers.length, now.folders.length], [0, 0], "a file with a bad line wrote something");

  // A good personal CSV: its folder made, its favourite kept, the list reloaded.
  await file.setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(GOOD_CSV) });
  await importForm.getByRole("button", { name: "Import data" }).click();
  await page.getByText("Imported 3 items.").waitFor(SLOW);
  assert.equal(await problems.count(), 0);
  await page.getByRole("button", { name: "View <b>Mail</b>", exact: true }).waitFor(SLOW);
  assert.equal(await page.locator("main b").count(), 0, "an item's name became HTML");
  now = await synced();
  assert.equal(now.ciphers.length, 3);
  assert.ok(now.ciphers.every((c) => /^2\./.test(c.name)), "an imported name is not encrypted");
  assert.equal(now.folders.length, 1);
  const workId = now.folders[0]?.id;
  assert.equal(now.ciphers.filter((c) => c.folderId === workId).length, 2);
  assert.equal(now.ciphers.filter((c) => c.favorite).length, 1);
  await screenshot("import-csv");

  // A JSON file with folders: Work is reused, Banking made.
  await importForm.getByLabel("File format").selectOption({ label: "Bitwarden (json)" });
  await file.setInputFiles({ name: "good.json", mimeType: "application/json", buffer: Buffer.from(GOOD_JSON) });
  await importForm.getByRole("button", { name: "Import data" }).click();
  await page.getByText("Imported 2 items.").waitFor(SLOW);
  now = await synced();
  assert.equal(now.ciphers.length, 5);
  assert.equal(now.folders.length, 2, "the Work folder was not reused");
  assert.equal(now.ciphers.filter((c) => c.folderId === workId).length, 3);

  // Export: a wrong master password is refused with the server's sentence.
  const exportForm = page.getByRole("form", { name: "Export data" });
  await exportForm.getByLabel("Master password", { exact: true }).fill("not the password");
  await exportForm.getByRole("button", { name: "Export data" }).click();
  await exportForm.getByText("Invalid password.").waitFor(SLOW);
  await screenshot("export-wrong-password");

  type Exported = {
    encrypted: boolean;
    encKeyValidation_DO_NOT_EDIT?: string;
    folders: { id: string; name: string }[];
    items: { name: string; notes: string | null; folderId: string | null; favorite: boolean; login?: { password: string } | null; fields: { name: string; value: string }[] | null }[];
  };
  await exportForm.getByLabel("Export format").selectOption({ label: "Bitwarden (json, not encrypted)" });
  await exportForm.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  const plain = JSON.parse(await download(page, () => exportForm.getByRole("button", { name: "Export data" }).click())) as Exported;
  await exportForm.getByText("5 items exported").waitFor(SLOW);
  assert.equal(plain.encrypted, false);
  assert.deepEqual(plain.folders.map((f) => f.name).sort(), ["Banking", "Work"]);
  assert.deepEqual(plain.items.map((i) => i.name).sort(), ["<b>Mail</b>", "Bank", "Chat", "Door codes", "Wiki notes"]);
  const folderName = (id: string | null) => plain.folders.find((f) => f.id === id)?.name ?? null;
  const mail = plain.items.find((i) => i.name === "<b>Mail</b>");
  assert.equal(mail?.login?.password, "Tr0ub4dor&3-mail");
  assert.equal(folderName(mail?.folderId ?? null), "Work");
  assert.equal(mail?.favorite, true);
  assert.equal(folderName(plain.items.find((i) => i.name === "Bank")?.folderId ?? null), "Banking");
  const note = plain.items.find((i) => i.name === "Door codes");
  assert.equal(note?.notes, "Front 1234\nBack 5678");
  assert.equal(note?.folderId, null);
  assert.deepEqual(note?.fields?.map((f) => [f.name, f.value]), [["pin", "42"]]);
  await screenshot("export-plain");

  await exportForm.getByLabel("Export format").selectOption({ label: "Bitwarden (json, encrypted with your account key)" });
  await exportForm.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  const encryptedText = await download(page, () => exportForm.getByRole("button", { name: "Export data" }).click());
  const encrypted = JSON.parse(encryptedText) as Exported;
  assert.equal(encrypted.encrypted, true);
  assert.match(encrypted.encKeyValidation_DO_NOT_EDIT ?? "", /^2\./);
  assert.equal(encrypted.items.length, 5);
  for (const i of encrypted.items) assert.match(i.name, /^2\./);
  for (const f of encrypted.folders) assert.match(f.name, /^2\./);
  assert.ok(!encryptedText.includes("Tr0ub4dor") && !encryptedText.includes("Banking"), "the encrypted export holds clear text");

  // The encrypted export imports back into the same account: items double, folders do not.
  await importForm.getByLabel("File format").selectOption({ label: "Bitwarden (json)" });
  await file.setInputFiles({ name: "export.json", mimeType: "application/json", buffer: Buffer.from(encryptedText) });
  await importForm.getByRole("button", { name: "Import data" }).click();
  await page.getByText("Imported 5 items.").waitFor(SLOW);
  now = await synced();
  assert.equal(now.ciphers.length, 10);
  assert.equal(now.folders.length, 2, "re-importing the export made folders again");
  assert.equal(now.ciphers.filter((c) => c.favorite).length, 4);
  assert.equal(now.ciphers.filter((c) => c.folderId === workId).length, 6);
  await assertEveryControlNamed(page);
  await screenshot("import-encrypted-export");
});
