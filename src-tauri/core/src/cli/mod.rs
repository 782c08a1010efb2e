//! The `tend` command line: the same journal as the window, for headless use, scripts, tests
//! and benchmarks. Passphrases come from the terminal, or one line each from standard input
//! when it is not a terminal. Exit codes: 0 ok, 1 a user error (one line), 2 damaged data.
//!
//! Like the window's commands, each command here is one small function: it reads what it needs
//! (`input`), asks the journal, and prints (`print`). What it accepts is in [`args`]. Like the
//! window's commands, it reads the clock in one function, `now`, and gives the core the time.

pub mod args;
mod input;
mod print;

use std::ffi::OsString;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Local};
use clap::Parser;

use self::args::{
    BackupArgs, BackupKeyArgs, Cli, Command, DemoArgs, EditArgs, EntryArgs, EntryId, EntryRef, ExportArgs, ImportArgs,
    JsonFlag, ListArgs, RestoreArgs, SearchArgs, SummaryArgs, TrendsArgs,
};
use crate::error::{Error, ValidationError};
use crate::journal::Journal;
use crate::paths::default_data_dir;
use crate::search::Query;
use crate::summary::SummaryRequest;
use crate::words::shipped;

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
    match dispatch(cli.command, io, &open(dir)) {
        Ok(code) => code,
        Err(Fail(code, msg)) => {
            let _ = writeln!(io.err, "{msg}");
            code
        }
    }
}

/// The time now, in the computer's time zone.
// The command line is a front end: the one place it reads the clock; the core is given the time.
#[allow(clippy::disallowed_methods)]
fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

fn dispatch(cmd: Command, io: &mut Io<'_>, j: &Journal) -> R<i32> {
    match cmd {
        Command::Init => init(io, j),
        Command::Add(a) => add(io, j, a),
        Command::List(a) => list(io, j, a),
        Command::Show(a) => show(io, j, a),
        Command::Edit(a) => edit(io, j, a),
        Command::Delete(a) => delete(io, j, a),
        Command::Search(a) => search(io, j, a),
        Command::Check => check(io, j),
        Command::Passwd => passwd(io, j),
        Command::Rekey => rekey(io, j),
        Command::Recover => recover(io, j),
        Command::Trends(a) => trends(io, j, a),
        Command::Demo(a) => demo(io, j, a),
        Command::Care(a) => care(io, j, a),
        Command::Words(a) => words(io, a),
        Command::Export(a) => export(io, j, a),
        Command::Summary(a) => summary(io, j, a),
        Command::Backup(a) => backup(io, j, a),
        Command::BackupKey(a) => backup_key(io, a),
        Command::Restore(a) => restore(io, j, a),
        Command::Erase => erase(io, j),
        Command::Import(a) => import(io, j, a),
    }
}

/// Opens the journal with a passphrase, and says so when some records couldn't be opened.
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
    if !report.not_as_saved.is_empty() {
        writeln!(io.err, "Some records are not as Tend last saved them. Run `tend check` to see which.")?;
    }
    Ok(())
}

/// For the commands that change how the journal opens: there has to be one.
fn journal_here(j: &Journal) -> R<()> {
    if j.status()?.exists {
        return Ok(());
    }
    Err(Fail(1, "There is no journal here yet. Make one with `tend init`.".into()))
}

fn init(io: &mut Io<'_>, j: &Journal) -> R<i32> {
    let c = j.create(io.new_passphrase()?)?;
    print::created(io.out, j.data_dir(), &c)?;
    j.lock();
    Ok(0)
}

fn add(io: &mut Io<'_>, j: &Journal, a: EntryArgs) -> R<i32> {
    unlock(io, j)?;
    let entry = input::entry(io, j, None, a)?;
    let e = j.add(entry, now())?;
    writeln!(io.out, "{}", e.id)?;
    Ok(0)
}

fn edit(io: &mut Io<'_>, j: &Journal, a: EditArgs) -> R<i32> {
    unlock(io, j)?;
    let existing = j.get(&a.id)?;
    let entry = input::entry(io, j, Some(&existing), a.fields)?;
    let e = j.update(&a.id, entry, now())?;
    writeln!(io.out, "Saved {}.", e.id)?;
    Ok(0)
}

fn list(io: &mut Io<'_>, j: &Journal, a: ListArgs) -> R<i32> {
    unlock(io, j)?;
    let query = input::query(j, String::new(), a.filters)?.page(0, a.limit);
    let filtered = query != Query::default().page(0, a.limit);
    page(io, j, &query, a.json, filtered)
}

fn search(io: &mut Io<'_>, j: &Journal, a: SearchArgs) -> R<i32> {
    unlock(io, j)?;
    let query = input::query(j, a.text, a.filters)?;
    page(io, j, &query, a.json, true)
}

/// The entries that match, in lines or JSON.
fn page(io: &mut Io<'_>, j: &Journal, query: &Query, json: bool, filtered: bool) -> R<i32> {
    let page = j.search(query)?;
    print::json_or(io.out, json, &page, |out| print::page(out, &j.vocabulary().unwrap_or_default(), &page, filtered))?;
    Ok(0)
}

fn show(io: &mut Io<'_>, j: &Journal, a: EntryRef) -> R<i32> {
    unlock(io, j)?;
    let e = j.get(&a.id)?;
    print::json_or(io.out, a.json, &e, |out| print::entry(out, &j.vocabulary().unwrap_or_default(), &e))?;
    Ok(0)
}

fn delete(io: &mut Io<'_>, j: &Journal, a: EntryId) -> R<i32> {
    unlock(io, j)?;
    j.delete(&a.id)?;
    writeln!(io.out, "Deleted.")?;
    Ok(0)
}

fn check(io: &mut Io<'_>, j: &Journal) -> R<i32> {
    unlock(io, j)?;
    let r = j.check()?;
    print::check(io.out, &r)?;
    Ok(if r.healthy() { 0 } else { 2 })
}

fn passwd(io: &mut Io<'_>, j: &Journal) -> R<i32> {
    journal_here(j)?;
    let current = io.passphrase("Current passphrase: ")?;
    j.unlock(&current)?;
    let new = io.new_passphrase()?;
    j.change_passphrase(&current, &new)?;
    writeln!(io.out, "Your passphrase is changed. Your recovery key still works.")?;
    writeln!(
        io.out,
        "The journal's key is the same, so a copy of this file from before opens with the old passphrase. \
         To lock out anyone who knew the old one, use `tend rekey`."
    )?;
    Ok(0)
}

fn rekey(io: &mut Io<'_>, j: &Journal) -> R<i32> {
    journal_here(j)?;
    let current = io.passphrase("Current passphrase: ")?;
    j.unlock(&current)?;
    writeln!(io.out, "A new key for your journal. Choose its passphrase (it may be the same one).")?;
    let new = io.new_passphrase()?;
    let r = j.rekey(&current, &new)?;
    print::rekeyed(io.out, &r)?;
    Ok(0)
}

fn recover(io: &mut Io<'_>, j: &Journal) -> R<i32> {
    journal_here(j)?;
    let key = io.secret("Recovery key: ")?;
    // A typo is named before a new passphrase is asked for.
    crate::recovery::parse_key(&key).map_err(Error::from)?;
    let new = io.new_passphrase()?;
    let r = j.recover(&key, &new)?;
    writeln!(io.out, "Your journal is open again ({} entries) and has your new passphrase.", r.entries)?;
    Ok(0)
}

fn care(io: &mut Io<'_>, j: &Journal, a: EntryRef) -> R<i32> {
    unlock(io, j)?;
    let offer = j.care(&a.id, now())?;
    print::json_or(io.out, a.json, &offer, |out| print::care(out, &offer))?;
    Ok(0)
}

fn trends(io: &mut Io<'_>, j: &Journal, a: TrendsArgs) -> R<i32> {
    unlock(io, j)?;
    let i = j.insights(&crate::insights::Query { from: a.from, to: a.to, today: now().date_naive() })?;
    print::json_or(io.out, a.json, &i, |out| print::trends(out, &i))?;
    Ok(0)
}

fn demo(io: &mut Io<'_>, j: &Journal, a: DemoArgs) -> R<i32> {
    if j.status()?.exists {
        unlock(io, j)?;
    } else {
        let c = j.create(io.new_passphrase()?)?;
        writeln!(io.out, "Made a new journal for the demo. Its recovery key: {}", c.recovery_key.dangerously_expose())?;
    }
    let added = crate::demo::fill(j, now(), a.per_week, a.seed, a.years)?;
    writeln!(io.out, "Added {added} made-up entries over the last {} year(s).", a.years)?;
    Ok(0)
}

fn export(io: &mut Io<'_>, j: &Journal, a: ExportArgs) -> R<i32> {
    let range = crate::export::Range { from: a.from, to: a.to };
    // What can be refused without the journal is refused before the passphrase is asked for.
    range.check()?;
    crate::export::check_target(&a.out, a.force)?;
    unlock(io, j)?;
    let n = j.export_to(&a.out, a.format, range, now(), a.force)?;
    writeln!(
        io.err,
        "Warning: {} is NOT encrypted. Anyone who can open it can read it; keep it somewhere safe, and delete it when you're done.",
        a.out.display()
    )?;
    writeln!(io.out, "Exported {n} {} to {}.", if n == 1 { "entry" } else { "entries" }, a.out.display())?;
    Ok(0)
}

fn summary(io: &mut Io<'_>, j: &Journal, a: SummaryArgs) -> R<i32> {
    // What can be refused without the journal is refused before the passphrase is asked for.
    crate::export::Range { from: a.from, to: a.to }.check()?;
    crate::export::check_target(&a.out, a.force).map_err(summary_fail)?;
    unlock(io, j)?;
    let now = now();
    let req = SummaryRequest { from: a.from, to: a.to, entries: a.entries, with_text: a.with_text };
    let s = j.summary(&req, now.date_naive(), now)?;
    crate::export::write_file(&a.out, s.html.as_bytes(), a.force).map_err(summary_fail)?;
    writeln!(
        io.err,
        "Warning: {} is NOT encrypted. Anyone who can open it can read it; keep it somewhere safe, and delete it when you're done.",
        a.out.display()
    )?;
    let n = s.entries;
    writeln!(io.out, "Wrote a summary of {n} {} to {}.", if n == 1 { "entry" } else { "entries" }, a.out.display())?;
    writeln!(io.out, "Open it in a web browser to print it, or to save it as a PDF.")?;
    Ok(0)
}

/// A summary's file errors, pointing to this command's own `--force`.
fn summary_fail(e: Error) -> Fail {
    match e {
        Error::ExportExists(path) => Fail(
            1,
            format!(
                "There is already something at {path}, so nothing was written and it was left as it was. \
                 Choose another name, or replace it on purpose (`tend summary --force`)."
            ),
        ),
        e => e.into(),
    }
}

fn backup(io: &mut Io<'_>, j: &Journal, a: BackupArgs) -> R<i32> {
    if let Some(out) = &a.out {
        crate::export::check_target(out, false)?;
    }
    unlock(io, j)?;
    let plan = j.backup_plan()?;
    if plan.recipient.is_none() && !a.own_passphrase {
        writeln!(io.err, "This journal was made before backups; Tend needs its recovery key once.")?;
        let key = io.secret("Recovery key: ")?;
        j.set_backup_key(&key)?;
    }
    let now = now();
    // `--own-passphrase` requires `--out`.
    if let (true, Some(out)) = (a.own_passphrase, a.out.as_deref()) {
        writeln!(io.out, "Choose the backup's own passphrase.")?;
        let own = io.new_passphrase()?;
        let b = j.backup_to_with_passphrase(out, &own, now)?;
        writeln!(
            io.out,
            "Backed up {} {} to {}. It opens with that passphrase, not with your recovery key.",
            b.entries,
            if b.entries == 1 { "entry" } else { "entries" },
            b.file
        )?;
        return Ok(0);
    }
    let b = match (a.out, plan.folder) {
        (Some(out), _) => j.backup_to(&out, now, false)?,
        (None, Some(_)) => j.backup_now(now)?,
        (None, None) => j.backup_to(&PathBuf::from(crate::backup::file_name(now)), now, false)?,
    };
    let n = b.entries;
    writeln!(
        io.out,
        "Backed up {n} {} to {}. It opens with your recovery key.",
        if n == 1 { "entry" } else { "entries" },
        b.file
    )?;
    Ok(0)
}

fn backup_key(io: &mut Io<'_>, a: BackupKeyArgs) -> R<i32> {
    crate::export::check_target(&a.out, a.force)?;
    let key = io.secret("Recovery key: ")?;
    let rk = crate::recovery::parse_key(&key).map_err(Error::from)?;
    let id = crate::backup::BackupIdentity::from_recovery_key(&rk);
    let body = zeroize::Zeroizing::new(format!(
        "# Tend backup key: opens the backups sealed to the recovery key it was made from.\n# public key: {}\n{}\n",
        id.recipient(),
        id.to_text().dangerously_expose()
    ));
    crate::export::write_file(&a.out, body.as_bytes(), a.force)?;
    writeln!(
        io.out,
        "Wrote the backup key to {}. Read a backup with: age -d -i {} BACKUP.age",
        a.out.display(),
        a.out.display()
    )?;
    writeln!(io.err, "Anyone with this file can read your backups: keep it as safe as your recovery key.")?;
    Ok(0)
}

fn restore(io: &mut Io<'_>, j: &Journal, a: RestoreArgs) -> R<i32> {
    let own = crate::backup::has_own_passphrase(&a.file);
    if j.status()?.exists {
        unlock(io, j)?;
        let r = if own {
            j.merge_backup_with_passphrase(&a.file, &io.passphrase("The backup's passphrase: ")?)?
        } else {
            let key = io.secret("Recovery key (the one current when the backup was made): ")?;
            j.merge_backup(&a.file, &key)?
        };
        writeln!(
            io.out,
            "Added {} {} from the backup; {} were here already and stay as they are.",
            r.added,
            if r.added == 1 { "entry" } else { "entries" },
            r.already_here
        )?;
        return Ok(0);
    }
    if own {
        let backup_pass = io.passphrase("The backup's passphrase: ")?;
        let new = io.new_passphrase()?;
        let (r, key) = j.restore_with_passphrase(&a.file, &backup_pass, &new)?;
        writeln!(
            io.out,
            "Restored {} {} into {}. It opens with your new passphrase.",
            r.added,
            if r.added == 1 { "entry" } else { "entries" },
            j.data_dir().display()
        )?;
        writeln!(
            io.out,
            "Its new recovery key, shown once (keep it somewhere private):\n\n    {}\n",
            key.dangerously_expose()
        )?;
        return Ok(0);
    }
    let key = io.secret("Recovery key: ")?;
    crate::recovery::parse_key(&key).map_err(Error::from)?;
    let new = io.new_passphrase()?;
    let r = j.restore(&a.file, &key, &new)?;
    writeln!(
        io.out,
        "Restored {} {} into {}. It opens with your new passphrase, and your recovery key stays the same.",
        r.added,
        if r.added == 1 { "entry" } else { "entries" },
        j.data_dir().display()
    )?;
    Ok(0)
}

fn import(io: &mut Io<'_>, j: &Journal, a: ImportArgs) -> R<i32> {
    // Too big, or not there: said before the passphrase is asked for.
    let bytes = crate::journal::read_import_file(&a.file)?;
    unlock(io, j)?;
    let now = now();
    let name = a.file.file_name().and_then(|n| n.to_str());
    // Read once: the preview and the import are of the same items.
    let parsed = crate::import::parse(&bytes, a.format, name, *now.offset()).map_err(Error::from)?;
    let p = j.preview_parsed(&parsed)?;
    writeln!(io.out, "{} ({}).", p.line, p.source.name())?;
    if p.already_here > 0 {
        writeln!(io.out, "{} of them are in your journal already and will be left as they are.", p.already_here)?;
    }
    if a.dry_run {
        writeln!(io.out, "Nothing was saved (--dry-run).")?;
        return Ok(0);
    }
    let r = j.import_parsed(&parsed, now)?;
    writeln!(io.out, "Imported {} {}.", r.added, if r.added == 1 { "entry" } else { "entries" })?;
    Ok(0)
}

fn erase(io: &mut Io<'_>, j: &Journal) -> R<i32> {
    journal_here(j)?;
    writeln!(
        io.err,
        "This removes your journal from {}: every entry, its side files, the support numbers kept \
         outside it and its keyring entry. Backups are not touched. It can't be undone.",
        j.data_dir().display()
    )?;
    write!(io.err, "Type erase to remove it: ")?;
    io.err.flush()?;
    let mut answer = String::new();
    io.stdin.read_line(&mut answer)?;
    if answer.trim() != "erase" {
        writeln!(io.out, "Nothing was removed.")?;
        return Ok(1);
    }
    let e = j.erase()?;
    writeln!(io.out, "Tend's data is removed from this computer ({} files).", e.files)?;
    if !e.keyring_cleared {
        writeln!(io.out, "The keyring didn't answer, so its entry for Tend (\"app.tend\") may still be there.")?;
    }
    writeln!(io.out, "Backups you made are still wherever you saved them; they open with your recovery key.")?;
    Ok(0)
}

fn words(io: &mut Io<'_>, a: JsonFlag) -> R<i32> {
    print::json_or(io.out, a.json, shipped(), |out| print::words(out, shipped()))?;
    Ok(0)
}

#[cfg(test)]
mod tests;
