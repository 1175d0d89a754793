// The Admin Console's smaller areas: groups (create, delete), policies (on and off, with the
// data they already have), the event log (as sentences, with names from the members list) and
// the organization's settings (name and billing e-mail). The event log exports as CSV.

import { useState } from "preact/hooks";
import { looksLikeEmail, placeErrors } from "../app/forms";
import { refreshProfile } from "../app/session";
import { Button, ErrorMessage, Notice, Progress, TextField } from "../app/ui";
import { EventLog } from "../app/EventLog";
import { useLoad } from "../app/useLoad";
import type { AreaPath, OrgAreaProps } from "./AdminConsole";
import { areaError } from "./errors";
import {
  type GroupRow,
  MEMBER_TYPE_NAMES,
  type MemberRow,
  type OrgDetails,
  type OrgEventRow,
  type PolicyRow,
  orgApi,
} from "./api";

export function Overview(p: OrgAreaProps & { area: Exclude<AreaPath, "vault" | "members" | "collections"> }) {
  switch (p.area) {
    case "groups":
      return <Groups {...p} />;
    case "policies":
      return <Policies {...p} />;
    case "events":
      return <Events {...p} />;
    case "settings":
      return <Settings {...p} />;
  }
}

/** What an area loads, its refusal worded for the caller's role (see errors.ts). */
function useAreaLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown } {
  const loaded = useLoad(load, deps);
  return { data: loaded.data, error: loaded.error === null ? null : areaError(loaded.error) };
}

function Groups(p: OrgAreaProps) {
  const [generation, setGeneration] = useState(0);
  const { data, error } = useAreaLoad<GroupRow[]>(() => orgApi.groups(p.id), [p.id, generation]);
  const [name, setName] = useState("");
  const [deleting, setDeleting] = useState<GroupRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const placed = placeErrors(actionError, ["Name"]);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      setNotice(await work());
      setGeneration((g) => g + 1);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const create = (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setActionError("Give the group a name.");
    void act(async () => {
      await orgApi.createGroup(p.id, name.trim());
      setName("");
      return `${name.trim()} was created.`;
    });
  };

  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading">Groups</h2>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorMessage error={error} />
      <form class="panel" onSubmit={create} aria-labelledby="new-group-title" noValidate>
        <h3 id="new-group-title">New group</h3>
        <TextField label="Group name" value={name} onInput={setName} autoComplete="off" error={placed.field("Name")} />
        <ErrorMessage error={placed.action} />
        <Button type="submit" busy={busy && !deleting}>
          Create group
        </Button>
      </form>
      {deleting ? (
        <div class="panel confirm" role="alertdialog" aria-labelledby="delete-group-title">
          <h3 id="delete-group-title">Delete {deleting.name}?</h3>
          <p>Its members keep the access they have of their own; what they had through the group ends.</p>
          <div class="actions">
            <Button
              kind="danger"
              busy={busy}
              onClick={() =>
                void act(async () => {
                  await orgApi.deleteGroup(p.id, deleting.id);
                  setDeleting(null);
                  return `${deleting.name} was deleted.`;
                })
              }
            >
              Delete group
            </Button>
            <Button kind="secondary" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {data === null && error === null ? <Progress text="Loading groups…" /> : null}
      {data !== null && data.length === 0 ? <p>This organization has no groups.</p> : null}
      {data !== null && data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Groups</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">External id</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.name}</th>
                  <td>{g.externalId ?? "—"}</td>
                  <td class="row-actions">
                    <Button kind="danger" aria-label={`Delete ${g.name}`} onClick={() => setDeleting(g)}>
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

const POLICY_NAMES: Record<number, string> = {
  0: "Require two-step login",
  1: "Master password requirements",
  2: "Password generator",
  3: "Single organization",
  4: "Require single sign-on authentication",
  5: "Enforce organization data ownership",
  6: "Remove Send",
  7: "Send options",
  8: "Account recovery administration",
  9: "Vault timeout",
  10: "Remove individual vault export",
  11: "Active auto-fill",
  12: "Automatic login with SSO",
  13: "Remove Free Bitwarden Families sponsorship",
  14: "Remove unlock with PIN",
  15: "Restricted item types",
  16: "URI match defaults",
  17: "Autotype default setting",
  18: "Automatically confirm invited users",
  19: "Block account creation for claimed domains",
  20: "Vault banner message",
  21: "Send controls",
  22: "Fill Assist",
};

function Policies(p: OrgAreaProps) {
  const [generation, setGeneration] = useState(0);
  const { data, error } = useAreaLoad<PolicyRow[]>(() => orgApi.policies(p.id), [p.id, generation]);
  // Owners and provider staff learn whether the plan has policies at all; others just try.
  const { data: org } = useAreaLoad<OrgDetails | null>(() => orgApi.details(p.id).catch(() => null), [p.id]);
  const available = org?.usePolicies !== false;
  const [busy, setBusy] = useState<number | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const byType = new Map((data ?? []).map((x) => [x.type, x]));

  const toggle = async (type: number, name: string) => {
    const current = byType.get(type);
    const enabled = !current?.enabled;
    setBusy(type);
    setActionError(null);
    setNotice(null);
    try {
      const data = current?.data && Object.keys(current.data).length > 0 ? current.data : null;
      await orgApi.setPolicy(p.id, type, enabled, data);
      setNotice(`${name} is ${enabled ? "on" : "off"}.`);
      setGeneration((g) => g + 1);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="policies-heading">
      <h2 id="policies-heading">Policies</h2>
      {available ? (
        <p class="hint">
          Turning a policy on applies it to every member at once: with “Require two-step login” or
          “Single organization”, members who do not comply lose their access.
        </p>
      ) : (
        <Notice kind="info">This organization's plan has no policies; an Enterprise plan has them.</Notice>
      )}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorMessage error={error ?? actionError} />
      {data === null && error === null ? <Progress text="Loading policies…" /> : null}
      {data !== null ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Policies</caption>
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(POLICY_NAMES).map(([type, name]) => {
                const on = byType.get(Number(type))?.enabled ?? false;
                return (
                  <tr key={type}>
                    <th scope="row">{name}</th>
                    <td>{on ? "On" : "Off"}</td>
                    <td class="row-actions">
                      <Button
                        kind="secondary"
                        disabled={!available}
                        busy={busy === Number(type)}
                        aria-label={`${on ? "Turn off" : "Turn on"} ${name}`}
                        onClick={() => void toggle(Number(type), name)}
                      >
                        {on ? "Turn off" : "Turn on"}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

const EVENT_TEXT: Record<number, string> = {
  1000: "signed in",
  1100: "created an item",
  1101: "changed an item",
  1102: "deleted an item for good",
  1105: "moved an item into the organization",
  1106: "changed an item's collections",
  1107: "viewed an item",
  1115: "moved an item to the trash",
  1116: "restored an item",
  1300: "created a collection",
  1301: "changed a collection",
  1302: "deleted a collection",
  1400: "created a group",
  1401: "changed a group",
  1402: "deleted a group",
  1500: "invited",
  1501: "confirmed",
  1502: "changed",
  1503: "removed",
  1504: "changed the groups of",
  1511: "revoked",
  1512: "restored",
  1516: "left",
  1600: "changed the organization's settings",
  1601: "purged the organization's vault",
  1602: "exported the organization's vault",
  1603: "opened the organization's vault",
  1700: "changed a policy",
};

/** Who did it: you, a member by name, or — for someone outside the members — provider staff. */
function describe(e: OrgEventRow, members: readonly MemberRow[], selfId: string | null, managed: boolean): string {
  const actor = members.find((m) => m.userId && m.userId === e.actingUserId);
  const who =
    e.actingUserId && e.actingUserId === selfId
      ? "You"
      : actor
        ? actor.name || actor.email || "A member"
        : e.providerId || (managed && e.actingUserId)
          ? "Provider staff"
          : "Someone";
  const verb = EVENT_TEXT[e.type];
  if (!verb) return `${who}: event ${e.type}.`;
  if (e.type >= 1500 && e.type < 1600 && e.type !== 1516) {
    const m = members.find((x) => x.id === e.organizationUserId);
    return `${who} ${verb} ${m ? m.email || m.name || "a member" : "a former member"}.`;
  }
  return `${who} ${verb}.`;
}

function Events(p: OrgAreaProps) {
  const members = useLoad(() => orgApi.members(p.id), [p.id]).data ?? [];
  const selfId = p.session.profile?.id ?? null;
  const managed = Boolean(
    p.session.profile?.providerOrganizations?.some((o) => o.id === p.id) ||
      p.session.profile?.organizations?.find((o) => o.id === p.id)?.providerId,
  );
  return (
    <section aria-labelledby="org-events-heading">
      <h2 id="org-events-heading">Event log</h2>
      <EventLog
        caption="Organization events"
        fileName="organization-events"
        source={p.id}
        fetch={(from, to, token) => orgApi.events(p.id, from, to, token)}
        describe={(e: OrgEventRow) => describe(e, members, selfId, managed)}
      />
    </section>
  );
}

function Settings(p: OrgAreaProps) {
  const [generation, setGeneration] = useState(0);
  const { data, error } = useAreaLoad<OrgDetails>(() => orgApi.details(p.id), [p.id, generation]);
  const [saved, setSaved] = useState(false);
  const role = p.session.profile?.organizations?.find((o) => o.id === p.id);
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      {saved ? <Notice kind="success">The organization was saved.</Notice> : null}
      <ErrorMessage error={error} />
      {data === null && error === null ? <Progress text="Loading the organization…" /> : null}
      {data !== null ? (
        <>
          <dl class="panel item-fields">
            <dt>Name</dt>
            <dd>{data.name}</dd>
            <dt>Billing e-mail</dt>
            <dd>{data.billingEmail ?? "—"}</dd>
            <dt>Seats</dt>
            <dd>{data.seats ?? "Unlimited"}</dd>
            <dt>Collections allowed</dt>
            <dd>{data.maxCollections ?? "Unlimited"}</dd>
            <dt>Your role</dt>
            <dd>{role ? (MEMBER_TYPE_NAMES[role.type] ?? "Member") : "Provider staff (as an owner)"}</dd>
          </dl>
          <EditOrganization
            key={`${data.name}|${data.billingEmail ?? ""}`}
            orgId={p.id}
            org={data}
            onSaved={() => {
              setSaved(true);
              setGeneration((g) => g + 1);
              // The heading and the product switcher read the name from the profile.
              refreshProfile().catch(() => undefined);
            }}
          />
        </>
      ) : null}
    </section>
  );
}

function EditOrganization(p: { orgId: string; org: OrgDetails; onSaved: () => void }) {
  const [name, setName] = useState(p.org.name);
  const [billingEmail, setBillingEmail] = useState(p.org.billingEmail ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const placed = placeErrors(error, ["Name", "BillingEmail"]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) return setError("Give the organization a name.");
    if (!looksLikeEmail(billingEmail)) return setError("Give a billing e-mail address.");
    setBusy(true);
    try {
      await orgApi.update(p.orgId, { name: name.trim(), billingEmail: billingEmail.trim() });
      p.onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={(e) => void submit(e)} aria-labelledby="edit-org-title" noValidate>
      <h3 id="edit-org-title">Change the organization</h3>
      <TextField label="Organization name" value={name} onInput={setName} maxLength={50} error={placed.field("Name")} />
      <TextField
        label="Billing e-mail"
        type="email"
        value={billingEmail}
        onInput={setBillingEmail}
        error={placed.field("BillingEmail")}
      />
      <ErrorMessage error={placed.action} />
      <Button type="submit" busy={busy}>
        Save
      </Button>
    </form>
  );
}
