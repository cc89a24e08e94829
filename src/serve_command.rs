//! `chorus serve` on the command line: start the preview, say where it is and what each
//! change did, until Ctrl-C.

use crate::{counts, print_all, problem_count, shown};
use chorus::diagnostics::{Diagnostic, count_words};
use chorus::rules;
use chorus::serve::{Event, Options, StartError};
use std::collections::HashSet;
use std::net::IpAddr;
use std::process::ExitCode;

pub fn run(options: Options, open: bool) -> ExitCode {
    let root = options.root.clone();
    let root_for_messages = root.clone();
    let port = options.port;
    let mut said: HashSet<String> = HashSet::new();
    let mut had_errors = false;
    // Whether any build has succeeded yet: until one has, there is no last good site to show.
    let mut ever_built = false;
    // The browsers' build: a run that showed nothing new keeps it.
    let mut browsers_build = 0;
    let started = chorus::serve::start(options, move |event| match event {
        Event::Updated { update, seen, .. } => {
            // Each problem is printed once, when it first appears, not again after every save.
            let new: Vec<Diagnostic> = update
                .diagnostics
                .iter()
                .filter(|d| !said.contains(&d.to_string()))
                .cloned()
                .collect();
            print_all(&root_for_messages, &new);
            said = update.diagnostics.iter().map(ToString::to_string).collect();
            let time = format!("{} ms", update.total.as_millis());
            if update.has_errors() {
                let errors = problem_count(&update.diagnostics);
                let them = if errors.starts_with("1 ") {
                    "it"
                } else {
                    "them"
                };
                if ever_built {
                    eprintln!(
                        "Found {errors}. The preview shows {them} at the top of every page, above the last version that built."
                    );
                } else {
                    let are = if them == "it" { "is" } else { "are" };
                    eprintln!(
                        "Found {errors}. Nothing has built yet, so every address of the preview shows {them} until {them} {are} fixed."
                    );
                }
            } else if seen.is_none() {
                eprintln!(
                    "Built {} in {time}{}.",
                    count_words(update.pages, "page"),
                    counts(&update.diagnostics)
                );
            } else if update.generation == browsers_build {
                eprintln!("Nothing on the site changed.");
            } else {
                eprintln!(
                    "{}Updated {} in {time}.",
                    if had_errors {
                        "No problems stop the build now. "
                    } else {
                        ""
                    },
                    updated(update.pages_changed, update.files_changed),
                );
            }
            browsers_build = update.generation;
            had_errors = update.has_errors();
            ever_built |= !had_errors;
        }
        Event::WatchProblem(problem) => {
            eprintln!("warning[{}]: {problem}\n", rules::WATCH_MISSED_CHANGE.id)
        }
    });
    let server = match started {
        Ok(server) => server,
        Err(error) => {
            eprintln!("{}", start_problem(error, &shown(&root), port));
            return ExitCode::FAILURE;
        }
    };
    let url = server.url();
    eprintln!(
        "\nThe preview is at {url}\nIt changes by itself each time you save a file in {}/content or {}/themes. Press Ctrl-C to stop it.",
        shown(&root),
        shown(&root)
    );
    if server.lan() {
        eprintln!("{}", shared_with_the_network(server.address().port()));
    }
    if open && let Err(error) = opener::open_browser(&url) {
        eprintln!("Chorus could not open your web browser ({error}). Open {url} in it yourself.");
    }
    match server.wait_for_interrupt() {
        Ok(()) => {
            eprintln!("Stopped the preview.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("The preview stopped: {error}.");
            ExitCode::FAILURE
        }
    }
}

/// Who can see the preview, drafts and all, once it is shared.
fn shared_with_the_network(port: u16) -> String {
    let addresses: Vec<String> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|interface| !interface.is_loopback())
        .filter_map(|interface| match interface.ip() {
            IpAddr::V4(ip) => Some(format!("http://{ip}:{port}/")),
            IpAddr::V6(_) => None,
        })
        .collect();
    let at = if addresses.is_empty() {
        format!("this computer's address, port {port}")
    } else {
        addresses.join(" or ")
    };
    format!(
        "Shared on the local network: anyone on this network can now open {at} and see the preview, drafts and stories in review included. Share it only where everyone may see them."
    )
}

fn start_problem(error: StartError, root: &str, port: u16) -> String {
    match error {
        StartError::NoReport(_) => format!(
            "error[{id}]: There is no folder {root}, so there is no report to preview.\n  what to do: Run chorus serve in the folder that holds your content/ folder, or name that folder: chorus serve path/to/report\n",
            id = rules::REPORT_FOLDER_MISSING.id
        ),
        StartError::Port(_, error) if error.kind() == std::io::ErrorKind::AddrInUse => format!(
            "error[{id}]: Another program is already using port {port}, so the preview cannot use it.\n  what to do: Stop that program, or choose another port: chorus serve --port {}\n",
            port.wrapping_add(1).max(1024),
            id = rules::PORT_IN_USE.id
        ),
        StartError::Port(_, error) => format!(
            "error[{id}]: The preview cannot use port {port}: {error}.\n  what to do: Choose another port, such as chorus serve --port 8000\n",
            id = rules::PORT_UNUSABLE.id
        ),
        StartError::Watch(problem) => format!(
            "error[{id}]: {problem}\n  what to do: If the report is on a network drive, try chorus serve --poll\n",
            id = rules::WATCH_FAILED.id
        ),
        StartError::Io(error) => format!(
            "error[{id}]: The preview could not start: {error}.\n",
            id = rules::PREVIEW_FAILED.id
        ),
    }
}

/// What an update changed for a reader: "1 page", "2 pages and 1 other file", "1 file".
fn updated(pages: usize, files: usize) -> String {
    match (pages, files) {
        (0, files) if files > 0 => count_words(files, "file"),
        (pages, 0) => count_words(pages, "page"),
        (pages, files) => format!(
            "{} and {}",
            count_words(pages, "page"),
            count_words(files, "other file")
        ),
    }
}
