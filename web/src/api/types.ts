// The wire shapes the portal reads and sends, as the server writes them (camelCase on /api and
// /identity/accounts, PascalCase Bitwarden fields on the token response). Only the fields the
// portal uses are typed; the server sends more.

/** KdfType: 0 PBKDF2-SHA256, 1 Argon2id. */
export type KdfType = 0 | 1;

export interface KdfSettings {
  kdf: KdfType;
  iterations: number;
  memory?: number | null;
  parallelism?: number | null;
}

export interface PreloginResponse {
  kdf: number;
  kdfIterations: number;
  kdfMemory: number | null;
  kdfParallelism: number | null;
  kdfSettings?: {
    kdfType: number;
    iterations: number;
    memory: number | null;
    parallelism: number | null;
  };
  salt?: string | null;
}

export interface ServerConfig {
  version: string;
  settings?: { disableUserRegistration?: boolean } | null;
}

/** The password grant's answer (2.4), reduced to what unlocking needs. */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: string;
  refresh_token?: string;
  Key?: string;
  PrivateKey?: string | null;
  AccountKeys?: {
    publicKeyEncryptionKeyPair?: { wrappedPrivateKey?: string; publicKey?: string };
  } | null;
  Kdf?: number;
  KdfIterations?: number;
  KdfMemory?: number | null;
  KdfParallelism?: number | null;
  UserDecryptionOptions?: {
    MasterPasswordUnlock?: { Salt?: string; MasterKeyEncryptedUserKey?: string } | null;
  } | null;
}

export interface RefreshResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
}

/** Organization membership type. */
export const OrgUserType = { Owner: 0, Admin: 1, User: 2, Manager: 3, Custom: 4 } as const;
/** Organization membership status. */
export const OrgUserStatus = { Revoked: -1, Invited: 0, Accepted: 1, Confirmed: 2 } as const;
/** Provider membership type. */
export const ProviderUserType = { ProviderAdmin: 0, ServiceUser: 1 } as const;
/** Provider type. */
export const ProviderType = { Msp: 0, Reseller: 1, BusinessUnit: 2 } as const;

export interface ProfileOrganization {
  id: string;
  name: string;
  /** The org key wrapped for this user (EncString type 4), null until confirmed. */
  key: string | null;
  status: number;
  type: number;
  enabled: boolean;
  organizationUserId?: string;
  providerId?: string | null;
  providerName?: string | null;
  permissions?: Record<string, boolean> | null;
}

export interface ProfileProvider {
  id: string;
  name: string | null;
  /** The provider key wrapped for this user (EncString type 4), null until confirmed. */
  key: string | null;
  status: number;
  type: number;
  enabled: boolean;
  providerStatus?: number;
  providerType?: number;
}

export interface ProfileProviderOrganization {
  id: string;
  name: string;
  key: string | null;
  providerId: string;
  providerName: string | null;
}

export interface Profile {
  id: string;
  name: string | null;
  email: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  key: string;
  privateKey: string | null;
  accountKeys?: {
    publicKeyEncryptionKeyPair?: { wrappedPrivateKey: string; publicKey: string } | null;
  } | null;
  securityStamp: string;
  creationDate: string;
  organizations: ProfileOrganization[] | null;
  providers: ProfileProvider[] | null;
  providerOrganizations: ProfileProviderOrganization[] | null;
}

/** 0 pending, 1 approved, 2 rejected. */
export type ApplicationStatus = 0 | 1 | 2;

export interface ProviderApplication {
  id: string;
  businessName: string;
  billingEmail: string;
  type: number;
  expectedClients: number;
  status: ApplicationStatus;
  providerId: string | null;
  creationDate: string;
  decisionDate: string | null;
}

export interface ProviderApplicationRequest {
  businessName: string;
  billingEmail: string;
  type: number;
  expectedClients: number;
}

export interface ListResponse<T> {
  data: T[];
  continuationToken: string | null;
}

/** `POST /identity/accounts/register/finish`, the flat variant every client still sends. */
export interface RegisterFinishRequest {
  email: string;
  name: string | null;
  masterPasswordHash: string;
  masterPasswordHint: string | null;
  userSymmetricKey: string;
  userAsymmetricKeys: { publicKey: string; encryptedPrivateKey: string };
  kdf: KdfType;
  kdfIterations: number;
  kdfMemory: number | null;
  kdfParallelism: number | null;
  emailVerificationToken?: string;
  orgInviteToken?: string;
  organizationUserId?: string;
  providerInviteToken?: string;
  providerUserId?: string;
}
