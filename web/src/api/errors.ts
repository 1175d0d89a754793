// The errors the API client throws. Pages show `message`, which is the server's own sentence,
// next to the field it names (`forField`) or next to the action that failed.

/** The server answered and refused: its sentence, and the fields it named. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** HTTP status (400, 404, 429, ...). */
  readonly status: number;
  /** The OAuth error code of an identity refusal (`invalid_grant`, `device_error`, ...). */
  readonly code: string | null;
  /** `validationErrors` as sent: property path (e.g. `"Email"`, `"Cipher.Name"`, `""`) → messages. */
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;

  constructor(
    status: number,
    message: string,
    fieldErrors: Readonly<Record<string, readonly string[]>> = {},
    code: string | null = null,
  ) {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.code = code;
  }

  /**
   * The server's first message for a field, matched as the server names it: case-insensitively,
   * on the whole path or its last segment (`"masterPasswordHint"` finds `"MasterPasswordHint"`).
   */
  forField(field: string): string | undefined {
    const want = field.toLowerCase();
    for (const [key, messages] of Object.entries(this.fieldErrors)) {
      const k = key.toLowerCase();
      const last = k.slice(k.lastIndexOf(".") + 1);
      if ((k === want || last === want) && messages[0] !== undefined) {
        return messages[0];
      }
    }
    return undefined;
  }
}

/**
 * The password was right and a second step is needed: the providers the account has enabled
 * (0 authenticator app, 1 e-mail, 3 YubiKey, 7 WebAuthn, 8 recovery code ...).
 */
export class TwoFactorRequiredError extends Error {
  override readonly name = "TwoFactorRequiredError";
  readonly providers: readonly number[];
  constructor(providers: readonly number[]) {
    super("Two-step login is required.");
    this.providers = providers;
  }
}

/** The request never got an answer: offline, DNS, server down, connection reset. */
export class ConnectionError extends Error {
  override readonly name = "ConnectionError";
  constructor(cause?: unknown) {
    super(
      "Can't reach the server: check your connection and try again. Nothing you typed was lost.",
      cause === undefined ? undefined : { cause },
    );
  }
}

/** The sign-in is over (refresh token expired or revoked, account changed): sign in again. */
export class SessionExpiredError extends Error {
  override readonly name = "SessionExpiredError";
  constructor() {
    super("Your session has ended. Sign in again.");
  }
}

/** The sentence to show for any error a request or a flow may throw. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error && e.message) {
    return e.message;
  }
  return "Something went wrong. Try again.";
}
