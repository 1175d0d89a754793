// The Admin Console of one organization under `/#/organizations/:id/...`: its items (decrypted
// here), members, collections, groups, policies, events, reports, import/export and settings.
// The org key is opened once, in memory, from the user's own membership or, for provider staff,
// through the provider key.

import { useEffect, useState } from "preact/hooks";
import type { ConsoleProps } from "../app/areas";
import { href } from "../app/router";
import { refreshProfile } from "../app/session";
import { ErrorMessage, Notice, PageHeading, Progress } from "../app/ui";
import { Collections } from "./Collections";
import { ImportExport } from "./ImportExport";
import { type OpenedOrgKey, openOrgKey } from "./keys";
import { Members } from "./Members";
import { Overview } from "./Overview";
import { Reports } from "./Reports";
import { Vault } from "./Vault";
import "../provider/provider.css";
import "./organization.css";

const AREAS = [
  { path: "vault", label: "Vault" },
  { path: "members", label: "Members" },
  { path: "collections", label: "Collections" },
  { path: "groups", label: "Groups" },
  { path: "policies", label: "Policies" },
  { path: "events", label: "Events" },
  { path: "reports", label: "Reports" },
  { path: "import-export", label: "Import/export" },
  { path: "settings", label: "Settings" },
] as const;

export type AreaPath = (typeof AREAS)[number]["path"];

export interface OrgAreaProps extends ConsoleProps {
  orgName: string;
  orgKey: OpenedOrgKey;
}

export function AdminConsole(props: ConsoleProps) {
  const { session, id, rest } = props;
  const [orgKey, setOrgKey] = useState<OpenedOrgKey | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [refreshed, setRefreshed] = useState(false);
  const profile = session.profile;
  const member = profile?.organizations?.find((o) => o.id === id);
  const client = profile?.providerOrganizations?.find((o) => o.id === id);
  const name = member?.name ?? client?.name ?? "Organization";

  useEffect(() => {
    if (!profile) return;
    let live = true;
    setError(null);
    setMissing(false);
    openOrgKey(session, id)
      .then((k) => {
        if (!live) return;
        if (k) return setOrgKey(k);
        // A client created or a confirmation made since sign-in: the profile may be stale.
        if (!refreshed) {
          setRefreshed(true);
          refreshProfile().catch((e: unknown) => live && setError(e));
        } else {
          setMissing(true);
        }
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [id, profile, session.keys]);

  const area = AREAS.find((a) => rest === a.path || rest.startsWith(`${a.path}/`)) ?? AREAS[0];
  return (
    <div class="page provider-portal admin-console">
      <PageHeading sub={`Admin Console${client && !member ? ` · managed by ${client.providerName ?? "your provider"}` : ""}`}>
        {name}
      </PageHeading>
      {missing ? null : (
        <nav class="tabs" aria-label="Admin Console">
          <ul>
            {AREAS.map((a) => (
              <li key={a.path}>
                <a
                  href={href(`/organizations/${id}/${a.path}`)}
                  aria-current={a.path === area.path ? "page" : undefined}
                >
                  {a.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ErrorMessage error={error} />
      {missing ? (
        <Notice kind="warning">
          Your copy of this organization's key is not available: you are not a confirmed member
          of it, nor of a provider that manages it. Once an administrator confirms you, it opens
          here.
        </Notice>
      ) : null}
      {orgKey === null && !missing && error === null ? (
        <Progress text="Opening the organization…" />
      ) : null}
      {orgKey !== null ? <AreaView {...props} area={area.path} orgName={name} orgKey={orgKey} /> : null}
    </div>
  );
}

function AreaView(p: OrgAreaProps & { area: AreaPath }) {
  switch (p.area) {
    case "vault":
      return <Vault {...p} />;
    case "members":
      return <Members {...p} />;
    case "collections":
      return <Collections {...p} />;
    case "reports":
      return <Reports {...p} />;
    case "import-export":
      return <ImportExport {...p} />;
    default:
      return <Overview {...p} area={p.area} />;
  }
}
