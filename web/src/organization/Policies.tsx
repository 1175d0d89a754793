// The organization's policies: on and off (keeping their options), and the options of those
// that have them edited in PolicyOptions.tsx.

import { useState } from "preact/hooks";
import { Button, ErrorMessage, Notice, Progress } from "../app/ui";
import type { OrgAreaProps } from "./AdminConsole";
import { useAreaLoad } from "./errors";
import { type OrgDetails, type PolicyRow, orgApi } from "./api";
import { POLICY_OPTIONS, PolicyOptionsForm } from "./PolicyOptions";

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

export function Policies(p: OrgAreaProps) {
  const [generation, setGeneration] = useState(0);
  const { data, error } = useAreaLoad<PolicyRow[]>(() => orgApi.policies(p.id), [p.id, generation]);
  // Owners and provider staff learn whether the plan has policies at all; others just try.
  const { data: org } = useAreaLoad<OrgDetails | null>(() => orgApi.details(p.id).catch(() => null), [p.id]);
  const available = org?.usePolicies !== false;
  const [busy, setBusy] = useState<number | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
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
      {data !== null && editing !== null ? (
        <PolicyOptionsForm
          key={editing}
          orgId={p.id}
          type={editing}
          name={POLICY_NAMES[editing] ?? `Policy ${editing}`}
          current={byType.get(editing)}
          onSaved={(message) => {
            setEditing(null);
            setNotice(message);
            setGeneration((g) => g + 1);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
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
                      {POLICY_OPTIONS[Number(type)] ? (
                        <Button
                          kind="secondary"
                          disabled={!available}
                          aria-label={`Options of ${name}`}
                          onClick={() => {
                            setNotice(null);
                            setEditing(Number(type));
                          }}
                        >
                          Options
                        </Button>
                      ) : null}
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
