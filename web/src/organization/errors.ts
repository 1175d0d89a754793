// How the Admin Console words a refusal of its admin routes.

import { ApiError } from "../api";

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
