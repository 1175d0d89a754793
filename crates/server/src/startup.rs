//! Building and serving the application: bind first (port 0 works), then serve, so tests never
//! wait with sleeps.

use crate::config::Config;
use crate::state::AppState;
use axum::Router;
use std::net::SocketAddr;

/// SQLite's own heap (page caches, schemas, prepared statements of every connection: the pool's,
/// the blocking readers' and the writer's) comes from the C library's malloc, whose per-thread
/// arenas keep what SQLite frees. Under 200 concurrent clients it grew to about 45 MiB and
/// stayed there. Above this process-wide soft limit SQLite recycles cached pages instead of
/// allocating more (reads then come from the kernel's page cache; the 10,000-item sync was as
/// fast), which brought it to about 9 MiB after that load.
const SQLITE_SOFT_HEAP_LIMIT: &str = "PRAGMA soft_heap_limit = 4194304";

pub struct Application {
    listener: std::net::TcpListener,
    state: AppState,
}

/// The full router with its middleware.
pub fn app(state: AppState) -> Router {
    crate::routes::router(&state.config)
        .layer(axum::middleware::from_fn(crate::request_log::log_request))
        .with_state(state)
}

impl Application {
    /// Connects the database, migrates, and binds the listener.
    ///
    /// # Errors
    /// Database, migration or bind failures.
    pub async fn build(mut config: Config) -> anyhow::Result<Self> {
        let listener = std::net::TcpListener::bind(config.bind)?;
        listener.set_nonblocking(true)?;
        // Port 0 means "any free port": a public URL derived from it gets the real one.
        if let Some(base) = config.public_url.strip_suffix(":0") {
            config.public_url = format!("{base}:{}", listener.local_addr()?.port());
        }
        let state = AppState::build(config).await?;
        if state.store.backend() == bulwark_store::Backend::Sqlite {
            sqlx::query(SQLITE_SOFT_HEAP_LIMIT)
                .execute(state.store.pool())
                .await?;
        }
        Ok(Self { listener, state })
    }

    /// # Errors
    /// When the socket has no local address.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    #[must_use]
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the process ends, over TLS when the configuration names certificate files.
    ///
    /// # Errors
    /// I/O failures, unreadable TLS files.
    pub async fn run(self) -> anyhow::Result<()> {
        let tls = self.state.config.tls.clone();
        crate::services::seat_snapshots::spawn_hourly(self.state.clone());
        let service = app(self.state).into_make_service_with_connect_info::<SocketAddr>();
        match tls {
            Some(files) => {
                let _ = rustls::crypto::ring::default_provider().install_default();
                let rustls =
                    axum_server::tls_rustls::RustlsConfig::from_pem_file(&files.cert, &files.key)
                        .await
                        .map_err(|e| anyhow::anyhow!("loading TLS certificate/key: {e}"))?;
                axum_server::from_tcp_rustls(self.listener, rustls)
                    .map(|tls| tls.acceptor(axum_server::accept::NoDelayAcceptor::new()))
                    .serve(service)
                    .await?;
            }
            None => {
                use axum::serve::ListenerExt;
                let listener =
                    tokio::net::TcpListener::from_std(self.listener)?.tap_io(set_nodelay);
                axum::serve(listener, service).await?;
            }
        }
        Ok(())
    }
}

/// Responses go out in several writes (sync streams its items); with Nagle's algorithm a
/// short last write waits for the client's delayed ACK, adding ~40 ms to a small response.
fn set_nodelay(tcp: &mut tokio::net::TcpStream) {
    if let Err(e) = tcp.set_nodelay(true) {
        tracing::debug!(error = %e, "could not set TCP_NODELAY");
    }
}
