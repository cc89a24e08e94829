//! `cargo bench --bench scale`: the release `chorus build` on generated reports of 1,000 and
//! 10,000 stories, side by side with a floor program (read every story, pulldown-cmark, write
//! each page, with rayon) on the same files, in one run. Each runs as a child process, so its
//! wall time, CPU time and peak memory are its own (from `wait4`'s resource usage).
//!
//! Chorus is also run with `search = false` in site.toml, since the search index (Pagefind,
//! one thread, everything in memory until its files are made) is most of a large build.
//!
//! The first lines are clean builds: no site from before, for Chorus or the floor (what the
//! targets are set on). The last ("over the last") are builds that replace the site made just
//! before, and so remove it as well, as every build of a report after its first does: the
//! floor's over its own last output.
//!
//! Run with `TMPDIR=/dev/shm` so that reading and writing cost what a tmpfs costs. Figures are
//! printed, never asserted. `CHORUS_SCALE=1000,10000` chooses the sizes, `CHORUS_SCALE_RUNS=3`
//! the runs of each (the median is printed). `CHORUS_SCALE_REPORT=<folder>` only writes the
//! report of the first size there and stops, for a profiler. `CHORUS_SCALE_BEFORE=<chorus
//! binary>` runs that build of Chorus too (a previous version, built from an older commit), in
//! the same alternating runs, so that before and after are measured side by side.
//! `CHORUS_SCALE_GROWTH=1` measures instead how the time grows with each of stories,
//! translations, entries and assessment cycles on its own (see `growth`).
//!
//! The stories are made here rather than copied: each has 300 to 1,500 words of headings,
//! lists, a table, links to other stories and to the web, a picture, a quotation and a phrase
//! marked as Welsh in raw HTML. One in ten has a Welsh translation; one story in twenty adds a
//! "you said, we did" entry that it names; the example report's assessment cycles rate the
//! statements the stories name.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The environment variable that makes this program the floor, on the folder it names.
const FLOOR: &str = "CHORUS_SCALE_FLOOR";

fn main() {
    if let Ok(root) = std::env::var(FLOOR) {
        floor(Path::new(&root));
        return;
    }
    let sizes: Vec<usize> = std::env::var("CHORUS_SCALE")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .map(|n| {
            n.trim()
                .parse()
                .expect("CHORUS_SCALE: numbers, such as 1000,10000")
        })
        .collect();
    let runs: usize = std::env::var("CHORUS_SCALE_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    if std::env::var_os("CHORUS_SCALE_GROWTH").is_some() {
        growth(runs);
        return;
    }
    println!(
        "{:>7}  {:<18}  {:>7}  {:>7}  {:>5}  {:>8}  {:>13}",
        "stories", "", "wall s", "cpu s", "cores", "peak MiB", "wall vs floor"
    );
    if let Ok(folder) = std::env::var("CHORUS_SCALE_REPORT") {
        generate(Path::new(&folder), Shape::of(sizes[0]));
        return;
    }
    let before = std::env::var_os("CHORUS_SCALE_BEFORE").map(std::path::PathBuf::from);
    let now = Path::new(env!("CARGO_BIN_EXE_chorus"));
    let binaries: Vec<(&str, &Path)> = [("chorus", now)]
        .into_iter()
        .chain(before.as_deref().map(|b| ("before", b)))
        .collect();
    for stories in sizes {
        let report = tempfile::tempdir().unwrap();
        generate(report.path(), Shape::of(stories));
        let root = report.path();
        // Each line's runs, by its place in `lines`.
        let mut lines: Vec<(String, Vec<Usage>)> = Vec::new();
        let mut add = |name: String, usage: Usage| match lines.iter_mut().find(|l| l.0 == name) {
            Some((_, runs)) => runs.push(usage),
            None => lines.push((name, vec![usage])),
        };
        let settings = root.join("content/site.toml");
        let with_search = fs::read_to_string(&settings).unwrap();
        let without_search = format!("search = false\n{with_search}");
        // Alternating, so that whatever else the machine does falls on all alike. A clean
        // build has no site from before (the measure); a build over the last site
        // also removes the one it replaces, as a report's every build after its first does:
        // the floor over its own last output, each Chorus over the site it made just before.
        for _ in 0..runs {
            add("floor".into(), run_floor(root, Before::Nothing));
            add("floor over".into(), run_floor(root, Before::LastSite));
            for (name, chorus) in &binaries {
                add(name.to_string(), run_chorus(chorus, root, Before::Nothing));
            }
            fs::write(&settings, &without_search).unwrap();
            for (name, chorus) in &binaries {
                add(
                    format!("{name} no search"),
                    run_chorus(chorus, root, Before::Nothing),
                );
                add(
                    format!("{name} no search over"),
                    run_chorus(chorus, root, Before::LastSite),
                );
            }
            fs::write(&settings, &with_search).unwrap();
        }
        let medians: Vec<(String, Usage)> = (lines.into_iter())
            .map(|(name, runs)| (name, median(runs)))
            .collect();
        let usage = |name: &str| medians.iter().find(|l| l.0 == name).map(|l| l.1);
        let (floor, floor_over) = (usage("floor").unwrap(), usage("floor over").unwrap());
        println!("{}", floor.line(stories, "floor", None));
        for (name, _) in &binaries {
            println!("{}", usage(name).unwrap().line(stories, name, Some(&floor)));
            let unsearched = usage(&format!("{name} no search")).unwrap();
            println!(
                "{}",
                unsearched.line(stories, "  without search", Some(&floor))
            );
        }
        println!("{}", floor_over.line(stories, "over the last:", None));
        for (name, _) in &binaries {
            let over = usage(&format!("{name} no search over")).unwrap();
            let label = format!("  {name}, no search");
            println!("{}", over.line(stories, &label, Some(&floor_over)));
        }
    }
}

/// What a build finds where it writes.
#[derive(Clone, Copy)]
enum Before {
    /// Nothing: a clean build.
    Nothing,
    /// The site or output the same program made just before.
    LastSite,
}

/// `CHORUS_SCALE_GROWTH=1`: whether a build's time grows in step with each thing a report
/// holds. From a report of 2,000 stories (125 translated, 63 entries, two generated cycles
/// beside the example's three), one thing at a time grows: the stories (with their
/// translations and entries) to 4,000 and 8,000, and each of the others to 4 and 16 times as
/// many. For each step, the CPU time that each added one cost is printed: linear growth gives
/// about the same cost at both steps, and growth with the square of the count would give
/// four times as much at the second (twice as much, for the stories, which double).
fn growth(runs: usize) {
    let base = Shape {
        stories: 2_000,
        translated_every: 16,
        entry_every: 32,
        cycles: 2,
    };
    let stories = |stories| Shape { stories, ..base };
    let translated = |translated_every| Shape {
        translated_every,
        ..base
    };
    let entries = |entry_every| Shape {
        entry_every,
        ..base
    };
    let cycles = |cycles| Shape { cycles, ..base };
    /// What grows, the three reports it grows through, and how many of it each one holds.
    type Growing = (&'static str, [Shape; 3], fn(&Shape) -> usize);
    let grown: [Growing; 4] = [
        ("stories", [base, stories(4_000), stories(8_000)], |s| {
            s.stories
        }),
        ("translations", [base, translated(4), translated(1)], |s| {
            s.translations()
        }),
        ("entries", [base, entries(8), entries(2)], |s| s.entries()),
        ("cycles", [base, cycles(8), cycles(32)], |s| s.cycles),
    ];
    let now = Path::new(env!("CARGO_BIN_EXE_chorus"));
    println!("\nHow the time grows, without search:");
    for (name, shapes, count) in grown {
        let mut previous: Option<(usize, Usage)> = None;
        for shape in shapes {
            let report = tempfile::tempdir().unwrap();
            generate(report.path(), shape);
            let settings = report.path().join("content/site.toml");
            let with_search = fs::read_to_string(&settings).unwrap();
            fs::write(&settings, format!("search = false\n{with_search}")).unwrap();
            let usage = median(
                (0..runs)
                    .map(|_| run_chorus(now, report.path(), Before::Nothing))
                    .collect(),
            );
            let added = previous.map_or(String::new(), |(before, used): (usize, Usage)| {
                let cpu = usage.cpu.as_secs_f64() - used.cpu.as_secs_f64();
                let each = 1e3 * cpu / (count(&shape) - before) as f64;
                format!("  {each:.3} ms of CPU for each added")
            });
            println!(
                "{:>6} {name:<12}  wall {:.2} s  CPU {:.2} s  peak {:.1} MiB{added}",
                count(&shape),
                usage.wall.as_secs_f64(),
                usage.cpu.as_secs_f64(),
                usage.peak_kib as f64 / 1024.0,
            );
            previous = Some((count(&shape), usage));
        }
    }
}

/// One child process's use of the machine.
#[derive(Clone, Copy)]
struct Usage {
    wall: Duration,
    cpu: Duration,
    peak_kib: u64,
}

impl Usage {
    fn line(&self, stories: usize, name: &str, floor: Option<&Usage>) -> String {
        let ratio = floor.map_or(String::new(), |floor| {
            format!("{:.2}×", self.wall.as_secs_f64() / floor.wall.as_secs_f64())
        });
        format!(
            "{stories:>7}  {name:<18}  {:>7.2}  {:>7.2}  {:>5.2}  {:>8.1}  {ratio:>13}",
            self.wall.as_secs_f64(),
            self.cpu.as_secs_f64(),
            self.cpu.as_secs_f64() / self.wall.as_secs_f64(),
            self.peak_kib as f64 / 1024.0,
        )
    }
}

/// The run of median wall time.
fn median(mut runs: Vec<Usage>) -> Usage {
    runs.sort_by_key(|u| u.wall);
    runs[runs.len() / 2]
}

fn run_chorus(chorus: &Path, report: &Path, before: Before) -> Usage {
    if let Before::Nothing = before {
        // The site, and the mark beside it that says Chorus made it.
        let _ = fs::remove_dir_all(report.join("site"));
        let _ = fs::remove_file(report.join(".site.chorus-site"));
    }
    let mut command = Command::new(chorus);
    command.arg("build").arg(report);
    measure(command)
}

fn run_floor(report: &Path, before: Before) -> Usage {
    if let Before::Nothing = before {
        let _ = fs::remove_dir_all(report.join("floor-site"));
    }
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.env(FLOOR, report);
    measure(command)
}

/// Runs the command to its end, and measures it with `wait4`: the child's own CPU time and
/// high-water mark of resident memory, which no portable API gives.
fn measure(mut command: Command) -> Usage {
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let started = Instant::now();
    // Waited for below with wait4, which std's `wait` cannot replace: it gives no usage.
    #[allow(clippy::zombie_processes)]
    let mut child = command.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let messages = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in, and the pid is our
    // child's, not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    let messages = messages.join().unwrap();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed:\n{messages}"
    );
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Usage {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak_kib: usage.ru_maxrss as u64,
    }
}

/// The floor: what any static site generator must at least do with these stories. Every
/// markdown file of `content/stories/` is read, made HTML by pulldown-cmark (with the options
/// Chorus uses) and written to `floor-site/`, in parallel.
fn floor(root: &Path) {
    use pulldown_cmark::{Options, Parser, html};
    use rayon::prelude::*;
    let out = root.join("floor-site");
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(out.join("stories")).unwrap();
    let files: Vec<_> = fs::read_dir(root.join("content/stories"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.par_iter().for_each(|path| {
        let text = fs::read_to_string(path).unwrap();
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_SMART_PUNCTUATION;
        let mut page = String::with_capacity(text.len() * 2);
        html::push_html(&mut page, Parser::new_ext(&text, options));
        let name = path.file_stem().unwrap().to_string_lossy();
        fs::write(out.join("stories").join(format!("{name}.html")), page).unwrap();
    });
}

/// What a generated report holds, beside the example report's own files.
#[derive(Clone, Copy)]
struct Shape {
    stories: usize,
    /// One story in this many has a Welsh translation.
    translated_every: usize,
    /// One story in this many adds a "you said, we did" entry, which the stories after it name.
    entry_every: usize,
    /// Assessment cycles added to the example's three, each rating six statements.
    cycles: usize,
}

impl Shape {
    /// The report `cargo bench --bench scale` measures: one story in ten translated, one in
    /// twenty adding an entry, and the example's cycles.
    fn of(stories: usize) -> Shape {
        Shape {
            stories,
            translated_every: 10,
            entry_every: 20,
            cycles: 0,
        }
    }

    /// Which story, of each `every`, is the one: the fourth of ten, the eighth of twenty.
    fn chosen(n: usize, every: usize, nth: usize) -> bool {
        n % every == nth % every
    }

    fn translations(&self) -> usize {
        (0..self.stories)
            .filter(|&n| Shape::chosen(n, self.translated_every, 3))
            .count()
    }

    fn entries(&self) -> usize {
        (0..self.stories)
            .filter(|&n| Shape::chosen(n, self.entry_every, 7))
            .count()
    }
}

/// A report: the example report (settings, pages, its nine stories, entries, cycles and media)
/// and what `shape` adds to it.
fn generate(root: &Path, shape: Shape) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    common::copy_dir(&example, &root.join("content"));
    let folder = root.join("content/stories");
    let mut random = Random(0x5eed_c0de);
    for n in 0..shape.stories {
        fs::write(
            folder.join(format!("story-{n}.md")),
            story(n, shape, &mut random),
        )
        .unwrap();
        if Shape::chosen(n, shape.translated_every, 3) {
            let welsh = translation(n, &mut random);
            fs::write(folder.join(format!("story-{n}.cy.md")), welsh).unwrap();
        }
        if Shape::chosen(n, shape.entry_every, 7) {
            let entry = entry(n, &mut random);
            let path = root.join(format!("content/you-said-we-did/generated-{n}.toml"));
            fs::write(path, entry).unwrap();
        }
    }
    for year in 0..shape.cycles {
        let path = root.join(format!("content/assessment/generated-{year}.toml"));
        fs::write(path, cycle(2000 + year, &mut random)).unwrap();
    }
}

/// A small, fixed pseudo-random sequence (xorshift), so every run makes the same report.
struct Random(u64);

impl Random {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }

    fn words(&mut self, count: usize) -> String {
        let mut text = String::new();
        for i in 0..count {
            let word = WORDS[self.next(WORDS.len())];
            if i == 0 {
                let mut letters = word.chars();
                let first = letters.next().unwrap().to_ascii_uppercase();
                text.push(first);
                text.push_str(letters.as_str());
            } else {
                text.push(' ');
                text.push_str(word);
            }
        }
        text
    }

    /// A paragraph of `count` words in sentences of 8 to 20, some of them emphasised.
    fn paragraph(&mut self, count: usize) -> String {
        let mut text = String::new();
        let mut left = count;
        while left > 0 {
            let length = (8 + self.next(13)).min(left);
            left -= length;
            let sentence = self.words(length);
            match self.next(12) {
                0 => write!(text, "**{sentence}.** ").unwrap(),
                1 => write!(text, "*{sentence}*. ").unwrap(),
                _ => write!(text, "{sentence}. ").unwrap(),
            }
        }
        text.trim_end().to_owned()
    }
}

const WORDS: &[&str] = &[
    "care",
    "support",
    "the",
    "group",
    "we",
    "asked",
    "council",
    "and",
    "evening",
    "line",
    "carer",
    "my",
    "son",
    "daughter",
    "home",
    "flat",
    "money",
    "letter",
    "team",
    "phone",
    "waited",
    "months",
    "for",
    "an",
    "assessment",
    "worker",
    "listened",
    "to",
    "people",
    "who",
    "draw",
    "on",
    "services",
    "in",
    "Harrowdale",
    "together",
    "changed",
    "how",
    "it",
    "works",
    "now",
    "there",
    "is",
    "someone",
    "call",
    "after",
    "five",
    "every",
    "week",
    "meeting",
    "centre",
    "bus",
    "garden",
    "club",
    "Saturday",
    "friends",
    "personal",
    "assistant",
    "plan",
    "budget",
    "choice",
    "control",
    "easy",
    "read",
    "guide",
    "forms",
    "were",
    "too",
    "long",
    "but",
    "this",
    "year",
    "better",
    "still",
    "not",
    "enough",
    "weekends",
    "nobody",
    "answers",
];

const STATEMENTS: &[(&str, &str)] = &[
    ("mir.flex", "mir.flex.i2"),
    ("mir.info", "mir.info.i1"),
    ("mir.info", "mir.info.we1"),
    ("mir.asc", "mir.asc.we1"),
    ("mir.wellbeing", "mir.wellbeing.i3"),
    ("mir.change", "mir.change.i1"),
];

fn story(n: usize, shape: Shape, random: &mut Random) -> String {
    let stories = shape.stories;
    let (theme, statement) = STATEMENTS[n % STATEMENTS.len()];
    // Stories name the entry generated nearest before them, once there is one.
    let (every, first) = (shape.entry_every, 7 % shape.entry_every);
    let related = if n >= first {
        format!(
            "related = [\"GEN-{}\"]\n",
            (n - first) / every * every + first
        )
    } else {
        String::new()
    };
    let title = format!("{} {n}", random.words(4));
    let mut text = format!(
        "+++\ntitle = \"{title}\"\nsummary = \"{summary}.\"\ndate = 2026-{month:02}-{day:02}\n\
         storyteller = \"Person {n}\"\nrole = \"carer\"\nanonymised = false\n\
         themes = [\"{theme}\"]\nstatements = [\"{statement}\"]\n{related}level = \"individual\"\n\n\
         [consent]\ngiven = true\nreference = \"GEN-{n}\"\nrecorded = 2026-01-{day:02}\n\
         scope = [\"web\", \"open-data\", \"print\"]\nreview_by = 2030-01-01\nnamed = true\n+++\n",
        summary = random.words(18),
        month = 1 + n % 10,
        day = 1 + n % 28,
    );
    let words = 300 + random.next(1_201);
    let mut written = 0;
    let mut section = 0;
    while written < words {
        let chunk = (words - written).min(160);
        match section % 6 {
            0 => write!(text, "\n{}\n", random.paragraph(chunk)).unwrap(),
            1 => {
                write!(text, "\n## {}\n\n", random.words(5)).unwrap();
                writeln!(text, "{}", random.paragraph(chunk)).unwrap();
            }
            2 => {
                text.push('\n');
                for _ in 0..4 {
                    writeln!(text, "- {}", random.paragraph(chunk / 4)).unwrap();
                }
            }
            3 => {
                let other = random.next(stories);
                write!(
                    text,
                    "\n{} [{}](stories/story-{other}.md), and [the council's page](https://www.harrowdale.example/care/{n}). \
                     We said <span lang=\"cy\">diolch yn fawr</span> to {}.\n\n\
                     ![{}](media/saturday-club-garden.png)\n",
                    random.paragraph(chunk / 2),
                    random.words(4),
                    random.words(3),
                    random.words(6),
                )
                .unwrap();
            }
            4 => {
                write!(
                    text,
                    "\n> {}\n>\n> — {}\n",
                    random.paragraph(chunk),
                    random.words(2)
                )
                .unwrap();
            }
            _ => {
                text.push_str("\n| What | Before | Now |\n|---|---|---:|\n");
                for _ in 0..4 {
                    writeln!(
                        text,
                        "| {} | {} | {} |",
                        random.words(3),
                        random.words(4),
                        random.next(100)
                    )
                    .unwrap();
                }
            }
        }
        written += chunk;
        section += 1;
    }
    text
}

fn translation(n: usize, random: &mut Random) -> String {
    let mut text = format!(
        "+++\ntitle = \"Stori {n}\"\nsummary = \"{}.\"\n+++\n",
        random.words(14)
    );
    for _ in 0..4 {
        write!(text, "\n{}\n", random.paragraph(90)).unwrap();
    }
    text
}

fn entry(n: usize, random: &mut Random) -> String {
    let (theme, statement) = STATEMENTS[n % STATEMENTS.len()];
    format!(
        "id = \"GEN-{n}\"\ntitle = \"{}\"\nyou_said = \"{}.\"\nsaid_by = \"carers\"\n\
         forum = \"Carers' forum\"\nsaid_date = 2025-05-13\nstatus = \"not-possible\"\n\
         reason = \"\"\"\n{}.\n\"\"\"\nalternative = \"\"\"\n{}.\n\"\"\"\n\
         owner = \"Carers' support team\"\nthemes = [\"{theme}\"]\nstatements = [\"{statement}\"]\n\
         level = \"day-to-day\"\n\n[[update]]\ndate = 2025-08-19\nstatus = \"not-possible\"\n\
         note = \"{}.\"\n",
        random.words(6),
        random.paragraph(40),
        random.paragraph(60),
        random.paragraph(30),
        random.words(12),
    )
}

/// A Making it Real cycle of `year`, rating the six statements the stories name.
fn cycle(year: usize, random: &mut Random) -> String {
    const LEVELS: &[&str] = &["not-yet", "getting-there", "mostly", "fully"];
    let mut text = format!(
        "title = \"Making it Real, {year}\"\nframework = \"making-it-real\"\n\
         scale = \"four-level\"\nsource = \"co-produced\"\nperiod_start = {year}-01-01\n\
         period_end = {year}-12-31\nmethod = \"{}.\"\n",
        random.words(14)
    );
    for (_, statement) in STATEMENTS {
        write!(
            text,
            "\n[[rating]]\nstatement = \"{statement}\"\npeople_rating = \"{}\"\n\
             organisation_rating = \"{}\"\nsummary = \"{}.\"\n",
            LEVELS[random.next(LEVELS.len())],
            LEVELS[random.next(LEVELS.len())],
            random.words(12),
        )
        .unwrap();
    }
    text
}
