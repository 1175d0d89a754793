//! Concurrent writers: each creates items and folders back to back through the real API until
//! the server stops answering, and remembers exactly which writes the server acknowledged.

use bulwark_client::{ciphers, Session};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Item,
    Folder,
}

/// A write the server answered with success and the new object's id.
#[derive(Clone, Debug)]
pub struct Ack {
    pub kind: Kind,
    pub id: String,
}

#[derive(Default)]
pub struct Outcome {
    pub acks: Vec<Ack>,
    /// When each request that never got a complete response was sent. Those sent before the
    /// kill were cut off by it; later ones found the server gone.
    pub unanswered_sent_at: Vec<Instant>,
    /// Error statuses the server answered with while it was alive: `(status, body)`.
    pub rejections: Vec<(u16, String)>,
}

pub struct Load {
    writers: Vec<JoinHandle<Outcome>>,
    acknowledged: Arc<AtomicUsize>,
}

impl Load {
    /// Starts `writers` tasks writing into `session`'s vault as fast as the server answers.
    pub fn start(session: &Session, writers: usize) -> Self {
        let acknowledged = Arc::new(AtomicUsize::new(0));
        let writers = (0..writers)
            .map(|writer| {
                tokio::spawn(write_until_unanswered(
                    session.clone(),
                    writer,
                    Arc::clone(&acknowledged),
                ))
            })
            .collect();
        Self {
            writers,
            acknowledged,
        }
    }

    /// Writes acknowledged so far.
    pub fn acknowledged(&self) -> usize {
        self.acknowledged.load(Ordering::Relaxed)
    }

    /// Waits until `count` writes are acknowledged; false if that takes longer than `limit`.
    pub async fn wait_for_acknowledged(&self, count: usize, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while self.acknowledged() < count {
            if Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        true
    }

    /// Waits for every writer to stop (each stops at its first unanswered request, so call
    /// this once the server is gone) and merges what they saw.
    pub async fn finish(self) -> Outcome {
        let mut merged = Outcome::default();
        for writer in self.writers {
            let outcome = writer.await.expect("writer task panicked");
            merged.acks.extend(outcome.acks);
            merged.unanswered_sent_at.extend(outcome.unanswered_sent_at);
            merged.rejections.extend(outcome.rejections);
        }
        merged
    }
}

async fn write_until_unanswered(
    session: Session,
    writer: usize,
    acknowledged: Arc<AtomicUsize>,
) -> Outcome {
    let mut outcome = Outcome::default();
    for n in 0.. {
        // Items and folders take different code paths and tables; alternate between them.
        let kind = if n % 2 == 0 { Kind::Item } else { Kind::Folder };
        let sent_at = Instant::now();
        let response = create(&session, kind, &format!("crash {writer}.{n}")).await;
        if response.text.starts_with("transport error") {
            // No response, or one whose body the kill cut short: not an acknowledgement.
            outcome.unanswered_sent_at.push(sent_at);
            break;
        }
        if !response.is_success() {
            outcome.rejections.push((response.status, response.text));
            continue;
        }
        let id = created_id(&response.json)
            .unwrap_or_else(|| panic!("{kind:?} created without an id: {}", response.text));
        outcome.acks.push(Ack { kind, id });
        acknowledged.fetch_add(1, Ordering::Relaxed);
    }
    outcome
}

async fn create(session: &Session, kind: Kind, name: &str) -> bulwark_client::Response {
    let key = &session.user_key;
    match kind {
        Kind::Item => {
            let item = ciphers::login_cipher(
                key,
                &session.user_id,
                name,
                "crash-tester",
                "hunter2",
                "https://example.com/login",
            );
            session.post("/api/ciphers", item).await
        }
        Kind::Folder => {
            session
                .post("/api/folders", ciphers::folder(key, name))
                .await
        }
    }
}

fn created_id(body: &Value) -> Option<String> {
    body["id"].as_str().map(str::to_owned)
}
