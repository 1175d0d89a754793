// `npm run bench:crypto`: times the portal's default Argon2id (64 MiB, 3 passes, 4 lanes) and
// PBKDF2 600,000 in node, the same code the KDF worker runs in the browser.

import { deriveMasterKeyDirect } from "../../src/crypto/kdf-direct.js";
import type { KdfConfig } from "../../src/crypto/kdf.js";

async function time(label: string, kdf: KdfConfig, runs: number): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await deriveMasterKeyDirect("correct horse battery staple", `bench${i}@example.com`, kdf);
    ms.push(performance.now() - t0);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `${label}: median ${median.toFixed(0)} ms, min ${(sorted[0] ?? 0).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms (${runs} runs; first ${(ms[0] ?? 0).toFixed(0)} ms)`,
  );
}

await time("Argon2id 64 MiB / 3 passes / 4 lanes", { kdf: 1, iterations: 3, memory: 64, parallelism: 4 }, 7);
await time("PBKDF2-SHA256 600,000", { kdf: 0, iterations: 600_000 }, 3);
console.log(`node ${process.version}, load average ${(await import("node:os")).loadavg().map((l) => l.toFixed(2)).join(" ")}`);
