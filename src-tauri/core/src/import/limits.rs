//! The caps that keep a hostile or damaged file from costing unbounded memory or time: checked
//! before reading, and while unpacking, so a header that lies about sizes can't get past them.

use super::ImportError;

/// The largest file read for an import: 200 MB. Larger files are refused before reading.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// The most a zip's members may unpack to, all members read together: 256 MB.
pub const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;

/// The most files one zip may hold (a Day One export holds one per photo).
pub const MAX_ZIP_MEMBERS: usize = 100_000;

/// The longest text one field of one entry may hold: 1 MB, far past any journal entry.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// Checks a file's length before it is read: [`ImportError::TooBig`] past [`MAX_FILE_BYTES`].
/// Call it with the length from the file system, so a huge file is never loaded.
pub fn check_size(len: u64) -> Result<(), ImportError> {
    Limits::DEFAULT.check_size(len)
}

/// The caps in force; tests lower them to prove each one without allocating hundreds of MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// See [`MAX_FILE_BYTES`].
    pub file_bytes: u64,
    /// See [`MAX_UNZIPPED_BYTES`].
    pub unzipped_bytes: u64,
    /// See [`MAX_ZIP_MEMBERS`].
    pub zip_members: usize,
    /// See [`MAX_TEXT_BYTES`].
    pub text_bytes: usize,
}

impl Limits {
    /// The caps every caller gets.
    pub const DEFAULT: Limits = Limits {
        file_bytes: MAX_FILE_BYTES,
        unzipped_bytes: MAX_UNZIPPED_BYTES,
        zip_members: MAX_ZIP_MEMBERS,
        text_bytes: MAX_TEXT_BYTES,
    };

    /// [`ImportError::TooBig`] when `len` is past the file cap.
    pub fn check_size(&self, len: u64) -> Result<(), ImportError> {
        if len > self.file_bytes {
            Err(ImportError::TooBig)
        } else {
            Ok(())
        }
    }

    /// [`ImportError::TextTooLong`] when one text field is past the cap.
    pub fn check_text(&self, s: &str) -> Result<(), ImportError> {
        if s.len() > self.text_bytes {
            Err(ImportError::TextTooLong)
        } else {
            Ok(())
        }
    }
}
