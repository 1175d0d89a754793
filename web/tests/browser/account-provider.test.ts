// "Become a provider": a signed-in user without organizations or providers applies, sees the
// application pending, then rejected, applies again and sees it approved, and the setup link
// arrives by mail. The business name is shown as text. SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { portalTest } from "./harness/index.js";
import { bulwarkBin } from "./harness/paths.js";
import { SLOW, api, heading, newEmail, register, unlock } from "./account-helpers.js";

const OPERATOR_TOKEN = "operator-token-for-the-account-tests";
const operatorHash = (): string =>
  execFileSync(bulwarkBin(), ["admin", "hash-token"], { input: OPERATOR_TOKEN }).toString().trim();

const BUSINESS = `<img src=x onerror=alert(1)> IT`;

async function decide(url: string, decision: "approve" | "reject"): Promise<void> {
  const pending = await api<{ data: { id: string }[] }>(url, OPERATOR_TOKEN, "GET", "/admin/provider-applications?status=pending");
  const app = pending.data[0];
  assert.ok(app, "no pending application");
  await api(url, OPERATOR_TOKEN, "POST", `/admin/provider-applications/${app.id}/${decision}`);
}

let hash: string | undefined;

portalTest(
  "account become a provider",
  async ({ page, server, screenshot }) => {
    const email = newEmail("applicant");
    await register(page, server.url, email);
    await page.getByText("You don't administer an organization or belong to a provider yet.").waitFor();
    const section = page.getByRole("region", { name: "Become a provider" });

    // The server's sentence for a field, under that field.
    await section.getByLabel("Business name").fill(BUSINESS);
    await section.getByLabel("Billing email").fill("not an address");
    await section.getByRole("button", { name: "Apply to become a provider" }).click();
    await section.getByText("The BillingEmail field is not a supported e-mail address format.").waitFor();
    assert.equal(await section.getByLabel("Billing email").getAttribute("aria-invalid"), "true");
    await section.getByLabel("Billing email").fill(email);
    await section.getByLabel("Provider type").selectOption({ label: "Managed service provider (MSP)" });
    await section.getByLabel("Expected number of clients").fill("25");
    await screenshot("apply");
    await section.getByRole("button", { name: "Apply to become a provider" }).click();

    const list = section.getByRole("list", { name: "Your provider applications" });
    await list.getByText("Pending review").waitFor();
    await list.getByText(BUSINESS).waitFor();
    assert.equal(await page.locator("img").count(), 0, "a business name became HTML");
    await section.getByText("Your application is waiting for the operator's decision.").waitFor();
    assert.equal(await section.getByRole("button", { name: "Apply to become a provider" }).count(), 0);
    await screenshot("pending");

    // Rejected: said so, and the form is back.
    await decide(server.url, "reject");
    await page.reload();
    await unlock(page);
    await heading(page, "Your account");
    await list.getByText("Rejected", { exact: true }).waitFor();
    await section.getByText("The operator declined this application. You can apply again.").waitFor();
    await screenshot("rejected");
    await section.getByLabel("Business name").fill("Acme IT");
    await section.getByRole("button", { name: "Apply to become a provider" }).click();
    await list.getByText("Pending review").waitFor();

    // Approved: said so, and the setup link arrives.
    await decide(server.url, "approve");
    await page.reload();
    await unlock(page);
    await heading(page, "Your account");
    await list.getByText("Approved", { exact: true }).waitFor();
    await section.getByText("Approved: open the setup link we e-mailed you to finish setting up your provider.").waitFor();
    assert.equal(await section.getByLabel("Business name").count(), 0);
    await section.getByRole("button", { name: "Apply for another provider" }).waitFor();
    await screenshot("approved");
    const link = await server.mail.link(email, "/#/providers/setup-provider?");
    await page.goto(link);
    await page.waitForURL(/#\/providers\/setup-provider\?/);
    await page.getByRole("heading", { level: 1 }).first().waitFor(SLOW);
    await screenshot("setup-link");
  },
  {
    get server() {
      hash ??= operatorHash();
      return { config: `admin_token_hash = "${hash}"` };
    },
  },
);
