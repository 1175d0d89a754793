// A hash router: `/#/path?query`. Mailed links open pages this way (`/#/accept-organization?…`),
// the server serves one page for every route, and a reload keeps the place.

import { useEffect, useState } from "preact/hooks";

export interface Route {
  /** The path after `#`, always starting with `/`, without the query. */
  path: string;
  /** The query after the path (`/#/finish-signup?token=…&email=…`). */
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const raw = location.hash.replace(/^#/, "") || "/";
  const q = raw.indexOf("?");
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const query = q >= 0 ? raw.slice(q + 1) : "";
  return { path: path.startsWith("/") ? path : `/${path}`, params: new URLSearchParams(query) };
}

type Query = URLSearchParams | Record<string, string | null | undefined>;

/** The hash for a path and optional query: `#/login?email=a%40b.example`. */
export function href(path: string, query?: Query): string {
  const p = new URLSearchParams();
  if (query instanceof URLSearchParams) {
    query.forEach((v, k) => p.append(k, v));
  } else if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v !== null && v !== undefined && v !== "") p.set(k, v);
    }
  }
  const qs = p.toString();
  return `#${path}${qs ? `?${qs}` : ""}`;
}

/** The path and query of the current location, as a value to come back to (`next`). */
export function hereAsNext(): string {
  const r = currentRoute();
  const qs = r.params.toString();
  return qs ? `${r.path}?${qs}` : r.path;
}

/** Only in-portal paths are followed as `next`: never another origin. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//")) return null;
  return next;
}

// One listener for the whole app, registered when this module loads: a redirect made by an
// effect (which runs before its parents' effects) is never missed.
let current = currentRoute();
const listeners = new Set<() => void>();

function update(): void {
  const next = currentRoute();
  if (next.path === current.path && next.params.toString() === current.params.toString()) return;
  current = next;
  for (const l of listeners) l();
}

window.addEventListener("hashchange", update);

export function navigate(path: string, query?: Query, replace = false): void {
  const target = href(path, query);
  if (replace) {
    history.replaceState(history.state, "", target);
    update();
  } else if (location.hash !== target) {
    location.hash = target;
  }
}

/** Goes to a `next` value (`/path?query`) as given. */
export function navigateTo(next: string, replace = false): void {
  const q = next.indexOf("?");
  const path = q >= 0 ? next.slice(0, q) : next;
  navigate(path, new URLSearchParams(q >= 0 ? next.slice(q + 1) : ""), replace);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const on = () => setRoute(current);
    listeners.add(on);
    on(); // a change between the first render and this subscription
    return () => {
      listeners.delete(on);
    };
  }, []);
  return route;
}

/** Matches `/organizations/:id/…` style patterns; returns the named parts or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split("/").filter(Boolean);
  const xs = path.split("/").filter(Boolean);
  const rest = ps[ps.length - 1] === "*";
  if (rest ? xs.length < ps.length - 1 : xs.length !== ps.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const x = xs[i];
    if (p === "*") {
      out["*"] = xs.slice(i).join("/");
      break;
    }
    if (p === undefined || x === undefined) return null;
    if (p.startsWith(":")) {
      try {
        out[p.slice(1)] = decodeURIComponent(x);
      } catch {
        return null;
      }
    } else if (p !== x) {
      return null;
    }
  }
  return out;
}
