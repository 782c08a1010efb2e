//! Tend's core: an encrypted, local-only journal for how you feel after intimacy.
//!
//! Everything the app promises about data lives here, with no window in it. Data flows one way:
//! the shell or the command line calls [`journal::Journal`], which seals every record with
//! [`envelope`] under a key from [`vault`] and stores ciphertext only, through [`store`], in one
//! SQLite file. Time is always passed in: only the front ends read the clock, the shell's
//! commands and the command line (`cli`, the default feature `cli`; the library builds without it).
#![deny(unsafe_code)]

pub mod care;
#[cfg(feature = "cli")]
pub mod cli;
pub mod crypto;
pub mod demo;
pub mod envelope;
pub mod error;
pub mod kdf;
pub mod keystore;
pub mod recovery;
pub mod secret;
pub mod store;
pub mod vault;

pub use error::{Error, Result};
pub mod journal;
pub mod model;
pub mod paths;
pub mod search;
pub mod words;

pub use journal::Journal;
pub mod insights;
