// How the Admin Console words a refusal of its admin routes, and the load hook its areas use.

import { ApiError } from "../api";
import { useLoad } from "../app/useLoad";

/**
 * A refusal of the admin routes: a 404 there means the user's role does not reach this area
 * (members who are not owners or admins), said in those words instead of "not found".
 */
export function areaError(e: unknown): unknown {
  if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
    return "Your role in this organization does not open this area: owners and admins (or members with the right custom permission) use it.";
  }
  return e;
}

/** What an area loads, its refusal worded for the caller's role. */
export function useAreaLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown } {
  const loaded = useLoad(load, deps);
  return { data: loaded.data, error: loaded.error === null ? null : areaError(loaded.error) };
}
