// The real `bulwark` binary on a free loopback port, with a fresh SQLite data directory or a
// fresh PostgreSQL database, and SMTP pointed at a real sink. Its log goes to
// test-artifacts/<test>-<db>.server.log.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createDatabase, type Database } from "./postgres.js";
import { MAIL_FROM, startMailSink, type MailSink } from "./mail.js";
import { stop, track } from "./processes.js";
import { bulwarkBin } from "./paths.js";

const run = promisify(execFile);

export type Db = "sqlite" | "postgres";

export interface ServerOptions {
  /** Whether anyone may register (default true). */
  signupsAllowed?: boolean;
  /** Extra TOML for the configuration file (`key = value` lines, see config.example.toml). */
  config?: string;
  /** Where the server's log is written (default: not kept). */
  logFile?: string;
  /**
   * Serve HTTPS with a certificate for 127.0.0.1 from a throw-away CA (`bw` refuses plain
   * HTTP, loopback included); `url` is then https:// and `caCert` names the CA's PEM.
   */
  tls?: boolean;
}

export interface Server {
  db: Db;
  /** `http://127.0.0.1:<port>` (https:// with `tls`), no trailing slash. */
  url: string;
  /** With `tls`: the PEM file of the CA that signed the server's certificate. */
  caCert: string | undefined;
  mail: MailSink;
  dataDir: string;
  /** The database URL the server uses. */
  databaseUrl: string;
  /** The log so far. */
  log(): string;
  /**
   * Runs `bulwark admin <args>` against this server's database, SMTP and public URL (e.g.
   * `provider create --type msp --owner-email a@example.com`); resolves to its stdout,
   * trimmed, or rejects with its stderr.
   */
  admin(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** The environment without BULWARK_* settings: the server under test reads only its flags. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("BULWARK_")) {
      env[key] = value;
    }
  }
  return { ...env, NO_COLOR: "1", BULWARK_LOG: process.env["BULWARK_LOG"] ?? "info,sqlx=warn" };
}

/**
 * A CA and a server certificate it signs for 127.0.0.1 and localhost, written to `dir`. A CA
 * plus a leaf (rather than one self-signed leaf) is what Node's verifier expects from an
 * extra CA file (`NODE_EXTRA_CA_CERTS`).
 */
async function makeCertificates(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const file = (name: string) => path.join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  try {
    await run("openssl", [
      "req", "-x509", ...ec, "-keyout", file("ca.key"), "-out", file("ca.pem"), "-days", "2",
      "-subj", "/CN=Bulwark browser test CA",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    await run("openssl", ["req", ...ec, "-keyout", file("key.pem"), "-out", file("cert.csr"), "-subj", "/CN=127.0.0.1"]);
    writeFileSync(
      file("cert.ext"),
      "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n",
    );
    await run("openssl", [
      "x509", "-req", "-in", file("cert.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"),
      "-CAcreateserial", "-out", file("cert.pem"), "-days", "2", "-extfile", file("cert.ext"),
    ]);
  } catch (e) {
    const failure = e as { stderr?: string; message: string };
    throw new Error(`the test certificate could not be made with openssl (is it installed?): ${failure.stderr ?? failure.message}`);
  }
  return { ca: file("ca.pem"), cert: file("cert.pem"), key: file("key.pem") };
}

export async function startServer(db: Db, options: ServerOptions = {}): Promise<Server> {
  const bin = bulwarkBin();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bulwark-browser-"));
  let database: Database | undefined;
  let mail: MailSink | undefined;
  let child: ChildProcess | undefined;
  try {
    database = db === "postgres" ? await createDatabase() : undefined;
    const databaseUrl = database?.url ?? `sqlite://${path.join(dataDir, "bulwark.sqlite3")}?mode=rwc`;
    mail = await startMailSink();
    const configFile = path.join(dataDir, "bulwark.toml");
    writeFileSync(configFile, options.config ?? "");
    const pki = options.tls ? await makeCertificates(dataDir) : undefined;
    const settings = [
      "--data-dir", dataDir,
      "--database-url", databaseUrl,
      "--config", configFile,
      "--smtp-host", "127.0.0.1",
      "--smtp-port", String(mail.port),
      "--smtp-security", "off",
      "--smtp-from", MAIL_FROM,
    ];
    const server = spawn(
      bin,
      [
        "serve", "--bind", "127.0.0.1:0", "--signups-allowed", String(options.signupsAllowed ?? true),
        ...(pki ? ["--tls-cert", pki.cert, "--tls-key", pki.key] : []),
        ...settings,
      ],
      { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] },
    );
    child = server;
    track(server);
    let log = "";
    const file = options.logFile ? createWriteStream(options.logFile) : undefined;
    const onLog = (chunk: Buffer) => {
      log += chunk.toString();
      file?.write(chunk);
    };
    server.stdout?.on("data", onLog);
    server.stderr?.on("data", onLog);

    // Port 0: the server logs the address it bound.
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bulwark did not start in 30 s:\n${log}`)), 30_000);
      const check = () => {
        const found = /bulwark listening address=([0-9.:]+)/.exec(log);
        if (found?.[1]) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      };
      server.stdout?.on("data", check);
      server.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`bulwark serve exited with ${code}:\n${log}`));
      });
    });
    const url = `${pki ? "https" : "http"}://${address}`;
    const sink = mail;
    const db_ = database;
    return {
      db,
      url,
      caCert: pki?.ca,
      mail: sink,
      dataDir,
      databaseUrl,
      log: () => log,
      async admin(...args) {
        try {
          const { stdout } = await run(bin, ["admin", ...settings, "--public-url", url, ...args], {
            env: cleanEnv(),
          });
          return stdout.trim();
        } catch (e) {
          const failure = e as { stderr?: string; message: string };
          throw new Error(`bulwark admin ${args.join(" ")} failed: ${failure.stderr ?? failure.message}`);
        }
      },
      async stop() {
        await stop(server);
        file?.end();
        await sink.stop();
        await db_?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (child) {
      await stop(child);
    }
    await mail?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
