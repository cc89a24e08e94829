//! The SVG chart of a cycle's ratings, drawn by Chorus: horizontal bars, one row per rated
//! statement, grouped by theme. No script and no chart library: a few rectangles and words.
//!
//! Written by hand: chart crates draw to files or canvases and know nothing of screen readers.
//! Here the chart is an image with a title and a description (the text summary), and the page
//! gives the same numbers in a table. A rating is never shown by colour alone: each bar ends
//! in the rating's words, and each level has its own pattern as well as its own shade.

/// One bar: how far along the scale (a level from 0, of `size`), and its words.
pub struct Bar {
    /// `None` when not assessed: no bar, only the words.
    pub level: Option<usize>,
    pub words: String,
}

pub struct Row {
    /// The statement's id, as the chart's label.
    pub label: String,
    /// One bar, or two for two voices (people's first).
    pub bars: Vec<Bar>,
}

pub struct Group {
    pub heading: String,
    /// The heading's language, when it is not the page's (a framework theme's name is
    /// English).
    pub heading_lang: Option<&'static str>,
    pub rows: Vec<Row>,
}

const WIDTH: usize = 640;
const LABEL: usize = 130;
const BAR_HEIGHT: usize = 18;
const HEADING: usize = 30;
const GAP: usize = 8;
/// Shades from the lowest level to the highest, each at least 3:1 against white.
const SHADES: [&str; 5] = ["#942514", "#8a4b08", "#505a5f", "#1a4f8b", "#00703c"];

/// The chart as SVG markup. `id` makes its title and description ids unique on the page;
/// `voices` names the two voices' bars when rows have two (for the key).
pub fn draw(
    id: &str,
    title: &str,
    description: &str,
    size: usize,
    groups: &[Group],
    voices: Option<(&str, &str)>,
) -> String {
    let mut body = String::new();
    let mut y = GAP;
    if let Some((people, organisation)) = voices {
        body.push_str(&key(y, people, organisation));
        y += 2 * (BAR_HEIGHT + 6) + GAP;
    }
    for group in groups {
        // `xml:lang`: an SVG element's language, as HTML reads it (its `lang` is for HTML's).
        let lang = group
            .heading_lang
            .map_or_else(String::new, |lang| format!(r#" xml:lang="{lang}""#));
        body.push_str(&format!(
            r#"<text x="0" y="{}" class="chart-heading"{lang}>{}</text>"#,
            y + 18,
            escape(&group.heading)
        ));
        y += HEADING;
        for row in &group.rows {
            let height = row.bars.len() * BAR_HEIGHT + (row.bars.len() - 1) * 2;
            body.push_str(&format!(
                r#"<text x="0" y="{}" class="chart-label">{}</text>"#,
                y + height / 2 + 5,
                escape(&row.label)
            ));
            for (n, bar) in row.bars.iter().enumerate() {
                let top = y + n * (BAR_HEIGHT + 2);
                body.push_str(&draw_bar(top, size, bar, n == 1));
            }
            y += height + GAP;
        }
    }
    let patterns = patterns();
    format!(
        r#"<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {WIDTH} {y}" width="{WIDTH}" height="{y}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{patterns}{body}</svg>"#,
        escape(title),
        escape(description),
    )
}

fn draw_bar(top: usize, size: usize, bar: &Bar, second_voice: bool) -> String {
    let room = WIDTH - LABEL - 150;
    match bar.level {
        Some(level) => {
            let length = room * (level + 1) / size.max(1);
            let shade = shade(level, size);
            let fill = if second_voice {
                format!(
                    "url(#hatch-{shade_index})",
                    shade_index = shade_index(level, size)
                )
            } else {
                shade.to_owned()
            };
            format!(
                r#"<rect x="{LABEL}" y="{top}" width="{length}" height="{BAR_HEIGHT}" fill="{fill}" stroke="{shade}" stroke-width="2"/><text x="{}" y="{}" class="chart-value">{}</text>"#,
                LABEL + length + 6,
                top + 14,
                escape(&bar.words)
            )
        }
        None => format!(
            r#"<text x="{LABEL}" y="{}" class="chart-value">{}</text>"#,
            top + 14,
            escape(&bar.words)
        ),
    }
}

fn key(y: usize, solid: &str, hatched: &str) -> String {
    let second = y + BAR_HEIGHT + 6;
    format!(
        r##"<rect x="{LABEL}" y="{y}" width="24" height="{BAR_HEIGHT}" fill="#505a5f" stroke="#505a5f" stroke-width="2"/><text x="{}" y="{}" class="chart-value">{}</text><rect x="{LABEL}" y="{second}" width="24" height="{BAR_HEIGHT}" fill="url(#hatch-2)" stroke="#505a5f" stroke-width="2"/><text x="{}" y="{}" class="chart-value">{}</text>"##,
        LABEL + 30,
        y + 14,
        escape(solid),
        LABEL + 30,
        second + 14,
        escape(hatched)
    )
}

/// A hatched pattern in each shade, for the organisation's bars beside the people's.
fn patterns() -> String {
    let mut defs = String::from("<defs>");
    for (i, shade) in SHADES.iter().enumerate() {
        defs.push_str(&format!(
            r##"<pattern id="hatch-{i}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="{shade}"/></pattern>"##
        ));
    }
    defs.push_str("</defs>");
    defs
}

fn shade_index(level: usize, size: usize) -> usize {
    if size <= 1 {
        return SHADES.len() - 1;
    }
    level * (SHADES.len() - 1) / (size - 1)
}

fn shade(level: usize, size: usize) -> &'static str {
    SHADES[shade_index(level, size).min(SHADES.len() - 1)]
}

fn escape(text: &str) -> String {
    html_escape::encode_text(text).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_an_image_with_its_words_and_a_bar_for_each_assessed_rating() {
        let groups = [Group {
            heading: "Working with people".into(),
            heading_lang: Some("en"),
            rows: vec![
                Row {
                    label: "cqc-la.qs1".into(),
                    bars: vec![Bar {
                        level: Some(2),
                        words: "3: good <standard>".into(),
                    }],
                },
                Row {
                    label: "cqc-la.qs2".into(),
                    bars: vec![Bar {
                        level: None,
                        words: "Not assessed".into(),
                    }],
                },
            ],
        }];
        let svg = draw("c", "Ratings", "Two statements", 4, &groups, None);
        assert!(
            svg.starts_with(r#"<svg class="chart" role="img" aria-labelledby="c-title c-desc""#)
        );
        assert_eq!(svg.matches("<rect x=\"130\"").count(), 1);
        assert!(svg.contains(r#"class="chart-heading" xml:lang="en">Working with people<"#));
        assert!(svg.contains("3: good &lt;standard&gt;"));
        assert!(svg.contains("Not assessed"));
        assert!(!svg.contains("<script"));
    }
}
