//! The `tend` command line: the same journal as the window, for headless use, scripts, tests
//! and benchmarks. Passphrases come from the terminal, or one line each from standard input
//! when it is not a terminal. Exit codes: 0 ok, 1 a user error (one line), 2 damaged data.

use std::ffi::OsString;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use clap::{Args, Parser, Subcommand};
use zeroize::Zeroizing;

use crate::error::{Error, ValidationError};
use crate::journal::Journal;
use crate::model::{Choice, Entry, EntryInput, Mood, Quadrant, Timing};
use crate::paths::default_data_dir;
use crate::search::Query;
use crate::secret::Passphrase;
use crate::words::{shipped, WordLists};

/// Tend: a private journal for how you feel after intimacy. Everything stays on this computer.
#[derive(Debug, Parser)]
#[command(name = "tend", version, about, long_about = None)]
pub struct Cli {
    /// Folder holding the journal (default: the desktop app's; TEND_DATA_DIR overrides it).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// What to do. With no command, the desktop app opens its window.
    #[command(subcommand)]
    pub command: Command,
}

/// Filters for `list` and `search`: an entry shows when it matches every one given.
#[derive(Debug, Default, Args)]
pub struct FilterArgs {
    /// Only this mood (bright, calm, tense, heavy, mixed); repeat for any of several.
    #[arg(long = "mood", value_name = "MOOD")]
    pub moods: Vec<String>,
    /// Only entries with this name for it (id or words); repeat for any of several.
    #[arg(long = "label", value_name = "LABEL")]
    pub labels: Vec<String>,
    /// Only entries with this feeling word (id or words).
    #[arg(long = "emotion", value_name = "WORD")]
    pub feeling: Option<String>,
    /// Only entries on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    pub from: Option<NaiveDate>,
    /// Only entries on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    pub to: Option<NaiveDate>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new journal and show its recovery key once.
    Init,
    /// Add an entry and print its id.
    Add(EntryArgs),
    /// List entries, newest first; the filters narrow it down.
    List {
        /// Only these entries.
        #[command(flatten)]
        filters: FilterArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Show at most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Show one entry.
    Show {
        /// Entry id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change an entry: only the fields you give change (lists are replaced).
    Edit {
        /// Entry id.
        id: String,
        /// New values.
        #[command(flatten)]
        fields: EntryArgs,
    },
    /// Delete an entry.
    Delete {
        /// Entry id.
        id: String,
    },
    /// Find entries (case and accents don't matter).
    Search {
        /// Words to find.
        text: String,
        /// Only these entries.
        #[command(flatten)]
        filters: FilterArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Open every record and name any that are damaged. Changes nothing.
    Check,
    /// Change the passphrase.
    Passwd,
    /// Open the journal with the recovery key and choose a new passphrase.
    Recover,
    /// Patterns over time: the same figures the Trends screen draws.
    Trends {
        /// First day (YYYY-MM-DD); default: the first entry.
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last day (YYYY-MM-DD); default: today.
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Fill a journal with a made-up, varied year of entries (for trying Tend out).
    Demo {
        /// About this many entries a week.
        #[arg(long, default_value_t = 4)]
        per_week: u32,
        /// Seed for the made-up data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many years back.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=50))]
        years: u32,
    },
    /// What Tend offers for an entry: the prompt, coping ideas and support card, by id and text.
    Care {
        /// Entry id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the word ids that entries use.
    Words {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Every field of an entry, as options.
#[derive(Debug, Args, Default)]
pub struct EntryArgs {
    /// Unpleasant (-1) to pleasant (1). Required for `add`.
    #[arg(long, allow_hyphen_values = true)]
    pub pleasantness: Option<f64>,
    /// Low (-1) to high (1) energy. Required for `add`.
    #[arg(long, allow_hyphen_values = true)]
    pub energy: Option<f64>,
    /// An emotion word (id or word; a new word becomes your own). Repeatable.
    #[arg(long = "emotion")]
    pub emotions: Vec<String>,
    /// A label: post-sex-blues, postcoital-dysphoria, drop, or your own. Repeatable.
    #[arg(long = "label")]
    pub labels: Vec<String>,
    /// A context chip id (see `tend words`). Repeatable.
    #[arg(long = "context")]
    pub context: Vec<String>,
    /// Aftercare you got (id). Repeatable.
    #[arg(long = "aftercare-got")]
    pub aftercare_got: Vec<String>,
    /// Aftercare you wanted (id). Repeatable.
    #[arg(long = "aftercare-wanted")]
    pub aftercare_wanted: Vec<String>,
    /// A body item id. Repeatable.
    #[arg(long = "body")]
    pub body: Vec<String>,
    /// Did it all feel like your choice?
    #[arg(long, value_parser = ["yes", "mostly", "unsure", "no"])]
    pub choice: Option<String>,
    /// When you are logging, relative to the moment.
    #[arg(long, value_parser = ["right-after", "later-that-day", "next-day", "days-later"])]
    pub timing: Option<String>,
    /// The id of an earlier entry this one follows up.
    #[arg(long)]
    pub follows: Option<String>,
    /// Ask "how are you now?" later.
    #[arg(long, value_parser = ["few-hours", "tomorrow"])]
    pub check_in: Option<String>,
    /// A partner's initials or nickname.
    #[arg(long)]
    pub partner: Option<String>,
    /// Free text.
    #[arg(long)]
    pub text: Option<String>,
    /// When it happened (RFC 3339, e.g. 2026-03-01T23:10:00+01:00); default now.
    #[arg(long, value_name = "RFC3339")]
    pub at: Option<String>,
}

/// Where the command line reads and writes; real terminals in `main`, buffers in tests.
pub struct Io<'a> {
    /// Standard input.
    pub stdin: &'a mut dyn BufRead,
    /// True when secrets should be asked for on the terminal without echo.
    pub interactive: bool,
    /// Standard output.
    pub out: &'a mut dyn Write,
    /// Standard error.
    pub err: &'a mut dyn Write,
}

/// A one-line failure and its exit code.
struct Fail(i32, String);

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail(if e.is_damage() { 2 } else { 1 }, e.to_string())
    }
}
impl From<ValidationError> for Fail {
    fn from(e: ValidationError) -> Self {
        Fail(1, e.to_string())
    }
}
impl From<std::io::Error> for Fail {
    fn from(e: std::io::Error) -> Self {
        Fail(1, format!("couldn't read or write the terminal: {e}"))
    }
}

type R<T> = std::result::Result<T, Fail>;

impl Io<'_> {
    fn secret(&mut self, prompt: &str) -> R<Zeroizing<String>> {
        if self.interactive {
            return Ok(Zeroizing::new(rpassword::prompt_password(prompt)?));
        }
        let mut line = Zeroizing::new(String::new());
        if self.stdin.read_line(&mut line)? == 0 {
            return Err(Fail(
                1,
                format!("expected a line on standard input for: {}", prompt.trim_end_matches([':', ' '])),
            ));
        }
        let trimmed = line.strip_suffix('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).unwrap_or(&line).to_owned();
        Ok(Zeroizing::new(trimmed))
    }

    fn passphrase(&mut self, prompt: &str) -> R<Passphrase> {
        Ok(Passphrase::new(self.secret(prompt)?.to_string()))
    }

    fn new_passphrase(&mut self) -> R<Passphrase> {
        let first = self.secret("Choose a passphrase: ")?;
        if self.interactive {
            let again = self.secret("Type it once more: ")?;
            if *again != *first {
                return Err(Fail(1, "The two passphrases differ. Nothing was changed; try again.".into()));
            }
        }
        Ok(Passphrase::new(first.to_string()))
    }
}

/// Runs the command line with the real terminal and the OS keyring; returns the exit code.
pub fn main_with_args(args: Vec<OsString>) -> i32 {
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let mut lock = stdin.lock();
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    let mut io = Io { stdin: &mut lock, interactive, out: &mut out, err: &mut err };
    run(args, &mut io, &|dir| Journal::new(dir, crate::keystore::platform_default()))
}

/// Parses `args` and runs one command; `open` makes the journal for a data directory.
pub fn run(args: Vec<OsString>, io: &mut Io<'_>, open: &dyn Fn(PathBuf) -> Journal) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = if code == 0 { write!(io.out, "{e}") } else { write!(io.err, "{e}") };
            return code;
        }
    };
    let dir = cli.data_dir.clone().unwrap_or_else(default_data_dir);
    match execute(cli.command, io, &open(dir)) {
        Ok(code) => code,
        Err(Fail(code, msg)) => {
            let _ = writeln!(io.err, "{msg}");
            code
        }
    }
}

fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

fn unlock(io: &mut Io<'_>, j: &Journal) -> R<()> {
    if !j.status()?.exists {
        return Err(Fail(
            1,
            format!("There is no journal in {} yet. Make one with `tend init`.", j.data_dir().display()),
        ));
    }
    let p = io.passphrase("Passphrase: ")?;
    let report = j.unlock(&p)?;
    if !report.damaged.is_empty() {
        writeln!(
            io.err,
            "{} record(s) couldn't be opened and were left as they are. Run `tend check` for their ids.",
            report.damaged.len()
        )?;
    }
    Ok(())
}

fn execute(cmd: Command, io: &mut Io<'_>, j: &Journal) -> R<i32> {
    match cmd {
        Command::Init => {
            let p = io.new_passphrase()?;
            let c = j.create(p)?;
            writeln!(io.out, "Your journal is ready in {}.", j.data_dir().display())?;
            writeln!(io.out)?;
            writeln!(
                io.out,
                "Your recovery key (shown only now; keep it somewhere private, on paper or in a password manager):"
            )?;
            writeln!(io.out)?;
            writeln!(io.out, "    {}", c.recovery_key.dangerously_expose())?;
            writeln!(io.out)?;
            writeln!(io.out, "It opens your journal if you forget your passphrase or move to a new computer.")?;
            match c.protection.keyring_problem {
                None => writeln!(io.out, "Your passphrase is also tied to this computer's keyring, so a copied file can't be guessed elsewhere.")?,
                Some(why) => writeln!(io.out, "This computer's keyring couldn't be used, so your journal is protected by your passphrase alone. {why}")?,
            }
            j.lock();
            Ok(0)
        }
        Command::Add(a) => {
            unlock(io, j)?;
            let input = build_input(io, j, None, a)?;
            let e = j.add(input, now())?;
            writeln!(io.out, "{}", e.id)?;
            Ok(0)
        }
        Command::Edit { id, fields } => {
            unlock(io, j)?;
            let existing = j.get(&id)?;
            let input = build_input(io, j, Some(&existing), fields)?;
            let e = j.update(&id, input, now())?;
            writeln!(io.out, "Saved {}.", e.id)?;
            Ok(0)
        }
        Command::List { filters, json, limit } => {
            unlock(io, j)?;
            let query = build_query(j, String::new(), filters)?.page(0, limit);
            print_page(io, j, &j.search(&query)?, json, query != Query::default().page(0, limit))
        }
        Command::Search { text, filters, json } => {
            unlock(io, j)?;
            print_page(io, j, &j.search(&build_query(j, text, filters)?)?, json, true)
        }
        Command::Show { id, json } => {
            unlock(io, j)?;
            let e = j.get(&id)?;
            if json {
                writeln!(io.out, "{}", serde_json::to_string_pretty(&e).unwrap_or_default())?;
            } else {
                show(io, j, &e)?;
            }
            Ok(0)
        }
        Command::Delete { id } => {
            unlock(io, j)?;
            j.delete(&id)?;
            writeln!(io.out, "Deleted.")?;
            Ok(0)
        }
        Command::Check => {
            unlock(io, j)?;
            let r = j.check()?;
            if r.damaged.is_empty() && r.file_ok {
                writeln!(io.out, "All {} records open. The file is healthy.", r.ok)?;
                return Ok(0);
            }
            writeln!(
                io.out,
                "{} records open; {} couldn't be opened and were left as they are:",
                r.ok,
                r.damaged.len()
            )?;
            for d in &r.damaged {
                writeln!(io.out, "  {d}")?;
            }
            if !r.file_ok {
                writeln!(io.out, "SQLite's integrity check also found a problem with the file.")?;
            }
            writeln!(io.out, "Nothing was changed. A backup can restore the damaged records.")?;
            Ok(2)
        }
        Command::Passwd => {
            if !j.status()?.exists {
                return Err(Fail(1, "There is no journal here yet. Make one with `tend init`.".into()));
            }
            let current = io.passphrase("Current passphrase: ")?;
            j.unlock(&current)?;
            let new = io.new_passphrase()?;
            j.change_passphrase(&current, &new)?;
            writeln!(io.out, "Your passphrase is changed. Your recovery key still works.")?;
            Ok(0)
        }
        Command::Recover => {
            if !j.status()?.exists {
                return Err(Fail(1, "There is no journal here yet. Make one with `tend init`.".into()));
            }
            let key = io.secret("Recovery key: ")?;
            if let Err(e) = crate::recovery::parse_key(&key) {
                return Err(Error::from(e).into());
            }
            let new = io.new_passphrase()?;
            let r = j.recover(&key, &new)?;
            writeln!(io.out, "Your journal is open again ({} entries) and has your new passphrase.", r.entries)?;
            Ok(0)
        }
        Command::Care { id, json } => {
            unlock(io, j)?;
            let offer = j.care(&id, now())?;
            if json {
                writeln!(io.out, "{}", serde_json::to_string_pretty(&offer).unwrap_or_default())?;
            } else {
                print_care(io, &offer)?;
            }
            Ok(0)
        }
        Command::Trends { from, to, json } => {
            unlock(io, j)?;
            let today = now().date_naive();
            let q = crate::insights::Query { from, to, today };
            let i = j.with_entries(|it| crate::insights::compute(it, &q))?;
            if json {
                writeln!(io.out, "{}", serde_json::to_string_pretty(&i).unwrap_or_default())?;
            } else {
                print_trends(io, &i)?;
            }
            Ok(0)
        }
        Command::Demo { per_week, seed, years } => {
            if j.status()?.exists {
                unlock(io, j)?;
            } else {
                let p = io.new_passphrase()?;
                let c = j.create(p)?;
                writeln!(
                    io.out,
                    "Made a new journal for the demo. Its recovery key: {}",
                    c.recovery_key.dangerously_expose()
                )?;
            }
            let n = now();
            let items = crate::demo::years(n.date_naive(), *n.offset(), per_week, seed, years);
            let (firsts, follows): (Vec<_>, Vec<_>) =
                items.into_iter().enumerate().partition(|(_, d)| d.follows.is_none());
            let first_index: Vec<usize> = firsts.iter().map(|(i, _)| *i).collect();
            let saved = j.add_many(firsts.into_iter().map(|(_, d)| d.input).collect(), n)?;
            let id_of = |i: usize| first_index.iter().position(|x| *x == i).map(|p| saved[p].id.clone());
            let later: Vec<EntryInput> = follows
                .into_iter()
                .map(|(_, mut d)| {
                    d.input.follows = d.follows.and_then(id_of);
                    d.input
                })
                .collect();
            let more = j.add_many(later, n)?;
            writeln!(io.out, "Added {} made-up entries over the last {} year(s).", saved.len() + more.len(), years)?;
            Ok(0)
        }
        Command::Words { json } => {
            let w = shipped();
            if json {
                writeln!(io.out, "{}", serde_json::to_string_pretty(w).unwrap_or_default())?;
                return Ok(0);
            }
            writeln!(io.out, "Emotion words (--emotion):")?;
            for q in crate::model::Quadrant::ALL {
                let ids: Vec<&str> = w.emotions.iter().filter(|e| e.quadrant == q).map(|e| e.id.as_str()).collect();
                writeln!(io.out, "  {:<7} {}", q.as_str(), ids.join(" "))?;
            }
            writeln!(
                io.out,
                "Labels (--label): {}",
                w.labels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join(" ")
            )?;
            let group = |io: &mut Io<'_>, title: &str, items: Vec<(&str, &str)>| -> std::io::Result<()> {
                writeln!(io.out, "{title}:")?;
                let mut last = "";
                for (g, id) in items {
                    if g != last {
                        write!(io.out, "\n  {g:<13}")?;
                        last = g;
                    }
                    write!(io.out, " {id}")?;
                }
                writeln!(io.out)
            };
            group(io, "Context (--context)", w.contexts.iter().map(|c| (c.group.as_str(), c.id.as_str())).collect())?;
            group(
                io,
                "Aftercare (--aftercare-got / --aftercare-wanted)",
                w.aftercare.iter().map(|c| (c.group.as_str(), c.id.as_str())).collect(),
            )?;
            group(io, "Body (--body)", w.body.iter().map(|c| (c.group.as_str(), c.id.as_str())).collect())?;
            Ok(0)
        }
    }
}

/// Finds a shipped item by id or by its words.
fn resolve<'a>(ids: impl Iterator<Item = (&'a str, &'a str)>, wanted: &str) -> Option<String> {
    let w = crate::search::fold(wanted.trim());
    let mut by_label = None;
    for (id, label) in ids {
        if id == wanted.trim() {
            return Some(id.to_owned());
        }
        if crate::search::fold(label) == w || crate::search::fold(&id.replace('-', " ")) == w {
            by_label = Some(id.to_owned());
        }
    }
    by_label
}

/// A shipped item's id, else one of the person's own, else a new own item (and says so).
fn shipped_or_own<'a>(
    io: &mut Io<'_>,
    shipped: impl Iterator<Item = (&'a str, &'a str)>,
    own: impl Iterator<Item = (&'a str, &'a str)>,
    value: &str,
    add: impl FnOnce() -> crate::Result<(String, String)>,
    noun: &str,
) -> R<String> {
    if let Some(id) = resolve(shipped, value).or_else(|| resolve(own, value)) {
        return Ok(id);
    }
    let (id, label) = add()?;
    writeln!(io.err, "Added '{label}' to your own {noun}.")?;
    Ok(id)
}

/// The core's query from the command line's words: moods by name, labels and feeling words by
/// id or words, shipped or the person's own (never added here).
fn build_query(j: &Journal, text: String, f: FilterArgs) -> R<Query> {
    let w = shipped();
    let vocab = j.vocabulary()?;
    let moods = f
        .moods
        .iter()
        .map(|m| Quadrant::parse_field(m.trim()).map_err(|e| Fail(1, format!("--mood: {}", e.reason))))
        .collect::<R<Vec<_>>>()?;
    let find = |flag: &str, value: &str, shipped: Vec<(&str, &str)>, own: Vec<(&str, &str)>| {
        resolve(shipped.into_iter(), value)
            .or_else(|| resolve(own.into_iter(), value))
            .ok_or_else(|| Fail(1, format!("{flag}: no word '{value}' in your journal (see `tend words`)")))
    };
    let labels = f
        .labels
        .iter()
        .map(|l| {
            find(
                "--label",
                l,
                w.labels.iter().map(|x| (x.id.as_str(), x.label.as_str())).collect(),
                vocab.labels.iter().map(|x| (x.id.as_str(), x.label.as_str())).collect(),
            )
        })
        .collect::<R<Vec<_>>>()?;
    let feeling = f
        .feeling
        .map(|e| {
            find(
                "--emotion",
                &e,
                w.emotions.iter().map(|x| (x.id.as_str(), x.label.as_str())).collect(),
                vocab.emotions.iter().map(|x| (x.id.as_str(), x.label.as_str())).collect(),
            )
        })
        .transpose()?;
    Ok(Query { text, moods, labels, feeling, from: f.from, to: f.to, ..Query::default() })
}

fn resolve_all<'a, F>(field: &str, values: Vec<String>, items: F) -> R<Vec<String>>
where
    F: Fn() -> Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a>,
{
    values
        .into_iter()
        .map(|v| resolve(items(), &v).ok_or_else(|| Fail(1, format!("{field}: unknown item '{v}' (see `tend words`)"))))
        .collect()
}

fn build_input(io: &mut Io<'_>, j: &Journal, base: Option<&Entry>, a: EntryArgs) -> R<EntryInput> {
    let w: &'static WordLists = shipped();
    let mut input = match base {
        Some(e) => e.to_input(),
        None => {
            let p = a.pleasantness.ok_or_else(|| Fail(1, "pleasantness: required, a number from -1 to 1".into()))?;
            let e = a.energy.ok_or_else(|| Fail(1, "energy: required, a number from -1 to 1".into()))?;
            EntryInput::with_mood(p, e)
        }
    };
    if let Some(p) = a.pleasantness {
        input.mood.pleasantness = p;
    }
    if let Some(e) = a.energy {
        input.mood.energy = e;
    }
    let quadrant = Mood { ..input.mood }.quadrant();
    if !a.emotions.is_empty() || !a.labels.is_empty() {
        let vocab = j.vocabulary()?;
        let mut emotions = Vec::new();
        for word in a.emotions {
            emotions.push(shipped_or_own(
                io,
                w.emotions.iter().map(|e| (e.id.as_str(), e.label.as_str())),
                vocab.emotions.iter().map(|o| (o.id.as_str(), o.label.as_str())),
                &word,
                || j.add_own_emotion(&word, quadrant).map(|o| (o.id, o.label)),
                &format!("words ({})", quadrant.as_str()),
            )?);
        }
        let mut labels = Vec::new();
        for label in a.labels {
            labels.push(shipped_or_own(
                io,
                w.labels.iter().map(|l| (l.id.as_str(), l.label.as_str())),
                vocab.labels.iter().map(|o| (o.id.as_str(), o.label.as_str())),
                &label,
                || j.add_own_label(&label).map(|o| (o.id, o.label)),
                "labels",
            )?);
        }
        if !emotions.is_empty() {
            input.emotions = emotions;
        }
        if !labels.is_empty() {
            input.labels = labels;
        }
    }
    if !a.context.is_empty() {
        input.context = resolve_all("context", a.context, || {
            Box::new(w.contexts.iter().map(|c| (c.id.as_str(), c.label.as_str())))
        })?;
    }
    if !a.aftercare_got.is_empty() {
        input.aftercare_got = resolve_all("aftercareGot", a.aftercare_got, || {
            Box::new(w.aftercare.iter().map(|c| (c.id.as_str(), c.label.as_str())))
        })?;
    }
    if !a.aftercare_wanted.is_empty() {
        input.aftercare_wanted = resolve_all("aftercareWanted", a.aftercare_wanted, || {
            Box::new(w.aftercare.iter().map(|c| (c.id.as_str(), c.label.as_str())))
        })?;
    }
    if !a.body.is_empty() {
        input.body =
            resolve_all("body", a.body, || Box::new(w.body.iter().map(|c| (c.id.as_str(), c.label.as_str()))))?;
    }
    if let Some(c) = a.choice {
        input.choice = Some(match c.as_str() {
            "yes" => Choice::Yes,
            "mostly" => Choice::Mostly,
            "unsure" => Choice::Unsure,
            _ => Choice::No,
        });
    }
    if let Some(t) = a.timing {
        input.timing = Some(match t.as_str() {
            "right-after" => Timing::RightAfter,
            "later-that-day" => Timing::LaterThatDay,
            "next-day" => Timing::NextDay,
            _ => Timing::DaysLater,
        });
    }
    if let Some(c) = a.check_in {
        input.check_in =
            Some(if c == "tomorrow" { crate::model::CheckIn::Tomorrow } else { crate::model::CheckIn::FewHours });
    }
    if let Some(f) = a.follows {
        input.follows = Some(f);
    }
    if let Some(p) = a.partner {
        input.partner = Some(p).filter(|p| !p.trim().is_empty());
    }
    if let Some(t) = a.text {
        input.text = t;
    }
    if let Some(at) = a.at {
        input.at = Some(
            DateTime::parse_from_rfc3339(&at)
                .map_err(|_| Fail(1, "at: use RFC 3339, for example 2026-03-01T23:10:00+01:00".into()))?,
        );
    }
    Ok(input)
}

fn word_labels(j: &Journal, e: &Entry) -> Vec<String> {
    let w = shipped();
    let own = j.vocabulary().unwrap_or_default();
    e.emotions
        .iter()
        .map(|id| {
            w.emotion(id)
                .map(|x| x.label.clone())
                .or_else(|| own.emotions.iter().find(|o| &o.id == id).map(|o| o.label.clone()))
                .unwrap_or_else(|| id.clone())
        })
        .collect()
}

fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > max {
        format!("{}…", line.chars().take(max).collect::<String>())
    } else {
        line.to_owned()
    }
}

fn print_page(io: &mut Io<'_>, j: &Journal, page: &crate::journal::Page, json: bool, filtered: bool) -> R<i32> {
    if json {
        writeln!(io.out, "{}", serde_json::to_string_pretty(page).unwrap_or_default())?;
        return Ok(0);
    }
    if page.items.is_empty() {
        writeln!(io.out, "{}", if filtered { "No entries match." } else { "No entries yet." })?;
        return Ok(0);
    }
    for e in &page.items {
        writeln!(
            io.out,
            "{}  {}  {:<6}  {:<28}  {}",
            e.id,
            e.at.format("%Y-%m-%d %H:%M"),
            e.quadrant.as_str(),
            word_labels(j, e).join(", "),
            first_line(&e.text, 50)
        )?;
    }
    if page.total > page.items.len() {
        writeln!(io.out, "({} of {} shown)", page.items.len(), page.total)?;
    }
    Ok(0)
}

fn print_trends(io: &mut Io<'_>, i: &crate::insights::Insights) -> R<()> {
    writeln!(io.out, "{} to {}: {} entries", i.from, i.to, i.total.count)?;
    if i.total.count == 0 {
        writeln!(io.out, "A few more entries and patterns will show here.")?;
        return Ok(());
    }
    let quads: Vec<String> =
        i.quadrants.iter().filter(|q| q.1 > 0).map(|(q, n)| format!("{} {n}", q.as_str())).collect();
    writeln!(
        io.out,
        "Mood: {} (mean pleasantness {:+.2}, energy {:+.2})",
        quads.join(", "),
        i.total.pleasantness,
        i.total.energy
    )?;
    let top = |v: &[crate::insights::Frequency]| {
        v.iter().take(5).map(|f| format!("{} ({})", f.id, f.mean.count)).collect::<Vec<_>>().join(", ")
    };
    writeln!(io.out, "Feelings: {}", top(&i.emotions))?;
    writeln!(io.out, "After each context:")?;
    for c in i.contexts.iter().take(8) {
        writeln!(io.out, "  after {:<16} {:>4} entries, pleasantness {:+.2}", c.id, c.mean.count, c.mean.pleasantness)?;
    }
    writeln!(io.out, "Aftercare (tends to go with; not a cause):")?;
    for a in i.aftercare.iter().take(10) {
        if a.shown {
            writeln!(
                io.out,
                "  {:<20} got {:+.2} ({}) / not got {:+.2} ({}); wanted {} times, {} not got",
                a.id,
                a.got.pleasantness,
                a.got.count,
                a.not_got.pleasantness,
                a.not_got.count,
                a.wanted,
                a.wanted_not_got
            )?;
        } else {
            writeln!(
                io.out,
                "  {:<20} got {} / not got {}: too few to compare yet; wanted {} times, {} not got",
                a.id, a.got.count, a.not_got.count, a.wanted, a.wanted_not_got
            )?;
        }
    }
    if i.later.pairs > 0 {
        writeln!(
            io.out,
            "Follow-ups: {} pairs, pleasantness changed by {:+.2} on average",
            i.later.pairs, i.later.pleasantness_change
        )?;
    }
    writeln!(io.out, "This month: {} entries. {}", i.month.mood.count, i.month.prompt)?;
    Ok(())
}

fn print_care(io: &mut Io<'_>, offer: &crate::care::Offer<'_>) -> R<()> {
    // As in the app: safety cards come before the grounding exercise; a card that can wait, after.
    let grounding_leads = offer.grounding_first && offer.card.is_none_or(|c| c.waits);
    if grounding_leads {
        print_grounding(io, "First, if it helps")?;
    }
    if let Some(c) = offer.card {
        print_card(io, c)?;
    }
    if let Some(c) = offer.medical_too {
        print_card(io, c)?;
    }
    if offer.grounding_first && !grounding_leads {
        print_grounding(io, "If it helps")?;
    }
    if offer.support_too {
        writeln!(io.out, "Support: if it would help to talk to someone now, see Need support now? in the app.")?;
        writeln!(io.out)?;
    }
    if let Some(p) = offer.prompt {
        writeln!(io.out, "Prompt ({}): {}", p.id, p.text)?;
    }
    for c in &offer.coping {
        writeln!(io.out, "Idea ({}): {}. {}", c.id, c.title, c.how_to)?;
    }
    Ok(())
}

fn print_grounding(io: &mut Io<'_>, lead: &str) -> R<()> {
    let g = &crate::care::shipped().grounding;
    writeln!(io.out, "{lead}: {}", g.title)?;
    for step in &g.steps {
        writeln!(io.out, "  - {step}")?;
    }
    writeln!(io.out)?;
    Ok(())
}

fn print_card(io: &mut Io<'_>, c: &crate::care::Card) -> R<()> {
    let id = serde_json::to_value(c.id).unwrap_or_default();
    writeln!(io.out, "Card ({}): {}", id.as_str().unwrap_or(""), c.title)?;
    for b in &c.blocks {
        if let Some(p) = b.p.as_deref().or(b.hint.as_deref()) {
            writeln!(io.out, "  {}", p.replace("**", ""))?;
        }
        for item in b.list.iter().flatten() {
            writeln!(io.out, "  - {}", item.replace("**", ""))?;
        }
    }
    writeln!(io.out)?;
    Ok(())
}

fn show(io: &mut Io<'_>, j: &Journal, e: &Entry) -> R<()> {
    writeln!(io.out, "{}  ({})", e.at.format("%A %-d %B %Y, %H:%M"), e.id)?;
    writeln!(
        io.out,
        "Mood: {} (pleasantness {:+.2}, energy {:+.2})",
        e.quadrant.as_str(),
        e.mood.pleasantness,
        e.mood.energy
    )?;
    let lists = [
        ("Feelings", word_labels(j, e)),
        ("Labels", e.labels.clone()),
        ("Context", e.context.clone()),
        ("Aftercare got", e.aftercare_got.clone()),
        ("Aftercare wanted", e.aftercare_wanted.clone()),
        ("Body", e.body.clone()),
    ];
    for (name, items) in lists {
        if !items.is_empty() {
            writeln!(io.out, "{name}: {}", items.join(", "))?;
        }
    }
    if let Some(f) = &e.follows {
        writeln!(io.out, "Follows: {f}")?;
    }
    if !e.text.is_empty() {
        writeln!(io.out, "\n{}", e.text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
