// The Admin Console's reports, import/export, API key and deletion in the browser, on SQLite and
// PostgreSQL: an owner imports a CSV with one bad line (the line is named, nothing is written),
// then a good one (one request; an existing collection is reused, a new one made); the reports
// list the weak/common, reused, http and two-step-less items by name (as text) and the owner as a
// member without two-step login; the export is refused with a wrong master password, then
// downloads plain (items decrypted) and encrypted (EncStrings under the org key, read back in by
// the import), both in the event log; the API key is shown and rotated (a new one); deleting the
// organization leaves the console and the org is gone.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
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

const WEAK = "<b>Weak</b> mail";
const HEADER = "collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp";
const GOOD_CSV = [
  HEADER,
  `Ops,login,${WEAK},,,0,https://mail.example,me,password,`,
  '"Ops,Default collection",login,Intranet,,,0,http://intranet.example,me,Tr0ub4dor&3-horse-staple-battery,',
  "Default collection,login,Code host,,,0,https://github.com,me,Tr0ub4dor&3-horse-staple-battery,",
  'Ops,note,Door codes,"Front 1234\nBack 5678","pin: 42",0,,,,',
].join("\n");
const BAD_CSV = [HEADER, "Ops,login,Fine,,,0,,u,p,", "Ops,card,Not a login,,,0,,,,"].join("\n");

interface StoredItem {
  id: string;
  name: string;
  collectionIds: string[];
}

function consoleNav(page: Page): Locator {
  return page.getByRole("navigation", { name: "Admin Console" });
}

function report(page: Page, title: string): Locator {
  return page.getByRole("region", { name: new RegExp(`^${title} \\(\\d+\\)$`) });
}

/** The first column (item or member) of each row of a report's table. */
async function names(region: Locator): Promise<string[]> {
  return (await region.getByRole("rowheader").allTextContents()).sort();
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download", SLOW), click()]);
  return readFile(await file.path(), "utf8");
}

portalTest("admin console reports", async ({ page, server, screenshot }) => {
  const owner = newEmail("owner");
  await register(page, server.url, owner);
  const token = await accessToken(page);
  const orgId = await createOrganization(server.url, token, "Reports & Co", owner);
  const stored = async () =>
    (await api<{ data: StoredItem[] }>(server.url, token, "GET", `/api/ciphers/organization-details?organizationId=${orgId}`))
      .data;
  const collections = async () =>
    (await api<{ data: { id: string }[] }>(server.url, token, "GET", `/api/organizations/${orgId}/collections`)).data;

  // Import: a bad line is named and nothing is written.
  await page.goto(`${server.url}/#/organizations/${orgId}/import-export`);
  const importForm = page.getByRole("form", { name: "Import data" });
  await importForm.waitFor(SLOW);
  await importForm.getByLabel("File format").selectOption({ label: "Bitwarden (csv)" });
  const file = importForm.getByLabel("File to import");
  await file.setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(BAD_CSV) });
  await importForm.getByRole("button", { name: "Import data" }).click();
  const problems = importForm.getByRole("alert");
  await problems.getByText('line 3: the type "card" is neither login nor note').waitFor(SLOW);
  assert.match(await problems.innerText(), /Nothing was imported/);
  await assertEveryControlNamed(page);
  await screenshot("import-bad-line");
  assert.deepEqual(await stored(), [], "a file with a bad line wrote items");
  assert.equal((await collections()).length, 1, "a file with a bad line made a collection");

  // Then a good file: one request, Default collection reused, Ops made.
  await file.setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(GOOD_CSV) });
  await importForm.getByRole("button", { name: "Import data" }).click();
  await importForm.getByText("Imported 4 items.").waitFor(SLOW);
  assert.equal(await problems.count(), 0);
  await screenshot("import-done");
  const items = await stored();
  assert.equal(items.length, 4);
  assert.ok(items.every((i) => /^2\./.test(i.name)), "an imported name is not encrypted");
  const cols = await collections();
  assert.equal(cols.length, 2, "Default collection was not reused, or Ops not made");
  assert.equal(items.filter((i) => i.collectionIds.length === 2).length, 1);

  // Reports, computed in the browser.
  await consoleNav(page).getByRole("link", { name: "Reports" }).click();
  await report(page, "Weak passwords").waitFor(SLOW);
  assert.deepEqual(await names(report(page, "Weak passwords")), [WEAK]);
  assert.deepEqual(await names(report(page, "Exposed passwords")), [WEAK]);
  assert.deepEqual(await names(report(page, "Reused passwords")), ["Code host", "Intranet"]);
  assert.deepEqual(await names(report(page, "Unsecured websites")), ["Intranet"]);
  assert.deepEqual(await names(report(page, "Inactive two-step login")), ["Code host"]);
  assert.match(await report(page, "Inactive two-step login").innerText(), /github\.com offers two-step login/);
  assert.deepEqual(await names(report(page, "Members without two-step login")), [owner]);
  const access = report(page, "Member access");
  assert.deepEqual(
    (await access.getByRole("row").allInnerTexts()).slice(1).map((r) => r.split("\t").map((c) => c.trim())).sort(),
    [
      [owner, "Default collection", "Direct", "Can manage", "2"],
      [owner, "Ops", "Direct", "Can manage", "3"],
    ],
  );
  assert.equal(await page.locator("main b").count(), 0, "an item's name became HTML");
  await assertEveryControlNamed(page);
  await screenshot("reports");

  // Export: a wrong master password is refused, then plain and encrypted files.
  await consoleNav(page).getByRole("link", { name: "Import/export" }).click();
  const exportForm = page.getByRole("form", { name: "Export data" });
  await exportForm.getByLabel("Master password", { exact: true }).fill("not the password");
  await exportForm.getByRole("button", { name: "Export data" }).click();
  await exportForm.getByText("Invalid password.").waitFor(SLOW);
  await screenshot("export-wrong-password");

  await exportForm.getByLabel("Export format").selectOption({ label: "Bitwarden (json, not encrypted)" });
  await exportForm.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  const plain = JSON.parse(await download(page, () => exportForm.getByRole("button", { name: "Export data" }).click())) as {
    encrypted: boolean;
    collections: { name: string }[];
    items: { name: string; notes: string | null; fields: { name: string; value: string }[] | null; login?: { password: string; uris: { uri: string }[] } | null; collectionIds: string[] }[];
  };
  await exportForm.getByText("4 items exported").waitFor(SLOW);
  await screenshot("export-plain");
  assert.equal(plain.encrypted, false);
  assert.deepEqual(plain.collections.map((c) => c.name).sort(), ["Default collection", "Ops"]);
  const weak = plain.items.find((i) => i.name === WEAK);
  assert.equal(weak?.login?.password, "password");
  assert.equal(weak?.login?.uris[0]?.uri, "https://mail.example");
  const note = plain.items.find((i) => i.name === "Door codes");
  assert.equal(note?.notes, "Front 1234\nBack 5678");
  assert.deepEqual(note?.fields?.map((f) => [f.name, f.value]), [["pin", "42"]]);

  await exportForm.getByLabel("Export format").selectOption({ label: "Bitwarden (json, encrypted with the organization key)" });
  await exportForm.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  const encrypted = JSON.parse(await download(page, () => exportForm.getByRole("button", { name: "Export data" }).click())) as {
    encrypted: boolean;
    encKeyValidation_DO_NOT_EDIT: string;
    collections: { name: string }[];
    items: { name: string; login?: { password: string } | null }[];
  };
  // The event is recorded after the download: the notice says when both are done.
  await exportForm.getByText(/4 items exported to .*_encrypted\.json\./).waitFor(SLOW);
  assert.equal(encrypted.encrypted, true);
  assert.match(encrypted.encKeyValidation_DO_NOT_EDIT, /^2\./);
  assert.equal(encrypted.items.length, 4);
  for (const i of encrypted.items) assert.match(i.name, /^2\./);
  for (const c of encrypted.collections) assert.match(c.name, /^2\./);
  assert.ok(!JSON.stringify(encrypted).includes("Tr0ub4dor"), "the encrypted export holds a password in clear");
  const events = await api<{ data: { type: number }[] }>(
    server.url,
    token,
    "GET",
    `/api/organizations/${orgId}/events?start=${new Date(Date.now() - 86_400_000).toISOString()}&end=${new Date(Date.now() + 60_000).toISOString()}`,
  );
  assert.equal(events.data.filter((e) => e.type === 1602).length, 2, "the exports are not in the event log");

  // The encrypted export reads back in with the org key: the same collections, by name.
  await importForm.getByLabel("File format").selectOption({ label: "Bitwarden (json)" });
  await file.setInputFiles({ name: "export.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(encrypted)) });
  await importForm.getByRole("button", { name: "Import data" }).click();
  await importForm.getByText("Imported 4 items.").waitFor(SLOW);
  assert.equal((await stored()).length, 8);
  assert.equal((await collections()).length, 2, "re-importing the export made collections again");
  await screenshot("import-encrypted-export");

  // Settings: the API key shown, then rotated.
  await consoleNav(page).getByRole("link", { name: "Settings" }).click();
  const keyForm = page.getByRole("form", { name: "API key" });
  await keyForm.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await keyForm.getByRole("button", { name: "View API key" }).click();
  const secret = keyForm.getByRole("definition").nth(1);
  await secret.waitFor(SLOW);
  const first = (await secret.innerText()).trim();
  assert.match(first, /^[A-Za-z0-9]{20,}$/);
  assert.equal((await keyForm.getByRole("definition").first().innerText()).trim(), `organization.${orgId}`);
  await assertEveryControlNamed(page);
  await screenshot("api-key");
  await keyForm.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await keyForm.getByRole("button", { name: "Rotate API key" }).click();
  await keyForm.getByText("The API key was rotated.").waitFor(SLOW);
  const second = (await secret.innerText()).trim();
  assert.match(second, /^[A-Za-z0-9]{20,}$/);
  assert.notEqual(second, first, "rotating kept the same key");

  // Deleting the organization: warned, then gone.
  const deleteForm = page.getByRole("form", { name: "Delete Reports & Co" });
  assert.match(await deleteForm.innerText(), /cannot be undone/);
  await deleteForm.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await screenshot("delete");
  await deleteForm.getByRole("button", { name: "Delete organization" }).click();
  await page.waitForURL((u) => !u.hash.includes("/organizations/"), SLOW);
  const orgs = await api<{ data: unknown[] }>(server.url, token, "GET", "/api/organizations");
  assert.deepEqual(orgs.data, []);
  await screenshot("after-delete");
});
