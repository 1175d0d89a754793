// What the product switcher offers: the Admin Console of each organization the user
// administers, the Provider Portal of each provider they belong to. Provider staff reach their
// clients' Admin Consoles through the Provider Portal's client list.

import { OrgUserStatus, OrgUserType, type Profile, type ProfileOrganization, type ProfileProvider } from "../api";

export interface Product {
  kind: "organization" | "provider";
  id: string;
  /** The tenant-chosen name, rendered as text. */
  name: string;
  /** "Admin Console" or "Provider Portal". */
  console: string;
  path: string;
}

/** Owners, admins, and custom members with a management permission. */
export function administers(o: ProfileOrganization): boolean {
  if (o.status !== OrgUserStatus.Confirmed || !o.enabled) return false;
  if (o.type === OrgUserType.Owner || o.type === OrgUserType.Admin) return true;
  if (o.type === OrgUserType.Custom && o.permissions) {
    return Object.values(o.permissions).some((v) => v === true);
  }
  return false;
}

export function products(profile: Profile | null): Product[] {
  if (!profile) return [];
  const orgs: Product[] = (profile.organizations ?? [])
    .filter(administers)
    .map((o) => ({
      kind: "organization" as const,
      id: o.id,
      name: o.name,
      console: "Admin Console",
      path: `/organizations/${o.id}`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const providers: Product[] = (profile.providers ?? [])
    .filter((p: ProfileProvider) => p.enabled !== false)
    .map((p) => ({
      kind: "provider" as const,
      id: p.id,
      name: p.name ?? "Provider being set up",
      console: "Provider Portal",
      path: `/providers/${p.id}`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return [...providers, ...orgs];
}
