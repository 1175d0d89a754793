// The consoles the user can open (organizations they administer, providers they belong to), or
// how to get one; the profile that lists them loads here when it is not in memory yet.

import { useEffect, useState } from "preact/hooks";
import type { Profile } from "../api";
import { products } from "../app/products";
import { href } from "../app/router";
import { refreshProfile } from "../app/session";
import { Button, ErrorMessage } from "../app/ui";

export function ConsolesPanel(p: { profile: Profile | null }) {
  const list = products(p.profile);
  return (
    <section class="panel" aria-labelledby="products-heading">
      <h2 id="products-heading">Your consoles</h2>
      {p.profile === null ? (
        <ProfileLoader />
      ) : list.length === 0 ? (
        <p>
          You don't administer an organization or belong to a provider yet. An invitation from
          an organization or a provider brings you in; to run your own provider,{" "}
          <Button kind="link" onClick={goToApplication}>
            apply to become a provider
          </Button>
          .
        </p>
      ) : (
        <ul class="product-cards">
          {list.map((x) => (
            <li key={`${x.kind}-${x.id}`}>
              <a class="product-card" href={href(x.path)}>
                <span class="product-console">{x.console}</span>{" "}
                <span class="product-name">{x.name}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Moves to the application form (an in-page link would change the hash route). */
function goToApplication() {
  const section = document.getElementById("become-provider")?.closest("section");
  section?.scrollIntoView({ block: "start" });
  const target = section?.querySelector<HTMLElement>("input, select, button") ?? null;
  target?.focus({ preventScroll: true });
}

function ProfileLoader() {
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    refreshProfile().catch(setError);
  };
  useEffect(load, []);
  return error ? (
    <>
      <ErrorMessage error={error} />
      <Button kind="secondary" onClick={load}>
        Try again
      </Button>
    </>
  ) : (
    <p role="status">Loading…</p>
  );
}
