// The personal vault and the official `bw` CLI, both ways, on SQLite and PostgreSQL (the server
// on HTTPS: bw refuses plain HTTP). One item of every type made in the portal (the login with two
// websites, an authenticator key, custom fields of each kind, a favourite in a folder; the card
// and identity with every member) is read back by `bw list items` field by field. One item of
// every type made with `bw create item` is opened in the portal, which must show each field as
// bw stored it; a login edited in the portal is read back by bw with the edit and nothing else
// changed. Then a member whose collection access is "Can view, except passwords" opens an org
// login bw made: no password, authenticator key or hidden field is shown, and it cannot be edited.
// bw calls are few (each costs seconds): one sync and one list per direction.
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { portalTest } from "./harness/index.js";
import { Bw } from "./harness/bw.js";
import { PASSWORD, SLOW, accessToken, api, createOrganizationWithKey, newEmail, overTls, register, wrapFor } from "./account-helpers.js";

const SECRET = "JBSWY3DPEHPK3PXP";
const PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----";
const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPortal portal@example";

/** Every member of an identity, by wire name, as both sides write it. */
const IDENTITY_VALUES = {
  title: "Dr",
  firstName: "Jane",
  middleName: "Q",
  lastName: "Doe",
  username: "jdoe",
  company: "Acme",
  ssn: "078-05-1120",
  passportNumber: "P1234567",
  licenseNumber: "D-998877",
  email: "jane@home.example",
  phone: "+1 555 0100",
  address1: "1 Main St",
  address2: "Flat 2",
  address3: "Back door",
  city: "Springfield",
  state: "OR",
  postalCode: "97477",
  country: "US",
} as const;

/** The identity form's label for each member (the editor's own words). */
const IDENTITY_LABELS: Record<keyof typeof IDENTITY_VALUES, string> = {
  title: "Title",
  firstName: "First name",
  middleName: "Middle name",
  lastName: "Last name",
  username: "Username",
  company: "Company",
  ssn: "Social security number",
  passportNumber: "Passport number",
  licenseNumber: "Licence number",
  email: "E-mail",
  phone: "Phone",
  address1: "Address 1",
  address2: "Address 2",
  address3: "Address 3",
  city: "City",
  state: "State or province",
  postalCode: "Postal code",
  country: "Country",
};

/** The item view's label for each identity member. */
const IDENTITY_SHOWN: Record<keyof typeof IDENTITY_VALUES, string> = {
  ...IDENTITY_LABELS,
  state: "State",
};

interface BwField {
  name: string;
  value: string | null;
  type: number;
}

interface BwItem {
  id: string;
  type: number;
  name: string;
  notes: string | null;
  folderId: string | null;
  favorite: boolean;
  organizationId: string | null;
  fields?: BwField[];
  login?: { username: string | null; password: string | null; totp: string | null; uris: { uri: string }[] | null } | null;
  secureNote?: { type: number } | null;
  card?: Record<string, string | null> | null;
  identity?: Record<string, string | null> | null;
  sshKey?: { privateKey: string; publicKey: string; keyFingerprint: string } | null;
  passwordHistory?: { password: string }[] | null;
}

const ORG = "Round Trip Org";

async function openVault(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/vault`);
  await page.reload();
  await page.waitForLoadState("networkidle");
  if (await page.getByRole("heading", { level: 1, name: "Your vault is locked" }).isVisible()) {
    await page.getByLabel("Master password").fill(PASSWORD);
    await page.getByRole("button", { name: "Unlock" }).click();
  }
  await page.getByLabel("Search items").waitFor(SLOW);
}

async function newItem(page: Page, type: string): Promise<Locator> {
  await page.getByRole("button", { name: `+ New ${type}` }).click();
  return page.getByRole("form", { name: `New ${type}` });
}

async function save(page: Page, form: Locator, button: string, message: string): Promise<void> {
  await form.getByRole("button", { name: button }).click();
  await page.getByText(message, { exact: true }).waitFor(SLOW);
}

/**
 * The opened item as its reader sees it: every label with its value, secrets shown first (the
 * live verification code left out: it changes).
 */
async function shownFields(page: Page, name: string): Promise<Record<string, string>> {
  await page.getByRole("button", { name: `View ${name}`, exact: true }).click();
  const region = page.getByRole("region", { name });
  // The item's own name among its fields: the fields shown are this item's, decrypted.
  await region.locator("dd .value").filter({ hasText: new RegExp(`^${name}$`) }).waitFor(SLOW);
  const hidden = region.locator('dl button[aria-pressed="false"]');
  while ((await hidden.count()) > 0) await hidden.first().click();
  return region.locator("dl.item-fields").evaluate((dl) => {
    const out: Record<string, string> = {};
    for (const dt of Array.from(dl.querySelectorAll("dt"))) {
      const dd = dt.nextElementSibling;
      const label = dt.textContent ?? "";
      if (!dd || label === "Verification code") continue;
      out[label] = (dd.querySelector(".value") ?? dd).textContent ?? "";
    }
    return out;
  });
}

portalTest(
  "vault bw round trip",
  async ({ page, server, newPage, screenshot }) => {
    const email = newEmail("roundtrip");
    await register(page, server.url, email);
    await openVault(page, server.url);

    // Portal → bw: a folder, then one item of every type with every field filled.
    await page.getByRole("button", { name: "Manage folders" }).click();
    const folders = page.getByRole("region", { name: "Folders" });
    await folders.getByLabel("Folder name", { exact: true }).fill("Servers");
    await folders.getByRole("button", { name: "Create folder" }).click();
    await page.getByText("The folder Servers was created.").waitFor(SLOW);
    await folders.getByRole("button", { name: "Close folders" }).click();

    let form = await newItem(page, "login");
    await form.getByLabel("Item name").fill("Portal login");
    await form.getByLabel("Username").fill("portal-user");
    await form.getByLabel(/^Password( \(optional\))?$/).fill("portal-Passw0rd");
    await form.getByLabel("Authenticator key (TOTP)").fill(SECRET);
    await form.getByLabel(/^Website( \(optional\))?$/).fill("https://one.example/login");
    await form.getByRole("button", { name: "+ Add another website" }).click();
    await form.getByLabel("Website 2").fill("https://two.example");
    await form.getByLabel("Notes").fill("line one\nline two");
    for (const [i, kind, name, value] of [
      [1, "Text", "Rack", "R2"],
      [2, "Hidden", "PIN", "4321"],
      [3, "Checkbox", "Admin", "true"],
    ] as const) {
      await form.getByRole("button", { name: "+ Add a field" }).click();
      await form.getByLabel(`Field ${i} kind`).selectOption({ label: kind });
      await form.getByLabel(`Field ${i} name`).fill(name);
      if (kind === "Checkbox") await form.getByLabel(`Field ${i} checked`).check();
      else await form.getByLabel(`Field ${i} value`).fill(value);
    }
    await form.getByLabel("Folder", { exact: true }).selectOption({ label: "Servers" });
    await form.getByLabel("Favourite", { exact: true }).check();
    await save(page, form, "Save login", "Portal login was added.");

    form = await newItem(page, "secure note");
    await form.getByLabel("Item name").fill("Portal note");
    await form.getByLabel("Notes").fill("Front 1234\nBack 5678");
    await save(page, form, "Save secure note", "Portal note was added.");

    form = await newItem(page, "card");
    await form.getByLabel("Item name").fill("Portal card");
    await form.getByLabel("Cardholder name").fill("Jane Doe");
    await form.getByLabel("Brand").selectOption("Amex");
    await form.getByLabel("Card number").fill("378282246310005");
    await form.getByLabel("Expiry month").fill("7");
    await form.getByLabel("Expiry year").fill("2031");
    await form.getByLabel("Security code").fill("1234");
    await save(page, form, "Save card", "Portal card was added.");

    form = await newItem(page, "identity");
    await form.getByLabel("Item name").fill("Portal identity");
    for (const [key, label] of Object.entries(IDENTITY_LABELS)) {
      await form.getByLabel(label, { exact: false }).first().fill(IDENTITY_VALUES[key as keyof typeof IDENTITY_VALUES]);
    }
    await screenshot("new-identity");
    await save(page, form, "Save identity", "Portal identity was added.");

    form = await newItem(page, "SSH key");
    await form.getByLabel("Item name").fill("Portal SSH key");
    await form.getByLabel("Private key").fill(PRIVATE_KEY);
    await form.getByLabel("Public key").fill(PUBLIC_KEY);
    await form.getByLabel("Fingerprint").fill("SHA256:portalFingerprint");
    await save(page, form, "Save SSH key", "Portal SSH key was added.");

    const bw = new Bw(server);
    try {
      await bw.login(email, PASSWORD);
      const folderList = await bw.json<{ id: string | null; name: string }[]>("list", "folders");
      const servers = folderList.find((f) => f.name === "Servers");
      assert.ok(servers?.id, `bw does not list the folder: ${JSON.stringify(folderList)}`);
      const listed = await bw.json<BwItem[]>("list", "items");
      const byName = new Map(listed.map((i) => [i.name, i]));
      assert.deepEqual([...byName.keys()].sort(), ["Portal SSH key", "Portal card", "Portal identity", "Portal login", "Portal note"]);

      const login = byName.get("Portal login");
      assert.equal(login?.type, 1);
      assert.equal(login.organizationId ?? null, null);
      assert.equal(login.folderId, servers.id);
      assert.equal(login.favorite, true);
      assert.equal(login.notes, "line one\nline two");
      assert.equal(login.login?.username, "portal-user");
      assert.equal(login.login?.password, "portal-Passw0rd");
      assert.equal(login.login?.totp, SECRET);
      assert.deepEqual(login.login?.uris?.map((u) => u.uri), ["https://one.example/login", "https://two.example"]);
      assert.deepEqual(login.fields?.map((f) => [f.type, f.name, f.value]), [
        [0, "Rack", "R2"],
        [1, "PIN", "4321"],
        [2, "Admin", "true"],
      ]);

      const note = byName.get("Portal note");
      assert.equal(note?.type, 2);
      assert.equal(note.notes, "Front 1234\nBack 5678");
      assert.equal(note.secureNote?.type, 0);
      assert.equal(note.folderId ?? null, null);
      assert.equal(note.favorite, false);

      const card = byName.get("Portal card");
      assert.equal(card?.type, 3);
      assert.deepEqual(
        { ...card.card },
        { cardholderName: "Jane Doe", brand: "Amex", number: "378282246310005", expMonth: "7", expYear: "2031", code: "1234" },
      );

      const identity = byName.get("Portal identity");
      assert.equal(identity?.type, 4);
      assert.deepEqual({ ...identity.identity }, IDENTITY_VALUES);

      const ssh = byName.get("Portal SSH key");
      assert.equal(ssh?.type, 5);
      assert.deepEqual({ ...ssh.sshKey }, { privateKey: PRIVATE_KEY, publicKey: PUBLIC_KEY, keyFingerprint: "SHA256:portalFingerprint" });

      // bw → portal: one item of every type, every field filled.
      const personal = { organizationId: null, collectionIds: null, folderId: null, favorite: false, reprompt: 0, fields: [] };
      const none = { login: null, secureNote: null, card: null, identity: null, sshKey: null };
      const cliLogin = await bw.createItem<BwItem>({
        ...personal,
        ...none,
        type: 1,
        name: "CLI login",
        notes: "made by bw",
        folderId: servers.id,
        favorite: true,
        fields: [
          { name: "Floor", value: "3", type: 0, linkedId: null },
          { name: "Door code", value: "9876", type: 1, linkedId: null },
          { name: "Shared", value: "false", type: 2, linkedId: null },
        ],
        login: {
          uris: [
            { match: null, uri: "https://cli.example" },
            { match: null, uri: "https://cli.example/admin" },
          ],
          username: "cli-user",
          password: "cli-Passw0rd",
          totp: SECRET,
        },
      });
      await bw.createItem({ ...personal, ...none, type: 2, name: "CLI note", notes: "Safe 0451", secureNote: { type: 0 } });
      await bw.createItem({
        ...personal,
        ...none,
        type: 3,
        name: "CLI card",
        notes: null,
        card: { cardholderName: "John Roe", brand: "Visa", number: "4111111111111111", expMonth: "12", expYear: "2030", code: "321" },
      });
      const cliIdentity = { ...IDENTITY_VALUES, firstName: "John", lastName: "Roe", email: "john@cli.example" };
      await bw.createItem({ ...personal, ...none, type: 4, name: "CLI identity", notes: null, identity: cliIdentity });
      await bw.createItem({
        ...personal,
        ...none,
        type: 5,
        name: "CLI SSH key",
        notes: null,
        sshKey: { privateKey: PRIVATE_KEY, publicKey: "ssh-ed25519 AAAAC3Cli cli@example", keyFingerprint: "SHA256:cliFingerprint" },
      });

      await openVault(page, server.url);
      const common = { Vault: "My vault", Folder: "No folder", Favourite: "No" };
      assert.deepEqual(await shownFields(page, "CLI login"), {
        Type: "Login",
        Vault: "My vault",
        Folder: "Servers",
        Favourite: "Yes",
        Name: "CLI login",
        Username: "cli-user",
        Password: "cli-Passw0rd",
        "Authenticator key": SECRET,
        "Website 1": "https://cli.example",
        "Website 2": "https://cli.example/admin",
        Notes: "made by bw",
        Floor: "3",
        "Door code": "9876",
        Shared: "No",
      });
      await screenshot("cli-login");
      assert.deepEqual(await shownFields(page, "CLI note"), { Type: "Secure note", ...common, Name: "CLI note", Notes: "Safe 0451" });
      assert.deepEqual(await shownFields(page, "CLI card"), {
        Type: "Card",
        ...common,
        Name: "CLI card",
        "Cardholder name": "John Roe",
        Brand: "Visa",
        Number: "4111111111111111",
        "Expiry month": "12",
        "Expiry year": "2030",
        "Security code": "321",
      });
      const identityShown: Record<string, string> = { Type: "Identity", ...common, Name: "CLI identity" };
      for (const [key, label] of Object.entries(IDENTITY_SHOWN)) identityShown[label] = cliIdentity[key as keyof typeof cliIdentity];
      assert.deepEqual(await shownFields(page, "CLI identity"), identityShown);
      await screenshot("cli-identity");
      assert.deepEqual(await shownFields(page, "CLI SSH key"), {
        Type: "SSH key",
        ...common,
        Name: "CLI SSH key",
        "Private key": PRIVATE_KEY,
        "Public key": "ssh-ed25519 AAAAC3Cli cli@example",
        Fingerprint: "SHA256:cliFingerprint",
      });

      // The bw login edited in the portal: bw reads the edit, the rest as bw made it.
      await page.getByRole("button", { name: "View CLI login", exact: true }).click();
      await page.getByRole("region", { name: "CLI login" }).getByRole("button", { name: "Edit", exact: true }).click();
      form = page.getByRole("form", { name: "Edit CLI login" });
      assert.equal(await form.getByLabel("Website 2").inputValue(), "https://cli.example/admin");
      assert.equal(await form.getByLabel("Field 2 value").inputValue(), "9876");
      await form.getByLabel("Username").fill("cli-user-edited");
      await form.getByLabel("Field 1 value").fill("4");
      await save(page, form, "Save changes", "CLI login was saved.");
      assert.equal(await bw.run("sync"), "Syncing complete.");
      const edited = await bw.json<BwItem>("get", "item", cliLogin.id);
      assert.equal(edited.login?.username, "cli-user-edited");
      assert.equal(edited.login?.password, "cli-Passw0rd");
      assert.equal(edited.login?.totp, SECRET);
      assert.deepEqual(edited.login?.uris?.map((u) => u.uri), ["https://cli.example", "https://cli.example/admin"]);
      assert.deepEqual(edited.fields?.map((f) => [f.type, f.name, f.value]), [
        [0, "Floor", "4"],
        [1, "Door code", "9876"],
        [2, "Shared", "false"],
      ]);
      assert.equal(edited.folderId, servers.id);
      assert.equal(edited.favorite, true);
      assert.equal(edited.notes, "made by bw");
      assert.equal(edited.passwordHistory?.length ?? 0, 0, "an unchanged password went to the history");

      // A member who may view the org's collection, except passwords.
      const member = newEmail("viewer");
      const token = await accessToken(page);
      const call = <T>(method: string, p: string, body?: unknown) => overTls(() => api<T>(server.url, token, method, p, body));
      const org = await overTls(() => createOrganizationWithKey(server.url, token, { name: ORG, billingEmail: email }));
      const base = `/api/organizations/${org.id}`;
      const collectionId = (await call<{ data: { id: string }[] }>("GET", `${base}/collections`)).data[0]?.id ?? "";
      await call("POST", `${base}/users/invite`, {
        emails: [member],
        type: 2,
        collections: [{ id: collectionId, readOnly: true, hidePasswords: true, manage: false }],
        groups: [],
        permissions: null,
        accessSecretsManager: false,
      });
      const memberPage = await newPage();
      await register(memberPage, server.url, member);
      await memberPage.goto(await server.mail.link(member, "/#/accept-organization?"));
      await memberPage.getByRole("button", { name: "Accept invitation" }).click();
      await memberPage.getByText(`You joined ${ORG}.`).waitFor(SLOW);
      const users = await call<{ data: { id: string; email: string }[] }>("GET", `${base}/users`);
      const memberId = users.data.find((u) => u.email === member)?.id ?? "";
      const memberKeys = await call<{ data: { key: string }[] }>("POST", `${base}/users/public-keys`, { ids: [memberId] });
      await call("POST", `${base}/users/${memberId}/confirm`, { key: wrapFor(memberKeys.data[0]?.key ?? "", org.key) });

      // The owner's bw puts a login with every kind of secret into that collection.
      assert.equal(await bw.run("sync"), "Syncing complete.");
      await bw.createItem({
        ...personal,
        ...none,
        organizationId: org.id,
        collectionIds: [collectionId],
        type: 1,
        name: "Shared router",
        notes: "ask the owner",
        fields: [
          { name: "Rack", value: "R7", type: 0, linkedId: null },
          { name: "PIN", value: "2468", type: 1, linkedId: null },
        ],
        login: { uris: [{ match: null, uri: "https://router.example" }], username: "admin", password: "shared-Passw0rd", totp: SECRET },
      });
      await openVault(memberPage, server.url);
      assert.deepEqual(await shownFields(memberPage, "Shared router"), {
        Type: "Login",
        Vault: ORG,
        Collections: "Default collection",
        Folder: "No folder",
        Favourite: "No",
        Name: "Shared router",
        Username: "admin",
        Website: "https://router.example",
        Notes: "ask the owner",
        Rack: "R7",
      });
      const shared = memberPage.getByRole("region", { name: "Shared router" });
      assert.equal(await shared.getByText("Verification code").count(), 0, "the live code of a hidden key is shown");
      assert.equal(await shared.getByRole("button", { name: "Copy password" }).count(), 0);
      for (const action of ["Edit", "Clone", "Move to trash", "Change collections"]) {
        assert.equal(await shared.getByRole("button", { name: action, exact: true }).count(), 0, `${action} is offered`);
      }
      await screenshot("view-except-passwords", memberPage);
    } finally {
      console.log(`bw calls: ${bw.calls.join(", ")}`);
      bw.remove();
    }
  },
  { server: { tls: true }, timeout: 240_000 },
);
