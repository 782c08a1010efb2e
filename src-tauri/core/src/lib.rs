//! Tend's core: an encrypted, local-only journal for how you feel after intimacy.
//!
//! Everything the app promises about data lives here, with no window in it. Data flows one way:
//! the shell or the command line calls [`journal::Journal`], which seals every record with
//! [`envelope`] under a key from [`vault`] and stores ciphertext only, through [`store`], in one
//! SQLite file. Time is always passed in: only the front ends read the clock, the shell's
//! commands and the command line (`cli`, the default feature `cli`; the library builds without it).
#![deny(unsafe_code)]

// Keys: secrets, how they are made and where they are kept.
// Secret bytes and text with redacted `Debug`, no `Clone`, wiped on drop.
pub mod secret;
// AES-256-GCM, Argon2id and HKDF, as the journal calls them.
pub mod crypto;
// Passphrase stretching, calibrated here and range-checked before hashing.
pub mod kdf;
// The recovery key: 256 bits in checksummed groups.
pub mod recovery;
// How guessable a passphrase is, judged the same way for the window and the command line.
pub mod strength;
// The OS keyring, holding one device secret per journal.
pub mod keystore;

// Records: from a key to ciphertext in one SQLite file.
// Key slots wrapping the one master key.
pub mod vault;
// The sealed record format, bound to its row.
pub mod envelope;
// The SQLite file: ids, kinds, slots and ciphertext only.
pub mod store;

// The journal: the one door the shell and the command line use.
// Entries, their validation and the person's own words.
pub mod model;
// The shipped word lists.
pub mod words;
// Create, unlock, save, search and lock.
pub mod journal;
// Failures a person can act on, each with a stable code.
pub mod error;
// Where the journal lives by default.
pub mod paths;

// Meaning: what the journal shows back, computed in memory from decrypted entries.
// Search and filters over the whole journal.
pub mod search;

mod cores;
// Patterns over time; "today" is passed in.
pub mod insights;
// Prompts, coping ideas and safety cards, and the rules that choose them.
pub mod care;
// The plain export document (JSON, Markdown, CSV), which backups also carry.
pub mod export;
// A printable page for a clinician or therapist: the period's patterns and only the entries ticked.
pub mod summary;
// Encrypted backups: the export document sealed with age to a key made from the recovery key.
pub mod backup;
// How far long work has come, and a way to stop it.
pub mod progress;
// Other journals' exports (jrnl, Day One, Daylio, Mini Diarium), read into a neutral form.
pub mod import;

// Faces: front ends and what they show.
// The `tend` command line (the default feature `cli`).
#[cfg(feature = "cli")]
pub mod cli;
// A made-up year of entries for screenshots, trials and benchmarks.
pub mod demo;

pub use error::{Error, Result};
pub use journal::Journal;
