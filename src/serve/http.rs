//! The preview's HTTP server: every file of the latest snapshot, from memory, with what only
//! the preview adds (`preview::overlay`), and an event stream that tells each open page when a
//! newer build is in place.
//!
//! Built on axum, over hyper and tokio, rather than a smaller server such as tiny_http: `--lan`
//! opens the preview to other computers, so the HTTP parsing should be the most used and most
//! looked-at there is, and axum brings server-sent events with keep-alive and a graceful
//! shutdown with it. Its cost is compile time, not run time: one thread, only while serving.

use crate::preview::overlay;
use crate::preview::{File, Snapshot};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::io;
use std::net::TcpListener;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::watch;

#[derive(Clone)]
struct Shared {
    snapshots: watch::Receiver<Arc<Snapshot>>,
    /// Names this run of the server, so a page from an earlier run reloads after a restart
    /// even when the build numbers meet.
    run: String,
}

/// Serves on its own thread until `stopping` turns true; connections still open half a second
/// later are dropped.
pub fn spawn(
    listener: TcpListener,
    snapshots: watch::Receiver<Arc<Snapshot>>,
    mut stopping: watch::Receiver<bool>,
) -> io::Result<JoinHandle<()>> {
    listener.set_nonblocking(true)?;
    let run = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let shared = Shared {
        snapshots,
        run: format!("{run:x}"),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("chorus preview http".into())
        .spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let app = axum::Router::new().fallback(respond).with_state(shared);
                let mut graceful = stopping.clone();
                let server = axum::serve(listener, app).with_graceful_shutdown(async move {
                    let _ = graceful.wait_for(|stop| *stop).await;
                });
                tokio::select! {
                    _ = server => {}
                    _ = async {
                        let _ = stopping.wait_for(|stop| *stop).await;
                        tokio::time::sleep(Duration::from_millis(500)).await;
                    } => {}
                }
            });
        })
}

async fn respond(State(shared): State<Shared>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "The preview can only be read.",
        );
    }
    let path = percent_encoding::percent_decode_str(uri.path())
        .decode_utf8_lossy()
        .into_owned();
    let snapshot = shared.snapshots.borrow().clone();
    let build = format!("{}-{}", shared.run, snapshot.generation);
    match path.as_str() {
        overlay::EVENTS => return events(shared).into_response(),
        overlay::SCRIPT => return file(overlay::SCRIPT_TEXT, "text/javascript; charset=utf-8"),
        overlay::STYLES => return file(overlay::STYLES_TEXT, "text/css; charset=utf-8"),
        overlay::PROBLEMS => {
            let page = overlay::problems_page(&build, &snapshot.errors, snapshot.site.is_some());
            return html(StatusCode::OK, page);
        }
        _ if path.starts_with(overlay::PREFIX) => {
            return plain(StatusCode::NOT_FOUND, "The preview has no such page.");
        }
        _ => {}
    }
    let Some(site) = &snapshot.site else {
        // No build has succeeded yet: every address shows the problems.
        let page = overlay::problems_page(&build, &snapshot.errors, false);
        return html(StatusCode::SERVICE_UNAVAILABLE, page);
    };
    let mut key = path.trim_start_matches('/').to_owned();
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    let page = |file: &File, status: StatusCode| match file {
        File::Page {
            html: page,
            preview_only,
            ..
        } => html(
            status,
            overlay::page(page, &build, &snapshot.errors, *preview_only),
        ),
        _ => plain(StatusCode::NOT_FOUND, "Not found."),
    };
    let found = if crate::preview::Site::is_search_index(&key) {
        // Made on first asking, which may take a good part of a second: off the server's thread.
        let (site, key) = (site.clone(), key.clone());
        tokio::task::spawn_blocking(move || site.file(&key))
            .await
            .ok()
            .flatten()
    } else {
        site.file(&key)
    };
    match &found {
        Some(found @ File::Page { .. }) => page(found, StatusCode::OK),
        Some(File::Bytes(bytes)) => bytes_of(bytes.to_vec(), &key),
        Some(File::CopyOf(from, _)) => match tokio::fs::read(from).await {
            Ok(bytes) => bytes_of(bytes, &key),
            Err(_) => plain(StatusCode::NOT_FOUND, "This file could not be read."),
        },
        // A folder asked for without its `/`: the relative links of its index need one.
        None if site.files.contains_key(&format!("{key}/index.html")) => {
            let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
            if let Ok(location) = HeaderValue::from_str(&format!("{}/", uri.path())) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        None => match site.files.get("404.html") {
            Some(not_found) => page(not_found, StatusCode::NOT_FOUND),
            None => plain(StatusCode::NOT_FOUND, "Not found."),
        },
    }
}

/// `build` events: the build each page should be showing, now and after each change. The
/// stream ends when the preview stops.
fn events(shared: Shared) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let stream = futures_util::stream::unfold(
        (shared.snapshots, shared.run, true),
        |(mut snapshots, run, first)| async move {
            if !first {
                snapshots.changed().await.ok()?;
            }
            let generation = snapshots.borrow_and_update().generation;
            let event = Event::default()
                .event("build")
                .data(format!("{run}-{generation}"))
                .retry(Duration::from_secs(1));
            Some((Ok(event), (snapshots, run, false)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(10)))
}

fn html(status: StatusCode, page: String) -> Response {
    with_type(status, page.into(), "text/html; charset=utf-8")
}

fn file(text: &'static str, content_type: &'static str) -> Response {
    with_type(StatusCode::OK, text.into(), content_type)
}

fn bytes_of(bytes: Vec<u8>, path: &str) -> Response {
    let content_type = mime_guess::from_path(path)
        .first_raw()
        .unwrap_or("application/octet-stream");
    with_type(StatusCode::OK, bytes.into(), content_type)
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    with_type(status, text.into(), "text/plain; charset=utf-8")
}

/// Every answer is for now only: a preview must never be served from a cache.
fn with_type(status: StatusCode, body: Body, content_type: &'static str) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
