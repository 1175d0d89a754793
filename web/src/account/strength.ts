// A local estimate of a master password's strength (no third-party service, nothing sent
// anywhere): length, character variety, and penalties for the patterns guessers try first
// (common passwords, repeats, sequences, the e-mail's name part).

export interface Strength {
  /** 0 very weak … 4 strong. */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  /** One suggestion, or null when strong. */
  advice: string | null;
}

const LABELS = ["Very weak", "Weak", "Fair", "Good", "Strong"] as const;

const COMMON = [
  "password", "passwort", "letmein", "welcome", "qwerty", "azerty", "123456", "111111",
  "abc123", "iloveyou", "admin", "monkey", "dragon", "master", "login", "secret", "sunshine",
  "princess", "football", "baseball", "shadow", "bitwarden", "bulwark", "changeme", "trustno1",
];

const SEQUENCES = ["abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiopasdfghjklzxcvbnm"];

function hasSequence(p: string): boolean {
  const s = p.toLowerCase();
  for (const seq of SEQUENCES) {
    for (let i = 0; i + 4 <= seq.length; i++) {
      const part = seq.slice(i, i + 4);
      if (s.includes(part) || s.includes([...part].reverse().join(""))) return true;
    }
  }
  return false;
}

export function estimateStrength(password: string, context: readonly string[] = []): Strength {
  if (password.length === 0) return { score: 0, label: LABELS[0], advice: "Enter a master password." };
  const lower = password.toLowerCase();
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(password)) pool += 33;
  const unique = new Set(password).size;
  // Bits if random over the pool, capped by how varied the characters really are.
  let bits = password.length * Math.log2(Math.max(pool, 2));
  bits = Math.min(bits, unique * Math.log2(Math.max(pool, 2)) * 1.5);
  let advice: string | null = null;
  if (COMMON.some((w) => lower.includes(w))) {
    bits -= 28;
    advice = "Avoid common words and passwords.";
  }
  if (/(.)\1{2,}/.test(password)) {
    bits -= 12;
    advice ??= "Avoid repeated characters.";
  }
  if (hasSequence(password)) {
    bits -= 12;
    advice ??= "Avoid sequences like abcd or 1234.";
  }
  for (const c of context) {
    const word = c.trim().toLowerCase();
    if (word.length >= 3 && lower.includes(word)) {
      bits -= 20;
      advice ??= "Don't use your name or e-mail address.";
    }
  }
  const score: Strength["score"] =
    bits < 30 ? 0 : bits < 45 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
  if (score < 4 && advice === null) {
    advice =
      password.length < 14
        ? "Make it longer: several unrelated words work well."
        : "Add another word or some symbols.";
  }
  return { score, label: LABELS[score], advice: score === 4 ? null : advice };
}
