//! A real SMTP server for tests: Python's aiosmtpd (from PyPI, installed by scripts/test.sh),
//! started per test on a free loopback port, storing what it receives in a Maildir that the
//! test reads back.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

#[derive(Debug)]
pub struct SmtpSink {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

/// A delivered message, body decoded.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Mail {
    /// The value of `name=` in the first link of the body that has it.
    #[must_use]
    pub fn link_param(&self, name: &str) -> Option<String> {
        let start = self.body.find(&format!("{name}="))? + name.len() + 1;
        let raw: String = self.body[start..]
            .chars()
            .take_while(|c| !matches!(c, '&' | '\n' | '\r' | ' '))
            .collect();
        url::form_urlencoded::parse(format!("v={raw}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    }
}

/// Whether the listener on `port` opens with an SMTP greeting (`220 …`).
async fn greets_with_smtp(port: u16) -> bool {
    use tokio::io::AsyncReadExt;
    let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
        return false;
    };
    let mut greeting = [0u8; 4];
    let read = tokio::time::timeout(Duration::from_secs(2), stream.read_exact(&mut greeting));
    matches!(read.await, Ok(Ok(_))) && greeting.starts_with(b"220")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl SmtpSink {
    /// Starts `python3 -m aiosmtpd` on a free loopback port and waits until it greets.
    ///
    /// The port is free when chosen but the sink binds it a moment later, and in a busy test
    /// run another process (a test server binding port 0) can take it first: aiosmtpd then
    /// exits, while a bare connect would still succeed against the other process, and every
    /// mail would be lost. So the sink counts as started only when the port answers with an
    /// SMTP greeting and the child is still running; otherwise it is tried on another port.
    ///
    /// # Panics
    /// When python3 with aiosmtpd is missing or the sink does not start.
    pub async fn start() -> Self {
        for _ in 0..5 {
            if let Some(sink) = Self::try_start().await {
                return sink;
            }
        }
        panic!("aiosmtpd did not start on any of five ports");
    }

    async fn try_start() -> Option<Self> {
        let dir = tempfile::tempdir().expect("temp dir");
        let port = free_port();
        let mut child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("maildir"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (pip install aiosmtpd; scripts/test.sh does)");
        for _ in 0..400 {
            if child.try_wait().ok().flatten().is_some() {
                return None;
            }
            if greets_with_smtp(port).await && child.try_wait().ok().flatten().is_none() {
                return Some(Self { child, port, dir });
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        None
    }

    /// The sender address tests configure the server with.
    pub const FROM: &'static str = "Bulwark <vault@bulwark.test>";

    /// Every message delivered so far.
    #[must_use]
    pub fn messages(&self) -> Vec<Mail> {
        let new = self.dir.path().join("maildir").join("new");
        let Ok(entries) = std::fs::read_dir(new) else {
            return Vec::new();
        };
        let mut mails: Vec<(std::time::SystemTime, Mail)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let modified = e.metadata().ok()?.modified().ok()?;
                let text = std::fs::read_to_string(e.path()).ok()?;
                Some((modified, parse(&text)))
            })
            .collect();
        mails.sort_by_key(|(t, _)| *t);
        mails.into_iter().map(|(_, m)| m).collect()
    }

    /// Waits (up to 10 s) until a message to `to` has arrived and returns the newest one.
    pub async fn wait_for(&self, to: &str) -> Mail {
        for _ in 0..400 {
            if let Some(m) = self
                .messages()
                .into_iter()
                .rev()
                .find(|m| m.to.contains(to))
            {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("no mail to {to} arrived; have {:?}", self.messages());
    }

    /// Waits (up to 10 s) until `n` messages to `to` have arrived; returns them oldest first.
    pub async fn wait_for_count(&self, to: &str, n: usize) -> Vec<Mail> {
        for _ in 0..400 {
            let mails: Vec<Mail> = self
                .messages()
                .into_iter()
                .filter(|m| m.to.contains(to))
                .collect();
            if mails.len() >= n {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("fewer than {n} mails to {to} arrived");
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn parse(text: &str) -> Mail {
    let text = text.replace("\r\n", "\n");
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    // Unfold continuation lines before reading headers.
    let head = head.replace("\n ", " ").replace("\n\t", " ");
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
            })
            .unwrap_or_default()
    };
    let encoding = header("Content-Transfer-Encoding").to_ascii_lowercase();
    let body = match encoding.as_str() {
        "quoted-printable" => decode_quoted_printable(body),
        "base64" => {
            use base64::Engine;
            let compact: String = body.split_whitespace().collect();
            String::from_utf8_lossy(
                &base64::engine::general_purpose::STANDARD
                    .decode(compact)
                    .unwrap_or_default(),
            )
            .into_owned()
        }
        _ => body.to_owned(),
    };
    Mail {
        to: header("To"),
        subject: header("Subject"),
        body,
    }
}

fn decode_quoted_printable(s: &str) -> String {
    let joined = s.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() + 1 {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..(i + 3).min(bytes.len())])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
