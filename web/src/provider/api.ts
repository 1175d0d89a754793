// The Provider Portal's calls, typed, through the portal's one API client. Ids are put into
// paths with encodeURIComponent; the server checks every one against the caller's provider.

import { api, type ListResponse } from "../api";

export interface ProviderDetails {
  id: string;
  name: string | null;
  businessName: string | null;
  billingEmail: string | null;
  type: number;
  creationDate: string;
}

/** One row of the clients table (`providerOrganizationOrganizationDetail`). */
export interface ClientRow {
  /** The link id: what the client routes take. */
  id: string;
  organizationId: string;
  organizationName: string;
  /** The org key wrapped with the provider key. */
  key: string | null;
  userCount: number;
  seats: number | null;
  occupiedSeats: number;
  remainingSeats: number | null;
  plan: string;
  planType: number;
  enabled: boolean;
}

/** An organization the caller owns that could become a client. */
export interface AddableOrganization {
  id: string;
  name: string;
  plan: string;
  seats: number | null;
  disabled: boolean;
}

export const ProviderUserStatus = { Invited: 0, Accepted: 1, Confirmed: 2 } as const;

export interface ProviderUserRow {
  id: string;
  userId: string | null;
  type: number;
  status: number;
  name: string | null;
  email: string | null;
}

export interface PublicKeyRow {
  id: string;
  userId: string;
  key: string;
}

export interface BulkResult {
  id: string;
  error: string;
}

export interface EventRow {
  type: number;
  date: string;
  actingUserId: string | null;
  providerUserId?: string | null;
  providerOrganizationId?: string | null;
  organizationId?: string | null;
  organizationUserId?: string | null;
  ipAddress?: string | null;
  deviceType?: number | null;
}

export interface SubscriptionPlan {
  planName: string;
  type: number;
  seatMinimum: number;
  purchasedSeats: number;
  assignedSeats: number;
  cost: number;
  cadence: string;
}

export interface Subscription {
  status: string;
  plans: SubscriptionPlan[];
}

export interface Statement {
  id: string;
  date: string;
  number: string;
  total: number;
  status: string;
}

/** The plans a client can be created on, with the numbers the server takes. */
export const CLIENT_PLANS = [
  { type: 17, label: "Teams (Monthly)" },
  { type: 19, label: "Enterprise (Monthly)" },
  { type: 20, label: "Enterprise (Annually)" },
] as const;

const base = (providerId: string) => `/api/providers/${encodeURIComponent(providerId)}`;

export const providerApi = {
  details: (p: string) => api.get<ProviderDetails>(base(p)),
  update: (p: string, body: { name: string; businessName: string; billingEmail: string }) =>
    api.put<ProviderDetails>(base(p), body),
  remove: (p: string) => api.delete<null>(base(p)),
  setup: (
    p: string,
    body: { name: string; businessName: string; billingEmail: string; token: string; key: string },
  ) => api.post<ProviderDetails>(`${base(p)}/setup`, body),

  clients: async (p: string) =>
    (await api.get<ListResponse<ClientRow>>(`${base(p)}/organizations`)).data,
  createClient: (
    p: string,
    body: {
      name: string;
      ownerEmail: string;
      planType: number;
      seats: number;
      key: string;
      keyPair: { publicKey: string; encryptedPrivateKey: string };
      collectionName: string;
    },
  ) => api.post<null>(`${base(p)}/clients`, body),
  updateClient: (p: string, link: string, body: { name: string; assignedSeats: number }) =>
    api.put<null>(`${base(p)}/clients/${encodeURIComponent(link)}`, body),
  removeClient: (p: string, link: string) =>
    api.delete<null>(`${base(p)}/organizations/${encodeURIComponent(link)}`),
  addable: (p: string) => api.get<AddableOrganization[]>(`${base(p)}/clients/addable`),
  addExisting: (p: string, organizationId: string, key: string) =>
    api.post<null>(`${base(p)}/clients/existing`, { organizationId, key }),

  users: async (p: string) =>
    (await api.get<ListResponse<ProviderUserRow>>(`${base(p)}/users`)).data,
  invite: (p: string, emails: string[], type: number) =>
    api.post<null>(`${base(p)}/users/invite`, { emails, type }),
  reinvite: (p: string, id: string) =>
    api.post<null>(`${base(p)}/users/${encodeURIComponent(id)}/reinvite`),
  publicKeys: async (p: string, ids: string[]) =>
    (await api.post<ListResponse<PublicKeyRow>>(`${base(p)}/users/public-keys`, { ids })).data,
  confirm: (p: string, id: string, key: string) =>
    api.post<null>(`${base(p)}/users/${encodeURIComponent(id)}/confirm`, { key }),
  setUserType: (p: string, id: string, type: number) =>
    api.put<null>(`${base(p)}/users/${encodeURIComponent(id)}`, { type }),
  removeUser: (p: string, id: string) =>
    api.delete<null>(`${base(p)}/users/${encodeURIComponent(id)}`),

  events: (p: string, start: string, end: string, continuationToken: string | null) => {
    const q = new URLSearchParams({ start, end });
    if (continuationToken) q.set("continuationToken", continuationToken);
    return api.get<ListResponse<EventRow>>(`${base(p)}/events?${q.toString()}`);
  },

  subscription: (p: string) => api.get<Subscription>(`${base(p)}/billing/subscription`),
  statements: async (p: string) =>
    (await api.get<{ invoices: Statement[] }>(`${base(p)}/billing/invoices`)).invoices,
  statementCsv: (p: string, month: string) =>
    api.getText(`${base(p)}/billing/invoices/${encodeURIComponent(month)}`),
};
