//! Builds the browser portal (`web/`, TypeScript built by Vite) into `$OUT_DIR/portal`, which
//! `src/portal/files.rs` embeds in the binary: `cargo build` (and so the README's run command)
//! yields a server that carries its portal, with nothing else to deploy.
//!
//! - Runs `npm ci` when `web/node_modules` is missing or older than `web/package-lock.json`,
//!   then `vite build` with the output in `$OUT_DIR`. Each cargo profile gets its own copy, so
//!   builds never race on a shared `web/dist` (nor with someone's `npm run build` there).
//! - Reruns only when the portal's sources change; an exclusive lock (on a file in the temp
//!   directory, named after the checkout) serialises the npm steps of concurrent cargo
//!   commands, so one `npm ci` never deletes the `node_modules` another build is reading.
//! - When Node.js or npm is missing or the build fails, a release build fails with the reason:
//!   a release never ships without its portal. A debug build warns and serves a page that
//!   says why (see `main`).
//! - `BULWARK_SKIP_PORTAL_BUILD=1` skips npm: the binary embeds `web/dist` if it was built by
//!   hand (`npm run build` in `web/`), or the page saying the portal was not built; cargo
//!   prints a warning either way.

use std::ffi::OsStr;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

const SKIP_VAR: &str = "BULWARK_SKIP_PORTAL_BUILD";
/// What Vite 8 runs on.
const NODE_NEEDED: &str = "20.19 (or 22.12)";

/// What the portal's build reads; a change to any of them rebuilds it.
const SOURCES: [&str; 7] = [
    "src",
    "public",
    "index.html",
    "package.json",
    "package-lock.json",
    "vite.config.ts",
    "tsconfig.json",
];

fn main() {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let web = manifest_dir.join("../../web");
    let web = web.canonicalize().unwrap_or(web);
    let out = PathBuf::from(env("OUT_DIR")).join("portal");

    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={SKIP_VAR}");
    for source in SOURCES {
        let path = web.join(source);
        // A path that does not exist would make cargo rerun this script on every build.
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }

    if std::env::var_os(SKIP_VAR).is_some_and(|v| !v.is_empty() && v != "0") {
        skipped(&web, &out);
        return;
    }
    if let Err(reason) = build(&web, &out) {
        // A release must carry its portal. A debug build goes on without it, loudly, so that
        // work on the server is not blocked by a half-edited web/src or a machine without
        // Node; the portal's tests then fail on the page that says why.
        if env("PROFILE") == "release" {
            fail(&reason);
        }
        println!(
            "cargo:warning=the portal was not built, this debug server serves a page saying so: {}",
            reason.lines().next().unwrap_or_default()
        );
        eprintln!("\nwarning: {reason}\n");
        write_page(&out, &not_built_page(&reason));
    }
}

/// `npm ci` if needed, then the portal's Vite build into `out`.
///
/// This is `npm run build` without its type check (`npm run typecheck`, which the test
/// command and CI run): a type error in code being edited must not stop every cargo build in
/// the checkout, and it does not change the JavaScript Vite writes.
fn build(web: &Path, out: &Path) -> Result<(), String> {
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let node = version("node");
    if node.is_none() || version(npm).is_none() {
        return Err(format!(
            "Bulwark's web portal is built with Node.js and npm, and `node` or `{npm}` was not \
             found.\nInstall Node.js {NODE_NEEDED} or later with npm, or set {SKIP_VAR}=1 to \
             build the server without building the portal (see the README)."
        ));
    }
    let node = node.unwrap_or_default();
    // An old Node.js fails inside Vite with errors that do not say so: name the versions.
    let explain =
        |e: String| format!("{e}\n(found Node.js {node}; the portal needs {NODE_NEEDED})");
    let _lock = lock(web);
    if needs_install(web) {
        run(
            npm,
            web,
            ["ci", "--no-audit", "--no-fund"].map(OsStr::new),
            "installing the portal's packages",
        )
        .map_err(explain)?;
    }
    run(
        npm,
        web,
        [
            OsStr::new("exec"),
            OsStr::new("--no"),
            OsStr::new("--"),
            OsStr::new("vite"),
            OsStr::new("build"),
            OsStr::new("--outDir"),
            out.as_os_str(),
            OsStr::new("--emptyOutDir"),
        ],
        "building the portal",
    )
    .map_err(explain)?;
    if !out.join("index.html").is_file() {
        return Err(format!(
            "`vite build` finished without writing {}",
            out.join("index.html").display()
        ));
    }
    Ok(())
}

/// `<program> --version`, or `None` when it does not run.
fn version(program: &str) -> Option<String> {
    let output = Command::new(program).arg("--version").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| fail(&format!("cargo did not set {name}")))
}

/// Stops the build with `message`; cargo shows it under the build script's stderr.
fn fail(message: &str) -> ! {
    eprintln!("\nerror: {message}\n");
    std::process::exit(1);
}

/// `npm ci` is needed when nothing is installed or the lockfile changed since the last install
/// (npm records each install in `node_modules/.package-lock.json`).
fn needs_install(web: &Path) -> bool {
    let installed = modified(&web.join("node_modules/.package-lock.json"));
    let locked = modified(&web.join("package-lock.json"));
    match (installed, locked) {
        (Some(installed), Some(locked)) => installed < locked,
        _ => true,
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Runs npm in `web/` without a terminal: no prompt can wait for input (CI has no stdin).
/// npm's output is kept for the error and echoed to stderr (cargo shows it with `-vv` or on
/// failure), never to stdout, where cargo reads its instructions.
fn run<'a>(
    npm: &str,
    web: &Path,
    args: impl IntoIterator<Item = &'a OsStr>,
    what: &str,
) -> Result<(), String> {
    let args: Vec<&OsStr> = args.into_iter().collect();
    let shown: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
    let command = format!("`{npm} {}` in {}", shown.join(" "), web.display());
    let output = Command::new(npm)
        .args(&args)
        .current_dir(web)
        .env("npm_config_update_notifier", "false")
        // Plain text for the error message and the page (CI=true turns Vite's colours on).
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{what}: could not start {command}: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{command}:\n{text}");
    if output.status.success() {
        return Ok(());
    }
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines[lines.len().saturating_sub(40)..].join("\n");
    Err(format!(
        "{what} failed: {command} exited with {}:\n{tail}",
        output.status
    ))
}

/// An exclusive lock for this checkout's `web/`, held until the returned file is dropped. It
/// lives outside `web/` because `npm ci` deletes `node_modules`, and a lock on a deleted file
/// excludes nobody.
fn lock(web: &Path) -> fs::File {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    web.hash(&mut hasher);
    let path = std::env::temp_dir().join(format!("bulwark-portal-{:016x}.lock", hasher.finish()));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .unwrap_or_else(|e| fail(&format!("opening the lock {}: {e}", path.display())));
    file.lock()
        .unwrap_or_else(|e| fail(&format!("locking {}: {e}", path.display())));
    file
}

/// `BULWARK_SKIP_PORTAL_BUILD`: embed a hand-built `web/dist`, or a page that says why there
/// is no portal. Either way cargo prints a warning, so a skipped build is never silent.
fn skipped(web: &Path, out: &Path) {
    let _ = fs::remove_dir_all(out);
    let dist = web.join("dist");
    if dist.join("index.html").is_file() {
        println!("cargo:rerun-if-changed={}", dist.display());
        copy_dir(&dist, out);
        println!(
            "cargo:warning={SKIP_VAR} is set: embedding the portal from {} as it is",
            dist.display()
        );
        return;
    }
    write_page(out, &not_built_page(&format!("{SKIP_VAR} was set")));
    println!(
        "cargo:warning={SKIP_VAR} is set and {} has no build: this server's portal is a page \
         saying it was not built",
        dist.display()
    );
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| fail(&format!("creating {}: {e}", to.display())));
    let entries =
        fs::read_dir(from).unwrap_or_else(|e| fail(&format!("reading {}: {e}", from.display())));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| fail(&format!("reading {}: {e}", from.display())));
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| fail(&format!("copying to {}: {e}", target.display())));
        }
    }
}

/// The page a server without its portal serves at `/`. No script and no style, so it passes
/// the Content-Security-Policy; the `meta` marks it for the portal's tests.
fn not_built_page(reason: &str) -> String {
    let reason = reason
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<!doctype html>
<html lang=\"en\">
  <head>
    <meta charset=\"utf-8\" />
    <meta name=\"bulwark-portal\" content=\"not-built\" />
    <title>Bulwark</title>
  </head>
  <body>
    <h1>Bulwark</h1>
    <p>This server was built without its web portal. Build it again with Node.js and npm
      installed to serve the portal here; the API for the Bitwarden apps works as usual.</p>
    <pre>{reason}</pre>
  </body>
</html>
"
    )
}

fn write_page(out: &Path, page: &str) {
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out).unwrap_or_else(|e| fail(&format!("creating {}: {e}", out.display())));
    fs::write(out.join("index.html"), page)
        .unwrap_or_else(|e| fail(&format!("writing {}: {e}", out.display())));
}
