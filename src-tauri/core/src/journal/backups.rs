//! Backups from the journal's side (DESIGN.md section 9): where they go and the key they are
//! sealed to, writing one (now, or when due at lock), and bringing one back: into an empty
//! folder as a whole journal, or into the open journal by record id, so doing it twice adds
//! nothing. Every way in is one transaction; a bad file changes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use super::session::{self, Session, Single};
use super::{id_string, numbers, parse_id, Journal};
use crate::backup::{self, BackupError, BackupIdentity, BackupPlan, Every};
use crate::envelope::RecordKind;
use crate::error::{Error, Result, ValidationError, VaultError};
use crate::export::{Range, RestoreDoc};
use crate::model::{EntryPayload, Vocabulary};
use crate::progress::{Progress, Reading};
use crate::recovery;
use crate::secret::{Passphrase, SecretText};
use crate::store::RecordRow;
use crate::vault::{self, SlotType};
use crate::words::shipped;

/// A backup written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backed {
    /// Where it was written.
    pub file: String,
    /// How many entries it holds.
    pub entries: usize,
    /// Older automatic backups removed because more than the kept number were there.
    pub removed: usize,
}

/// A backup brought back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// Entries added.
    pub added: usize,
    /// Entries in the backup that were here already (same id), left as they are here.
    pub already_here: usize,
    /// Own words and labels added.
    pub own_words_added: usize,
}

/// The name the restore builds the new journal under, beside where it will go; only ever a
/// whole journal is moved into place.
const RESTORING: &str = "tend.db.restoring";

impl Journal {
    /// Where backups go, how often, and how the last one went.
    pub fn backup_plan(&self) -> Result<BackupPlan> {
        self.with_session(|s| Ok(s.backups.value.clone()))
    }

    /// Chooses the folder, how often, and how many automatic backups to keep (1 to 100).
    pub fn save_backup_plan(&self, folder: Option<String>, every: Every, keep: u32) -> Result<BackupPlan> {
        if !(1..=100).contains(&keep) {
            return Err(ValidationError::new("keep", "keep between 1 and 100 backups").into());
        }
        let folder = folder.map(|f| f.trim().to_owned()).filter(|f| !f.is_empty());
        if let Some(f) = &folder {
            if !Path::new(f).is_absolute() {
                return Err(ValidationError::new("folder", "choose a whole folder path (starting at /)").into());
            }
        }
        if every != Every::Off && folder.is_none() {
            return Err(BackupError::NoFolder.into());
        }
        self.with_session(|s| {
            let mut plan = s.backups.value.clone();
            plan.folder = folder;
            plan.every = every;
            plan.keep = keep;
            s.save_backups(plan.clone())?;
            Ok(plan)
        })
    }

    /// Tells a journal made before backups existed which key its backups are sealed to: the
    /// recovery key, checked against the journal's own recovery slot first.
    pub fn set_backup_key(&self, recovery_key: &str) -> Result<BackupPlan> {
        let rk = recovery::parse_key(recovery_key)?;
        self.with_session(|s| {
            if !opens_recovery(s, &rk)? {
                return Err(VaultError::WrongRecoveryKey.into());
            }
            let mut plan = s.backups.value.clone();
            plan.recipient = Some(BackupIdentity::from_recovery_key(&rk).recipient());
            s.save_backups(plan.clone())?;
            Ok(plan)
        })
    }

    /// Saves this journal's recovery key as a file at `path` (the person chose it in the system's
    /// save dialog, which asked before replacing a file): only a key that opens this journal's
    /// recovery slot, and never into Tend's own data folder, where it could replace the journal.
    pub fn save_recovery_key_file(&self, path: &Path, recovery_key: &str) -> Result<()> {
        self.outside_data_dir(path)?;
        let rk = recovery::parse_key(recovery_key)?;
        self.with_session(|s| if opens_recovery(s, &rk)? { Ok(()) } else { Err(VaultError::WrongRecoveryKey.into()) })?;
        recovery::save_key_file(path, recovery_key, true)
    }

    /// Refuses a place for a plain file (an export, a key) inside Tend's own data folder, where it
    /// could replace the journal or the files beside it.
    pub(crate) fn outside_data_dir(&self, path: &Path) -> Result<()> {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let (Ok(folder), Ok(data)) = (std::fs::canonicalize(parent), std::fs::canonicalize(&self.dir)) else {
            return Ok(());
        };
        if folder.starts_with(&data) {
            return Err(crate::Error::InsideDataFolder);
        }
        Ok(())
    }

    /// Writes a backup of everything to `path` (never over an existing file unless `replace`),
    /// then reads it back and checks every byte; returns once it is durable.
    pub fn backup_to(&self, path: &Path, now: DateTime<FixedOffset>, replace: bool) -> Result<Backed> {
        self.write_backup(path, now, replace, None, &self.progress())
    }

    /// A backup to `path` sealed with a passphrase of its own instead of the recovery key (for a
    /// copy someone else keeps); the standard `age` tool opens it with that passphrase.
    pub fn backup_to_with_passphrase(
        &self,
        path: &Path,
        passphrase: &Passphrase,
        now: DateTime<FixedOffset>,
    ) -> Result<Backed> {
        if passphrase.is_empty() {
            return Err(VaultError::EmptyPassphrase.into());
        }
        // Its own passphrase alone guards the copy: one guessable within a day is refused.
        if self.options.guess_floor {
            if let Some(why) = crate::strength::refusal_alone(passphrase) {
                return Err(
                    VaultError::GuessablePassphrase(why.replace("guards this journal", "guards this backup")).into()
                );
            }
        }
        self.write_backup(path, now, false, Some(passphrase), &self.progress())
    }

    fn write_backup(
        &self,
        path: &Path,
        now: DateTime<FixedOffset>,
        replace: bool,
        passphrase: Option<&Passphrase>,
        progress: &Progress,
    ) -> Result<Backed> {
        let recipient = self.with_session(|s| match (passphrase, s.backups.value.recipient.clone()) {
            (Some(_), r) => Ok(r.unwrap_or_default()),
            (None, Some(r)) => Ok(r),
            (None, None) => Err(BackupError::NeedsRecoveryKey.into()),
        })?;
        let to = match passphrase {
            Some(p) => backup::SealTo::Passphrase(p),
            None => backup::SealTo::Recipient(&recipient),
        };
        if !replace && std::fs::symlink_metadata(path).is_ok() {
            return Err(Error::ExportExists(path.display().to_string()));
        }
        progress.check()?;
        let doc = self.export(Range::default(), now)?;
        let not_written = |why: String| Error::from(BackupError::NotWritten(path.display().to_string(), why));
        let mut written = None;
        let placed = crate::export::place(path, replace, |f| {
            let mut hashing = Hashing { inner: f, hash: Sha256::new() };
            backup::seal_watched(&doc, to, &mut hashing, progress, (0.05, 0.9))?;
            written = Some(hashing.hash.finalize());
            Ok(())
        });
        match placed {
            Ok(true) => {}
            Ok(false) => return Err(Error::ExportExists(path.display().to_string())),
            // Stopped: the half-written file is gone, as on any failure.
            Err(_) if progress.is_cancelled() => return Err(Error::Cancelled),
            Err(e) => return Err(not_written(e.to_string())),
        }
        // Read back from the disk: what is there is what was sealed.
        let mut back = Sha256::new();
        let read = std::fs::File::open(path).and_then(|mut f| std::io::copy(&mut f, &mut back));
        if read.is_err() || Some(back.finalize()) != written {
            return Err(not_written("it didn't read back the same".into()));
        }
        progress.finish();
        Ok(Backed { file: path.display().to_string(), entries: doc.entries.len(), removed: 0 })
    }

    /// Writes a backup into the chosen folder now, then removes automatic backups beyond the
    /// kept number (only files named like Tend's backups; the newest are kept). How it went is
    /// remembered for Settings; a failure leaves every earlier backup where it was.
    pub fn backup_now(&self, now: DateTime<FixedOffset>) -> Result<Backed> {
        self.backup_now_watched(now, &self.progress())
    }

    fn backup_now_watched(&self, now: DateTime<FixedOffset>, progress: &Progress) -> Result<Backed> {
        let plan = self.backup_plan()?;
        let folder = PathBuf::from(plan.folder.clone().ok_or(BackupError::NoFolder)?);
        let outcome = free_name(&folder, now)
            .and_then(|path| self.write_backup(&path, now, false, None, progress))
            .map(|mut b| {
                b.removed = prune(&folder, plan.keep, &b.file);
                b
            });
        // Stopped on purpose: not a problem to show in Settings, and nothing to remember.
        if matches!(outcome, Err(Error::Cancelled)) {
            return outcome;
        }
        self.with_session(|s| {
            let mut plan = s.backups.value.clone();
            match &outcome {
                Ok(b) => {
                    plan.last_good = Some(now);
                    plan.last_file = Some(b.file.clone());
                    plan.problem = None;
                }
                Err(e) => plan.problem = Some(e.to_string()),
            }
            s.save_backups(plan)
        })?;
        outcome
    }

    /// At lock or quit: a backup when one is due (never an error that blocks the lock; how it
    /// went is kept for Settings). `None` when none was due.
    pub fn backup_if_due(&self, now: DateTime<FixedOffset>) -> Option<Result<Backed>> {
        let plan = self.backup_plan().ok()?;
        // Its own progress: a bar someone is watching (and may cancel) is for other work.
        plan.due(now).then(|| self.backup_now_watched(now, &Progress::new()))
    }

    /// After a new recovery key (or a new key for the journal): when automatic backups are on,
    /// a fresh backup at once, sealed to the new key, so one backup opens with the key the person
    /// now holds. `None` when backups are off.
    pub fn backup_after_new_key(&self, now: DateTime<FixedOffset>) -> Option<Result<Backed>> {
        let plan = self.backup_plan().ok()?;
        (plan.every != Every::Off && plan.folder.is_some()).then(|| self.backup_now_watched(now, &Progress::new()))
    }

    /// Restores a backup into this folder, which holds no journal: the recovery key opens the
    /// backup and stays the journal's recovery key (so older backups still open); the new
    /// passphrase opens it from now on. Built whole under another name and moved into place, so
    /// the folder holds either no journal or the complete one. Leaves the journal unlocked.
    pub fn restore(&self, file: &Path, recovery_key: &str, new_passphrase: &Passphrase) -> Result<Restored> {
        if new_passphrase.is_empty() {
            return Err(VaultError::EmptyPassphrase.into());
        }
        let rk = recovery::parse_key(recovery_key)?;
        if self.status()?.exists {
            return Err(BackupError::NotEmpty.into());
        }
        let progress = self.progress();
        let mut doc = read_backup(file, &BackupIdentity::from_recovery_key(&rk), &progress)?;
        self.restore_doc(&mut doc, Some(rk), new_passphrase, &progress).map(|(r, _)| r)
    }

    /// [`Journal::restore`] of a backup sealed with a passphrase of its own. The journal gets a
    /// new recovery key, returned to be shown once.
    pub fn restore_with_passphrase(
        &self,
        file: &Path,
        backup_passphrase: &Passphrase,
        new_passphrase: &Passphrase,
    ) -> Result<(Restored, SecretText)> {
        if new_passphrase.is_empty() {
            return Err(VaultError::EmptyPassphrase.into());
        }
        if self.status()?.exists {
            return Err(BackupError::NotEmpty.into());
        }
        let progress = self.progress();
        let mut doc =
            read_backup_with(file, &progress, |f, size| backup::open_with_passphrase_as(f, backup_passphrase, size))?;
        self.restore_doc(&mut doc, None, new_passphrase, &progress)
    }

    /// Builds the whole journal from `doc` under another name, then moves it into place.
    fn restore_doc(
        &self,
        doc: &mut RestoreDoc,
        rk: Option<crate::secret::SecretKey>,
        new_passphrase: &Passphrase,
        progress: &Progress,
    ) -> Result<(Restored, SecretText)> {
        let tmp = self.dir.join(RESTORING);
        remove_leftovers(&tmp);
        let built = (|| {
            let (mut s, created) = self.make(&tmp, new_passphrase, rk)?;
            let r = bring_in(&mut s, doc, true, progress)?;
            // Its records went in sorted by id: laid out as a rebuild would leave them.
            s.store.written_in_id_order();
            // A link never replaces a journal that appeared meanwhile. The session stays open:
            // no second key derivation, no second decrypt of everything just written.
            let linked = s.store.link_to(&self.file_path());
            Ok::<_, Error>((s, r, created.recovery_key, linked))
        })();
        remove_leftovers(&tmp);
        let (s, r, recovery_key, linked) = built?;
        match linked {
            Ok(()) => *self.lock_state() = Some(s),
            Err(crate::error::StoreError::AlreadyExists) => return Err(BackupError::NotEmpty.into()),
            // Not linked: nothing is in place.
            Err(e) if !self.file_path().exists() => return Err(e.into()),
            // In place, complete, but not open again here: open it as an unlock would, so the
            // person gets their journal (and a new recovery key is still shown).
            Err(_) => {
                drop(s);
                self.unlock(new_passphrase)?;
            }
        }
        // The numbers the person chose to show on the lock screen; they are in the journal
        // too, so a failure here loses nothing (Settings can write them again).
        let care = &doc.care;
        if care.numbers_outside && !care.numbers.is_empty() {
            let _ = numbers::write(&self.dir.join(numbers::NUMBERS_FILE), &care.numbers);
        }
        progress.finish();
        Ok((r, recovery_key))
    }

    /// Brings a backup into the open journal: entries and own words it doesn't have yet, by
    /// id; what is here already stays as it is here (settings and care cards included). Doing it
    /// twice adds nothing. `recovery_key` is the one current when the backup was made.
    pub fn merge_backup(&self, file: &Path, recovery_key: &str) -> Result<Restored> {
        let rk = recovery::parse_key(recovery_key)?;
        self.with_session(|_| Ok(()))?;
        let progress = self.progress();
        let mut doc = read_backup(file, &BackupIdentity::from_recovery_key(&rk), &progress)?;
        self.with_session(|s| bring_in(s, &mut doc, false, &progress))
    }

    /// [`Journal::merge_backup`] of a backup sealed with a passphrase of its own.
    pub fn merge_backup_with_passphrase(&self, file: &Path, backup_passphrase: &Passphrase) -> Result<Restored> {
        self.with_session(|_| Ok(()))?;
        let progress = self.progress();
        let mut doc =
            read_backup_with(file, &progress, |f, size| backup::open_with_passphrase_as(f, backup_passphrase, size))?;
        self.with_session(|s| bring_in(s, &mut doc, false, &progress))
    }
}

/// Reads and opens one backup file.
fn read_backup(file: &Path, identity: &BackupIdentity, progress: &Progress) -> Result<RestoreDoc> {
    read_backup_with(file, progress, |f, size| backup::open_as(f, identity, size))
}

fn read_backup_with(
    file: &Path,
    progress: &Progress,
    open: impl FnOnce(Reading<'_, std::fs::File>, u64) -> Result<RestoreDoc>,
) -> Result<RestoreDoc> {
    let not_read = |e: std::io::Error| BackupError::NotRead(file.display().to_string(), e.kind().to_string());
    let f = std::fs::File::open(file).map_err(not_read)?;
    let total = f.metadata().map_err(not_read)?.len();
    let reading = Reading { inner: f, progress, read: 0, total, share: (0.0, 0.4) };
    let doc = open(reading, total).map_err(|e| if progress.is_cancelled() { Error::Cancelled } else { e })?;
    progress.at(0.0, 0.5, 1, 1);
    progress.check()?;
    Ok(doc)
}

/// Puts a backup's records into the session in one transaction, taking its entries out of
/// `doc`. `whole`: the session is a new,
/// empty journal, which takes the settings and care record too.
fn bring_in(s: &mut Session, doc: &mut RestoreDoc, whole: bool, progress: &Progress) -> Result<Restored> {
    let mut chosen = Vec::new();
    let r = bring_in_with(s, doc, whole, progress, &mut chosen);
    // What didn't reach the journal (a bad entry, a stop, a failed save) is wiped as it goes.
    chosen.iter_mut().for_each(|(_, p)| p.input.wipe());
    r
}

/// [`bring_in`], holding the entries taken from the document in `chosen` until they are saved.
fn bring_in_with(
    s: &mut Session,
    doc: &mut RestoreDoc,
    whole: bool,
    progress: &Progress,
    chosen: &mut Vec<([u8; 16], EntryPayload)>,
) -> Result<Restored> {
    let words = shipped();
    let mut vocab: Vocabulary = s.vocab.value.clone();
    let mut own_words_added = 0;
    for w in &doc.own_words.emotions {
        if !vocab.emotions.iter().any(|x| x.id == w.id) {
            vocab.emotions.push(w.clone());
            own_words_added += 1;
        }
    }
    for l in &doc.own_words.labels {
        if !vocab.labels.iter().any(|x| x.id == l.id) {
            vocab.labels.push(l.clone());
            own_words_added += 1;
        }
    }
    // Taken out of the document, each moved into its payload: no second copy of every entry.
    let mut entries = std::mem::take(&mut doc.entries);
    let ids: std::collections::HashSet<String> = entries.iter().map(|e| e.id.clone()).collect();
    let mut already_here = 0;
    let mut seen = std::collections::HashSet::with_capacity(entries.len());
    chosen.reserve(entries.len());
    let taken = (|| {
        for e in entries.iter_mut() {
            if s.entries.contains_key(&e.id) {
                already_here += 1;
                continue;
            }
            let id =
                parse_id(&e.id).map_err(|_| ValidationError::new("id", "an entry in the backup has no Tend id"))?;
            if id_string(&id) != e.id || !seen.insert(id) {
                return Err(ValidationError::new("id", "an entry in the backup has an id Tend doesn't use, or twice"));
            }
            let mut input = e.take_input();
            // An entry it follows that isn't in the backup or here is let go; the entry stays.
            if input.follows.as_deref().is_some_and(|f| !ids.contains(f) && !s.entries.contains_key(f)) {
                input.follows = None;
            }
            chosen.push((id, EntryPayload { at: e.at, created: e.created, updated: e.updated, input }));
            e.zeroize();
        }
        Ok(())
    })();
    entries.iter_mut().for_each(Zeroize::zeroize);
    drop(entries);
    taken?;
    // Checked and sealed on every core: most of a restore's work.
    let (key, vault_id, vocab_ref) = (&s.key, &s.vault_id, &vocab);
    let sealed_so_far = std::sync::atomic::AtomicU64::new(0);
    let (count, total) = (&sealed_so_far, chosen.len() as u64);
    let check_and_seal = |(id, payload): &mut ([u8; 16], EntryPayload)| -> Result<RecordRow> {
        let n = count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if n % 256 == 0 {
            progress.check()?;
            progress.at(0.5, 0.85, n, total);
        }
        payload.input.validate(words, vocab_ref)?;
        crate::care::shipped().check_refs(&payload.input)?;
        payload.input.at = None;
        session::seal_entry(key, vault_id, *id, payload)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = chosen.len().div_ceil(threads).max(1024);
    let sealed: Vec<Result<Vec<RecordRow>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = chosen
            .chunks_mut(chunk)
            .map(|c| scope.spawn(move || c.iter_mut().map(check_and_seal).collect::<Result<Vec<_>>>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(Err(Error::Payload))).collect()
    });
    let mut rows: Vec<RecordRow> = Vec::with_capacity(chosen.len() + 3);
    for part in sealed {
        rows.extend(part?);
    }
    let payloads = std::mem::take(chosen);
    let vocab_changed = own_words_added > 0;
    let vocab_id = s.vocab.id.unwrap_or_else(vault::new_vault_id);
    if vocab_changed {
        rows.push(s.simple_row(vocab_id, RecordKind::Vocabulary, &vocab)?);
    }
    let mut care = s.care.value.clone();
    let mut settings = None;
    if whole {
        doc.settings.validate()?;
        care.wipe();
        care = doc.care.clone();
        care.numbers.validate()?;
        care.safety_plan.validate()?;
        care.aftercare_needs.validate(words)?;
        let settings_id = s.settings.id.unwrap_or_else(vault::new_vault_id);
        rows.push(s.simple_row(settings_id, RecordKind::Settings, &doc.settings)?);
        settings = Some((settings_id, doc.settings.clone()));
    } else {
        // Check-ins set aside there stay set aside here, for the entries brought in.
        let added: std::collections::HashSet<String> = payloads.iter().map(|(id, _)| id_string(id)).collect();
        for done in &doc.care.check_ins_done {
            if added.contains(done) && !care.check_ins_done.contains(done) {
                care.check_ins_done.push(done.clone());
            }
        }
    }
    let care_changed = care != s.care.value;
    let care_id = s.care.id.unwrap_or_else(vault::new_vault_id);
    if care_changed {
        rows.push(s.simple_row(care_id, RecordKind::Care, &care)?);
    }
    if rows.is_empty() {
        care.wipe();
        return Ok(Restored { added: 0, already_here, own_words_added });
    }
    // In id order, so where each record sits in the file follows its random id, not its date.
    rows.sort_unstable_by_key(|r| r.record_id);
    let committed = progress.commit_point().and_then(|()| s.commit(&rows, &[]));
    // Saved (or not): the sealed rows go before the entries are put in memory.
    drop(rows);
    if let Err(e) = committed {
        care.wipe();
        return Err(e);
    }
    if vocab_changed {
        let mut old = std::mem::replace(&mut s.vocab, Single { id: Some(vocab_id), value: vocab });
        old.value.zeroize();
    }
    if care_changed {
        let mut old = std::mem::replace(&mut s.care, Single { id: Some(care_id), value: care });
        old.value.wipe();
    }
    if let Some((id, value)) = settings {
        s.settings = Single { id: Some(id), value };
    }
    let added = s.remember_many(payloads);
    Ok(Restored { added, already_here, own_words_added })
}

/// A name for a backup at `now` in `folder` that nothing uses yet.
fn free_name(folder: &Path, now: DateTime<FixedOffset>) -> Result<PathBuf> {
    let name = backup::file_name(now);
    let first = folder.join(&name);
    if std::fs::symlink_metadata(&first).is_err() {
        return Ok(first);
    }
    let stem = name.trim_end_matches(".age");
    (2..1000)
        .map(|n| folder.join(format!("{stem}-{n}.age")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .ok_or_else(|| {
            BackupError::NotWritten(folder.display().to_string(), "too many backups this minute".into()).into()
        })
}

/// Removes Tend's backups in `folder` beyond the newest `keep` (never `newest`); how many went.
fn prune(folder: &Path, keep: u32, newest: &str) -> usize {
    let Ok(list) = std::fs::read_dir(folder) else { return 0 };
    let mut names: Vec<String> = list
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| backup::is_backup_name(n))
        .collect();
    // Names carry the minute; "-N" marks a later one in the same minute.
    names.sort_by_key(|n| order_key(n));
    let extra = names.len().saturating_sub(keep as usize);
    names
        .iter()
        .take(extra)
        .filter(|n| folder.join(n).display().to_string() != newest)
        .filter(|n| std::fs::remove_file(folder.join(n)).is_ok())
        .count()
}

fn order_key(name: &str) -> (String, u32) {
    let stem = name.trim_start_matches("tend-backup-").trim_end_matches(".age");
    let minute: String = stem.chars().take(13).collect();
    let n = stem.get(14..).and_then(|n| n.parse().ok()).unwrap_or(1);
    (minute, n)
}

/// A journal restore that stopped part way (killed, or the disk full) left only its own file.
fn remove_leftovers(tmp: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = tmp.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A writer that hashes what passes through it.
struct Hashing<'a, W: Write> {
    inner: &'a mut W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Whether `rk` opens one of this journal's recovery slots.
fn opens_recovery(s: &Session, rk: &crate::secret::SecretKey) -> Result<bool> {
    let slots = s.store.slots()?;
    Ok(slots
        .iter()
        .filter(|slot| slot.slot_type == SlotType::Recovery)
        .any(|slot| vault::open_recovery_slot(&s.vault_id, slot, rk).is_ok()))
}

#[cfg(test)]
mod tests;
