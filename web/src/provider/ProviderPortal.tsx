// The Provider Portal: the five areas of a provider (clients, manage, events, billing,
// settings) under `/#/providers/:id/...`. It opens the provider key once, in memory, for the
// areas that wrap or unwrap client keys.

import { useEffect, useState } from "preact/hooks";
import type { ConsoleProps } from "../app/areas";
import { href } from "../app/router";
import { ErrorMessage, PageHeading, Progress } from "../app/ui";
import type { SymmetricKey } from "../crypto";
import { type ProviderDetails, providerApi } from "./api";
import { Billing } from "./Billing";
import { Clients } from "./Clients";
import { Events } from "./Events";
import { openProviderKey } from "./keys";
import { Manage } from "./Manage";
import { Settings } from "./Settings";
import "./provider.css";

/** The provider types, as the server numbers them. */
const PROVIDER_TYPES: Record<number, string> = { 0: "MSP", 1: "Reseller", 2: "Business Unit" };

const AREAS = [
  { path: "clients", label: "Clients", admin: false },
  { path: "manage", label: "Manage", admin: true },
  { path: "events", label: "Events", admin: true },
  { path: "billing", label: "Billing", admin: true },
  { path: "settings", label: "Settings", admin: true },
] as const;

export interface ProviderAreaProps extends ConsoleProps {
  provider: ProviderDetails;
  providerKey: SymmetricKey | null;
  isAdmin: boolean;
  reload: () => void;
}

export function ProviderPortal(props: ConsoleProps) {
  const { session, id, rest } = props;
  const [provider, setProvider] = useState<ProviderDetails | null>(null);
  const [providerKey, setProviderKey] = useState<SymmetricKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const membership = session.profile?.providers?.find((p) => p.id === id);
  const isAdmin = membership?.type === 0;

  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([providerApi.details(id), openProviderKey(session, id)])
      .then(([p, key]) => {
        if (!live) return;
        setProvider(p);
        setProviderKey(key);
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [id, session, generation]);

  const area = AREAS.find((a) => rest === a.path || rest.startsWith(`${a.path}/`)) ?? AREAS[0];
  const title = provider?.name ?? membership?.name ?? "Provider";
  return (
    <div class="page provider-portal">
      <PageHeading sub={PROVIDER_TYPES[provider?.type ?? membership?.type ?? -1] ?? null}>
        {title}
      </PageHeading>
      <nav class="tabs" aria-label="Provider Portal">
        <ul>
          {AREAS.filter((a) => isAdmin || !a.admin).map((a) => (
            <li key={a.path}>
              <a
                href={href(`/providers/${id}/${a.path}`)}
                aria-current={a.path === area.path ? "page" : undefined}
              >
                {a.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ErrorMessage error={error} />
      {provider === null && error === null ? <Progress text="Loading the provider…" /> : null}
      {provider !== null ? (
        <AreaView
          {...props}
          area={area.path}
          provider={provider}
          providerKey={providerKey}
          isAdmin={isAdmin}
          reload={() => setGeneration((g) => g + 1)}
        />
      ) : null}
    </div>
  );
}

function AreaView(p: ProviderAreaProps & { area: (typeof AREAS)[number]["path"] }) {
  switch (p.area) {
    case "clients":
      return <Clients {...p} />;
    case "manage":
      return <Manage {...p} />;
    case "events":
      return <Events {...p} />;
    case "billing":
      return <Billing {...p} />;
    case "settings":
      return <Settings {...p} />;
  }
}
