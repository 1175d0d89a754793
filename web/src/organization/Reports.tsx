// The Admin Console's reports: vault health (weak, reused, exposed-by-pattern passwords,
// unsecured websites, inactive two-step login) computed here from the decrypted items, members
// without two-step login, and the member access report. Nothing about a password is sent.

import type { ComponentChildren } from "preact";
import { ErrorMessage, Progress } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { decryptFields, decryptOr, decryptSummary } from "../items/decrypt";
import type { OrgAreaProps } from "./AdminConsole";
import { ACCESS_LEVELS, levelOf } from "./accessLevels";
import { type CipherRow, MEMBER_STATUS_NAMES, MEMBER_TYPE_NAMES, orgApi } from "./api";
import { useAreaLoad } from "./errors";
import { type MemberAccessRow, type MemberTwoStepRow, extrasApi } from "./extrasApi";
import { type Finding, type HealthReports, type ReportItem, healthReports } from "./reports";

interface AccessLine extends MemberAccessRow {
  collection: string | null;
}

interface ReportData {
  health: HealthReports;
  withoutTwoStep: MemberTwoStepRow[];
  access: AccessLine[];
}

async function reportItem(key: SymmetricKey, row: CipherRow): Promise<ReportItem> {
  const [summary, fields] = await Promise.all([decryptSummary(key, row), decryptFields(key, row).catch(() => [])]);
  const of = (role: string) => fields.filter((f) => f.role === role).map((f) => f.value);
  return {
    id: row.id,
    name: summary.name,
    username: summary.username,
    password: of("password")[0] ?? "",
    uris: of("uri"),
    hasTotp: of("totp").length > 0,
  };
}

async function loadReports(orgId: string, key: SymmetricKey): Promise<ReportData> {
  const [rows, members, access] = await Promise.all([
    orgApi.items(orgId),
    extrasApi.membersTwoStep(orgId),
    extrasApi.memberAccess(orgId),
  ]);
  const logins = rows.filter((r) => r.type === 1 && !r.deletedDate);
  const items = await Promise.all(logins.map((r) => reportItem(key, r)));
  const names = new Map<string, string>();
  for (const a of access) {
    if (a.collectionId && a.collectionName && !names.has(a.collectionId)) {
      names.set(a.collectionId, await decryptOr(key, a.collectionName));
    }
  }
  return {
    health: healthReports(items),
    // Invited people have no account yet, so no two-step login to speak of.
    withoutTwoStep: members.filter((m) => m.status >= 1 && !m.twoFactorEnabled),
    access: access.map((a) => ({ ...a, collection: a.collectionId ? (names.get(a.collectionId) ?? null) : null })),
  };
}

export function Reports(p: OrgAreaProps) {
  const { data, error } = useAreaLoad(() => loadReports(p.id, p.orgKey.key), [p.id, p.orgKey]);
  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">Reports</h2>
      <p>
        Computed in your browser from the organization's decrypted items: no password or website
        leaves this page. "Exposed" means the password is one of the most common ones.
      </p>
      <ErrorMessage error={error} />
      {data === null && error === null ? <Progress text="Decrypting the organization's items…" /> : null}
      {data !== null ? (
        <>
          <FindingTable title="Exposed passwords" findings={data.health.exposed} none="No item uses a common password." />
          <FindingTable title="Reused passwords" findings={data.health.reused} none="No password is used by more than one item." />
          <FindingTable title="Weak passwords" findings={data.health.weak} none="No item has a weak password." />
          <FindingTable title="Unsecured websites" findings={data.health.unsecured} none="Every website uses https." />
          <FindingTable
            title="Inactive two-step login"
            findings={data.health.inactiveTwoStep}
            none="No item of a website known to offer two-step login lacks an authenticator key."
          />
          <MembersWithoutTwoStep members={data.withoutTwoStep} />
          <MemberAccess rows={data.access} />
        </>
      ) : null}
    </section>
  );
}

function ReportSection(p: { title: string; count: number; children: ComponentChildren }) {
  const id = `report-${p.title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section class="panel" aria-labelledby={id}>
      <h3 id={id}>
        {p.title} ({p.count})
      </h3>
      {p.children}
    </section>
  );
}

function Table(p: { caption: string; head: string[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{p.caption}</caption>
        <thead>
          <tr>
            {p.head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{p.children}</tbody>
      </table>
    </div>
  );
}

function FindingTable(p: { title: string; findings: Finding[]; none: string }) {
  return (
    <ReportSection title={p.title} count={p.findings.length}>
      {p.findings.length === 0 ? (
        <p>{p.none}</p>
      ) : (
        <Table caption={p.title} head={["Item", "Why"]}>
          {p.findings.map((f) => (
            <tr key={f.id}>
              <th scope="row">{f.name}</th>
              <td>{f.why}</td>
            </tr>
          ))}
        </Table>
      )}
    </ReportSection>
  );
}

function MembersWithoutTwoStep(p: { members: MemberTwoStepRow[] }) {
  const title = "Members without two-step login";
  return (
    <ReportSection title={title} count={p.members.length}>
      {p.members.length === 0 ? (
        <p>Every member with an account has two-step login on.</p>
      ) : (
        <Table caption={title} head={["Member", "Role", "Status"]}>
          {p.members.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.email ?? m.name ?? m.id}</th>
              <td>{MEMBER_TYPE_NAMES[m.type] ?? "Member"}</td>
              <td>{MEMBER_STATUS_NAMES[m.status] ?? ""}</td>
            </tr>
          ))}
        </Table>
      )}
    </ReportSection>
  );
}

function accessLabel(r: MemberAccessRow): string {
  if (r.readOnly === null || r.hidePasswords === null || r.manage === null) return "";
  const level = levelOf({ id: "", readOnly: r.readOnly, hidePasswords: r.hidePasswords, manage: r.manage });
  return ACCESS_LEVELS.find((l) => l.value === level)?.label ?? "";
}

function MemberAccess(p: { rows: AccessLine[] }) {
  const title = "Member access";
  const sorted = [...p.rows].sort(
    (a, b) =>
      (a.email ?? "").localeCompare(b.email ?? "") || (a.collection ?? "").localeCompare(b.collection ?? ""),
  );
  return (
    <ReportSection title={title} count={new Set(p.rows.map((r) => r.email)).size}>
      <Table caption={title} head={["Member", "Collection", "Through", "Access", "Items"]}>
        {sorted.map((r, i) => (
          <tr key={i}>
            <th scope="row">{r.email ?? r.userName ?? ""}</th>
            <td>{r.collectionId ? (r.collection ?? "") : "No collection"}</td>
            <td>{r.collectionId ? (r.groupName ? `Group ${r.groupName}` : "Direct") : ""}</td>
            <td>{accessLabel(r)}</td>
            <td>{r.collectionId ? r.itemCount : ""}</td>
          </tr>
        ))}
      </Table>
    </ReportSection>
  );
}
