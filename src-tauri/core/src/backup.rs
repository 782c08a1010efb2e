//! Encrypted backups (DESIGN.md section 9): the export document sealed with age to a key made
//! from the recovery key, so anyone holding that key can read a backup with the standard `age`
//! tool, with no Tend installed, and Tend can write one while the journal is open with no prompt.
//!
//! ```text
//! recovery key --HKDF-SHA256(info "tend backup identity v1")--> X25519 secret (the age identity)
//! export document (JSON) --age, to the identity's public half--> tend-backup-YYYYMMDD-HHMM.age
//! ```
//!
//! The document is streamed through the encryption: no plaintext copy of it is made in memory
//! or on disk. What a backup file says in the clear is age's header alone: no counts, no words.

use std::fmt;
use std::io::{BufRead, BufReader, Read, Write};

use age::secrecy::ExposeSecret;
use bech32::ToBase32;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};
use crate::export::{ExportDoc, Readable};
use crate::secret::{Passphrase, SecretKey, SecretText};

/// HKDF info for the backup identity; a new scheme is a new name.
const IDENTITY_INFO: &[u8] = b"tend backup identity v1";
/// What age's text form of an identity starts with (lower case for bech32, shown upper case).
const SECRET_KEY_HRP: &str = "age-secret-key-";

/// The file name a backup made at `now` gets: the local minute, nothing else.
pub fn file_name(now: DateTime<FixedOffset>) -> String {
    format!("tend-backup-{}.age", now.format("%Y%m%d-%H%M"))
}

/// True for a name [`file_name`] makes (what automatic backups count and prune; nothing else
/// in the folder is ever touched).
pub fn is_backup_name(name: &str) -> bool {
    let Some(stem) = name.strip_prefix("tend-backup-").and_then(|s| s.strip_suffix(".age")) else {
        return false;
    };
    // YYYYMMDD-HHMM, with an optional "-N" when two backups share a minute.
    let mut parts = stem.split('-');
    let digits = |s: Option<&str>, n: usize| s.is_some_and(|s| s.len() == n && s.bytes().all(|b| b.is_ascii_digit()));
    digits(parts.next(), 8)
        && digits(parts.next(), 4)
        && parts.next().is_none_or(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
        && parts.next().is_none()
}

/// The age identity (secret half) a recovery key stands for. Wiped when dropped (age's own type).
pub struct BackupIdentity(age::x25519::Identity);

impl fmt::Debug for BackupIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BackupIdentity(<redacted>)")
    }
}

impl BackupIdentity {
    /// The identity made from a recovery key (its 32 bytes, as parsed from the groups).
    pub fn from_recovery_key(rk: &SecretKey) -> BackupIdentity {
        let mut bytes = Zeroizing::new([0u8; 32]);
        crate::crypto::hkdf(rk.dangerously_expose(), &[], IDENTITY_INFO, bytes.as_mut());
        // age reads identities only from their text form: made here, parsed, then wiped.
        let mut text = bech32::encode(SECRET_KEY_HRP, bytes.to_base32(), bech32::Variant::Bech32)
            .unwrap_or_default()
            .to_uppercase();
        let parsed = text.parse::<age::x25519::Identity>();
        text.zeroize();
        // A valid HRP and 32 bytes always make a valid identity; the fallback is never reached.
        BackupIdentity(parsed.unwrap_or_else(|_| age::x25519::Identity::generate()))
    }

    /// The identity in age's text form (`AGE-SECRET-KEY-1...`), for `age -d -i FILE`.
    pub fn to_text(&self) -> SecretText {
        SecretText::new(self.0.to_string().expose_secret().to_owned())
    }

    /// The public half: where backups are sent (`age1...`). Not secret.
    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }
}

/// Failures reading or writing a backup, each with a stable code and a next step.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum BackupError {
    /// A journal made before backups existed doesn't know where to send them yet.
    #[error("Tend needs your recovery key once before the first backup, to know which key your backups open with. Enter it (or make a new one in Settings), then back up again.")]
    NeedsRecoveryKey,
    /// The key given opens no part of this backup.
    #[error("This recovery key doesn't open this backup. A backup opens with the recovery key that was current when it was made; try an older key if you made a new one since.")]
    WrongKey,
    /// Cut short, changed, or not an age file at all.
    #[error("This backup file is incomplete or has been changed, so it can't be read. Nothing was changed here. Try another backup file.")]
    Damaged,
    /// It opened, but what is inside isn't a Tend export this version reads.
    #[error("This file opened, but what is inside isn't a Tend backup this version can read (it may come from a newer Tend). Nothing was changed here.")]
    NotTend,
    /// Restoring into a folder that already holds a journal: merge instead.
    #[error("There is already a journal here, so the backup wasn't restored over it. Unlock it and bring the backup in (Settings, Your data, or `tend restore` while it opens), or choose an empty data folder.")]
    NotEmpty,
    /// No folder chosen for automatic backups.
    #[error("Choose a folder for backups first.")]
    NoFolder,
    /// The file couldn't be written (path, reason). The last good backup is untouched.
    #[error("Tend couldn't write the backup to {0} ({1}). Your journal and earlier backups are unchanged. Check the folder exists and has space, then try again.")]
    NotWritten(String, String),
    /// The file couldn't be read (path, reason).
    #[error("Tend couldn't read {0} ({1}). Nothing was changed. Check the file is there and readable.")]
    NotRead(String, String),
    /// The backup was sealed with a passphrase of its own, not with a recovery key.
    #[error("This backup was made with a passphrase of its own. Enter that passphrase to open it.")]
    HasOwnPassphrase,
    /// The backup opens with a recovery key, not with a passphrase.
    #[error("This backup opens with your recovery key, not with a passphrase. Enter the recovery key that was current when it was made.")]
    OpensWithRecoveryKey,
    /// The backup's own passphrase doesn't open it.
    #[error("That passphrase doesn't open this backup. Check it and try again; nothing was changed.")]
    WrongBackupPassphrase,
}

impl BackupError {
    /// The stable code the window branches on.
    pub fn code(&self) -> &'static str {
        match self {
            BackupError::NeedsRecoveryKey => "backup_needs_recovery_key",
            BackupError::WrongKey => "backup_wrong_key",
            BackupError::Damaged => "backup_damaged",
            BackupError::NotTend => "backup_not_tend",
            BackupError::NotEmpty => "restore_needs_empty_folder",
            BackupError::NoFolder => "backup_no_folder",
            BackupError::NotWritten(..) => "backup_not_written",
            BackupError::NotRead(..) => "backup_not_read",
            BackupError::HasOwnPassphrase => "backup_has_own_passphrase",
            BackupError::OpensWithRecoveryKey => "backup_opens_with_recovery_key",
            BackupError::WrongBackupPassphrase => "backup_wrong_passphrase",
        }
    }
}

/// The scrypt work factor (log2 N) of a backup sealed with a passphrase of its own: the standard
/// `age` tool's own default, so it opens there without a warning.
pub const SCRYPT_WORK_FACTOR: u8 = 18;
/// The most scrypt work a backup may ask for before Tend will try it (the `age` tool's limit too).
pub const SCRYPT_MAX_WORK_FACTOR: u8 = 22;

/// Who a backup opens for.
#[derive(Debug, Clone, Copy)]
pub enum SealTo<'a> {
    /// The recovery key's age recipient (`age1...`): the usual way.
    Recipient(&'a str),
    /// A passphrase of the backup's own (age's scrypt), for a backup someone else keeps.
    Passphrase(&'a Passphrase),
}

/// Writes `doc` as an age file to `recipient` into `out`, streaming: the JSON goes straight
/// into the encryption. Returns `out` once age's last chunk is written.
pub fn seal<W: Write>(doc: &ExportDoc, recipient: &str, out: W) -> std::io::Result<W> {
    seal_to(doc, SealTo::Recipient(recipient), out)
}

fn secret_string(p: &Passphrase) -> age::secrecy::SecretString {
    let bytes = p.nfc_bytes();
    age::secrecy::SecretString::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// [`seal`], to a recipient or to a passphrase of the backup's own.
pub fn seal_to<W: Write>(doc: &ExportDoc, to: SealTo<'_>, out: W) -> std::io::Result<W> {
    seal_watched(doc, to, out, &crate::progress::Progress::new(), (0.0, 1.0))
}

/// [`seal_to`], moving `progress` within `share` entry by entry; stops with an error when
/// stop is asked for.
pub fn seal_watched<W: Write>(
    doc: &ExportDoc,
    to: SealTo<'_>,
    out: W,
    progress: &crate::progress::Progress,
    share: (f64, f64),
) -> std::io::Result<W> {
    let invalid = |e: String| std::io::Error::new(std::io::ErrorKind::InvalidInput, e);
    let enc = match to {
        SealTo::Recipient(recipient) => {
            let to: age::x25519::Recipient = recipient.parse().map_err(|e: &str| invalid(e.to_owned()))?;
            age::Encryptor::with_recipients(std::iter::once(&to as &dyn age::Recipient))
        }
        SealTo::Passphrase(p) => {
            if p.is_empty() {
                return Err(invalid("the backup's passphrase is empty".into()));
            }
            let mut to = age::scrypt::Recipient::new(secret_string(p));
            to.set_work_factor(SCRYPT_WORK_FACTOR);
            age::Encryptor::with_recipients(std::iter::once(&to as &dyn age::Recipient))
        }
    }
    .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut w = enc.wrap_output(std::io::BufWriter::with_capacity(64 * 1024, out))?;
    doc.write_json(&mut w, progress, share).map_err(std::io::Error::other)?;
    let buffered = w.finish()?;
    buffered.into_inner().map_err(|e| e.into_error())
}

/// Reads an age file made by [`seal`] with the identity, into the export document. A wrong key,
/// a cut or changed file, and a file that isn't Tend's each get their own error; nothing is kept.
pub fn open<R: Read>(input: R, identity: &BackupIdentity) -> Result<ExportDoc> {
    open_as(input, identity, 0)
}

/// [`open`] into any document type; `size` (the file's length, when known) sizes the buffer the
/// plaintext is read into, so it is never grown by copying.
pub fn open_as<D: Readable, R: Read>(input: R, identity: &BackupIdentity, size: u64) -> Result<D> {
    let dec = decryptor(input)?;
    if dec.is_scrypt() {
        return Err(BackupError::HasOwnPassphrase.into());
    }
    let reader = dec.decrypt(std::iter::once(&identity.0 as &dyn age::Identity)).map_err(decrypt_error)?;
    read_doc(reader, size)
}

/// Reads a backup sealed with a passphrase of its own.
pub fn open_with_passphrase<R: Read>(input: R, passphrase: &Passphrase) -> Result<ExportDoc> {
    open_with_passphrase_as(input, passphrase, 0)
}

/// [`open_with_passphrase`] into any document type (see [`open_as`]).
pub fn open_with_passphrase_as<D: Readable, R: Read>(input: R, passphrase: &Passphrase, size: u64) -> Result<D> {
    let dec = decryptor(input)?;
    if !dec.is_scrypt() {
        return Err(BackupError::OpensWithRecoveryKey.into());
    }
    let mut id = age::scrypt::Identity::new(secret_string(passphrase));
    id.set_max_work_factor(SCRYPT_MAX_WORK_FACTOR);
    let reader = dec.decrypt(std::iter::once(&id as &dyn age::Identity)).map_err(|e| match e {
        age::DecryptError::DecryptionFailed
        | age::DecryptError::NoMatchingKeys
        | age::DecryptError::KeyDecryptionFailed => BackupError::WrongBackupPassphrase.into(),
        e => decrypt_error(e),
    })?;
    read_doc(reader, size)
}

/// The age reader for a backup file: a file that isn't age at all (a plain export, notes) is
/// named as not Tend's, rather than called damaged.
fn decryptor<R: Read>(input: R) -> Result<age::Decryptor<BufReader<R>>> {
    let mut input = BufReader::new(input);
    let start = input.fill_buf().map_err(|_| BackupError::Damaged)?;
    if !start.starts_with(b"age-encryption.org/") {
        return Err(BackupError::NotTend.into());
    }
    age::Decryptor::new_buffered(input).map_err(decrypt_error)
}

/// True when the file at `path` is a backup sealed with a passphrase of its own.
pub fn has_own_passphrase(path: &std::path::Path) -> bool {
    std::fs::File::open(path)
        .ok()
        .and_then(|f| age::Decryptor::new_buffered(BufReader::new(f)).ok())
        .is_some_and(|d| d.is_scrypt())
}

fn read_doc<D: Readable>(mut reader: impl Read, size: u64) -> Result<D> {
    // Read whole before parsing: age checks each chunk, and the last one proves the file whole,
    // so nothing from a cut file is ever parsed. The plaintext is never longer than the file.
    let mut plain = Zeroizing::new(Vec::with_capacity(usize::try_from(size).unwrap_or(0)));
    reader.read_to_end(&mut plain).map_err(|_| BackupError::Damaged)?;
    D::parse(&plain).map_err(|_| BackupError::NotTend.into())
}

fn decrypt_error(e: age::DecryptError) -> Error {
    match e {
        age::DecryptError::NoMatchingKeys => BackupError::WrongKey,
        age::DecryptError::UnknownFormat => BackupError::NotTend,
        _ => BackupError::Damaged,
    }
    .into()
}

/// How often automatic backups are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Every {
    /// Only "Back up now".
    #[default]
    Off,
    /// At the first lock or quit after a day since the last good backup.
    Daily,
    /// After a week.
    Weekly,
}

/// How many automatic backups are kept unless chosen otherwise.
pub const DEFAULT_KEEP: u32 = 10;

/// Where and how often backups go, and how the last one went. Kept encrypted, in its own record;
/// not part of the export (it is this computer's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BackupPlan {
    /// The age recipient made from the current recovery key; unset in journals made before
    /// backups existed, until the recovery key is given once.
    pub recipient: Option<String>,
    /// The folder automatic backups (and "Back up now") go to.
    pub folder: Option<String>,
    /// How often.
    pub every: Every,
    /// How many automatic backups to keep in the folder (older ones are removed only after a
    /// new one reads back whole).
    pub keep: u32,
    /// When the last good backup was written.
    pub last_good: Option<DateTime<FixedOffset>>,
    /// Its file.
    pub last_file: Option<String>,
    /// Why the last try didn't work, if it didn't (cleared by the next good one).
    pub problem: Option<String>,
}

impl Default for BackupPlan {
    fn default() -> Self {
        BackupPlan {
            recipient: None,
            folder: None,
            every: Every::Off,
            keep: DEFAULT_KEEP,
            last_good: None,
            last_file: None,
            problem: None,
        }
    }
}

impl BackupPlan {
    /// True when an automatic backup is due at `now`.
    pub fn due(&self, now: DateTime<FixedOffset>) -> bool {
        let gap = match self.every {
            Every::Off => return false,
            Every::Daily => chrono::Duration::hours(20),
            Every::Weekly => chrono::Duration::days(7) - chrono::Duration::hours(4),
        };
        self.folder.is_some() && self.last_good.is_none_or(|t| now - t >= gap)
    }
}

#[cfg(test)]
mod tests;
