// Account recovery end to end, on SQLite and PostgreSQL, with the official `bw` CLI (the server
// on HTTPS: bw refuses plain HTTP). An Enterprise org turns on account recovery with automatic
// enrolment; a member accepts the invitation in the browser, which enrols them (the accept page
// wraps their user key with the org public key); they keep a personal item and one in the org's
// collection, made with bw. They forget their master password: the owner recovers the account
// in the Admin Console. The member's old bw session is refused, the old password no longer
// signs in, and `bw login` with the new one reads every item.
import assert from "node:assert/strict";
import { portalTest } from "./harness/index.js";
import { Bw } from "./harness/bw.js";
import { PASSWORD, SLOW, accessToken, api, createOrganizationWithKey, heading, newEmail, overTls, register, signIn, unlock, wrapFor } from "./account-helpers.js";

const NEW_PASSWORD = "recovered lantern orbit 42";
const ENTERPRISE_ANNUALLY = 20;

interface BwItem {
  name: string;
  organizationId: string | null;
  login?: { password: string | null };
}

portalTest(
  "account recovery",
  async ({ page, server, newPage, screenshot }) => {
    const owner = newEmail("owner");
    const member = newEmail("forgetful");
    await register(page, server.url, owner);
    const token = await accessToken(page);
    const call = <T>(method: string, p: string, body?: unknown) => overTls(() => api<T>(server.url, token, method, p, body));
    const org = await overTls(() => createOrganizationWithKey(server.url, token, { name: "Recovery Org", billingEmail: owner, planType: ENTERPRISE_ANNUALLY, additionalSeats: 5 }));
    const base = `/api/organizations/${org.id}`;
    await call("PUT", `${base}/policies/3`, { policy: { enabled: true, data: null } });
    await call("PUT", `${base}/policies/8`, { policy: { enabled: true, data: { autoEnrollEnabled: true } } });
    const collections = await call<{ data: { id: string }[] }>("GET", `${base}/collections`);
    const collectionId = collections.data[0]?.id ?? "";
    await call("POST", `${base}/users/invite`, {
      emails: [member],
      type: 2,
      collections: [{ id: collectionId, readOnly: false, hidePasswords: false, manage: false }],
      groups: [],
      permissions: null,
      accessSecretsManager: false,
    });

    // The member registers and accepts in the browser: the policy enrols them on the way.
    const memberPage = await newPage();
    await register(memberPage, server.url, member);
    await memberPage.goto(await server.mail.link(member, "/#/accept-organization?"));
    await memberPage.getByRole("button", { name: "Accept invitation" }).click();
    await memberPage.getByText("You joined Recovery Org.").waitFor(SLOW);
    const users = await call<{ data: { id: string; email: string; resetPasswordEnrolled: boolean }[] }>("GET", `${base}/users`);
    const row = users.data.find((u) => u.email === member);
    assert.ok(row, `no member row for ${member}`);
    assert.equal(row.resetPasswordEnrolled, true, "accepting did not enrol the member");
    // Confirmed as the owner's client does: the org key wrapped for the member's public key.
    const keys = await call<{ data: { id: string; key: string }[] }>("POST", `${base}/users/public-keys`, { ids: [row.id] });
    await call("POST", `${base}/users/${row.id}/confirm`, { key: wrapFor(keys.data[0]?.key ?? "", org.key) });

    // The member's items: one of their own, one in the org's collection.
    const before = new Bw(server);
    const after = new Bw(server);
    try {
      await before.login(member, PASSWORD);
      await before.run("sync");
      const item = (name: string, password: string, orgId: string | null) =>
        Buffer.from(
          JSON.stringify({
            organizationId: orgId,
            collectionIds: orgId ? [collectionId] : null,
            folderId: null,
            type: 1,
            name,
            notes: null,
            favorite: false,
            reprompt: 0,
            fields: [],
            login: { uris: [], username: "me", password, totp: null },
            secureNote: null,
            card: null,
            identity: null,
          }),
        ).toString("base64");
      await before.run("create", "item", item("Personal mail", "personal-Passw0rd", null));
      await before.run("create", "item", item("Shared router", "router-Passw0rd", org.id));

      // The owner recovers the account in the Admin Console.
      // Reloaded (keys live in memory, so it asks to unlock): the profile now carries the org.
      await page.goto(`${server.url}/#/organizations/${org.id}/members`);
      await page.reload();
      await unlock(page);
      await page.getByRole("button", { name: `Recover account of ${member}` }).click(SLOW);
      const dialog = page.getByRole("dialog", { name: `Recover the account of ${member}` });
      await dialog.getByLabel("New master password", { exact: true }).fill("short");
      await dialog.getByLabel("Confirm new master password").fill("short");
      await dialog.getByRole("button", { name: "Reset master password" }).click();
      await dialog.getByText("Use at least 12 characters.").waitFor();
      await dialog.getByLabel("New master password", { exact: true }).fill(NEW_PASSWORD);
      await dialog.getByLabel("Confirm new master password").fill(NEW_PASSWORD);
      await dialog.getByText(/Strength: /).waitFor();
      assert.equal(await dialog.getByText("Use at least 12 characters.").count(), 0, "a fixed problem is still shown");
      await screenshot("recover-dialog");
      await dialog.getByRole("button", { name: "Reset master password" }).click();
      await page.getByText(`${member}'s master password was reset.`, { exact: false }).waitFor(SLOW);
      const mail = await server.mail.waitFor(member, { subject: /reset/ });
      assert.match(mail.body, /Recovery Org/);

      // The old session is over; the old password no longer signs in; the new one reads everything.
      await assert.rejects(before.run("sync"), "the old bw session still syncs");
      await assert.rejects(after.login(member, PASSWORD), "the old password still signs in");
      await after.login(member, NEW_PASSWORD);
      await after.run("sync");
      const items = await after.json<BwItem[]>("list", "items");
      const byName = new Map(items.map((i) => [i.name, i]));
      assert.equal(items.length, 2, JSON.stringify(items));
      assert.equal(byName.get("Personal mail")?.login?.password, "personal-Passw0rd");
      assert.equal(byName.get("Personal mail")?.organizationId ?? null, null);
      assert.equal(byName.get("Shared router")?.login?.password, "router-Passw0rd");
      assert.equal(byName.get("Shared router")?.organizationId, org.id);

      // Enrolment in the account settings: once the policy no longer enrols everyone (its
      // options changed in the Admin Console), the member withdraws and enrols again.
      await page.goto(`${server.url}/#/organizations/${org.id}/policies`);
      await page.getByRole("button", { name: "Options of Account recovery administration" }).click(SLOW);
      const options = page.getByRole("form", { name: "Account recovery administration" });
      await options.getByRole("checkbox", { name: "Enrol new members automatically when they accept" }).uncheck();
      await options.getByRole("button", { name: "Save policy" }).click();
      await page.getByText("Account recovery administration was saved (on).").waitFor(SLOW);
      const enrolled = async () =>
        (await call<{ data: { email: string; resetPasswordEnrolled: boolean }[] }>("GET", `${base}/users`)).data.find(
          (u) => u.email === member,
        )?.resetPasswordEnrolled;
      const memberAgain = await newPage();
      await memberAgain.goto(`${server.url}/#/login`);
      await signIn(memberAgain, member, NEW_PASSWORD);
      await heading(memberAgain, "Your account");
      await memberAgain.getByLabel("Master password to withdraw in Recovery Org").fill(NEW_PASSWORD);
      await memberAgain.getByRole("button", { name: "Withdraw in Recovery Org" }).click();
      await memberAgain.getByText("You withdrew from account recovery in Recovery Org.").waitFor(SLOW);
      assert.equal(await enrolled(), false, "withdrawing left the member enrolled");
      await memberAgain.getByLabel("Master password to enrol in Recovery Org").fill(NEW_PASSWORD);
      await screenshot("account-recovery-enrolment", memberAgain);
      await memberAgain.getByRole("button", { name: "Enrol in Recovery Org" }).click();
      await memberAgain.getByText("You are enrolled in account recovery in Recovery Org.").waitFor(SLOW);
      assert.equal(await enrolled(), true, "enrolling did not enrol the member");
    } finally {
      before.remove();
      after.remove();
    }
  },
  { server: { tls: true }, timeout: 300_000 },
);
