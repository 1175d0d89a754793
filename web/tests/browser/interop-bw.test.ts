// The Admin Console and the official `bw` CLI on the same organization, both ways, on SQLite
// and PostgreSQL (the server on HTTPS: bw refuses plain HTTP). A login and a card added in the
// portal are read by bw field by field; a login bw creates in the org (with a custom field) is
// shown in the portal, edited there (password and notes), and bw reads the edit after a sync,
// the custom field and the website untouched and the old password in the item's history.
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { portalTest } from "./harness/index.js";
import { Bw } from "./harness/bw.js";
import { PASSWORD, SLOW, accessToken, createOrganization, newEmail, overTls, register } from "./account-helpers.js";

interface BwItem {
  id: string;
  organizationId: string | null;
  collectionIds: string[];
  type: number;
  name: string;
  notes: string | null;
  fields?: { name: string; value: string; type: number }[];
  login?: { username: string | null; password: string | null; totp: string | null; uris: { uri: string }[] | null };
  card?: Record<string, string | null>;
  passwordHistory?: { password: string }[] | null;
}

async function openVault(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.reload();
  await page.waitForLoadState("networkidle");
  if (await page.getByRole("heading", { level: 1, name: "Your vault is locked" }).isVisible()) {
    await page.getByLabel("Master password").fill(PASSWORD);
    await page.getByRole("button", { name: "Unlock" }).click();
  }
  await page.getByLabel("Search items").waitFor(SLOW);
}

function row(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("button", { name: `View ${name}`, exact: true }) });
}

portalTest(
  "bw interop",
  async ({ page, server, screenshot }) => {
    const owner = newEmail("owner");
    await register(page, server.url, owner);
    const token = await accessToken(page);
    const orgId = await overTls(() => createOrganization(server.url, token, "Interop Org", owner));
    const vault = `${server.url}/#/organizations/${orgId}/vault`;

    // Portal → bw: a login and a card, added in the Admin Console.
    await openVault(page, vault);
    await page.getByRole("button", { name: "+ New login" }).click();
    let form = page.getByRole("form", { name: "New login" });
    await form.getByLabel("Item name").fill("Made in the portal");
    await form.getByLabel("Username").fill("portal-user");
    await form.getByLabel("Password").fill("portal-Passw0rd");
    await form.getByLabel("Authenticator key (TOTP)").fill("JBSWY3DPEHPK3PXP");
    await form.getByLabel("Website").fill("https://portal.example/login");
    await form.getByLabel("Notes").fill("line one\nline two");
    await form.getByRole("button", { name: "Save login" }).click();
    await page.getByText("Made in the portal was added.").waitFor(SLOW);
    await page.getByRole("button", { name: "+ New card" }).click();
    form = page.getByRole("form", { name: "New card" });
    await form.getByLabel("Item name").fill("Portal card");
    await form.getByLabel("Cardholder name").fill("Jane Doe");
    await form.getByLabel("Brand").selectOption("Mastercard");
    await form.getByLabel("Card number").fill("5555555555554444");
    await form.getByLabel("Expiry month").fill("12");
    await form.getByLabel("Expiry year").fill("2030");
    await form.getByLabel("Security code").fill("321");
    await form.getByRole("button", { name: "Save card" }).click();
    await page.getByText("Portal card was added.").waitFor(SLOW);

    const bw = new Bw(server);
    try {
      await bw.login(owner, PASSWORD);
      assert.equal(await bw.run("sync"), "Syncing complete.");
      const listed = await bw.json<BwItem[]>("list", "items", "--organizationid", orgId);
      assert.equal(listed.length, 2, JSON.stringify(listed));
      const login = listed.find((i) => i.name === "Made in the portal");
      assert.ok(login, `bw does not list the portal's login: ${JSON.stringify(listed)}`);
      assert.equal(login.type, 1);
      assert.equal(login.organizationId, orgId);
      assert.equal(login.notes, "line one\nline two");
      assert.equal(login.login?.username, "portal-user");
      assert.equal(login.login?.password, "portal-Passw0rd");
      assert.equal(login.login?.totp, "JBSWY3DPEHPK3PXP");
      assert.deepEqual(login.login?.uris?.map((u) => u.uri), ["https://portal.example/login"]);
      assert.equal(login.collectionIds.length, 1);
      const collectionId = login.collectionIds[0] ?? "";
      const card = listed.find((i) => i.name === "Portal card");
      assert.ok(card?.card, `bw does not list the portal's card: ${JSON.stringify(listed)}`);
      assert.equal(card.type, 3);
      assert.equal(card.card["cardholderName"], "Jane Doe");
      assert.equal(card.card["brand"], "Mastercard");
      assert.equal(card.card["number"], "5555555555554444");
      assert.equal(card.card["expMonth"], "12");
      assert.equal(card.card["expYear"], "2030");
      assert.equal(card.card["code"], "321");

      // bw → portal: a login bw creates in the org's collection, with a custom field.
      const made = {
        organizationId: orgId,
        collectionIds: [collectionId],
        folderId: null,
        type: 1,
        name: "Made with bw",
        notes: "from the CLI",
        favorite: false,
        reprompt: 0,
        fields: [{ name: "Employee id", value: "E-42", type: 0, linkedId: null }],
        login: { uris: [{ match: null, uri: "https://cli.example" }], username: "cli-user", password: "cli-Passw0rd", totp: null },
        secureNote: null,
        card: null,
        identity: null,
      };
      const created = await bw.json<BwItem>("create", "item", Buffer.from(JSON.stringify(made)).toString("base64"));
      assert.equal(created.organizationId, orgId, JSON.stringify(created));

      await openVault(page, vault);
      const bwRow = row(page, "Made with bw");
      await bwRow.waitFor(SLOW);
      assert.deepEqual(await bwRow.getByRole("cell").allTextContents(), ["Login", "cli-user", "Default collection"]);
      await page.getByRole("button", { name: "View Made with bw" }).click();
      const opened = page.getByRole("region", { name: "Made with bw" });
      await opened.getByText("https://cli.example").waitFor(SLOW);
      await opened.getByText("from the CLI").waitFor();
      await opened.getByText("E-42").waitFor();
      await opened.getByRole("button", { name: "Show password" }).click();
      await opened.getByText("cli-Passw0rd").waitFor();
      await opened.getByRole("button", { name: "Edit" }).click();
      form = page.getByRole("form", { name: "Edit Made with bw" });
      assert.equal(await form.getByLabel("Password").inputValue(), "cli-Passw0rd");
      await form.getByLabel("Password").fill("portal-changed-Passw0rd");
      await form.getByLabel("Notes").fill("edited in the portal");
      await screenshot("edit-bw-item");
      await form.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("Made with bw was saved.").waitFor(SLOW);

      // bw reads the edit; what the portal did not touch is as bw made it.
      assert.equal(await bw.run("sync"), "Syncing complete.");
      const edited = await bw.json<BwItem>("get", "item", created.id);
      assert.equal(edited.login?.password, "portal-changed-Passw0rd");
      assert.equal(edited.notes, "edited in the portal");
      assert.equal(edited.login?.username, "cli-user");
      assert.deepEqual(edited.login?.uris?.map((u) => u.uri), ["https://cli.example"]);
      assert.deepEqual(edited.fields?.map((f) => [f.name, f.value, f.type]), [["Employee id", "E-42", 0]]);
      assert.deepEqual(edited.passwordHistory?.map((h) => h.password), ["cli-Passw0rd"]);
      assert.deepEqual(edited.collectionIds, [collectionId]);
    } finally {
      console.log(`bw calls: ${bw.calls.join(", ")}`);
      bw.remove();
    }
  },
  { server: { tls: true }, timeout: 240_000 },
);
