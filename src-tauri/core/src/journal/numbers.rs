//! The support-numbers file: the one thing Tend keeps outside the encryption, and only when the
//! person agreed, so "Need support now?" can show their saved numbers before unlocking.

use std::path::Path;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::care::SupportNumbers;
use crate::error::{Error, Result};

/// The file's name inside the data directory.
pub const NUMBERS_FILE: &str = "support-numbers.json";

/// The numbers file: written from a borrow, read into owned numbers.
#[derive(Serialize, Deserialize)]
struct NumbersFile<N> {
    version: u32,
    numbers: N,
}

/// Writes the numbers file atomically: a private temporary file, synced, then renamed. Only
/// what reading would accept is written (see [`SupportNumbers::check_outside`]); anything else
/// is refused before the file, or its temporary, is touched.
pub(super) fn write(path: &Path, numbers: &SupportNumbers) -> Result<()> {
    use std::io::Write;
    numbers.check_outside()?;
    let unsaved = |e: std::io::Error| {
        Error::Numbers(format!(
            "Tend couldn't save the support numbers outside the journal ({e}). They are saved in your journal."
        ))
    };
    let tmp = path.with_extension("json.tmp");
    let body =
        Zeroizing::new(serde_json::to_vec_pretty(&NumbersFile { version: 1, numbers }).map_err(|_| Error::Payload)?);
    // A new file of our own, never one planted in its place: whatever sits at the temporary
    // name (a leftover, or a link to somewhere else) is removed, not written through.
    match std::fs::remove_file(&tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(unsaved(e)),
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let written = (|| {
        let mut f = opts.open(&tmp)?;
        #[cfg(unix)]
        std::fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        f.write_all(&body)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(unsaved(e));
    }
    sync_dir(path);
    Ok(())
}

/// Removes the file (and any temporary left by a crash); a missing file is fine.
pub(super) fn remove(path: &Path) -> Result<()> {
    let _ = std::fs::remove_file(path.with_extension("json.tmp"));
    match std::fs::remove_file(path) {
        Ok(()) => {
            sync_dir(path);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => {
            Err(Error::Numbers(format!("Tend couldn't remove the support numbers file {} ({e}).", path.display())))
        }
    }
}

/// The numbers in the file, or `None` when there is no file (the person didn't agree).
pub(super) fn read(path: &Path) -> Result<Option<SupportNumbers>> {
    match std::fs::read(path).map(Zeroizing::new) {
        // Checked like numbers the person typed: a file changed by someone else to hold
        // something no one could have saved is not shown.
        Ok(bytes) => serde_json::from_slice::<NumbersFile<SupportNumbers>>(&bytes)
            .ok()
            .filter(|f| f.numbers.check_outside().is_ok())
            .and_then(|mut f| f.numbers.validate().ok().map(|()| Some(f.numbers)))
            .ok_or_else(|| {
                Error::Numbers(format!(
                    "The saved support numbers in {} can't be read. They are also in your journal: unlock to see them, and save them again.",
                    path.display()
                ))
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Numbers(format!(
            "The saved support numbers can't be read ({e}). They are also in your journal: unlock to see them."
        ))),
    }
}

fn sync_dir(path: &Path) {
    if let Some(d) = path.parent().and_then(|dir| std::fs::File::open(dir).ok()) {
        let _ = d.sync_all();
    }
}
