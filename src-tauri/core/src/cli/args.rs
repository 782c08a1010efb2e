//! What `tend` accepts, as clap types: one struct a command, so each command's function takes
//! its own arguments. The doc comments here are the help people read.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::export::ExportFormat;
use crate::model::{CheckIn, Choice, Timing};

/// The first lines of `tend --help`.
pub const ABOUT: &str = "Tend: a private journal for how you feel after intimacy. This is its command line.
Everything stays on this computer.";

/// How secrets are read, after every command list.
pub const SECRETS: &str = "Passphrases and recovery keys are typed without echo on a terminal. When standard input \
is not a terminal, each one is read as one line, in the order the prompts ask.";

/// The whole command line: where the journal is, and what to do with it.
#[derive(Debug, Parser)]
#[command(name = "tend", version, about = ABOUT, long_about = None, after_help = SECRETS)]
pub struct Cli {
    /// Folder holding the journal (default: the desktop app's; TEND_DATA_DIR overrides it).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// What to do. With no command, the desktop app opens its window.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new journal and show its recovery key once.
    Init,
    /// Add an entry and print its id.
    Add(EntryArgs),
    /// List entries, newest first; the filters narrow it down.
    List(ListArgs),
    /// Show one entry.
    Show(EntryRef),
    /// Change an entry: only the fields you give change (lists are replaced).
    Edit(EditArgs),
    /// Delete an entry.
    Delete(EntryId),
    /// Find entries (case and accents don't matter).
    Search(SearchArgs),
    /// Open every record and name any that are damaged. Changes nothing.
    Check,
    /// Change the passphrase (the journal's key stays; see `rekey`).
    Passwd,
    /// Give the journal a new key: old passphrases, the old recovery key and old copies of the
    /// file open nothing written from now on. Shows a new recovery key.
    Rekey,
    /// Open the journal with the recovery key and choose a new passphrase.
    Recover,
    /// Patterns over time: the same figures the Trends screen draws.
    Trends(TrendsArgs),
    /// Fill a journal with a made-up, varied year of entries (for trying Tend out).
    Demo(DemoArgs),
    /// What Tend offers for an entry: the prompt, coping ideas and support card, by id and text.
    Care(EntryRef),
    /// List the word ids that entries use.
    Words(JsonFlag),
    /// Write your journal to a plain file you choose: JSON (everything, Tend's own format),
    /// Markdown (one readable page) or CSV (one row per entry). The file is NOT encrypted.
    Export(ExportArgs),
    /// Write a printable page for a clinician or therapist (HTML; open it in a browser to print
    /// it or save it as PDF): mood over time, the calendar, counts per label and context, and
    /// aftercare for a period, plus only the entries you name. The file is NOT encrypted; it
    /// holds only what the page lists.
    Summary(SummaryArgs),
    /// Write an encrypted backup of everything (an age file). It opens with your recovery key;
    /// `tend backup-key` makes the key file the standard `age` tool reads. Without --out, it goes
    /// to the backup folder chosen in the app, else to this folder.
    Backup(BackupArgs),
    /// From your recovery key, write the key that opens your backups with the standard `age`
    /// tool (`age -d -i FILE backup.age`). Keep it as safe as the recovery key itself.
    BackupKey(BackupKeyArgs),
    /// Bring back a backup. Into a data folder with no journal: asks for the recovery key, then a
    /// new passphrase. Into your journal: asks for its passphrase, then the recovery key that was
    /// current when the backup was made; entries already there stay, so twice adds nothing. A
    /// backup made with a passphrase of its own asks for that passphrase instead of the key.
    Restore(RestoreArgs),
    /// Bring in entries from another journal app: jrnl (`jrnl --export json`), Day One (its JSON
    /// export, .zip or Journal.json), Daylio (CSV export or .daylio backup) or Mini Diarium (JSON
    /// export). Shows what the file holds, then saves it all at once; importing the same file
    /// again adds nothing.
    Import(ImportArgs),
    /// Remove Tend's data from this computer: the journal, its side files, the support-numbers
    /// file and its keyring entry, after you type "erase". Backups are left where they are.
    Erase,
}

/// One entry, by id.
#[derive(Debug, Args)]
pub struct EntryId {
    /// Entry id.
    pub id: String,
}

/// One entry, by id, in words or JSON.
#[derive(Debug, Args)]
pub struct EntryRef {
    /// Entry id.
    pub id: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Words or JSON.
#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `tend list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these entries.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Show at most this many.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
}

/// `tend search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find.
    pub text: String,
    /// Only these entries.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `tend edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Entry id.
    pub id: String,
    /// New values.
    #[command(flatten)]
    pub fields: EntryArgs,
}

/// `tend trends`.
#[derive(Debug, Args)]
pub struct TrendsArgs {
    /// First day (YYYY-MM-DD); default: the first entry.
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Last day (YYYY-MM-DD); default: today.
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `tend export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json: the whole journal in Tend's own format (entries, own words, settings, care);
    /// md: one readable page, by day, oldest first; csv: one row per entry, oldest first.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,
    /// Only entries on or after this day (YYYY-MM-DD); default: the first.
    #[arg(long, value_name = "DAY")]
    pub from: Option<NaiveDate>,
    /// Only entries on or before this day (YYYY-MM-DD); default: the last.
    #[arg(long, value_name = "DAY")]
    pub to: Option<NaiveDate>,
    /// The file to write. It is NOT encrypted: anyone who can open it can read it.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace FILE if it already exists. Without it, an existing FILE is left untouched and
    /// nothing is written.
    #[arg(long)]
    pub force: bool,
}

/// `tend summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// First day of the period (YYYY-MM-DD); default: the first entry's day.
    #[arg(long, value_name = "DAY")]
    pub from: Option<NaiveDate>,
    /// Last day of the period (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "DAY")]
    pub to: Option<NaiveDate>,
    /// An entry to show on its own (its id, from `tend list`), with its feelings, labels,
    /// context, aftercare, choice check and timing in words. Repeatable; each must lie in the
    /// period. No entry is shown on its own unless named here.
    #[arg(long = "entry", value_name = "ID")]
    pub entries: Vec<String>,
    /// Also show what you wrote in the entries named with --entry. Without it, no written text
    /// is on the page.
    #[arg(long)]
    pub with_text: bool,
    /// The file to write (an HTML page). It is NOT encrypted: anyone who can open it can read it.
    /// It holds only what the page lists.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace FILE if it already exists. Without it, an existing FILE is left untouched and
    /// nothing is written.
    #[arg(long)]
    pub force: bool,
}

/// `tend backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write (never over an existing one). Default: a new
    /// tend-backup-YYYYMMDD-HHMM.age in the backup folder, or here.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Seal this backup with a passphrase of its own (asked for after the journal's), not with
    /// your recovery key: for a copy someone else keeps. `age -d` asks for that passphrase.
    #[arg(long, requires = "out")]
    pub own_passphrase: bool,
}

/// `tend backup-key`.
#[derive(Debug, Args)]
pub struct BackupKeyArgs {
    /// The key file to write.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace FILE if it already exists.
    #[arg(long)]
    pub force: bool,
}

/// `tend restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file (.age).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// `tend import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file the other app wrote.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Which app made it; found from the file when left out.
    #[arg(long, value_enum, value_name = "APP")]
    pub format: Option<crate::import::Source>,
    /// Only show what would come in; save nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `tend demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// About this many entries a week.
    #[arg(long, default_value_t = 4)]
    pub per_week: u32,
    /// Seed for the made-up data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How many years back.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub years: u32,
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
    #[arg(long, value_enum)]
    pub choice: Option<Choice>,
    /// When you are logging, relative to the moment.
    #[arg(long, value_enum)]
    pub timing: Option<Timing>,
    /// The id of an earlier entry this one follows up.
    #[arg(long)]
    pub follows: Option<String>,
    /// Ask "how are you now?" later.
    #[arg(long, value_enum)]
    pub check_in: Option<CheckIn>,
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
