// The one typed API client of the portal. It speaks to the server the page came from, as the
// Bitwarden web vault does: JSON bodies declared as `application/json`, the token endpoint
// form-encoded, the bearer token on every authenticated call, the refresh token used when the
// access token is about to expire or the server answers 401. Refusals become `ApiError` with
// the server's sentence and fields; no answer at all becomes `ConnectionError`.

import {
  ApiError,
  ConnectionError,
  SessionExpiredError,
  TwoFactorRequiredError,
} from "./errors";
import type {
  ListResponse,
  PreloginResponse,
  Profile,
  ProviderApplication,
  ProviderApplicationRequest,
  RefreshResponse,
  RegisterFinishRequest,
  ServerConfig,
  TokenResponse,
} from "./types";

/** What the client sends as its name and version; the server may gate on the version. */
export const CLIENT_NAME = "web";
export const CLIENT_VERSION = "2026.9.0";
/** A request that gets no answer in this time is reported as a lost connection. */
const REQUEST_TIMEOUT_MS = 60_000;
/** Refresh the access token when less than this is left of it. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** This browser as a Bitwarden device: the type number and name the web vault reports. */
export interface DeviceInfo {
  type: number;
  name: string;
  identifier: string;
}

const DEVICE_ID_KEY = "bulwark.deviceIdentifier";

function randomUuid(): string {
  // crypto.randomUUID needs a secure context; getRandomValues works everywhere.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The device identifier is not a secret: it names this browser to the server's device list. */
function deviceIdentifier(): string {
  try {
    const known = localStorage.getItem(DEVICE_ID_KEY);
    if (known) return known;
    const id = randomUuid();
    localStorage.setItem(DEVICE_ID_KEY, id);
    return id;
  } catch {
    return randomUuid();
  }
}

export function detectDevice(): DeviceInfo {
  const ua = typeof navigator === "undefined" ? "" : navigator.userAgent;
  // DeviceType numbers: 9 Chrome, 10 Firefox, 11 Opera, 12 Edge, 14 unknown, 17 Safari, 18 Vivaldi.
  let type = 14;
  let name = "browser";
  if (/Firefox\//.test(ua)) [type, name] = [10, "firefox"];
  else if (/Edg\//.test(ua)) [type, name] = [12, "edge"];
  else if (/OPR\//.test(ua)) [type, name] = [11, "opera"];
  else if (/Vivaldi\//.test(ua)) [type, name] = [18, "vivaldi"];
  else if (/Chrom(e|ium)\//.test(ua)) [type, name] = [9, "chrome"];
  else if (/Safari\//.test(ua)) [type, name] = [17, "safari"];
  return { type, name, identifier: deviceIdentifier() };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

function statusSentence(status: number): string {
  if (status === 401) return "You are not signed in, or your session has ended.";
  if (status === 403) return "You are not allowed to do this.";
  if (status === 404) return "Not found.";
  if (status === 413) return "That is too large for the server.";
  if (status === 429) return "Too many requests. Wait a moment and try again.";
  if (status >= 500) return `The server had a problem (HTTP ${status}). Try again in a moment.`;
  return `The server refused the request (HTTP ${status}).`;
}

/**
 * Turns an error answer into the error a page shows: Bitwarden's `/api` body (`message`,
 * `validationErrors`), the identity body (`ErrorModel.Message`, `error`), the two-step
 * challenge (`TwoFactorProviders2`), or the status alone.
 */
export function errorFromResponse(
  status: number,
  body: unknown,
  text: string,
): ApiError | TwoFactorRequiredError {
  if (isObject(body)) {
    const providers2 = body["TwoFactorProviders2"];
    if (status === 400 && isObject(providers2) && Object.keys(providers2).length > 0) {
      const list = Object.keys(providers2)
        .map(Number)
        .filter((n) => Number.isInteger(n));
      return new TwoFactorRequiredError(list);
    }
    const fields: Record<string, string[]> = {};
    const ve = body["validationErrors"];
    if (isObject(ve)) {
      for (const [k, v] of Object.entries(ve)) {
        if (Array.isArray(v)) {
          const msgs = v.filter((m): m is string => typeof m === "string" && m.length > 0);
          if (msgs.length > 0) fields[k] = msgs;
        }
      }
    }
    const em = body["ErrorModel"];
    const em2 = body["errorModel"];
    const identityMessage =
      (isObject(em) ? str(em["Message"]) : undefined) ??
      (isObject(em2) ? str(em2["message"]) : undefined);
    let message = identityMessage ?? str(body["message"]);
    const firstField = Object.values(fields)[0]?.[0];
    if ((message === undefined || message === "The model state is invalid.") && firstField) {
      message = firstField;
    }
    const code = str(body["error"]) ?? null;
    message ??= str(body["error_description"]) ?? statusSentence(status);
    return new ApiError(status, message, fields, code);
  }
  const plain = text.trim();
  if (plain && plain.length < 300 && !plain.startsWith("<")) {
    return new ApiError(status, plain);
  }
  return new ApiError(status, statusSentence(status));
}

interface RequestOptions {
  method: string;
  path: string;
  json?: unknown;
  form?: Record<string, string>;
  /** A multipart body; the browser sets its Content-Type with the boundary. */
  multipart?: FormData;
  auth: boolean;
  /** Answer the body as text instead of parsed JSON. */
  text?: boolean;
}

export class ApiClient {
  readonly device: DeviceInfo;
  private tokens: Tokens | null = null;
  private refreshing: Promise<void> | null = null;
  /** Called whenever the tokens change (sign-in, refresh, sign-out), to persist them. */
  onTokensChanged: (tokens: Tokens | null) => void = () => {};
  /** Called once when the server refuses the refresh token: the session is over. */
  onSessionExpired: () => void = () => {};

  constructor(private readonly baseUrl = "", device?: DeviceInfo) {
    this.device = device ?? detectDevice();
  }

  setTokens(tokens: Tokens | null): void {
    this.tokens = tokens;
    this.onTokensChanged(tokens);
  }

  getTokens(): Tokens | null {
    return this.tokens;
  }

  // ---- anonymous -------------------------------------------------------------------------

  config(): Promise<ServerConfig> {
    return this.send<ServerConfig>({ method: "GET", path: "/api/config", auth: false });
  }

  prelogin(email: string): Promise<PreloginResponse> {
    return this.send<PreloginResponse>({
      method: "POST",
      path: "/identity/accounts/prelogin/password",
      json: { email },
      auth: false,
    });
  }

  /**
   * Step 1 of registration. Returns the registration token when the server hands it back
   * directly (e-mail verification off), or null when it mailed a link instead.
   */
  async sendVerificationEmail(email: string, name: string | null): Promise<string | null> {
    const answer = await this.send<Json>({
      method: "POST",
      path: "/identity/accounts/register/send-verification-email",
      json: { email, name, receiveMarketingEmails: false },
      auth: false,
    });
    return typeof answer === "string" ? answer : null;
  }

  async registerFinish(body: RegisterFinishRequest): Promise<void> {
    await this.send<Json>({
      method: "POST",
      path: "/identity/accounts/register/finish",
      json: body,
      auth: false,
    });
  }

  /**
   * The password grant. Throws `TwoFactorRequiredError` when a second step is needed, then
   * call again with `twoFactor`. Does not store the tokens: the caller does, once the keys
   * decrypt.
   */
  passwordGrant(
    email: string,
    masterPasswordHash: string,
    twoFactor?: { token: string; provider: number; remember: boolean },
  ): Promise<TokenResponse> {
    const form: Record<string, string> = {
      grant_type: "password",
      username: email,
      password: masterPasswordHash,
      scope: "api offline_access",
      client_id: CLIENT_NAME,
      deviceType: String(this.device.type),
      deviceIdentifier: this.device.identifier,
      deviceName: this.device.name,
    };
    if (twoFactor) {
      form["twoFactorToken"] = twoFactor.token;
      form["twoFactorProvider"] = String(twoFactor.provider);
      form["twoFactorRemember"] = twoFactor.remember ? "1" : "0";
    }
    return this.send<TokenResponse>({
      method: "POST",
      path: "/identity/connect/token",
      form,
      auth: false,
    });
  }

  /** Stores the tokens of a successful grant. */
  adoptTokens(r: { access_token: string; expires_in: number; refresh_token?: string }): void {
    this.setTokens({
      accessToken: r.access_token,
      refreshToken: r.refresh_token ?? this.tokens?.refreshToken ?? null,
      expiresAt: Date.now() + r.expires_in * 1000,
    });
  }

  // ---- authenticated ---------------------------------------------------------------------

  get<T>(path: string): Promise<T> {
    return this.send<T>({ method: "GET", path, auth: true });
  }

  /** A text answer (a CSV statement), refused in the same error shapes as JSON calls. */
  getText(path: string): Promise<string> {
    return this.send<string>({ method: "GET", path, auth: true, text: true });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>({ method: "POST", path, json: body ?? {}, auth: true });
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>({ method: "PUT", path, json: body ?? {}, auth: true });
  }

  delete<T>(path: string, body?: unknown): Promise<T> {
    const o: RequestOptions = { method: "DELETE", path, auth: true };
    if (body !== undefined) o.json = body;
    return this.send<T>(o);
  }

  /** A multipart upload (an attachment's encrypted bytes). */
  postMultipart<T>(path: string, data: FormData): Promise<T> {
    return this.send<T>({ method: "POST", path, multipart: data, auth: true });
  }

  /** The bytes behind one of this server's signed download links: the link is the authorization. */
  async downloadBytes(path: string): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, { credentials: "omit", cache: "no-store" });
      if (response.ok) return new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      throw new ConnectionError(e);
    }
    throw errorFromResponse(response.status, null, await response.text().catch(() => ""));
  }

  profile(): Promise<Profile> {
    return this.get<Profile>("/api/accounts/profile");
  }

  async providerApplications(): Promise<ProviderApplication[]> {
    const list = await this.get<ListResponse<ProviderApplication>>("/api/providers/applications");
    return list.data;
  }

  applyForProvider(req: ProviderApplicationRequest): Promise<ProviderApplication> {
    return this.post<ProviderApplication>("/api/providers/applications", req);
  }

  async acceptOrganization(orgId: string, orgUserId: string, token: string): Promise<void> {
    await this.post<Json>(
      `/api/organizations/${encodeURIComponent(orgId)}/users/${encodeURIComponent(orgUserId)}/accept`,
      { token },
    );
  }

  async acceptProvider(providerId: string, providerUserId: string, token: string): Promise<void> {
    await this.post<Json>(
      `/api/providers/${encodeURIComponent(providerId)}/users/${encodeURIComponent(providerUserId)}/accept`,
      { token },
    );
  }

  // ---- plumbing --------------------------------------------------------------------------

  private async refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) {
      this.expire();
      throw new SessionExpiredError();
    }
    try {
      const r = await this.send<RefreshResponse>({
        method: "POST",
        path: "/identity/connect/token",
        form: { grant_type: "refresh_token", client_id: CLIENT_NAME, refresh_token: refreshToken },
        auth: false,
      });
      this.adoptTokens(r);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 400 || e.status === 401)) {
        this.expire();
        throw new SessionExpiredError();
      }
      throw e;
    }
  }

  private expire(): void {
    this.setTokens(null);
    this.onSessionExpired();
  }

  private async send<T>(o: RequestOptions, retried = false): Promise<T> {
    if (o.auth) {
      if (!this.tokens) throw new SessionExpiredError();
      if (this.tokens.expiresAt - Date.now() < REFRESH_MARGIN_MS) {
        await this.refresh();
      }
    }
    const headers: Record<string, string> = {
      "Bitwarden-Client-Name": CLIENT_NAME,
      "Bitwarden-Client-Version": CLIENT_VERSION,
      "Device-Type": String(this.device.type),
      Accept: "application/json",
    };
    let body: string | FormData | undefined;
    if (o.multipart) {
      body = o.multipart;
    } else if (o.form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
      body = new URLSearchParams(o.form).toString();
    } else if (o.json !== undefined) {
      headers["Content-Type"] = "application/json; charset=utf-8";
      body = JSON.stringify(o.json);
    }
    if (o.auth && this.tokens) {
      headers["Authorization"] = `Bearer ${this.tokens.accessToken}`;
    } else {
      headers["Device-Identifier"] = this.device.identifier;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    let response: Response;
    let text: string;
    try {
      const init: RequestInit = {
        method: o.method,
        headers,
        credentials: "omit",
        cache: "no-store",
        signal: abort.signal,
      };
      if (body !== undefined) init.body = body;
      response = await fetch(this.baseUrl + o.path, init);
      text = await response.text();
    } catch (e) {
      throw new ConnectionError(e);
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 401 && o.auth) {
      if (!retried) {
        await this.refresh();
        return this.send<T>(o, true);
      }
      this.expire();
      throw new SessionExpiredError();
    }
    let parsed: unknown = null;
    if (text.length > 0 && (response.headers.get("content-type") ?? "").includes("json")) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    if (response.status === 200 || response.status === 201 || response.status === 204) {
      return (o.text ? text : parsed) as T;
    }
    throw errorFromResponse(response.status, parsed, text);
  }
}

/** The portal's one client, for the server the page came from. */
export const api = new ApiClient();
