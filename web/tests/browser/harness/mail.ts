// A real SMTP server for the server under test: Python's aiosmtpd (scripts/test.sh installs
// it) on a free loopback port, storing each message in a Maildir that tests read back, e.g.
// for the link of an invitation.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { sleep, stop, track } from "./processes.js";

/** The sender address the server is configured with. */
export const MAIL_FROM = "Bulwark <vault@bulwark.test>";

export interface Mail {
  to: string;
  subject: string;
  /** The text, transfer encoding undone. */
  body: string;
  /** Every http(s) URL in the body, in order. */
  links: string[];
}

export interface MailSink {
  port: number;
  /** Every message delivered so far, oldest first. */
  messages(): Mail[];
  /**
   * The newest message to `to` (and with a subject matching `subject`), waiting up to
   * `timeoutMs` for it to arrive.
   */
  waitFor(to: string, options?: { subject?: RegExp; timeoutMs?: number }): Promise<Mail>;
  /** The first link of the newest mail to `to` whose URL contains `fragment`. */
  link(to: string, fragment: string, options?: { timeoutMs?: number }): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether the listener on `port` opens with an SMTP greeting (`220 ...`). */
function greetsWithSmtp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("data", (data) => done(data.toString("latin1").startsWith("220")));
  });
}

/**
 * Starts a sink. The port is free when chosen but bound a moment later, and another process
 * (a server binding port 0) can take it first; so the sink counts as started only when the
 * port greets with SMTP while our child is alive, and is tried on another port otherwise.
 */
export async function startMailSink(): Promise<MailSink> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const sink = await tryStart();
    if (sink) {
      return sink;
    }
  }
  throw new Error("aiosmtpd did not start on any of five ports (python3 -m pip install aiosmtpd)");
}

async function tryStart(): Promise<MailSink | undefined> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bulwark-mail-"));
  const maildir = path.join(dir, "maildir");
  const port = await freePort();
  const child = spawn(
    "python3",
    ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", maildir],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  track(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) {
      rmSync(dir, { recursive: true, force: true });
      if (/No module named/.test(stderr)) {
        throw new Error(`aiosmtpd is missing: ${stderr.trim()}`);
      }
      return undefined;
    }
    if ((await greetsWithSmtp(port)) && child.exitCode === null) {
      return sink(child, port, dir, maildir);
    }
    await sleep(25);
  }
  await stop(child);
  rmSync(dir, { recursive: true, force: true });
  return undefined;
}

function sink(child: ChildProcess, port: number, dir: string, maildir: string): MailSink {
  const messages = (): Mail[] => {
    const fresh = path.join(maildir, "new");
    let names: string[];
    try {
      names = readdirSync(fresh);
    } catch {
      return [];
    }
    return names
      .map((name) => {
        const file = path.join(fresh, name);
        return { time: statSync(file).mtimeMs, mail: parseMail(readFileSync(file, "utf8")) };
      })
      .sort((a, b) => a.time - b.time)
      .map((m) => m.mail);
  };
  const waitFor: MailSink["waitFor"] = async (to, options = {}) => {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const found = messages()
        .reverse()
        .find((m) => m.to.includes(to) && (!options.subject || options.subject.test(m.subject)));
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        const seen = messages().map((m) => `${m.to}: ${m.subject}`);
        throw new Error(`no mail to ${to} arrived; the sink has: ${JSON.stringify(seen)}`);
      }
      await sleep(50);
    }
  };
  return {
    port,
    messages,
    waitFor,
    async link(to, fragment, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 10_000);
      for (;;) {
        const remaining = Math.max(0, deadline - Date.now());
        const mail = await waitFor(to, { timeoutMs: remaining });
        const link = [...messages()]
          .reverse()
          .filter((m) => m.to.includes(to))
          .flatMap((m) => m.links)
          .find((l) => l.includes(fragment));
        if (link) {
          return link;
        }
        if (Date.now() > deadline) {
          throw new Error(`no mail to ${to} has a link with ${fragment}; newest: ${mail.body}`);
        }
        await sleep(50);
      }
    },
    async stop() {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A single-part message (what Bulwark sends): headers, then the body in its encoding. */
export function parseMail(raw: string): Mail {
  const text = raw.replace(/\r\n/g, "\n");
  const split = text.indexOf("\n\n");
  const head = (split < 0 ? text : text.slice(0, split)).replace(/\n[ \t]+/g, " ");
  const rawBody = split < 0 ? "" : text.slice(split + 2);
  const header = (name: string): string => {
    for (const line of head.split("\n")) {
      const colon = line.indexOf(":");
      if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name.toLowerCase()) {
        return line.slice(colon + 1).trim();
      }
    }
    return "";
  };
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const body =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(rawBody)
      : encoding === "base64"
        ? Buffer.from(rawBody.replace(/\s+/g, ""), "base64").toString("utf8")
        : rawBody;
  return {
    to: header("To"),
    subject: header("Subject"),
    body,
    links: body.match(/https?:\/\/[^\s<>"]+/g) ?? [],
  };
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
