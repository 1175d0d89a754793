// Password and passphrase generation with the browser's CSPRNG: uniform choices by rejection
// sampling (no modulo bias), at least one character of every class asked for, and passphrases
// from the EFF long word list (loaded on demand, as the fingerprint phrase does).

export interface PasswordOptions {
  length: number;
  uppercase: boolean;
  lowercase: boolean;
  numbers: boolean;
  special: boolean;
  /** Leaves out characters easily mistaken for each other (I, l, 1, O, 0). */
  avoidAmbiguous: boolean;
}

export interface PassphraseOptions {
  words: number;
  separator: string;
  capitalize: boolean;
  /** A digit appended to one of the words. */
  includeNumber: boolean;
}

export const DEFAULT_PASSWORD: PasswordOptions = {
  length: 20,
  uppercase: true,
  lowercase: true,
  numbers: true,
  special: true,
  avoidAmbiguous: false,
};

export const DEFAULT_PASSPHRASE: PassphraseOptions = { words: 5, separator: "-", capitalize: false, includeNumber: false };

export const PASSWORD_LENGTH = { min: 5, max: 128 } as const;
export const PASSPHRASE_WORDS = { min: 3, max: 20 } as const;

const SETS = {
  uppercase: ["ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ABCDEFGHJKLMNPQRSTUVWXYZ"],
  lowercase: ["abcdefghijklmnopqrstuvwxyz", "abcdefghijkmnopqrstuvwxyz"],
  numbers: ["0123456789", "23456789"],
  special: ["!@#$%^&*", "!@#$%^&*"],
} as const;

/** A uniform integer in [0, n), n ≤ 2^32. */
export function randomBelow(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`randomBelow(${n})`);
  // The largest multiple of n that fits: values at or above it are drawn again.
  const limit = Math.floor(2 ** 32 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    const v = buf[0] ?? 0;
    if (v < limit) return v % n;
  }
}

function pick(chars: string): string {
  return chars.charAt(randomBelow(chars.length));
}

export function generatePassword(options: PasswordOptions): string {
  const length = Math.min(PASSWORD_LENGTH.max, Math.max(PASSWORD_LENGTH.min, Math.floor(options.length)));
  const sets = (Object.keys(SETS) as (keyof typeof SETS)[])
    .filter((k) => options[k])
    .map((k) => SETS[k][options.avoidAmbiguous ? 1 : 0]);
  if (sets.length === 0) sets.push(SETS.lowercase[options.avoidAmbiguous ? 1 : 0]);
  // One of each class first, the rest from all of them, then shuffled (Fisher-Yates).
  const chars = sets.map(pick);
  const all = sets.join("");
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? "", chars[i] ?? ""];
  }
  return chars.join("");
}

export async function generatePassphrase(options: PassphraseOptions): Promise<string> {
  const { WORDS } = await import("./wordlist.js");
  const count = Math.min(PASSPHRASE_WORDS.max, Math.max(PASSPHRASE_WORDS.min, Math.floor(options.words)));
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const w = WORDS[randomBelow(WORDS.length)] ?? "";
    words.push(options.capitalize ? w.charAt(0).toUpperCase() + w.slice(1) : w);
  }
  if (options.includeNumber) {
    const i = randomBelow(count);
    words[i] = `${words[i] ?? ""}${randomBelow(10)}`;
  }
  return words.join(options.separator);
}
