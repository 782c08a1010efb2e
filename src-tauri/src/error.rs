//! How errors cross IPC: `{code, message}`. The UI branches on `code` and shows `message`,
//! which is always written for a person; internal detail never crosses.

use serde::Serialize;

/// An error as the webview sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    /// Stable code (see `tend_core::Error::code`).
    pub code: String,
    /// What happened and what to do, in plain words.
    pub message: String,
}

impl From<tend_core::Error> for CommandError {
    fn from(e: tend_core::Error) -> Self {
        CommandError { code: e.code().to_owned(), message: e.to_string() }
    }
}

impl CommandError {
    /// The system print dialog could not be opened (the only shell-side failure a command has).
    pub fn print_unavailable() -> Self {
        CommandError {
            code: "print_unavailable".into(),
            message: "This computer's print dialog couldn't be opened. Nothing was changed; try again.".into(),
        }
    }
}

/// Result of every command.
pub type CmdResult<T> = Result<T, CommandError>;
