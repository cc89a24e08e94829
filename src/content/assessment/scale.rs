//! Rating scales: `rag`, `cqc4`, `four-level`, or a cycle's own list, each with `not-assessed`.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scale {
    Rag,
    Cqc4,
    FourLevel,
    /// A cycle's own levels, the lowest first.
    Custom(Vec<String>),
}

/// A rating on a scale: one of its levels (0 the lowest), or not assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Value {
    Level(usize),
    NotAssessed,
}

pub const NOT_ASSESSED: &str = "not-assessed";

impl Scale {
    pub fn named(name: &str) -> Option<Scale> {
        match name {
            "rag" => Some(Scale::Rag),
            "cqc4" => Some(Scale::Cqc4),
            "four-level" => Some(Scale::FourLevel),
            _ => None,
        }
    }

    /// The scale's name as a cycle file writes it; `custom` for a cycle's own list.
    pub fn id(&self) -> &'static str {
        match self {
            Scale::Rag => "rag",
            Scale::Cqc4 => "cqc4",
            Scale::FourLevel => "four-level",
            Scale::Custom(_) => "custom",
        }
    }

    /// The values a rating may be written as, the lowest first.
    pub fn levels(&self) -> Vec<String> {
        match self {
            Scale::Rag => vec!["red".into(), "amber".into(), "green".into()],
            Scale::Cqc4 => vec!["1".into(), "2".into(), "3".into(), "4".into()],
            Scale::FourLevel => vec![
                "not-yet".into(),
                "getting-there".into(),
                "mostly".into(),
                "fully".into(),
            ],
            Scale::Custom(levels) => levels.clone(),
        }
    }

    pub fn parse(&self, written: &str) -> Option<Value> {
        let written = written.trim().to_lowercase();
        if written == NOT_ASSESSED {
            return Some(Value::NotAssessed);
        }
        self.levels()
            .iter()
            .position(|l| l.to_lowercase() == written)
            .map(Value::Level)
    }

    /// The value as written in a file: `3`, `amber`, `not-assessed`.
    pub fn written(&self, value: Value) -> String {
        match value {
            Value::Level(i) => self.levels().get(i).cloned().unwrap_or_default(),
            Value::NotAssessed => NOT_ASSESSED.to_owned(),
        }
    }

    /// How many levels it has.
    pub fn size(&self) -> usize {
        self.levels().len()
    }

    /// The value a rating written in words most likely meant, for a message: CQC's scores
    /// are numbers, but people write the words of CQC's ratings (`Good`), and on the other
    /// scales a level in other letters or with spaces (`Getting there`).
    pub fn meant(&self, written: &str) -> Option<String> {
        let words = written.trim().to_lowercase().replace([' ', '_'], "-");
        let level = match self {
            Scale::Cqc4 => match words.as_str() {
                "inadequate" | "significant-shortfalls" => "1",
                "requires-improvement" | "some-shortfalls" => "2",
                "good" | "good-standard" => "3",
                "outstanding" | "exceptional" | "exceptional-standard" => "4",
                _ => return None,
            }
            .to_owned(),
            _ => (self.levels().into_iter())
                .find(|l| l.to_lowercase().replace([' ', '_'], "-") == words)?,
        };
        Some(level)
    }

    /// Every value a rating may take, for a message.
    pub fn choices(&self) -> String {
        let mut all = self.levels();
        all.push(NOT_ASSESSED.to_owned());
        all.join(", ")
    }
}

/// CQC's scoring for a `cqc4` cycle over its quality statements: p = 100 × the sum of the
/// scores / (4 × the statements assessed). The band is decided on the exact value; the
/// percentage is shown rounded. `None` when nothing was assessed.
pub fn cqc_indicative(scores: &[usize]) -> Option<(f64, Band)> {
    if scores.is_empty() {
        return None;
    }
    let sum: usize = scores.iter().sum();
    let p = 100.0 * sum as f64 / (4.0 * scores.len() as f64);
    let band = if p > 87.0 {
        Band::Outstanding
    } else if p > 62.0 {
        Band::Good
    } else if p > 38.0 {
        Band::RequiresImprovement
    } else {
        Band::Inadequate
    };
    Some((p, band))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
}

impl Band {
    pub fn id(self) -> &'static str {
        match self {
            Band::Outstanding => "outstanding",
            Band::Good => "good",
            Band::RequiresImprovement => "requires-improvement",
            Band::Inadequate => "inadequate",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(sum: usize, count: usize) -> (f64, Band) {
        // Scores that add up to `sum` over `count` statements.
        let mut scores = vec![sum / count; count];
        for score in scores.iter_mut().take(sum % count) {
            *score += 1;
        }
        cqc_indicative(&scores).unwrap()
    }

    #[test]
    fn every_band_boundary_is_decided_on_the_exact_value() {
        // 87 exactly is not above 87: Good. Just above is Outstanding.
        assert_eq!(band(87, 25), (87.0, Band::Good));
        assert_eq!(band(88, 25).1, Band::Outstanding);
        // 87.5 shows as 88 and is Outstanding; 86.1 shows as 86 and is Good.
        assert_eq!(band(35, 10), (87.5, Band::Outstanding));
        assert_eq!((band(35, 10).0).round(), 88.0);
        assert_eq!(band(62, 25), (62.0, Band::RequiresImprovement));
        assert_eq!(band(25, 10), (62.5, Band::Good));
        assert_eq!(band(38, 25), (38.0, Band::Inadequate));
        assert_eq!(band(77, 200).1, Band::Inadequate); // 9.625%
        assert_eq!(band(39, 25).1, Band::RequiresImprovement); // 39%
        // 62.25 rounds down to 62 for display, yet is above 62: Good.
        let (p, b) = band(249, 100);
        assert_eq!((p, b), (62.25, Band::Good));
        assert_eq!(p.round(), 62.0);
        // 38.25 shows as 38 and is Requires improvement.
        assert_eq!(band(153, 100), (38.25, Band::RequiresImprovement));
        assert_eq!(cqc_indicative(&[]), None);
        assert_eq!(
            cqc_indicative(&[4, 4, 4, 4]).unwrap(),
            (100.0, Band::Outstanding)
        );
        assert_eq!(cqc_indicative(&[1, 1]).unwrap(), (25.0, Band::Inadequate));
    }

    #[test]
    fn values_are_read_on_the_cycles_scale() {
        assert_eq!(Scale::Cqc4.parse("3"), Some(Value::Level(2)));
        assert_eq!(Scale::Rag.parse("Amber"), Some(Value::Level(1)));
        assert_eq!(Scale::Rag.parse("not-assessed"), Some(Value::NotAssessed));
        assert_eq!(Scale::Cqc4.parse("5"), None);
        assert_eq!(Scale::Cqc4.meant(" Good ").as_deref(), Some("3"));
        assert_eq!(
            Scale::Cqc4.meant("Requires improvement").as_deref(),
            Some("2")
        );
        assert_eq!(
            Scale::FourLevel.meant("Getting there").as_deref(),
            Some("getting-there")
        );
        assert_eq!(Scale::Rag.meant("purple"), None);
        assert_eq!(
            Scale::Custom(vec!["low".into(), "high".into()]).parse("high"),
            Some(Value::Level(1))
        );
    }
}
