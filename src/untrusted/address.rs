//! What a link or image address in a story points at, and whether it is safe to keep.

/// Schemes a story's links may use; anything else (`javascript:`, `data:`, `file:`) is removed.
pub const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// `https://…`, `mailto:…`: kept as written.
    External(String),
    /// A scheme that is not allowed, such as `javascript`.
    UnsafeScheme(String),
    /// `//host/path`: takes the scheme of the page, which is `file:` when the site is opened from disk.
    NoScheme,
    /// A file on a computer or a shared drive, as copied from a file manager: `C:\Users\…`,
    /// `\\server\share\…` or `file:///…`. No reader of the website can open it.
    OnAComputer(String),
    /// `#section` on the same page.
    Fragment(String),
    /// A file of the report, relative to `content/`, and an optional `#fragment`.
    Content {
        path: String,
        fragment: Option<String>,
    },
}

pub fn classify(raw: &str) -> Address {
    // Browsers ignore leading spaces, and tabs or newlines anywhere in a scheme
    // (`java\tscript:` is `javascript:`), so the scheme is read as they read it.
    let trimmed: &str = raw.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    if is_on_a_computer(trimmed) {
        return Address::OnAComputer(trimmed.to_owned());
    }
    if let Some(scheme) = scheme_of(trimmed) {
        return if SAFE_SCHEMES.contains(&scheme.as_str()) {
            Address::External(trimmed.to_owned())
        } else {
            Address::UnsafeScheme(scheme)
        };
    }
    if trimmed.starts_with("//") {
        return Address::NoScheme;
    }
    if let Some(fragment) = trimmed.strip_prefix('#') {
        return Address::Fragment(fragment.to_owned());
    }
    let (path, fragment) = match trimmed.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_owned())),
        None => (trimmed, None),
    };
    Address::Content {
        path: report_path(path),
        fragment,
    }
}

/// A report file's path as a browser would ask for it: the query dropped, `%20` decoded,
/// `./` and `../` resolved (never above the report's content folder), `content/` dropped.
fn report_path(address: &str) -> String {
    let without_query = address.split('?').next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(without_query).decode_utf8_lossy();
    let mut parts: Vec<&str> = Vec::new();
    for part in decoded.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    if parts.first() == Some(&"content") {
        parts.remove(0);
    }
    parts.join("/")
}

/// Whether an address is a file's place on a computer: a drive letter (`C:\` or `C:/`), a
/// network share (`\\server\…`), or the `file:` scheme. A browser would read `C:` as a scheme
/// and `\\server` as another website, so these are told apart before either.
fn is_on_a_computer(address: &str) -> bool {
    let bytes = address.as_bytes();
    let drive = bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && bytes.get(2).is_none_or(|b| matches!(b, b'\\' | b'/'));
    drive || address.starts_with("\\\\") || scheme_of(address).as_deref() == Some("file")
}

/// The scheme of an address, lower-cased, with the characters browsers skip taken out.
fn scheme_of(address: &str) -> Option<String> {
    let colon = address.find(':')?;
    let candidate: String = address[..colon]
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let valid = candidate.starts_with(|c: char| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A path such as `media/a:b.pdf` has a `/` before its colon, so it has no scheme.
    valid.then(|| candidate.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_schemes_are_kept() {
        assert_eq!(
            classify("https://example.org"),
            Address::External("https://example.org".into())
        );
        assert_eq!(
            classify("mailto:a@b.org"),
            Address::External("mailto:a@b.org".into())
        );
    }

    #[test]
    fn unsafe_schemes_are_caught_however_they_are_written() {
        for raw in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(matches!(classify(raw), Address::UnsafeScheme(_)), "{raw}");
        }
    }

    #[test]
    fn content_paths_keep_their_fragment() {
        assert_eq!(
            classify("stories/a.md#end"),
            Address::Content {
                path: "stories/a.md".into(),
                fragment: Some("end".into())
            }
        );
        assert_eq!(classify("//evil.example/x"), Address::NoScheme);
    }

    #[test]
    fn a_file_on_a_computer_or_a_shared_drive_is_told_apart() {
        for raw in [
            "C:\\Windows\\x.txt",
            "c:/Users/jane/Documents/plan.docx",
            "D:",
            "\\\\council-fs\\shared\\report.pdf",
            "file:///home/jane/plan.pdf",
            " FILE://server/share/plan.pdf",
        ] {
            assert_eq!(
                classify(raw),
                Address::OnAComputer(raw.trim().to_owned()),
                "{raw}"
            );
        }
        // A one-letter scheme with no path after it is still a scheme, and a name with a colon
        // further on is not a drive.
        assert!(matches!(classify("x:alert(1)"), Address::UnsafeScheme(_)));
        assert!(matches!(classify("media/a:b.pdf"), Address::Content { .. }));
    }

    #[test]
    fn content_paths_are_read_as_a_browser_reads_them() {
        for raw in [
            "media/jane%20at%20home.png",
            "media/jane at home.png?v=2",
            "./media/./jane at home.png",
            "../media/jane at home.png",
            "/content/media/jane at home.png#top",
        ] {
            let Address::Content { path, .. } = classify(raw) else {
                panic!("{raw}")
            };
            assert_eq!(path, "media/jane at home.png", "{raw}");
        }
    }
}
