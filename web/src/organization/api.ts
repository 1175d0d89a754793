// The Admin Console's calls, typed, through the portal's one API client. Ids go into paths with
// encodeURIComponent; the server checks every one against the caller's rights in the org.

import { api, type ListResponse } from "../api";

/** Membership types the console offers (Manager 3 no longer exists; Custom 4 is not offered). */
export const MEMBER_TYPES = [
  { value: 0, label: "Owner" },
  { value: 1, label: "Admin" },
  { value: 2, label: "User" },
] as const;

export const MEMBER_TYPE_NAMES: Record<number, string> = {
  0: "Owner",
  1: "Admin",
  2: "User",
  4: "Custom",
};

export const MEMBER_STATUS = { Revoked: -1, Invited: 0, Accepted: 1, Confirmed: 2 } as const;

export const MEMBER_STATUS_NAMES: Record<number, string> = {
  [-1]: "Revoked",
  0: "Invited",
  1: "Accepted",
  2: "Confirmed",
};

export interface OrgDetails {
  id: string;
  name: string;
  billingEmail: string | null;
  planType: number;
  seats: number | null;
  maxCollections: number | null;
  useGroups?: boolean;
  usePolicies?: boolean;
  useEvents?: boolean;
}

export interface Selection {
  id: string;
  readOnly: boolean;
  hidePasswords: boolean;
  manage: boolean;
}

export interface MemberRow {
  id: string;
  userId: string | null;
  type: number;
  status: number;
  name: string | null;
  email: string | null;
  collections?: Selection[];
  groups?: string[];
}

export interface PublicKeyRow {
  id: string;
  userId: string;
  key: string;
}

export interface CollectionRow {
  id: string;
  organizationId: string;
  /** EncString under the org key. */
  name: string;
  externalId: string | null;
  type: number;
  defaultUserCollectionEmail?: string | null;
  users?: Selection[];
  groups?: Selection[];
  assigned?: boolean;
}

export interface LoginData {
  username?: string | null;
  password?: string | null;
  totp?: string | null;
  uris?: { uri?: string | null }[] | null;
}

export interface FieldData {
  name?: string | null;
  value?: string | null;
  type?: number;
}

/** `cipherMiniDetails`: an org item as the admin routes send it. */
export interface CipherRow {
  id: string;
  organizationId: string;
  type: number;
  /** The item's own key, wrapped with the org key, when it has one. */
  key?: string | null;
  name: string;
  notes?: string | null;
  login?: LoginData | null;
  card?: Record<string, string | null> | null;
  identity?: Record<string, string | null> | null;
  sshKey?: Record<string, string | null> | null;
  fields?: FieldData[] | null;
  collectionIds: string[];
  revisionDate: string;
  deletedDate?: string | null;
}

export interface GroupRow {
  id: string;
  name: string;
  externalId?: string | null;
}

export interface PolicyRow {
  type: number;
  enabled: boolean;
  data?: Record<string, unknown> | null;
}

export interface OrgEventRow {
  type: number;
  date: string;
  actingUserId: string | null;
  organizationUserId?: string | null;
  collectionId?: string | null;
  cipherId?: string | null;
  groupId?: string | null;
  policyId?: string | null;
  providerId?: string | null;
  ipAddress?: string | null;
}

const base = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;
const user = (orgId: string, id: string) => `${base(orgId)}/users/${encodeURIComponent(id)}`;

export const orgApi = {
  /** Owners and provider staff only; others get a 404. */
  details: (o: string) => api.get<OrgDetails>(base(o)),
  occupiedSeats: async (o: string) =>
    (await api.get<{ organizationOccupiedSeats: number }>(`${base(o)}/billing/vnext/metadata`))
      .organizationOccupiedSeats,

  items: async (o: string) =>
    (
      await api.get<ListResponse<CipherRow>>(
        `/api/ciphers/organization-details?organizationId=${encodeURIComponent(o)}`,
      )
    ).data,

  /** All collections with their access lists (provider staff: recorded as opening the vault). */
  collections: async (o: string) =>
    (await api.get<ListResponse<CollectionRow>>(`${base(o)}/collections/details`)).data,
  createCollection: (o: string, name: string, users: Selection[]) =>
    api.post<CollectionRow>(`${base(o)}/collections`, { name, externalId: null, groups: [], users }),

  /** A new name; access lists unchanged (null). */
  renameCollection: (o: string, c: CollectionRow, name: string) =>
    api.put<CollectionRow>(`${base(o)}/collections/${encodeURIComponent(c.id)}`, {
      name,
      externalId: c.externalId,
      groups: null,
      users: null,
    }),
  /** Who reaches the collection directly (the list replaces the old one); name and groups kept. */
  setCollectionUsers: (o: string, c: CollectionRow, users: Selection[]) =>
    api.put<CollectionRow>(`${base(o)}/collections/${encodeURIComponent(c.id)}`, {
      name: null,
      externalId: c.externalId,
      groups: null,
      users,
    }),
  deleteCollection: (o: string, id: string) =>
    api.delete<null>(`${base(o)}/collections/${encodeURIComponent(id)}`),

  members: async (o: string) =>
    (
      await api.get<ListResponse<MemberRow>>(
        `${base(o)}/users?includeCollections=true&includeGroups=true`,
      )
    ).data,
  invite: (o: string, emails: string[], type: number) =>
    api.post<null>(`${base(o)}/users/invite`, {
      emails,
      type,
      collections: [],
      groups: [],
      accessSecretsManager: false,
      permissions: null,
    }),
  reinvite: (o: string, id: string) => api.post<null>(`${user(o, id)}/reinvite`),
  publicKeys: async (o: string, ids: string[]) =>
    (await api.post<ListResponse<PublicKeyRow>>(`${base(o)}/users/public-keys`, { ids })).data,
  confirm: (o: string, id: string, key: string) =>
    api.post<null>(`${user(o, id)}/confirm`, { key }),
  /** A new role; the member's direct collection access is sent back unchanged, groups kept. */
  setRole: (o: string, m: MemberRow, type: number) =>
    api.put<null>(user(o, m.id), {
      type,
      collections: m.collections ?? [],
      groups: null,
      accessSecretsManager: false,
      permissions: null,
    }),
  revoke: (o: string, id: string) => api.put<null>(`${user(o, id)}/revoke`),
  restore: (o: string, id: string) => api.put<null>(`${user(o, id)}/restore`),
  remove: (o: string, id: string) => api.delete<null>(user(o, id)),

  update: (o: string, body: { name: string; billingEmail: string }) =>
    api.put<OrgDetails>(base(o), body),

  groups: async (o: string) => (await api.get<ListResponse<GroupRow>>(`${base(o)}/groups`)).data,
  createGroup: (o: string, name: string) =>
    api.post<GroupRow>(`${base(o)}/groups`, { name, externalId: null, collections: [], users: [] }),
  deleteGroup: (o: string, id: string) =>
    api.delete<null>(`${base(o)}/groups/${encodeURIComponent(id)}`),
  setPolicy: (o: string, type: number, enabled: boolean, data: Record<string, unknown> | null) =>
    api.put<PolicyRow>(`${base(o)}/policies/${type}`, { policy: { enabled, data }, metadata: null }),
  policies: async (o: string) =>
    (await api.get<ListResponse<PolicyRow>>(`${base(o)}/policies`)).data,
  events: (o: string, start: string, end: string, continuationToken: string | null) => {
    const q = new URLSearchParams({ start, end });
    if (continuationToken) q.set("continuationToken", continuationToken);
    return api.get<ListResponse<OrgEventRow>>(`${base(o)}/events?${q.toString()}`);
  },
};
