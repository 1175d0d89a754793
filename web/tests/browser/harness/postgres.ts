// A fresh PostgreSQL database per server, named like the Rust tests' (`bulwark_e2e_` and 32
// hex characters), so scripts/test.sh drops any a crashed run left behind.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The admin URL: BULWARK_TEST_POSTGRES, as for the Rust tests. */
export function adminUrl(): string {
  return process.env["BULWARK_TEST_POSTGRES"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

async function psql(sql: string): Promise<void> {
  await run("psql", [adminUrl(), "-v", "ON_ERROR_STOP=1", "-qc", sql]);
}

export interface Database {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createDatabase(): Promise<Database> {
  const name = `bulwark_e2e_${randomBytes(16).toString("hex")}`;
  await psql(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => dropInBackground(name),
  };
}

/**
 * DROP DATABASE waits for a checkpoint, which took 38 s under a busy test run; the test does
 * not wait for it. psql runs on its own (detached, not killed when the tests end), and
 * scripts/test.sh drops any database a failed drop left behind, by its prefix. FORCE: a
 * connection the stopped server left open must not keep the database alive.
 */
function dropInBackground(name: string): void {
  const child = spawn("psql", [adminUrl(), "-qc", `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], {
    detached: true,
    stdio: "ignore",
  });
  child.on("error", () => undefined);
  child.unref();
}
