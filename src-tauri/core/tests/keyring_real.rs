//! The real OS keyring (SECURITY.md KR-2, CS-8). These tests talk to a live Secret Service, so
//! they are ignored by a plain `cargo test`; `.ci/run` runs them inside `dbus-run-session` with
//! gnome-keyring unlocked, and once more with no Secret Service at all.

use tend_core::journal::Options;
use tend_core::keystore::{DeviceKeyStore, OsKeyring};
use tend_core::secret::{Passphrase, SecretKey};
use tend_core::Journal;

fn options() -> Options {
    Options::for_tests()
}

#[test]
#[ignore = "needs a running Secret Service (see .ci/run)"]
fn secret_service_binds_the_journal_to_this_computer() {
    let store = OsKeyring::default();
    let probe = [0xA5u8; 16];
    let secret = SecretKey::random();
    store.set(&probe, &secret).expect("the Secret Service should accept an item");
    assert_eq!(store.get(&probe).unwrap().unwrap().dangerously_expose(), secret.dangerously_expose());
    store.delete(&probe).unwrap();
    assert!(store.get(&probe).unwrap().is_none());
    store.delete(&probe).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let j = Journal::with_options(dir.path(), Box::new(OsKeyring::default()), options());
    let created = j.create(Passphrase::from("real keyring")).unwrap();
    assert!(created.protection.device_bound, "{:?}", created.protection);
    assert_eq!(created.protection.keyring_problem, None);
    let rk = created.recovery_key.dangerously_expose().to_owned();
    j.lock();
    assert!(j.status().unwrap().device_bound);
    j.unlock(&Passphrase::from("real keyring")).unwrap();
    j.set_quick_unlock(&Passphrase::from("real keyring"), true).unwrap();
    j.lock();
    // A fresh process's view: a new journal object on the same folder.
    let again = Journal::with_options(dir.path(), Box::new(OsKeyring::default()), options());
    again.unlock_quick().unwrap();
    again.lock();

    // Keyring drift: the item disappears (new OS install, keyring reset).
    let vault_id = vault_id_of(dir.path());
    OsKeyring::default().delete(&vault_id).unwrap();
    assert_eq!(again.unlock(&Passphrase::from("real keyring")).unwrap_err().code(), "keyring_unavailable");
    assert_eq!(again.unlock_quick().unwrap_err().code(), "quick_unlock_unavailable");
    let r = again.recover(&rk, &Passphrase::from("after drift")).unwrap();
    assert!(r.protection.device_bound, "recovery binds to the keyring again");
    again.lock();
    again.unlock(&Passphrase::from("after drift")).unwrap();
    again.set_quick_unlock(&Passphrase::from("after drift"), false).unwrap();
    again.lock();

    // Keyring drift: the item holds another secret (a keyring restored from elsewhere, or
    // written by something else). The right passphrase, and quick unlock, are told they can't
    // do it alone here.
    again.unlock(&Passphrase::from("after drift")).unwrap();
    again.set_quick_unlock(&Passphrase::from("after drift"), true).unwrap();
    again.lock();
    OsKeyring::default().set(&vault_id, &SecretKey::random()).unwrap();
    let e = again.unlock(&Passphrase::from("after drift")).unwrap_err();
    assert_eq!(e.code(), "keyring_changed", "{e}");
    assert_eq!(again.unlock_quick().unwrap_err().code(), "keyring_changed");
    let r = again.recover(&rk, &Passphrase::from("after change")).unwrap();
    assert!(r.protection.device_bound, "recovery binds to the secret the keyring holds now");
    assert!(r.protection.quick_unlock, "and keeps quick unlock, bound to it too");
    again.lock();
    again.unlock(&Passphrase::from("after change")).unwrap();
    again.lock();
    again.unlock_quick().unwrap();
    again.lock();
}

#[test]
#[ignore = "needs an environment with no Secret Service (see .ci/run)"]
fn without_a_secret_service_the_journal_is_passphrase_only() {
    let store = OsKeyring::default();
    assert!(store.get(&[1; 16]).is_err(), "a Secret Service answered; run this test without one");
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::with_options(dir.path(), Box::new(OsKeyring::default()), options());
    let created = j.create(Passphrase::from("no keyring, only this odd sentence")).unwrap();
    assert!(!created.protection.device_bound);
    assert!(created.protection.keyring_problem.is_some());
    j.lock();
    j.unlock(&Passphrase::from("no keyring, only this odd sentence")).unwrap();
}

fn vault_id_of(dir: &std::path::Path) -> [u8; 16] {
    let c = rusqlite::Connection::open(dir.join(tend_core::journal::FILE_NAME)).unwrap();
    let v: Vec<u8> = c.query_row("SELECT id FROM vault", [], |r| r.get(0)).unwrap();
    v.try_into().unwrap()
}
