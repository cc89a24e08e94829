//! A page's words each in the language a reader's program takes them to be in (WCAG 3.1.2,
//! Language of Parts): the nearest `lang` around them, or in SVG, `xml:lang`. Read with
//! quick-xml, which reads HTML as Chorus writes it: every element closed but the void ones.

use quick_xml::events::Event;
use std::collections::BTreeSet;

/// Elements HTML never closes.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// A page's text, in order, each piece with its language. Left out: the `<head>`, scripts and
/// styles, and `<title>` anywhere (the page's and a chart's): it holds text only, so no part
/// of it can be marked.
pub fn text_in_languages(html: &str) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    // Each open element's name and language.
    let mut open: Vec<(String, String)> = Vec::new();
    let mut pieces = Vec::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("{e} in:\n{html}"));
        let text = match event {
            Event::Eof => break,
            Event::Start(element) => {
                let name = element.name().as_ref().to_owned();
                if name == "script" || name == "style" {
                    reader.read_text(element.name()).unwrap();
                } else if !VOID.contains(&name.as_str()) {
                    let inherited = open.last().map_or_else(String::new, |(_, l)| l.clone());
                    let lang = element
                        .html_attributes()
                        .map(Result::unwrap)
                        .find(|a| matches!(a.key.as_ref(), "lang" | "xml:lang"))
                        .map_or(inherited, |a| a.value.into_owned());
                    open.push((name, lang));
                }
                continue;
            }
            Event::End(element) => {
                let name = element.name().as_ref().to_owned();
                if let Some(at) = open.iter().rposition(|(open, _)| *open == name) {
                    open.truncate(at);
                }
                continue;
            }
            Event::Text(text) => text.html_content().into_owned(),
            Event::GeneralRef(reference) => match reference.resolve_char_ref().unwrap() {
                Some(c) => c.to_string(),
                None => quick_xml::escape::resolve_predefined_entity(&reference)
                    .unwrap_or_else(|| panic!("&{}; is not an entity this reads", &*reference))
                    .to_owned(),
            },
            _ => continue,
        };
        if open
            .iter()
            .any(|(name, _)| name == "head" || name == "title")
        {
            continue;
        }
        let lang = open.last().map_or_else(String::new, |(_, l)| l.clone());
        pieces.push((lang, text));
    }
    pieces
}

/// The languages of each place `words` appear in a page's text: one language where they are
/// marked whole, more where they run across the edge of a mark.
pub fn languages_of<'p>(pieces: &'p [(String, String)], words: &str) -> Vec<BTreeSet<&'p str>> {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (lang, piece) in pieces {
        spans.push((text.len()..text.len() + piece.len(), lang.as_str()));
        text.push_str(piece);
    }
    text.match_indices(words)
        .map(|(at, _)| {
            let found = at..at + words.len();
            (spans.iter())
                .filter(|(span, _)| span.start < found.end && found.start < span.end)
                .map(|(_, lang)| *lang)
                .collect()
        })
        .collect()
}
