//! Key slots: the one random master key, wrapped once per way in (passphrase, recovery key,
//! quick unlock). A slot's parameters sit in the clear and are bound to it as associated data,
//! so a changed salt or cost fails authentication; the cost is range-checked before hashing.
//! A slot bound to the keyring's device secret also keeps a short check value of that secret,
//! so a keyring that now holds another secret is told apart from a wrong passphrase.

use rand_core::{OsRng, RngCore};
use zeroize::Zeroizing;

use crate::crypto::{aead_open, aead_seal, hkdf, hkdf_key, random_nonce, NONCE_LEN};
use crate::error::VaultError;
use crate::kdf::{stretch, KdfLimits, KdfParams};
use crate::secret::{Passphrase, SecretKey};
use crate::store::SlotRow;

/// Format of the vault (the `vault.format` column). 2: the journal keeps a sealed index (which
/// version of each record was last saved, and the key's encryption count); a journal of format
/// 1 is given one at its first unlock. 3: every entry is sealed in the compact layout (entry
/// schema 2); a journal of format 2 has its JSON entries rewritten at its first unlock, and an
/// older Tend, which reads only JSON, says the journal is from a newer version.
pub const VAULT_FORMAT: u32 = 3;
/// The record key's id in every blob.
pub const RECORD_KEY_ID: u32 = 1;
/// Slot parameters without a device check (every slot written before version 2, and every
/// slot not bound to the device secret).
const SLOT_PARAMS_V1: u8 = 1;
const SLOT_PARAMS_V1_LEN: usize = 31;
/// Slot parameters of a slot bound to the device secret, with its check value.
const SLOT_PARAMS_V2: u8 = 2;
const SLOT_PARAMS_V2_LEN: usize = SLOT_PARAMS_V1_LEN + DEVICE_CHECK_LEN;
/// Length of a device secret's check value.
pub const DEVICE_CHECK_LEN: usize = 8;
const WRAPPED_LEN: usize = NONCE_LEN + 32 + 16;

pub use crate::store::SlotType;

/// A slot's public parameters, stored in the `kdf` column, big-endian. Version 1 (31 bytes):
/// `1 ‖ kdf_id ‖ m_kib ‖ t ‖ p ‖ salt[16] ‖ device_bound`. Version 2 (39 bytes), only for slots
/// bound to the device secret: `2 ‖ kdf_id ‖ m_kib ‖ t ‖ p ‖ salt[16] ‖ 1 ‖ device_check[8]`.
/// Both are read; version 2 is written whenever there is a device check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotParams {
    /// Argon2id cost, for passphrase slots.
    pub kdf: Option<KdfParams>,
    /// Argon2 salt (zero when there is no KDF).
    pub salt: [u8; 16],
    /// True when the OS keyring's device secret is mixed into the key.
    pub device_bound: bool,
    /// The [`device_check`] of the secret a device-bound slot was made with; `None` in
    /// version 1 slots, which can't tell another secret from a wrong passphrase.
    pub device_check: Option<[u8; DEVICE_CHECK_LEN]>,
}

impl SlotParams {
    /// The stored bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(SLOT_PARAMS_V2_LEN);
        v.push(if self.device_check.is_some() { SLOT_PARAMS_V2 } else { SLOT_PARAMS_V1 });
        let k = self.kdf.unwrap_or(KdfParams { m_kib: 0, t: 0, p: 0 });
        v.push(u8::from(self.kdf.is_some()));
        v.extend_from_slice(&k.m_kib.to_be_bytes());
        v.extend_from_slice(&k.t.to_be_bytes());
        v.extend_from_slice(&k.p.to_be_bytes());
        v.extend_from_slice(&self.salt);
        v.push(u8::from(self.device_bound));
        if let Some(check) = &self.device_check {
            v.extend_from_slice(check);
        }
        v
    }

    /// Strict parse; anything unexpected is a damaged slot. A version 2 slot must be bound to
    /// the device secret.
    pub fn decode(b: &[u8]) -> Result<Self, VaultError> {
        let with_check = match (b.first(), b.len()) {
            (Some(&SLOT_PARAMS_V1), SLOT_PARAMS_V1_LEN) => false,
            (Some(&SLOT_PARAMS_V2), SLOT_PARAMS_V2_LEN) => true,
            _ => return Err(VaultError::WrongPassphrase),
        };
        if b[1] > 1 || b[30] > 1 || (with_check && b[30] != 1) {
            return Err(VaultError::WrongPassphrase);
        }
        let u = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let kdf = (b[1] == 1).then(|| KdfParams { m_kib: u(2), t: u(6), p: u(10) });
        let mut salt = [0u8; 16];
        salt.copy_from_slice(&b[14..30]);
        let device_check = with_check.then(|| {
            let mut c = [0u8; DEVICE_CHECK_LEN];
            c.copy_from_slice(&b[SLOT_PARAMS_V1_LEN..]);
            c
        });
        Ok(SlotParams { kdf, salt, device_bound: b[30] == 1, device_check })
    }
}

/// A slot's associated data: `"TDKS" ‖ 1 ‖ vault_id ‖ slot_id ‖ type ‖ params`.
fn slot_aad(vault_id: &[u8; 16], slot_id: &[u8; 16], slot_type: SlotType, params: &[u8]) -> Vec<u8> {
    let mut a = Vec::with_capacity(4 + 1 + 16 + 16 + 1 + params.len());
    a.extend_from_slice(b"TDKS");
    a.push(1);
    a.extend_from_slice(vault_id);
    a.extend_from_slice(slot_id);
    a.push(slot_type as u8);
    a.extend_from_slice(params);
    a
}

fn info(purpose: &str) -> Vec<u8> {
    format!("tend/v1/{purpose}").into_bytes()
}

/// A short check value of a device secret: the first 8 bytes of
/// HKDF-SHA256(secret, vault_id, "tend/v1/device-check"). It tells whether the keyring still
/// holds the secret a slot was bound to, and gives nothing useful toward a 256-bit secret.
pub fn device_check(device: &SecretKey, vault_id: &[u8; 16]) -> [u8; DEVICE_CHECK_LEN] {
    let mut c = [0u8; DEVICE_CHECK_LEN];
    hkdf(device.dangerously_expose(), vault_id, &info("device-check"), &mut c);
    c
}

/// The record key, derived from the master key.
pub fn record_key(mk: &SecretKey, vault_id: &[u8; 16]) -> SecretKey {
    hkdf_key(mk.dangerously_expose(), vault_id, &info("records/key-1"))
}

fn passphrase_kek(
    limits: &KdfLimits,
    params: &SlotParams,
    pass: &Passphrase,
    vault_id: &[u8; 16],
    device: Option<&SecretKey>,
) -> Result<SecretKey, VaultError> {
    let kdf = params.kdf.ok_or(VaultError::WrongPassphrase)?;
    let stretched = stretch(limits, &kdf, pass, &params.salt)?;
    let mut ikm = Zeroizing::new(Vec::with_capacity(64));
    ikm.extend_from_slice(stretched.as_ref());
    if let Some(d) = device {
        ikm.extend_from_slice(d.dangerously_expose());
    }
    Ok(hkdf_key(&ikm, vault_id, &info("slot/passphrase")))
}

fn secret_kek(secret: &SecretKey, vault_id: &[u8; 16], purpose: &str) -> SecretKey {
    hkdf_key(secret.dangerously_expose(), vault_id, &info(purpose))
}

fn wrap(kek: &SecretKey, mk: &SecretKey, aad: &[u8], nonce: &[u8; NONCE_LEN]) -> Vec<u8> {
    let mut w = nonce.to_vec();
    w.extend_from_slice(&aead_seal(kek.dangerously_expose(), nonce, aad, mk.dangerously_expose()));
    w
}

fn unwrap(kek: &SecretKey, wrapped: &[u8], aad: &[u8]) -> Option<SecretKey> {
    if wrapped.len() != WRAPPED_LEN {
        return None;
    }
    let nonce: [u8; NONCE_LEN] = wrapped[..NONCE_LEN].try_into().ok()?;
    let mk = aead_open(kek.dangerously_expose(), &nonce, aad, &wrapped[NONCE_LEN..])?;
    let mut k = Zeroizing::new([0u8; 32]);
    k.copy_from_slice(&mk);
    Some(SecretKey::from_bytes(*k))
}

fn random16() -> [u8; 16] {
    let mut b = [0u8; 16];
    OsRng.fill_bytes(&mut b);
    b
}

fn build_slot(
    vault_id: &[u8; 16],
    slot_type: SlotType,
    params: SlotParams,
    kek: &SecretKey,
    mk: &SecretKey,
) -> SlotRow {
    let slot_id = random16();
    let kdf = params.encode();
    let aad = slot_aad(vault_id, &slot_id, slot_type, &kdf);
    SlotRow { slot_id, slot_type, kdf, wrapped: wrap(kek, mk, &aad, &random_nonce()) }
}

/// A new passphrase slot, bound to `device` when given.
pub fn passphrase_slot(
    limits: &KdfLimits,
    vault_id: &[u8; 16],
    mk: &SecretKey,
    pass: &Passphrase,
    kdf: KdfParams,
    device: Option<&SecretKey>,
) -> Result<SlotRow, VaultError> {
    if pass.is_empty() {
        return Err(VaultError::EmptyPassphrase);
    }
    let params = SlotParams {
        kdf: Some(kdf),
        salt: random16(),
        device_bound: device.is_some(),
        device_check: device.map(|d| device_check(d, vault_id)),
    };
    let kek = passphrase_kek(limits, &params, pass, vault_id, device)?;
    Ok(build_slot(vault_id, SlotType::Passphrase, params, &kek, mk))
}

/// A new recovery-key slot.
pub fn recovery_slot(vault_id: &[u8; 16], mk: &SecretKey, recovery: &SecretKey) -> SlotRow {
    let params = SlotParams { kdf: None, salt: [0; 16], device_bound: false, device_check: None };
    build_slot(vault_id, SlotType::Recovery, params, &secret_kek(recovery, vault_id, "slot/recovery"), mk)
}

/// A new quick-unlock slot (device secret only).
pub fn quick_slot(vault_id: &[u8; 16], mk: &SecretKey, device: &SecretKey) -> SlotRow {
    let params =
        SlotParams { kdf: None, salt: [0; 16], device_bound: true, device_check: Some(device_check(device, vault_id)) };
    build_slot(vault_id, SlotType::Quick, params, &secret_kek(device, vault_id, "slot/quick"), mk)
}

/// What a passphrase slot needs before its key can be derived.
pub fn slot_params(row: &SlotRow) -> Result<SlotParams, VaultError> {
    SlotParams::decode(&row.kdf)
}

/// Opens a passphrase slot. Wrong passphrase and a tampered slot give the same error. A slot
/// whose device check doesn't match `device` is refused as [`VaultError::KeyringChanged`]
/// before any hashing.
pub fn open_passphrase_slot(
    limits: &KdfLimits,
    vault_id: &[u8; 16],
    row: &SlotRow,
    pass: &Passphrase,
    device: Option<&SecretKey>,
) -> Result<SecretKey, VaultError> {
    let params = slot_params(row)?;
    if let (Some(check), Some(d)) = (params.device_check, device) {
        if check != device_check(d, vault_id) {
            return Err(VaultError::KeyringChanged);
        }
    }
    let kek = passphrase_kek(limits, &params, pass, vault_id, device)?;
    let aad = slot_aad(vault_id, &row.slot_id, SlotType::Passphrase, &row.kdf);
    unwrap(&kek, &row.wrapped, &aad).ok_or(VaultError::WrongPassphrase)
}

/// Opens a recovery slot.
pub fn open_recovery_slot(vault_id: &[u8; 16], row: &SlotRow, recovery: &SecretKey) -> Result<SecretKey, VaultError> {
    let aad = slot_aad(vault_id, &row.slot_id, SlotType::Recovery, &row.kdf);
    unwrap(&secret_kek(recovery, vault_id, "slot/recovery"), &row.wrapped, &aad).ok_or(VaultError::WrongRecoveryKey)
}

/// Whether `row` was bound to another device secret than `device`, by its device check; `None`
/// when it can't tell (not bound, written before device checks, or unreadable).
pub fn bound_to_another_secret(row: &SlotRow, vault_id: &[u8; 16], device: &SecretKey) -> Option<bool> {
    let check = slot_params(row).ok()?.device_check?;
    Some(check != device_check(device, vault_id))
}

/// Opens a quick-unlock slot. A slot whose device check doesn't match `device` is refused as
/// [`VaultError::KeyringChanged`]; any other failure is [`VaultError::QuickUnlockUnavailable`].
pub fn open_quick_slot(vault_id: &[u8; 16], row: &SlotRow, device: &SecretKey) -> Result<SecretKey, VaultError> {
    if bound_to_another_secret(row, vault_id, device) == Some(true) {
        return Err(VaultError::KeyringChanged);
    }
    let aad = slot_aad(vault_id, &row.slot_id, SlotType::Quick, &row.kdf);
    unwrap(&secret_kek(device, vault_id, "slot/quick"), &row.wrapped, &aad).ok_or(VaultError::QuickUnlockUnavailable)
}

/// A random vault id.
pub fn new_vault_id() -> [u8; 16] {
    random16()
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: KdfLimits = KdfLimits::TEST;
    const P: KdfParams = KdfParams { m_kib: 64, t: 1, p: 1 };

    /// Freezes the slot format: fixed inputs give these exact bytes, forever.
    #[test]
    fn golden_slot() {
        let vault_id = [3u8; 16];
        let slot_id = [4u8; 16];
        let params = SlotParams {
            kdf: Some(KdfParams { m_kib: 65536, t: 3, p: 1 }),
            salt: [5; 16],
            device_bound: false,
            device_check: None,
        };
        let enc = params.encode();
        assert_eq!(hex::encode(&enc), format!("0101000100000000000300000001{}00", "05".repeat(16)));
        assert_eq!(SlotParams::decode(&enc).unwrap(), params);
        let kek = SecretKey::from_bytes([6; 32]);
        let mk = SecretKey::from_bytes([7; 32]);
        let aad = slot_aad(&vault_id, &slot_id, SlotType::Passphrase, &enc);
        let wrapped = wrap(&kek, &mk, &aad, &[8; 12]);
        assert_eq!(hex::encode(&wrapped), GOLDEN_WRAPPED);
        assert_eq!(unwrap(&kek, &wrapped, &aad).unwrap().dangerously_expose(), &[7; 32]);
    }
    const GOLDEN_WRAPPED: &str =
        "08080808080808080808080835d685f2e24be72829e8c211b3c5a9128d136fe25f3e116d50816f4a51d8820dd88c0c9238e3e9d5b751c158d100731a";

    /// Freezes version 2 of the slot format (a device-bound slot with its device check) and the
    /// check value itself.
    #[test]
    fn golden_slot_v2() {
        let vault_id = [3u8; 16];
        let slot_id = [4u8; 16];
        let check = device_check(&SecretKey::from_bytes([9; 32]), &vault_id);
        assert_eq!(hex::encode(check), GOLDEN_DEVICE_CHECK);
        let params = SlotParams {
            kdf: Some(KdfParams { m_kib: 65536, t: 3, p: 1 }),
            salt: [5; 16],
            device_bound: true,
            device_check: Some(check),
        };
        let enc = params.encode();
        assert_eq!(
            hex::encode(&enc),
            format!("0201000100000000000300000001{}01{GOLDEN_DEVICE_CHECK}", "05".repeat(16))
        );
        assert_eq!(SlotParams::decode(&enc).unwrap(), params);
        let kek = SecretKey::from_bytes([6; 32]);
        let mk = SecretKey::from_bytes([7; 32]);
        let aad = slot_aad(&vault_id, &slot_id, SlotType::Passphrase, &enc);
        let wrapped = wrap(&kek, &mk, &aad, &[8; 12]);
        assert_eq!(hex::encode(&wrapped), GOLDEN_WRAPPED_V2);
        assert_eq!(unwrap(&kek, &wrapped, &aad).unwrap().dangerously_expose(), &[7; 32]);
        // The check is bound to the slot like the rest of its parameters.
        let mut changed = enc.clone();
        changed[35] ^= 1;
        let other = slot_aad(&vault_id, &slot_id, SlotType::Passphrase, &changed);
        assert!(unwrap(&kek, &wrapped, &other).is_none());
    }
    const GOLDEN_DEVICE_CHECK: &str = "8f67963022da392a";
    const GOLDEN_WRAPPED_V2: &str =
        "08080808080808080808080835d685f2e24be72829e8c211b3c5a9128d136fe25f3e116d50816f4a51d8820de0a90fdb432b39cc007167e828347156";

    #[test]
    fn only_the_two_known_layouts_of_slot_parameters_are_read() {
        let v1 = SlotParams { kdf: Some(P), salt: [5; 16], device_bound: true, device_check: None }.encode();
        let v2 = SlotParams { device_check: Some([1; 8]), ..SlotParams::decode(&v1).unwrap() }.encode();
        assert_eq!((v1.len(), v1[0], v2.len(), v2[0]), (31, 1, 39, 2));
        assert_eq!(SlotParams::decode(&v1).unwrap().device_check, None);
        assert_eq!(SlotParams::decode(&v2).unwrap().device_check, Some([1; 8]));
        let unbound_v2 = {
            let mut b = v2.clone();
            b[30] = 0;
            b
        };
        let v1_too_long = [&v1[..], &[0; 8]].concat();
        let v2_short = {
            let mut b = v1.clone();
            b[0] = 2;
            b
        };
        let v3 = {
            let mut b = v2.clone();
            b[0] = 3;
            b
        };
        for bad in [unbound_v2, v1_too_long, v2_short, v3, Vec::new()] {
            assert_eq!(SlotParams::decode(&bad), Err(VaultError::WrongPassphrase), "{}", hex::encode(&bad));
        }
    }

    #[test]
    fn a_slot_bound_to_another_secret_is_named_before_hashing() {
        let vid = new_vault_id();
        let mk = SecretKey::random();
        let device = SecretKey::random();
        let s = passphrase_slot(&L, &vid, &mk, &"pass".into(), P, Some(&device)).unwrap();
        assert_eq!(slot_params(&s).unwrap().device_check, Some(device_check(&device, &vid)));
        let before = crate::crypto::ARGON2_CALLS.with(|c| c.get());
        for pass in ["pass", "wrong"] {
            assert_eq!(
                open_passphrase_slot(&L, &vid, &s, &pass.into(), Some(&SecretKey::random())).err(),
                Some(VaultError::KeyringChanged)
            );
        }
        assert_eq!(crate::crypto::ARGON2_CALLS.with(|c| c.get()), before, "Argon2 ran for another secret");
        assert_eq!(
            open_passphrase_slot(&L, &vid, &s, &"wrong".into(), Some(&device)).err(),
            Some(VaultError::WrongPassphrase)
        );
        assert!(open_passphrase_slot(&L, &vid, &s, &"pass".into(), Some(&device)).is_ok());

        // A slot written before device checks can't tell, and says what it always said.
        let params = SlotParams { kdf: Some(P), salt: random16(), device_bound: true, device_check: None };
        let kek = passphrase_kek(&L, &params, &"pass".into(), &vid, Some(&device)).unwrap();
        let old = build_slot(&vid, SlotType::Passphrase, params, &kek, &mk);
        assert_eq!(old.kdf.len(), 31);
        assert_eq!(
            open_passphrase_slot(&L, &vid, &old, &"pass".into(), Some(&SecretKey::random())).err(),
            Some(VaultError::WrongPassphrase)
        );
        assert!(open_passphrase_slot(&L, &vid, &old, &"pass".into(), Some(&device)).is_ok());
        // A slot not bound to the keyring keeps the version 1 layout.
        assert_eq!(passphrase_slot(&L, &vid, &mk, &"pass".into(), P, None).unwrap().kdf.len(), 31);
    }

    /// Freezes the passphrase-to-key derivation at the real floor parameters.
    #[test]
    fn golden_passphrase_kek() {
        let params =
            SlotParams { kdf: Some(KdfLimits::STANDARD.floor), salt: [5; 16], device_bound: false, device_check: None };
        let kek =
            passphrase_kek(&KdfLimits::STANDARD, &params, &Passphrase::from("correct horse"), &[3; 16], None).unwrap();
        assert_eq!(hex::encode(kek.dangerously_expose()), GOLDEN_KEK);
        let bound = passphrase_kek(
            &KdfLimits::STANDARD,
            &params,
            &Passphrase::from("correct horse"),
            &[3; 16],
            Some(&SecretKey::from_bytes([9; 32])),
        )
        .unwrap();
        assert_ne!(bound.dangerously_expose(), kek.dangerously_expose());
    }
    const GOLDEN_KEK: &str = "051049150c0bbe9026d3ee366597dcfc9cb114b1a2214cfb498e9f91f103463c";

    #[test]
    fn each_slot_opens_only_with_its_secret() {
        let vid = new_vault_id();
        let mk = SecretKey::random();
        let s = passphrase_slot(&L, &vid, &mk, &"pass".into(), P, None).unwrap();
        assert_eq!(
            open_passphrase_slot(&L, &vid, &s, &"pass".into(), None).unwrap().dangerously_expose(),
            mk.dangerously_expose()
        );
        assert_eq!(open_passphrase_slot(&L, &vid, &s, &"Pass".into(), None).err(), Some(VaultError::WrongPassphrase));
        assert!(open_passphrase_slot(&L, &new_vault_id(), &s, &"pass".into(), None).is_err(), "another vault");

        let device = SecretKey::random();
        let b = passphrase_slot(&L, &vid, &mk, &"pass".into(), P, Some(&device)).unwrap();
        assert!(
            open_passphrase_slot(&L, &vid, &b, &"pass".into(), None).is_err(),
            "bound slot needs the device secret"
        );
        assert!(open_passphrase_slot(&L, &vid, &b, &"pass".into(), Some(&device)).is_ok());

        let rk = SecretKey::random();
        let r = recovery_slot(&vid, &mk, &rk);
        assert!(open_recovery_slot(&vid, &r, &rk).is_ok());
        assert_eq!(open_recovery_slot(&vid, &r, &SecretKey::random()).err(), Some(VaultError::WrongRecoveryKey));

        let q = quick_slot(&vid, &mk, &device);
        assert!(open_quick_slot(&vid, &q, &device).is_ok());
        assert_eq!(open_quick_slot(&vid, &q, &SecretKey::random()).err(), Some(VaultError::KeyringChanged));
        assert_eq!(slot_params(&q).unwrap().device_check, Some(device_check(&device, &vid)));
        let mut tampered = q.clone();
        tampered.wrapped[20] ^= 1;
        assert_eq!(open_quick_slot(&vid, &tampered, &device).err(), Some(VaultError::QuickUnlockUnavailable));
    }

    #[test]
    fn tampered_slots_fail_like_a_wrong_passphrase() {
        let vid = new_vault_id();
        let mk = SecretKey::random();
        let s = passphrase_slot(&L, &vid, &mk, &"pass".into(), P, None).unwrap();
        // Salt (inside the params) and every byte of the wrapped key.
        for i in 14..30 {
            let mut t = s.clone();
            t.kdf[i] ^= 1;
            assert_eq!(
                open_passphrase_slot(&L, &vid, &t, &"pass".into(), None).err(),
                Some(VaultError::WrongPassphrase)
            );
        }
        for i in 0..s.wrapped.len() {
            let mut t = s.clone();
            t.wrapped[i] ^= 0x40;
            assert_eq!(
                open_passphrase_slot(&L, &vid, &t, &"pass".into(), None).err(),
                Some(VaultError::WrongPassphrase)
            );
        }
        let mut moved = s.clone();
        moved.slot_id[0] ^= 1;
        assert!(open_passphrase_slot(&L, &vid, &moved, &"pass".into(), None).is_err());
        // A cost raised within range passes the check, then fails authentication.
        let mut raised = s.clone();
        raised.kdf[9] += 1;
        assert_eq!(
            open_passphrase_slot(&L, &vid, &raised, &"pass".into(), None).err(),
            Some(VaultError::WrongPassphrase)
        );
    }

    #[test]
    fn params_outside_floor_and_cap_are_refused_before_hashing() {
        let vid = new_vault_id();
        let mk = SecretKey::random();
        let s =
            passphrase_slot(&KdfLimits::STANDARD, &vid, &mk, &"pass".into(), KdfLimits::STANDARD.floor, None).unwrap();
        for (at, value) in [(2usize, 0u32), (2, 0xFFFF_FFFF), (6, 1), (6, 1000), (10, 0), (10, 64)] {
            let mut t = s.clone();
            t.kdf[at..at + 4].copy_from_slice(&value.to_be_bytes());
            let before = crate::crypto::ARGON2_CALLS.with(|c| c.get());
            assert_eq!(
                open_passphrase_slot(&KdfLimits::STANDARD, &vid, &t, &"pass".into(), None).err(),
                Some(VaultError::KdfParamsOutOfRange)
            );
            assert_eq!(crate::crypto::ARGON2_CALLS.with(|c| c.get()), before);
        }
    }

    #[test]
    fn a_slot_costing_too_much_in_total_is_refused_before_hashing() {
        // 2 GiB and 20 passes are each within their own cap; together they are tens of seconds
        // and 2 GB for every try, so the slot is refused without hashing.
        let vid = new_vault_id();
        let mk = SecretKey::random();
        let mut s =
            passphrase_slot(&KdfLimits::STANDARD, &vid, &mk, &"pass".into(), KdfLimits::STANDARD.floor, None).unwrap();
        s.kdf[2..6].copy_from_slice(&(2u32 * 1024 * 1024).to_be_bytes());
        s.kdf[6..10].copy_from_slice(&20u32.to_be_bytes());
        let before = crate::crypto::ARGON2_CALLS.with(|c| c.get());
        assert_eq!(
            open_passphrase_slot(&KdfLimits::STANDARD, &vid, &s, &"pass".into(), None).err(),
            Some(VaultError::KdfParamsOutOfRange)
        );
        assert_eq!(crate::crypto::ARGON2_CALLS.with(|c| c.get()), before, "Argon2 ran for a refused slot");
    }

    #[test]
    fn non_ascii_passphrases_round_trip() {
        let vid = new_vault_id();
        let mk = SecretKey::random();
        let long: String = "ж".repeat(1024);
        for p in ["é", "caf\u{e9}", "🌙 tender", "שלום עולם", long.as_str()] {
            let s = passphrase_slot(&L, &vid, &mk, &p.into(), P, None).unwrap();
            assert!(open_passphrase_slot(&L, &vid, &s, &p.into(), None).is_ok(), "{p}");
        }
        let s = passphrase_slot(&L, &vid, &mk, &"caf\u{e9}".into(), P, None).unwrap();
        assert!(open_passphrase_slot(&L, &vid, &s, &"cafe\u{301}".into(), None).is_ok(), "NFD unlocks an NFC slot");
        assert_eq!(passphrase_slot(&L, &vid, &mk, &"".into(), P, None).err(), Some(VaultError::EmptyPassphrase));
    }
}
