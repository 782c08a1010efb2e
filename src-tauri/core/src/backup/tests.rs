use super::*;

#[test]
fn backup_names_are_the_minute_and_nothing_else() {
    let t = DateTime::parse_from_rfc3339("2026-03-04T21:07:59+01:00").unwrap();
    assert_eq!(file_name(t), "tend-backup-20260304-2107.age");
    assert!(is_backup_name(&file_name(t)));
    assert!(is_backup_name("tend-backup-20260304-2107-2.age"));
    for other in [
        "tend-backup-2026034-2107.age",
        "tend-backup-20260304-2107.age.tmp",
        "notes.age",
        "tend-backup-20260304-2107-.age",
        "tend-backup-20260304-2107-2-3.age",
        ".tend-backup-20260304-2107.age",
    ] {
        assert!(!is_backup_name(other), "{other}");
    }
}

#[test]
fn the_identity_comes_from_the_recovery_key_alone() {
    let rk = SecretKey::from_bytes([7; 32]);
    let a = BackupIdentity::from_recovery_key(&rk);
    let b = BackupIdentity::from_recovery_key(&SecretKey::from_bytes([7; 32]));
    assert_eq!(a.recipient(), b.recipient());
    assert!(a.recipient().starts_with("age1"), "{}", a.recipient());
    assert!(a.to_text().dangerously_expose().starts_with("AGE-SECRET-KEY-1"));
    let other = BackupIdentity::from_recovery_key(&SecretKey::from_bytes([8; 32]));
    assert_ne!(a.recipient(), other.recipient());
    assert!(!format!("{a:?}").contains("AGE"), "redacted");
    // Golden: the derivation never changes, or older backups would stop opening.
    assert_eq!(a.recipient(), GOLDEN_RECIPIENT);
}

const GOLDEN_RECIPIENT: &str = "age16kmdkvjw3hs8jw08qgwjpst4m4xpf6gfl50r6rw7kdun8zjwzc5svzkcf0";

fn doc() -> ExportDoc {
    let now = DateTime::parse_from_rfc3339("2026-03-04T21:07:59+01:00").unwrap();
    ExportDoc {
        format: crate::export::FORMAT.into(),
        exported_at: now,
        range: Default::default(),
        entries: Vec::new(),
        own_words: Default::default(),
        settings: Default::default(),
        care: Default::default(),
    }
}

#[test]
fn a_sealed_document_opens_with_its_key_and_no_other() {
    let id = BackupIdentity::from_recovery_key(&SecretKey::from_bytes([1; 32]));
    let sealed = seal(&doc(), &id.recipient(), Vec::new()).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1\n"));
    assert!(!String::from_utf8_lossy(&sealed).contains("tend-export"), "nothing in the clear");
    assert_eq!(open(&sealed[..], &id).unwrap(), doc());
    let wrong = BackupIdentity::from_recovery_key(&SecretKey::from_bytes([2; 32]));
    assert_eq!(open(&sealed[..], &wrong).unwrap_err().code(), "backup_wrong_key");
}

#[test]
fn cut_changed_or_foreign_files_are_named_and_nothing_is_read() {
    let id = BackupIdentity::from_recovery_key(&SecretKey::from_bytes([1; 32]));
    let sealed = seal(&doc(), &id.recipient(), Vec::new()).unwrap();
    for cut in [sealed.len() - 1, sealed.len() - 17, sealed.len() / 2, 10, 0] {
        let code = open(&sealed[..cut], &id).unwrap_err().code();
        assert!(matches!(code, "backup_damaged" | "backup_not_tend"), "cut at {cut}: {code}");
    }
    let mut flipped = sealed.clone();
    let last = flipped.len() - 5;
    flipped[last] ^= 1;
    assert_eq!(open(&flipped[..], &id).unwrap_err().code(), "backup_damaged");
    assert_eq!(open(&b"{\"format\":\"tend-export/1\"}"[..], &id).unwrap_err().code(), "backup_not_tend");
    // An age file that holds something else.
    let enc = age::Encryptor::with_recipients(std::iter::once(
        &id.recipient().parse::<age::x25519::Recipient>().unwrap() as &dyn age::Recipient,
    ))
    .unwrap();
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out).unwrap();
    w.write_all(b"just some notes").unwrap();
    w.finish().unwrap();
    assert_eq!(open(&out[..], &id).unwrap_err().code(), "backup_not_tend");
}

#[test]
fn backups_fall_due_by_the_plan() {
    let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    let mut plan = BackupPlan { folder: Some("/backups".into()), every: Every::Daily, ..BackupPlan::default() };
    assert!(plan.due(t("2026-03-04T21:00:00Z")), "never backed up");
    plan.last_good = Some(t("2026-03-04T21:00:00Z"));
    assert!(!plan.due(t("2026-03-05T09:00:00Z")));
    assert!(plan.due(t("2026-03-05T19:00:00Z")), "the next evening");
    plan.every = Every::Weekly;
    assert!(!plan.due(t("2026-03-08T21:00:00Z")));
    assert!(plan.due(t("2026-03-11T21:00:00Z")));
    plan.every = Every::Off;
    assert!(!plan.due(t("2027-03-11T21:00:00Z")));
    plan.every = Every::Daily;
    plan.folder = None;
    assert!(!plan.due(t("2027-03-11T21:00:00Z")), "no folder, nothing due");
}

mod hostile {
    use proptest::prelude::*;

    use super::*;

    fn sealed() -> (BackupIdentity, Vec<u8>) {
        let id = BackupIdentity::from_recovery_key(&SecretKey::from_bytes([3; 32]));
        let bytes = seal(&doc(), &id.recipient(), Vec::new()).unwrap();
        (id, bytes)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Any bytes at all: an answer, never a panic.
        #[test]
        fn any_bytes_are_answered_calmly(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let (id, _) = sealed();
            let _ = open(&bytes[..], &id);
        }

        /// A real backup with bytes changed, cut or added: refused, never read in part.
        #[test]
        fn a_changed_backup_is_refused_whole(at in any::<prop::sample::Index>(), flip in 1u8..=255, cut in any::<bool>()) {
            let (id, mut bytes) = sealed();
            let i = at.index(bytes.len());
            if cut { bytes.truncate(i) } else { bytes[i] ^= flip }
            let code = open(&bytes[..], &id).unwrap_err().code();
            prop_assert!(matches!(code, "backup_damaged" | "backup_not_tend" | "backup_wrong_key"), "{}", code);
        }
    }
}
