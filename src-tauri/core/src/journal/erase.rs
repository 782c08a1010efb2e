//! Erase: "Remove Tend's data from this computer". The journal file and its side files, the
//! support-numbers file kept outside the encryption, a restore left part way, and the keyring's
//! secret for this journal, after the person has confirmed. Backups elsewhere are never touched;
//! the answer says where the chosen backup folder is, so the screen can say they are still there.

use serde::Serialize;

use super::writer::{WriterLock, LOCK_FILE};
use super::{keys, numbers, Journal, FILE_NAME};
use crate::error::{Result, StoreError};
use crate::store::Store;
use crate::vault::SlotType;

/// What erase removed and what it left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Erased {
    /// Files removed from the data folder.
    pub files: usize,
    /// The keyring's secret for this journal was removed (or there was none).
    pub keyring_cleared: bool,
    /// The backup folder chosen in Settings, whose backups are left as they are (known only when
    /// the journal was open).
    pub backups_left_in: Option<String>,
}

/// Everything Tend keeps in a data folder, by name.
const SIDE_FILES: [&str; 8] =
    ["-wal", "-shm", "-journal", ".restoring", ".restoring-wal", ".restoring-shm", ".restoring-journal", ""];

impl Journal {
    /// Removes this journal from this computer: locks it, then removes the file and its side
    /// files, the support-numbers file and the keyring's secret, and the folder itself when
    /// nothing else is left in it. Refused while another window or command has it open. Files
    /// of the person's own in the folder, and backups anywhere, are left.
    pub fn erase(&self) -> Result<Erased> {
        let backups_left_in = self.with_session(|s| Ok(s.backups.value.folder.clone())).ok().flatten();
        let mut g = self.lock_state();
        *g = None;
        if !self.dir.exists() {
            return Ok(Erased { files: 0, keyring_cleared: true, backups_left_in });
        }
        let writer = WriterLock::take(&self.dir, self.options.writer_wait)?;
        // The keyring's secret is found by the journal's id: read it while the file is there. A
        // journal that never used the keyring has no secret there to remove.
        let store = Store::open(&self.file_path()).ok();
        let vault_id = store.as_ref().and_then(|s| s.vault().ok().flatten()).map(|(id, _)| id);
        let used_keyring = store
            .as_ref()
            .and_then(|s| s.slots().ok())
            .is_none_or(|slots| keys::bound_to_device(&slots) || slots.iter().any(|s| s.slot_type == SlotType::Quick));
        drop(store);
        let mut files = 0;
        let mut remove = |name: String| -> Result<()> {
            match std::fs::remove_file(self.dir.join(&name)) {
                Ok(()) => {
                    files += 1;
                    Ok(())
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(StoreError::from(e).into()),
            }
        };
        // The journal itself last of its files: a stop part way leaves it whole, or nothing.
        for suffix in SIDE_FILES {
            remove(format!("{FILE_NAME}{suffix}"))?;
        }
        remove(numbers::NUMBERS_FILE.to_owned())?;
        let keyring_cleared = !used_keyring || vault_id.is_none_or(|id| self.keyring.delete(&id).is_ok());
        drop(writer);
        remove(LOCK_FILE.to_owned())?;
        // The folder goes too when nothing of the person's is left in it.
        let _ = std::fs::remove_dir(&self.dir);
        drop(g);
        Ok(Erased { files, keyring_cleared, backups_left_in })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{entry, journal, pass, t};
    use crate::backup::Every;
    use crate::care::SupportNumbers;
    use crate::keystore::DeviceKeyStore;

    #[test]
    fn erase_removes_the_journal_its_side_files_numbers_and_keyring_secret_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        let (j, fake) = journal(&dir);
        j.create(pass("pw")).unwrap();
        j.add(entry("something private"), t(1, 1)).unwrap();
        let numbers = SupportNumbers { crisis_line: "116 123".into(), ..Default::default() };
        j.save_support_numbers(numbers, true).unwrap();
        let backups = tmp.path().join("backups");
        std::fs::create_dir(&backups).unwrap();
        j.save_backup_plan(Some(backups.display().to_string()), Every::Daily, 10).unwrap();
        let b = j.backup_now(t(1, 2)).unwrap();
        let vault_id: [u8; 16] = {
            let c = rusqlite::Connection::open(dir.join("tend.db")).unwrap();
            c.query_row("SELECT id FROM vault", [], |r| r.get::<_, Vec<u8>>(0)).unwrap().try_into().unwrap()
        };
        assert!(fake.get(&vault_id).unwrap().is_some(), "a keyring-bound journal");
        std::fs::write(dir.join("my-notes.txt"), b"mine").unwrap();

        let e = j.erase().unwrap();
        assert_eq!(e.backups_left_in.as_deref(), Some(backups.display().to_string().as_str()));
        assert!(e.keyring_cleared);
        assert!(fake.get(&vault_id).unwrap().is_none(), "the keyring's secret is gone");
        let mut left: Vec<String> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left, ["my-notes.txt"], "only the person's own file stays");
        assert!(std::path::Path::new(&b.file).exists(), "backups are left");
        assert!(!j.status().unwrap().exists);
        assert_eq!(j.unlock(&pass("pw")).unwrap_err().code(), "no_journal");
        // A new journal can be made in its place, and the backup brought back into it later.
        j.create(pass("again")).unwrap();
    }

    #[test]
    fn a_journal_that_never_used_the_keyring_has_nothing_there_to_clear() {
        let tmp = tempfile::tempdir().unwrap();
        let j = crate::Journal::with_options(
            tmp.path(),
            Box::new(crate::keystore::NoKeyring),
            crate::journal::Options::for_tests(),
        );
        j.create(pass("pw")).unwrap();
        assert!(j.erase().unwrap().keyring_cleared);
    }

    #[test]
    fn an_empty_folder_goes_too_and_erasing_twice_is_calm() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        let (j, _) = journal(&dir);
        j.create(pass("pw")).unwrap();
        j.lock();
        let e = j.erase().unwrap();
        assert!(e.files >= 1 && e.backups_left_in.is_none(), "{e:?}");
        assert!(!dir.exists());
        assert_eq!(j.erase().unwrap().files, 0);
    }

    #[test]
    fn erase_waits_for_no_one_and_refuses_while_open_elsewhere() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, _) = journal(tmp.path());
        a.create(pass("pw")).unwrap();
        let (b, _) = journal(tmp.path());
        assert_eq!(b.erase().unwrap_err().code(), "open_elsewhere");
        assert!(a.get(&a.add(entry("still here"), t(1, 1)).unwrap().id).is_ok());
    }
}
