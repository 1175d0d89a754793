// The member and group calls the Members and Groups areas make beyond the single-member ones in
// api.ts: the bulk routes (each answers one outcome per member), inviting with access, and a
// group's members and collections. Ids go into paths with encodeURIComponent.

import { api, type ListResponse } from "../api";
import type { CollectionRow, GroupRow, Selection } from "./api";

const base = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;
const group = (orgId: string, id: string) => `${base(orgId)}/groups/${encodeURIComponent(id)}`;

/** One member's outcome of a bulk request: an empty error means it was done. */
export interface BulkOutcome {
  id: string;
  error: string;
}

/** A group with the collections it reaches (`GET …/groups/{id}/details`). */
export interface GroupDetails extends GroupRow {
  collections: Selection[];
}

const outcomes = async (answer: Promise<ListResponse<BulkOutcome>>) => (await answer).data;

export const membersApi = {
  invite: (o: string, emails: string[], type: number, collections: Selection[], groups: string[]) =>
    api.post<null>(`${base(o)}/users/invite`, {
      emails,
      type,
      collections,
      groups,
      accessSecretsManager: false,
      permissions: null,
    }),

  reinvite: (o: string, ids: string[]) =>
    outcomes(api.post<ListResponse<BulkOutcome>>(`${base(o)}/users/reinvite`, { ids })),
  /** Each key is the org key wrapped for that member's public key. */
  confirm: (o: string, keys: { id: string; key: string }[]) =>
    outcomes(api.post<ListResponse<BulkOutcome>>(`${base(o)}/users/confirm`, { keys })),
  revoke: (o: string, ids: string[]) =>
    outcomes(api.put<ListResponse<BulkOutcome>>(`${base(o)}/users/revoke`, { ids })),
  restore: (o: string, ids: string[]) =>
    outcomes(api.put<ListResponse<BulkOutcome>>(`${base(o)}/users/restore`, { ids })),
  remove: (o: string, ids: string[]) =>
    outcomes(api.post<ListResponse<BulkOutcome>>(`${base(o)}/users/remove`, { ids })),

  /** The org's collections, names still encrypted (no access lists: nothing is opened). */
  collections: async (o: string) =>
    (await api.get<ListResponse<CollectionRow>>(`${base(o)}/collections`)).data,

  groupDetails: (o: string, id: string) => api.get<GroupDetails>(`${group(o, id)}/details`),
  groupMembers: (o: string, id: string) => api.get<string[]>(`${group(o, id)}/users`),
  /** Name, members and collections together; each list replaces the old one. */
  updateGroup: (
    o: string,
    g: GroupRow,
    change: { name: string; users: string[]; collections: Selection[] },
  ) =>
    api.put<GroupRow>(group(o, g.id), {
      name: change.name,
      externalId: g.externalId ?? null,
      users: change.users,
      collections: change.collections,
    }),
};

/** What an administrator's browser needs to recover a member (`…/reset-password-details`). */
export interface RecoveryDetails {
  organizationUserId: string;
  kdf: 0 | 1;
  kdfIterations: number;
  kdfMemory: number | null;
  kdfParallelism: number | null;
  masterPasswordSalt: string;
  /** The member's user key wrapped with the org public key (type 4). */
  resetPasswordKey: string;
  /** The org private key under the org key. */
  encryptedPrivateKey: string;
}

const member = (orgId: string, id: string) => `${base(orgId)}/users/${encodeURIComponent(id)}`;

/** Account recovery: the member's enrolment, and an administrator setting a new master password. */
export const recoveryApi = {
  orgPublicKey: async (o: string) => (await api.get<{ publicKey: string }>(`${base(o)}/public-key`)).publicKey,
  /** `resetPasswordKey` null withdraws; enrolling needs the member's master password hash. */
  enrol: (o: string, userId: string, resetPasswordKey: string | null, masterPasswordHash: string | null) =>
    api.put<null>(`${member(o, userId)}/reset-password-enrollment`, { resetPasswordKey, masterPasswordHash }),
  details: (o: string, id: string) => api.get<RecoveryDetails>(`${member(o, id)}/reset-password-details`),
  recover: (o: string, id: string, newMasterPasswordHash: string, key: string) =>
    api.put<null>(`${member(o, id)}/reset-password`, { resetMasterPassword: true, newMasterPasswordHash, key }),
};
