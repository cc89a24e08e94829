//! A report's brand colours (`[brand]` in site.toml), checked against WCAG contrast for the
//! text drawn on each, and given to the theme's stylesheet as CSS custom properties.
//!
//! The contrast ratio and the colour arithmetic are written by hand: they are the two WCAG
//! formulas and a conversion to and from HSL, a few lines each, and the search for the nearest
//! colour that passes is ours.

/// A brand colour a report may set: its setting, the CSS property the theme reads, what is
/// drawn on it, and the backgrounds it must stand out against.
pub struct BrandColour {
    pub setting: &'static str,
    pub property: &'static str,
    /// The colours the text is drawn on (for a text colour), or the text colour drawn on it
    /// (for a background): each pair must reach `MINIMUM`.
    pub against: &'static [Rgb],
    /// What the message says is drawn: "the white text on it", "as link text on the page".
    pub drawn: &'static str,
}

/// WCAG 2.2 AA, 1.4.3: normal text needs a contrast of at least 4.5:1.
pub const MINIMUM: f64 = 4.5;

const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// The footer's background, where links are drawn too.
const FOOTER: Rgb = Rgb(0xf3, 0xf2, 0xf1);

pub const COLOURS: &[BrandColour] = &[
    BrandColour {
        setting: "header_background",
        property: "--chorus-header-background",
        against: &[WHITE],
        drawn: "the white text drawn on it",
    },
    BrandColour {
        setting: "link",
        property: "--chorus-link",
        against: &[WHITE, FOOTER],
        drawn: "link text on the page's white and the footer's light grey",
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#1d4f91` or `#14f`, in either case.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |s: &str| u8::from_str_radix(s, 16).ok();
        match hex.len() {
            6 => Some(Rgb(
                channel(&hex[0..2])?,
                channel(&hex[2..4])?,
                channel(&hex[4..6])?,
            )),
            3 => {
                let double = |i: usize| channel(&hex[i..i + 1].repeat(2));
                Some(Rgb(double(0)?, double(1)?, double(2)?))
            }
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG's relative luminance.
    fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    fn hsl(self) -> (f64, f64, f64) {
        let (r, g, b) = (
            f64::from(self.0) / 255.0,
            f64::from(self.1) / 255.0,
            f64::from(self.2) / 255.0,
        );
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let lightness = (max + min) / 2.0;
        let delta = max - min;
        if delta == 0.0 {
            return (0.0, 0.0, lightness);
        }
        let saturation = delta / (1.0 - (2.0 * lightness - 1.0).abs());
        let hue = if max == r {
            60.0 * (((g - b) / delta).rem_euclid(6.0))
        } else if max == g {
            60.0 * ((b - r) / delta + 2.0)
        } else {
            60.0 * ((r - g) / delta + 4.0)
        };
        (hue, saturation, lightness)
    }

    fn from_hsl(hue: f64, saturation: f64, lightness: f64) -> Rgb {
        let chroma = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
        let x = chroma * (1.0 - ((hue / 60.0).rem_euclid(2.0) - 1.0).abs());
        let (r, g, b) = match hue {
            h if h < 60.0 => (chroma, x, 0.0),
            h if h < 120.0 => (x, chroma, 0.0),
            h if h < 180.0 => (0.0, chroma, x),
            h if h < 240.0 => (0.0, x, chroma),
            h if h < 300.0 => (x, 0.0, chroma),
            _ => (chroma, 0.0, x),
        };
        let m = lightness - chroma / 2.0;
        let channel = |c: f64| ((c + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Rgb(channel(r), channel(g), channel(b))
    }
}

/// WCAG's contrast ratio between two colours, from 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The lowest contrast a colour has with any of `against`.
pub fn worst_contrast(colour: Rgb, against: &[Rgb]) -> f64 {
    against
        .iter()
        .map(|other| contrast(colour, *other))
        .fold(f64::INFINITY, f64::min)
}

/// The colour nearest `colour` that reaches `MINIMUM` against every one of `against` (all light
/// here): the same hue and saturation, made darker one step of lightness at a time.
pub fn nearest_passing(colour: Rgb, against: &[Rgb]) -> Rgb {
    let (hue, saturation, lightness) = colour.hsl();
    let mut step = lightness;
    while step > 0.0 {
        let candidate = Rgb::from_hsl(hue, saturation, step);
        if worst_contrast(candidate, against) >= MINIMUM {
            return candidate;
        }
        step -= 0.005;
    }
    Rgb(0, 0, 0)
}

/// "4.5:1", rounded down, so a colour never looks as if it passes when it does not.
pub fn ratio_in_words(ratio: f64) -> String {
    format!("{:.1}:1", (ratio * 10.0).floor() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_wcag_s() {
        assert!((contrast(WHITE, Rgb(0, 0, 0)) - 21.0).abs() < 0.01);
        assert_eq!(
            ratio_in_words(contrast(WHITE, Rgb::parse("#1a4f8b").unwrap())),
            "8.2:1"
        );
        assert_eq!(
            ratio_in_words(contrast(WHITE, Rgb::parse("#767676").unwrap())),
            "4.5:1"
        );
    }

    #[test]
    fn colours_are_read_in_both_forms() {
        assert_eq!(Rgb::parse("#1D4F91"), Some(Rgb(0x1d, 0x4f, 0x91)));
        assert_eq!(Rgb::parse("#fd0"), Some(Rgb(0xff, 0xdd, 0x00)));
        assert_eq!(Rgb::parse("1d4f91"), None);
        assert_eq!(Rgb::parse("#12345"), None);
    }

    #[test]
    fn the_nearest_passing_colour_keeps_the_hue_and_passes() {
        let light_blue = Rgb::parse("#4a90b8").unwrap();
        assert!(contrast(light_blue, WHITE) < MINIMUM);
        let fixed = nearest_passing(light_blue, &[WHITE]);
        assert!(contrast(fixed, WHITE) >= MINIMUM);
        assert!(
            contrast(fixed, WHITE) < MINIMUM + 0.2,
            "as near as it can be"
        );
        let (hue, _, _) = fixed.hsl();
        assert!((hue - light_blue.hsl().0).abs() < 3.0);
    }
}
