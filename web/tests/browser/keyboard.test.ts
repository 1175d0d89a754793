// The portal by keyboard alone, on SQLite and PostgreSQL: from the sign-in page, with Tab, Enter,
// Space and typing only (no pointer at all), a person signs in, goes to the vault, adds a login,
// opens it from the list, edits its username and saves. Wherever focus lands it is on something
// with an accessible name and drawn as keyboard focus (:focus-visible); opening a panel takes
// focus to its heading, closing it gives focus back to what opened it (or the item in the list). The account is made beforehand in another browser, also without a click.
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { portalTest } from "./harness/index.js";
import { PASSWORD, SLOW, heading, newEmail } from "./account-helpers.js";

const ITEM = "Keyboard login";

/** What the focused element is, as far as a screen reader would name it. */
async function focused(page: Page): Promise<{ name: string; visible: boolean; tag: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: "", visible: false, tag: "body" };
    const byIds = (ids: string) =>
      ids
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" ");
    const labels = (el as HTMLInputElement).labels;
    const name =
      el.getAttribute("aria-label") ??
      (el.getAttribute("aria-labelledby") ? byIds(el.getAttribute("aria-labelledby") ?? "") : null) ??
      (labels && labels.length ? Array.from(labels, (l) => l.textContent ?? "").join(" ") : null) ??
      el.getAttribute("title") ??
      el.textContent ??
      "";
    return { name: name.trim(), visible: el.matches(":focus-visible"), tag: el.tagName.toLowerCase() };
  });
}

/** Focus is on something named and drawn as keyboard focus. */
async function assertFocusVisible(page: Page, where: string): Promise<string> {
  const f = await focused(page);
  assert.ok(f.name, `focus on an unnamed <${f.tag}> (${where})`);
  assert.ok(f.visible, `focus on "${f.name}" is not drawn as keyboard focus (${where})`);
  return f.name;
}

/** Presses Tab until `target` has focus, checking every stop on the way. */
async function tabTo(page: Page, target: Locator, what: string): Promise<void> {
  const stops: string[] = [];
  const reached = async () => (await target.count()) === 1 && (await target.evaluate((el) => el === document.activeElement));
  // A page may have put focus there already (the sign-in page starts in the e-mail field).
  if (await reached()) return assertFocusVisible(page, what).then(() => undefined);
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if ((await focused(page)).tag === "body") {
      // Past the last control focus leaves the page for the browser's own; the next Tab returns.
      stops.push("(out of the page)");
      continue;
    }
    stops.push(await assertFocusVisible(page, `tabbing to ${what}`));
    if (await reached()) return;
  }
  assert.fail(`Tab never reached ${what}; stops: ${stops.join(" | ")}`);
}

/** The field is focused and emptied, then typed into. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

/** Focus comes to `target` (a panel opened or closed) and is drawn there. */
async function assertFocusOn(page: Page, target: Locator, what: string): Promise<void> {
  await target.waitFor(SLOW);
  for (const end = Date.now() + 5_000; Date.now() < end; await page.waitForTimeout(50)) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      await assertFocusVisible(page, what);
      return;
    }
  }
  assert.fail(`focus did not move to ${what}: it is on ${JSON.stringify(await focused(page))}`);
}

/** Focus is on this heading (a panel just opened). */
async function assertFocusOnHeading(page: Page, name: string): Promise<void> {
  await assertFocusOn(page, page.getByRole("heading", { name, exact: true }), `the heading ${name}`);
}

portalTest("keyboard only", async ({ page, server, newPage, screenshot }) => {
  const email = newEmail("keys");

  // The account, made in another browser: typed, submitted with Enter.
  const setup = await newPage();
  await setup.goto(`${server.url}/#/register`);
  await heading(setup, "Create account");
  await setup.getByLabel("Email address").fill(email);
  await setup.getByLabel("Email address").press("Enter");
  await heading(setup, "Set your master password");
  await setup.getByLabel("Master password", { exact: true }).fill(PASSWORD);
  await setup.getByLabel("Confirm master password").fill(PASSWORD);
  await setup.getByLabel("Confirm master password").press("Enter");
  await heading(setup, "Your account");

  // Sign in.
  await page.goto(`${server.url}/#/login`);
  await heading(page, "Sign in");
  await tabTo(page, page.getByLabel("Email address"), "the e-mail field");
  await page.keyboard.type(email);
  await tabTo(page, page.getByLabel("Master password"), "the master password field");
  await page.keyboard.type(PASSWORD);
  await screenshot("sign-in");
  await page.keyboard.press("Enter");
  await heading(page, "Your account");

  // To the vault through the header.
  await tabTo(page, page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Vault" }), "the Vault link");
  await page.keyboard.press("Enter");
  await heading(page, "Vault");
  await page.getByText("Your vault has no items yet.").waitFor(SLOW);

  // A login added: the form takes focus, Tab walks its fields, Enter saves.
  await tabTo(page, page.getByRole("button", { name: "+ New login" }), "+ New login");
  await page.keyboard.press("Enter");
  await assertFocusOnHeading(page, "New login");
  const form = page.getByRole("form", { name: "New login" });
  await tabTo(page, form.getByLabel("Item name"), "the item name");
  await page.keyboard.type(ITEM);
  await tabTo(page, form.getByLabel("Username"), "the username");
  await page.keyboard.type("first-user");
  await tabTo(page, form.getByLabel(/^Password( \(optional\))?$/), "the password");
  await page.keyboard.type("keyboard-Passw0rd");
  await screenshot("new-login");
  await page.keyboard.press("Enter");
  await page.getByText(`${ITEM} was added.`, { exact: true }).waitFor(SLOW);
  // The form closed: focus is back on the button that opened it, not lost on the page.
  await assertFocusOn(page, page.getByRole("button", { name: "+ New login" }), "+ New login after saving");

  // Opened from the list, then edited: the username retyped, saved with Space on the button.
  const viewButton = page.getByRole("button", { name: `View ${ITEM}`, exact: true });
  await tabTo(page, viewButton, "the item in the list");
  await page.keyboard.press("Enter");
  const opened = page.getByRole("region", { name: ITEM });
  await assertFocusOnHeading(page, ITEM);
  await opened.getByText("first-user", { exact: true }).waitFor(SLOW);
  await tabTo(page, opened.getByRole("button", { name: "Edit", exact: true }), "Edit");
  await page.keyboard.press("Enter");
  await assertFocusOnHeading(page, `Edit ${ITEM}`);
  const edit = page.getByRole("form", { name: `Edit ${ITEM}` });
  await edit.getByLabel("Username").waitFor(SLOW);
  await tabTo(page, edit.getByLabel("Username"), "the username");
  await retype(page, "edited-user");
  await tabTo(page, edit.getByRole("button", { name: "Save changes" }), "Save changes");
  await screenshot("edit");
  await page.keyboard.press("Space");
  await page.getByText(`${ITEM} was saved.`, { exact: true }).waitFor(SLOW);
  // The Edit button went with the view: focus is on the item in the list.
  await assertFocusOn(page, viewButton, "the item in the list after saving");

  // The save happened: the list and the reopened item show the new username, the password kept.
  const row = page.getByRole("row").filter({ has: viewButton });
  await row.getByRole("cell", { name: "edited-user" }).waitFor(SLOW);
  await page.keyboard.press("Enter");
  await assertFocusOnHeading(page, ITEM);
  await opened.getByText("edited-user", { exact: true }).waitFor(SLOW);
  await tabTo(page, opened.getByRole("button", { name: "Show password" }), "Show password");
  await page.keyboard.press("Space");
  await opened.getByText("keyboard-Passw0rd", { exact: true }).waitFor();
  await screenshot("saved");
  await tabTo(page, opened.getByRole("button", { name: "Close", exact: true }), "Close");
  await page.keyboard.press("Enter");
  await opened.waitFor({ state: "detached" });
  await assertFocusOn(page, viewButton, "the item in the list after closing it");
});
