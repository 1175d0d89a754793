// The EFF long word list (7,776 words, eff_large_wordlist.txt) that fingerprint phrases are made
// of, from the secure-password-utilities package. Loaded on demand (fingerprint.ts imports this
// module dynamically) so the ~60 KB of words stay out of the page's first bundle.

import { EFF_LONG_WORDLIST } from "secure-password-utilities/wordlists";

if (EFF_LONG_WORDLIST.length !== 7776) {
  throw new Error(`EFF long word list has ${EFF_LONG_WORDLIST.length} words, expected 7776`);
}

export const WORDS: readonly string[] = EFF_LONG_WORDLIST;
