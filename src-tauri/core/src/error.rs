//! Errors a person can act on: every failure has a stable `code` for the UI to branch on and
//! a message that says what happened and what to do next. Internal detail never reaches it.

use thiserror::Error;

/// Failures opening or sealing one encrypted blob.
#[derive(Debug, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The blob failed authentication: it was changed, moved, cut short or made with another key.
    #[error("This record is damaged and can't be opened. Everything else is safe.")]
    Damaged,
    /// The blob names a format version this build does not know.
    #[error("This record was written by a newer version of Tend. Update Tend to open it.")]
    UnsupportedVersion,
}

/// Failures around keys, key slots and the OS keyring.
#[derive(Debug, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum VaultError {
    /// Wrong passphrase, or a slot that was tampered with: deliberately the same message, which
    /// names both.
    #[error("That passphrase didn't open your journal, or this file's key settings were changed. Try again, or use your recovery key.")]
    WrongPassphrase,
    /// The recovery key has a typo (its checksum does not match) or has the wrong length.
    #[error("That recovery key doesn't look right: check each group for a typo and try again.")]
    RecoveryKeyTypo,
    /// The recovery key is well formed but does not open this journal.
    #[error("That recovery key doesn't open this journal. Check it is the key shown when this journal was made.")]
    WrongRecoveryKey,
    /// Stored key-derivation settings are outside the safe range; refused before any hashing.
    #[error("This journal's key settings are outside the safe range, so Tend won't use them. The file may be damaged; your recovery key or a backup can help.")]
    KdfParamsOutOfRange,
    /// The passphrase slot is bound to this computer's keyring, which is missing or refusing.
    #[error("This journal is tied to this computer's keyring, which isn't available right now. Unlock the keyring and try again, or open the journal with your recovery key.")]
    DeviceSecretUnavailable,
    /// The keyring holds a secret for this journal, but not the one its slot was bound to (the
    /// keyring was reset or restored, or something else wrote it): told apart from a wrong
    /// passphrase by the slot's device check, before any hashing.
    #[error("This computer's keyring holds a different key for Tend than the one your journal was set up with (it may have been reset or restored), so your passphrase alone can't open it here. Open it with your recovery key; you'll then choose a passphrase again.")]
    KeyringChanged,
    /// Quick unlock was asked for but is not set up or the keyring cannot give its key.
    #[error("Quick unlock isn't available on this computer right now. Use your passphrase.")]
    QuickUnlockUnavailable,
    /// The last passphrase slot can never be removed.
    #[error("Your journal always keeps a passphrase, so this one can't be removed.")]
    LastPassphraseSlot,
    /// The journal has no usable key slot at all.
    #[error(
        "This journal's keys are missing, so it can't be opened. The file has been left as it was; a backup can help."
    )]
    NoKeySlots,
    /// The passphrase is empty.
    #[error("Choose a passphrase with at least one character.")]
    EmptyPassphrase,
    /// With no keyring, the passphrase alone would guard the journal, and it is guessable
    /// within a day offline; the text says how long, and what to do.
    #[error("{0}")]
    GuessablePassphrase(String),
    /// The record key has sealed as many records as is safe; nothing more is sealed with it.
    #[error("This journal's key has been used as many times as is safe, so this wasn't saved. Everything saved before is safe and still opens. Give the journal a new key (Settings, \"New key\", or `tend rekey`), then save again.")]
    KeyWornOut,
    /// The stored count of the record key's encryptions is no count at all: it was changed.
    #[error("Tend's count of how often your journal's key was used has been changed, so nothing more is saved with this key. Everything saved before is safe and still opens. Give the journal a new key (Settings, \"New key\", or `tend rekey`), then save again.")]
    KeyCountChanged,
    /// A re-key would leave records that can't be opened behind for good.
    #[error("{0} record(s) in your journal can't be opened, and a new key would leave them behind for good, so nothing was changed. Run a check to see which, restore them from a backup if you can, then try again.")]
    RekeyWouldLoseRecords(usize),
}

/// Failures of the SQLite file itself.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The file is not a readable SQLite database, or it is damaged.
    #[error("Tend can't read its data file: it is damaged or isn't a Tend journal. It has been left exactly as it was. Restore a backup, or move the file aside to start a new journal.")]
    Damaged,
    /// A readable SQLite file that is not a Tend journal.
    #[error("This file isn't a Tend journal. It has been left exactly as it was. Choose another data folder.")]
    UnknownFile,
    /// A journal written by a newer Tend; never written to by this one.
    #[error("This journal was written by a newer version of Tend. Update Tend to open it; nothing was changed.")]
    NewerVersion,
    /// A journal already exists where a new one was to be made.
    #[error("A journal already exists here. Unlock it, or choose another data folder.")]
    AlreadyExists,
    /// No journal exists yet.
    #[error("There is no journal here yet. Create one first.")]
    NotFound,
    /// The file or its folder can't be written: read-only, or owned by another user.
    #[error("Tend can't write to its data file because the file or folder is read-only (or belongs to another user). Your journal is safe and unchanged. Check the file's permissions, then try again.")]
    ReadOnly,
    /// The file can't be read at all: its permissions, or its owner, don't allow it.
    #[error("Tend isn't allowed to read its data file: the file or folder belongs to another user, or its permissions keep Tend out. Your journal is safe and unchanged. Check the file's permissions, then try again.")]
    NoPermission,
    /// The disk or SQLite failed while working.
    #[error(
        "Tend couldn't read or write its data file ({0}). Nothing was saved; check the disk has space and try again."
    )]
    Io(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::PermissionDenied) => StoreError::NoPermission,
            _ => StoreError::Io(e.to_string()),
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind;
        match e.kind() {
            // Tend reads and writes its folder as one: a refusal here is most often a write's.
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => StoreError::ReadOnly,
            _ => StoreError::Io(e.to_string()),
        }
    }
}

/// Input that does not fit the entry model; names the field.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{field}: {reason}")]
pub struct ValidationError {
    /// The field, named as in the entry model (`pleasantness`, `emotions`, `text`...).
    pub field: String,
    /// What is wrong and what is allowed.
    pub reason: String,
}

impl ValidationError {
    /// A validation error for `field`.
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { field: field.into(), reason: reason.into() }
    }
}

/// Every error the journal facade returns.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// See [`EnvelopeError`].
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// See [`VaultError`].
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// See [`StoreError`].
    #[error(transparent)]
    Store(#[from] StoreError),
    /// See [`ValidationError`].
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// Another session (the app, another window, or a command) has the journal open.
    #[error(
        "Your journal is open in another Tend window or command right now. Close or lock it there, then try again."
    )]
    OpenElsewhere,
    /// The journal is locked; unlock it first.
    #[error("Your journal is locked. Unlock it to continue.")]
    Locked,
    /// No entry with that id.
    #[error("That entry isn't in your journal (it may have been deleted).")]
    NotFound,
    /// A stored record decrypted but its content could not be read.
    #[error("A record couldn't be read after opening; it may come from a newer version of Tend.")]
    Payload,
    /// The support numbers kept outside the journal (by the person's choice) could not be read or written.
    #[error("{0}")]
    Numbers(String),
    /// A plain export was to be written where a file (or folder) already is.
    #[error("There is already something at {0}, so nothing was written and it was left as it was. Choose another name, or replace it on purpose (`tend export --force`).")]
    ExportExists(String),
    /// A plain export couldn't be written.
    #[error("Tend couldn't write the export to {0} ({1}). Nothing was written there. Check the folder exists and has space, then try again.")]
    ExportWrite(String, String),
    /// A plain file (an export, a key) was to go inside Tend's own data folder.
    #[error("That is inside Tend's own data folder, where it could replace your journal. Nothing was written. Choose another folder.")]
    InsideDataFolder,
    /// The recovery key couldn't be saved as a file; the text says why and what to do.
    #[error("{0}")]
    KeyFile(String),
    /// Backups: made, read and restored.
    #[error(transparent)]
    Backup(#[from] crate::backup::BackupError),
    /// Another journal's file that can't be brought in as it is.
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    /// The person stopped the work before it changed anything.
    #[error("Stopped. Nothing was changed.")]
    Cancelled,
}

impl Error {
    /// The stable code the UI and scripts branch on. Never changes once shipped.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Envelope(EnvelopeError::Damaged) => "damaged_entry",
            Error::Envelope(EnvelopeError::UnsupportedVersion) => "newer_version",
            Error::Vault(v) => match v {
                VaultError::WrongPassphrase => "wrong_passphrase",
                VaultError::RecoveryKeyTypo => "recovery_key_typo",
                VaultError::WrongRecoveryKey => "wrong_recovery_key",
                VaultError::KdfParamsOutOfRange => "kdf_params_out_of_range",
                VaultError::DeviceSecretUnavailable => "keyring_unavailable",
                VaultError::KeyringChanged => "keyring_changed",
                VaultError::QuickUnlockUnavailable => "quick_unlock_unavailable",
                VaultError::LastPassphraseSlot => "last_passphrase_slot",
                VaultError::NoKeySlots => "damaged_file",
                VaultError::EmptyPassphrase => "invalid_input",
                VaultError::GuessablePassphrase(_) => "guessable_passphrase",
                VaultError::KeyWornOut => "key_worn_out",
                VaultError::KeyCountChanged => "key_count_changed",
                VaultError::RekeyWouldLoseRecords(_) => "rekey_would_lose_records",
            },
            Error::Store(s) => match s {
                StoreError::Damaged => "damaged_file",
                StoreError::UnknownFile => "unknown_file",
                StoreError::NewerVersion => "newer_version",
                StoreError::AlreadyExists => "already_exists",
                StoreError::NotFound => "no_journal",
                StoreError::ReadOnly => "read_only",
                StoreError::NoPermission => "no_permission",
                StoreError::Io(_) => "io",
            },
            Error::Invalid(_) => "invalid_input",
            Error::Locked => "locked",
            Error::OpenElsewhere => "open_elsewhere",
            Error::NotFound => "not_found",
            Error::Payload => "damaged_entry",
            Error::Numbers(_) => "support_numbers",
            Error::ExportExists(_) => "export_exists",
            Error::ExportWrite(..) => "export_not_written",
            Error::KeyFile(_) => "key_file_not_written",
            Error::InsideDataFolder => "inside_data_folder",
            Error::Backup(b) => b.code(),
            Error::Import(i) => i.code(),
            Error::Cancelled => "cancelled",
        }
    }

    /// True for errors that mean stored data is damaged (the command line exits 2 for these). A
    /// file Tend may not read or write is not damaged.
    pub fn is_damage(&self) -> bool {
        matches!(self.code(), "damaged_entry" | "damaged_file" | "backup_damaged")
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Store(e.into())
    }
}

/// Result with the facade's [`Error`](enum@Error).
pub type Result<T, E = Error> = std::result::Result<T, E>;
