// The Admin Console's members in bulk, on SQLite and PostgreSQL: an owner's organization (made
// with node's crypto) with members invited through the API and one invited in the browser with
// access to a collection and a group; filters by text, status and role; bulk re-invite (a new
// mail each); two members accept; bulk confirm after the list of fingerprint phrases (each the
// phrase the member's own account page shows; a member who has not accepted is left out); bulk
// revoke with the server's refusal for the owner shown beside that member; bulk restore and
// remove; then a group edited with members and a collection's access, and its member count.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { portalTest } from "./harness/index.js";
import {
  PASSWORD,
  SLOW,
  accessToken,
  api,
  assertEveryControlNamed,
  createOrganization,
  heading,
  inviteMember,
  newEmail,
  register,
} from "./account-helpers.js";

interface Member {
  id: string;
  email: string;
  status: number;
  collections?: { id: string; readOnly: boolean; hidePasswords: boolean; manage: boolean }[];
  groups?: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function unlockIfLocked(page: Page): Promise<void> {
  const locked = page.getByRole("heading", { level: 1, name: "Your vault is locked" });
  if (await locked.isVisible()) {
    await page.getByLabel("Master password").fill(PASSWORD);
    await page.getByRole("button", { name: "Unlock" }).click();
  }
}

/** Registers from the newest invitation of `email` and accepts it; returns their phrase. */
async function acceptInvitation(page: Page, baseUrl: string, link: string, orgName: string): Promise<string> {
  await page.goto(link);
  await heading(page, "Join organization");
  await page.getByRole("link", { name: "Create account" }).click();
  await heading(page, "Create account");
  await page.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm master password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await heading(page, "Join organization");
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await page.getByText(`You joined ${orgName}.`).waitFor(SLOW);
  await page.goto(`${baseUrl}/#/account`);
  await heading(page, "Your account");
  const phrase = page.getByLabel("Your fingerprint phrase");
  await phrase.waitFor(SLOW);
  return (await phrase.textContent())?.trim() ?? "";
}

portalTest("admin console members in bulk", async ({ page, server, newPage, screenshot }) => {
  const ORG = "Members & Co";
  const owner = newEmail("owner");
  const [ann, bob, cat, dan] = ["ann", "bob", "cat", "dan"].map((w) => newEmail(w)) as [string, string, string, string];

  await register(page, server.url, owner);
  const token = await accessToken(page);
  const orgId = await createOrganization(server.url, token, ORG, owner, 10);
  const orgPath = `/api/organizations/${orgId}`;
  const helpdesk = await api<{ id: string }>(server.url, token, "POST", `${orgPath}/groups`, {
    name: "<s>Helpdesk</s>",
    externalId: null,
    collections: [],
    users: [],
  });
  for (const who of [ann, bob, cat]) await inviteMember(server.url, token, orgId, who);
  const members = async () =>
    (
      await api<{ data: Member[] }>(
        server.url, token, "GET", `${orgPath}/users?includeCollections=true&includeGroups=true`,
      )
    ).data;
  const idOf = async (email: string) => {
    const m = (await members()).find((x) => x.email === email);
    assert.ok(m, `${email} is not a member`);
    return m.id;
  };

  // The owner's console (a reload: the profile then carries the new organization).
  await page.goto(`${server.url}/#/organizations/${orgId}/members`);
  await page.reload();
  await page.waitForLoadState("networkidle");
  await unlockIfLocked(page);
  await page.getByText("4 of 10 seats used.").waitFor(SLOW);
  const row = (email: string) => page.getByRole("row", { name: new RegExp(escape(email)) });
  const rows = page.locator('section[aria-labelledby="members-heading"] tbody tr');

  // Invite with access: a collection at "Can edit" and the group.
  await page.getByLabel("E-mail addresses").fill(dan);
  await page.getByText("Access to collections and groups").click();
  await page.getByLabel("Default collection").selectOption({ label: "Can edit" });
  await page.getByLabel("<s>Helpdesk</s>").check();
  await screenshot("invite-with-access");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await page.getByText(`Invited ${dan}.`).waitFor(SLOW);
  await page.getByText("5 of 10 seats used.").waitFor(SLOW);
  const danRow = (await members()).find((m) => m.email === dan);
  assert.equal(danRow?.groups?.join(), helpdesk.id);
  assert.equal(danRow?.collections?.length, 1);
  assert.deepEqual(
    { ...danRow?.collections?.[0], id: undefined },
    { id: undefined, readOnly: false, hidePasswords: false, manage: false },
  );
  // The choices are reset for the next invitation.
  assert.equal(await page.getByLabel("<s>Helpdesk</s>").isChecked(), false);
  assert.equal(await page.locator("s").count(), 0, "a group's name became HTML");

  // Filters: text, status, role.
  assert.equal(await rows.count(), 5);
  await page.getByLabel("Search members").fill(cat.slice(0, 8));
  await row(cat).waitFor();
  assert.equal(await rows.count(), 1);
  await page.getByLabel("Search members").fill("");
  await page.getByLabel("Filter by status").selectOption({ label: "Invited" });
  await row(owner).waitFor({ state: "detached" });
  assert.equal(await rows.count(), 4);
  await page.getByLabel("Filter by role").selectOption({ label: "Owner" });
  await page.getByText("No member matches these filters.").waitFor();
  await page.getByLabel("Filter by status").selectOption({ label: "All statuses" });
  await row(owner).waitFor();
  assert.equal(await rows.count(), 1);
  await page.getByLabel("Filter by role").selectOption({ label: "All roles" });
  await row(dan).waitFor();
  assert.equal(await rows.count(), 5);

  // Bulk re-invite of two: a second invitation mail each, the outcome per member.
  const invitations = (to: string) =>
    server.mail.messages().filter((m) => m.to.includes(to) && m.links.some((l) => l.includes("accept-organization"))).length;
  assert.equal(invitations(ann), 1);
  await page.getByLabel(`Select ${ann}`).check();
  await page.getByLabel(`Select ${bob}`).check();
  await page.getByText("2 members selected").waitFor();
  await page.getByRole("button", { name: "Re-invite selected" }).click();
  await page.getByRole("heading", { name: "Re-invite: 2 done" }).waitFor(SLOW);
  const outcome = page.getByRole("list", { name: "Outcome per member" });
  await outcome.getByText(`${ann}: invitation sent`).waitFor();
  await outcome.getByText(`${bob}: invitation sent`).waitFor();
  assert.equal(await page.getByLabel(`Select ${ann}`).isChecked(), false, "the selection is cleared after the action");
  for (let i = 0; i < 100 && (invitations(ann) < 2 || invitations(bob) < 2); i++) await page.waitForTimeout(100);
  assert.equal(invitations(ann), 2);
  assert.equal(invitations(bob), 2);

  // Ann and Bob accept the newest invitation.
  const phrases = new Map<string, string>();
  for (const who of [ann, bob]) {
    const p = await newPage();
    phrases.set(who, await acceptInvitation(p, server.url, await server.mail.link(who, "/#/accept-organization"), ORG));
    await p.close();
  }

  // Bulk confirm: Ann, Bob and Cat selected; the phrases of the two who accepted are listed,
  // Cat is left out.
  await page.getByRole("link", { name: "Groups" }).click();
  await page.getByRole("heading", { name: "Groups", exact: true }).waitFor();
  await page.getByRole("link", { name: "Members" }).click();
  await row(ann).getByRole("cell", { name: "Accepted", exact: true }).waitFor(SLOW);
  await page.getByLabel("Filter by status").selectOption({ label: "Accepted" });
  await row(cat).waitFor({ state: "detached" });
  await page.getByLabel("Select all shown").check();
  await page.getByLabel("Filter by status").selectOption({ label: "All statuses" });
  await page.getByLabel(`Select ${cat}`).check();
  await page.getByText("3 members selected").waitFor();
  assert.equal(await page.getByLabel(`Select ${dan}`).isChecked(), false);
  await page.getByRole("button", { name: "Confirm selected" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Confirm 2 members" });
  await dialog.waitFor(SLOW);
  for (const who of [ann, bob]) {
    const shown = (await dialog.getByRole("row", { name: new RegExp(escape(who)) }).getByRole("cell").textContent())?.trim();
    assert.equal(shown, phrases.get(who), `the phrase shown for ${who}`);
    assert.match(shown ?? "", /^[a-z]+(-[a-z]+){4,}$/);
  }
  await dialog.getByText(`have not accepted their invitation (or are confirmed already): ${cat}.`, { exact: false }).waitFor();
  await screenshot("bulk-confirm");
  await dialog.getByRole("button", { name: "The phrases match: confirm 2 members" }).click();
  await page.getByRole("heading", { name: "Confirm: 2 done" }).waitFor(SLOW);
  await outcome.getByText(`${ann}: confirmed`).waitFor();
  await row(ann).getByRole("cell", { name: "Confirmed", exact: true }).waitFor(SLOW);
  await row(bob).getByRole("cell", { name: "Confirmed", exact: true }).waitFor(SLOW);
  await row(cat).getByRole("cell", { name: "Invited", exact: true }).waitFor();

  // Bulk revoke of Ann, Bob and the owner: the owner's refusal is the server's sentence.
  for (const who of [ann, bob, owner]) await page.getByLabel(`Select ${who}`).check();
  await page.getByRole("button", { name: "Revoke selected" }).click();
  await page.getByRole("heading", { name: "Revoke: 2 done, 1 refused" }).waitFor(SLOW);
  await outcome.getByText(`${ann}: revoked`).waitFor();
  const refusal = (await outcome.locator("li.refused").textContent()) ?? "";
  assert.ok(refusal.startsWith(`${owner}: `) && refusal.length > owner.length + 3, `refusal: ${refusal}`);
  assert.notEqual(refusal, `${owner}: revoked`);
  await row(ann).getByRole("cell", { name: "Revoked", exact: true }).waitFor(SLOW);
  await row(bob).getByRole("cell", { name: "Revoked", exact: true }).waitFor();
  await row(owner).getByRole("cell", { name: "Confirmed", exact: true }).waitFor();
  await page.getByText("3 of 10 seats used.").waitFor(SLOW);
  await screenshot("bulk-revoke");

  // Bulk restore: back to confirmed.
  await page.getByLabel("Filter by status").selectOption({ label: "Revoked" });
  await page.getByLabel("Select all shown").check();
  await page.getByRole("button", { name: "Restore selected" }).click();
  await page.getByRole("heading", { name: "Restore: 2 done" }).waitFor(SLOW);
  await page.getByText("No member matches these filters.").waitFor(SLOW);
  await page.getByLabel("Filter by status").selectOption({ label: "All statuses" });
  await row(ann).getByRole("cell", { name: "Confirmed", exact: true }).waitFor(SLOW);
  await row(bob).getByRole("cell", { name: "Confirmed", exact: true }).waitFor();
  await page.getByText("5 of 10 seats used.").waitFor(SLOW);

  // Bulk remove of Cat and Dan, after asking.
  await page.getByLabel(`Select ${cat}`).check();
  await page.getByLabel(`Select ${dan}`).check();
  await assertEveryControlNamed(page);
  await page.getByRole("button", { name: "Remove selected" }).click();
  await page.getByRole("alertdialog", { name: "Remove 2 members?" }).waitFor();
  await page.getByRole("button", { name: "Remove selected members" }).click();
  await page.getByRole("heading", { name: "Remove: 2 done" }).waitFor(SLOW);
  await row(cat).waitFor({ state: "detached" });
  await row(dan).waitFor({ state: "detached" });
  assert.equal(await rows.count(), 3);
  await page.getByText("3 of 10 seats used.").waitFor(SLOW);
  assert.deepEqual((await members()).map((m) => m.email).sort(), [ann, bob, owner].sort());

  // Groups: Dan was removed, so the group has no member; edited with Ann, Bob and the
  // collection at "Can view".
  await page.getByRole("link", { name: "Groups" }).click();
  const group = page.getByRole("row", { name: /Helpdesk/ });
  await group.getByRole("cell", { name: "0", exact: true }).waitFor(SLOW);
  await page.getByRole("button", { name: "Edit <s>Helpdesk</s>" }).click();
  const editor = page.locator("form", { has: page.getByRole("heading", { name: "Edit <s>Helpdesk</s>" }) });
  await editor.getByLabel("Default collection").waitFor(SLOW);
  assert.equal(await editor.getByLabel("Default collection").locator("option:checked").textContent(), "No access");
  await editor.getByLabel("Group's name").fill("Helpdesk team");
  await editor.getByLabel("Find members").fill(ann.slice(0, 8));
  await editor.getByLabel(ann).check();
  await editor.getByLabel("Find members").fill("");
  await editor.getByLabel(bob).check();
  await editor.getByText("Members (2 chosen)").waitFor();
  await editor.getByLabel("Default collection").selectOption({ label: "Can view" });
  await screenshot("group-editor");
  await assertEveryControlNamed(page);
  await editor.getByRole("button", { name: "Save group" }).click();
  await page.getByText("Helpdesk team was saved.").waitFor(SLOW);
  const saved = page.getByRole("row", { name: /Helpdesk team/ });
  await saved.getByRole("cell", { name: "2", exact: true }).waitFor(SLOW);
  const groupUsers = await api<string[]>(server.url, token, "GET", `${orgPath}/groups/${helpdesk.id}/users`);
  assert.deepEqual(groupUsers.sort(), [await idOf(ann), await idOf(bob)].sort());
  const details = await api<{ name: string; collections: Member["collections"] }>(
    server.url, token, "GET", `${orgPath}/groups/${helpdesk.id}/details`,
  );
  assert.equal(details.name, "Helpdesk team");
  assert.deepEqual(
    details.collections?.map((c) => [c.readOnly, c.hidePasswords, c.manage]),
    [[true, false, false]],
  );
  // Opened again, the editor shows what was saved.
  await page.getByRole("button", { name: "Edit Helpdesk team" }).click();
  const again = page.locator("form", { has: page.getByRole("heading", { name: "Edit Helpdesk team" }) });
  await again.getByText("Members (2 chosen)").waitFor(SLOW);
  assert.equal(await again.getByLabel(ann).isChecked(), true);
  assert.equal(await again.getByLabel(owner).isChecked(), false);
  assert.equal(await again.getByLabel("Default collection").locator("option:checked").textContent(), "Can view");
  await screenshot("groups");
});
