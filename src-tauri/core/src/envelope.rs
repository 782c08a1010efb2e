//! The encrypted record format. A blob is `version ‖ key_id ‖ nonce ‖ ciphertext ‖ tag`; its
//! associated data is rebuilt from the row it sits in (never read from the blob), so a blob that
//! is changed, cut short or moved to another row fails to open. Plaintext is padded to size
//! buckets so lengths say little.
//!
//! Do not change any layout here without a new version byte and new golden vectors.

use zeroize::Zeroizing;

use crate::crypto::{aead_seal, random_nonce, NONCE_LEN, TAG_LEN};
use crate::error::EnvelopeError;
use crate::secret::SecretKey;

/// The only blob version this build writes and reads.
pub const BLOB_VERSION: u8 = 1;
/// Version of the associated-data layout.
pub const AAD_VERSION: u8 = 1;
const AAD_MAGIC: &[u8; 4] = b"TDAD";
const HEADER_LEN: usize = 1 + 4 + NONCE_LEN;

/// What a record holds; stored in the clear as the row's `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum RecordKind {
    /// A journal entry.
    Entry = 1,
    /// The person's own words and labels.
    Vocabulary = 2,
    /// Settings.
    Settings = 3,
    /// Care: safety plan, aftercare needs, saved numbers, what the pattern rule remembers.
    Care = 4,
    /// The top of the sealed index: the encryption count and where each index part is.
    Index = 5,
    /// One part of the sealed index: record ids and the tags of their blobs.
    IndexPart = 6,
    /// Where and how often backups go, and the key they are sealed to.
    Backups = 7,
    /// Entries being written when the journal locked, offered back after unlock.
    Drafts = 8,
}

impl RecordKind {
    /// From the stored column value.
    pub fn from_u8(v: u8) -> Option<Self> {
        match v {
            1 => Some(Self::Entry),
            2 => Some(Self::Vocabulary),
            3 => Some(Self::Settings),
            4 => Some(Self::Care),
            5 => Some(Self::Index),
            6 => Some(Self::IndexPart),
            7 => Some(Self::Backups),
            8 => Some(Self::Drafts),
            _ => None,
        }
    }
}

/// Where a record lives: everything the associated data binds a blob to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordContext {
    /// Random id of the vault.
    pub vault_id: [u8; 16],
    /// Random id of the record (the row's primary key).
    pub record_id: [u8; 16],
    /// Kind of record.
    pub kind: RecordKind,
    /// Version of the decrypted payload's schema.
    pub schema_ver: u16,
}

/// Associated data: `"TDAD" ‖ aad_ver ‖ blob_ver ‖ kind ‖ vault_id ‖ record_id ‖ schema_ver ‖ key_id`,
/// fixed width and big-endian, so distinct contexts can never encode to equal bytes.
pub fn encode_aad(ctx: &RecordContext, blob_ver: u8, key_id: u32) -> [u8; 45] {
    let mut a = [0u8; 45];
    a[0..4].copy_from_slice(AAD_MAGIC);
    a[4] = AAD_VERSION;
    a[5] = blob_ver;
    a[6] = ctx.kind as u8;
    a[7..23].copy_from_slice(&ctx.vault_id);
    a[23..39].copy_from_slice(&ctx.record_id);
    a[39..41].copy_from_slice(&ctx.schema_ver.to_be_bytes());
    a[41..45].copy_from_slice(&key_id.to_be_bytes());
    a
}

/// The padded length for a plaintext of `len` bytes: 256-byte steps up to 4 KiB, then powers of two.
pub fn bucket_len(len: usize) -> usize {
    let need = len + 1; // the 0x80 marker
    if need <= 4096 {
        need.div_ceil(256) * 256
    } else {
        need.next_power_of_two()
    }
}

fn pad(plaintext: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut v = Zeroizing::new(Vec::with_capacity(bucket_len(plaintext.len())));
    v.extend_from_slice(plaintext);
    v.push(0x80);
    v.resize(bucket_len(plaintext.len()), 0);
    v
}

fn unpad(mut padded: Zeroizing<Vec<u8>>) -> Result<Zeroizing<Vec<u8>>, EnvelopeError> {
    let end = padded.iter().rposition(|&b| b != 0).ok_or(EnvelopeError::Damaged)?;
    if padded[end] != 0x80 {
        return Err(EnvelopeError::Damaged);
    }
    padded.truncate(end);
    Ok(padded)
}

/// Seals `plaintext` for `ctx` under `key` (known as `key_id`) with a fresh random nonce.
pub fn seal(key: &SecretKey, key_id: u32, ctx: &RecordContext, plaintext: &[u8]) -> Vec<u8> {
    seal_with_nonce(key, key_id, ctx, plaintext, &random_nonce())
}

/// Seal with a given nonce: for golden vectors only; real seals use [`seal`].
pub(crate) fn seal_with_nonce(
    key: &SecretKey,
    key_id: u32,
    ctx: &RecordContext,
    plaintext: &[u8],
    nonce: &[u8; NONCE_LEN],
) -> Vec<u8> {
    let aad = encode_aad(ctx, BLOB_VERSION, key_id);
    let sealed = aead_seal(key.dangerously_expose(), nonce, &aad, &pad(plaintext));
    let mut blob = Vec::with_capacity(HEADER_LEN + sealed.len());
    blob.push(BLOB_VERSION);
    blob.extend_from_slice(&key_id.to_be_bytes());
    blob.extend_from_slice(nonce);
    blob.extend_from_slice(&sealed);
    blob
}

/// The key id a blob names, or an error for a blob too short or of an unknown version.
pub fn blob_key_id(blob: &[u8]) -> Result<u32, EnvelopeError> {
    match blob.first() {
        None => Err(EnvelopeError::Damaged),
        Some(&BLOB_VERSION) => {
            let id = blob.get(1..5).ok_or(EnvelopeError::Damaged)?;
            Ok(u32::from_be_bytes([id[0], id[1], id[2], id[3]]))
        }
        Some(_) => Err(EnvelopeError::UnsupportedVersion),
    }
}

/// Opens a blob for `ctx` with `key`, which must be the key `expected_key_id` names.
/// A blob naming another key id is refused: no other key is ever tried.
pub fn open(
    key: &SecretKey,
    expected_key_id: u32,
    ctx: &RecordContext,
    blob: &[u8],
) -> Result<Zeroizing<Vec<u8>>, EnvelopeError> {
    // One path for one blob and for many: every test of `open` tests the opener.
    Opener::new(key, expected_key_id).open(ctx, blob)
}

/// Opens many blobs under one key with one cipher, its key schedule made once: unlock opens
/// every record. Each blob is checked exactly as [`open`] checks it. The cipher's AES round keys
/// and GHASH key are wiped when the opener is dropped (the `zeroize` features of `aes` and
/// `polyval`, named in this crate's manifest).
pub struct Opener {
    cipher: aes_gcm::Aes256Gcm,
    key_id: u32,
}

impl std::fmt::Debug for Opener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opener").field("key_id", &self.key_id).finish_non_exhaustive()
    }
}

impl Opener {
    /// An opener for blobs sealed under `key`, which must be the key `key_id` names.
    pub fn new(key: &SecretKey, key_id: u32) -> Opener {
        use aes_gcm::KeyInit;
        Opener { cipher: aes_gcm::Aes256Gcm::new(key.dangerously_expose().into()), key_id }
    }

    /// As [`open`].
    pub fn open(&self, ctx: &RecordContext, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>, EnvelopeError> {
        use aes_gcm::aead::{AeadInPlace, Nonce};
        let key_id = blob_key_id(blob)?;
        if key_id != self.key_id || blob.len() < HEADER_LEN + TAG_LEN + 256 {
            return Err(EnvelopeError::Damaged);
        }
        let aad = encode_aad(ctx, BLOB_VERSION, key_id);
        let (body, tag) = blob[HEADER_LEN..].split_at(blob.len() - HEADER_LEN - TAG_LEN);
        let mut padded = Zeroizing::new(body.to_vec());
        self.cipher
            .decrypt_in_place_detached(
                Nonce::<aes_gcm::Aes256Gcm>::from_slice(&blob[5..HEADER_LEN]),
                &aad,
                &mut padded,
                tag.into(),
            )
            .map_err(|_| EnvelopeError::Damaged)?;
        unpad(padded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ctx() -> RecordContext {
        RecordContext { vault_id: [7; 16], record_id: [9; 16], kind: RecordKind::Entry, schema_ver: 1 }
    }
    fn key() -> SecretKey {
        SecretKey::from_bytes([0x11; 32])
    }

    /// Freezes the wire format: this exact blob must keep opening, byte for byte, forever.
    #[test]
    fn golden_blob() {
        let blob = seal_with_nonce(&key(), 1, &ctx(), b"{\"text\":\"hello\"}", &[0x22; 12]);
        assert_eq!(blob.len(), 1 + 4 + 12 + 256 + 16);
        assert_eq!(hex::encode(&blob[..17]), "0100000001222222222222222222222222", "header layout changed");
        let digest = {
            use sha2::Digest;
            hex::encode(sha2::Sha256::digest(&blob))
        };
        assert_eq!(digest, GOLDEN_BLOB_SHA256, "blob bytes changed: a format change needs a new version");
        assert_eq!(&*open(&key(), 1, &ctx(), &blob).unwrap(), b"{\"text\":\"hello\"}");
    }
    const GOLDEN_BLOB_SHA256: &str = "4d58387a36256b7ae278481f595bdbd00dc0a0afe5c9fb04fe2c00b4f6ddd6d5";

    #[test]
    fn aad_layout_is_fixed() {
        let a = encode_aad(&ctx(), 1, 0x01020304);
        let expected = format!("54444144010101{}{}000101020304", "07".repeat(16), "09".repeat(16));
        assert_eq!(hex::encode(a), expected);
    }

    #[test]
    fn empty_plaintext_round_trips() {
        let blob = seal(&key(), 1, &ctx(), b"");
        assert_eq!(&*open(&key(), 1, &ctx(), &blob).unwrap(), b"");
    }

    #[test]
    fn tamper_every_bit_fails() {
        let blob = seal(&key(), 1, &ctx(), b"small");
        for i in 0..blob.len() * 8 {
            let mut b = blob.clone();
            b[i / 8] ^= 1 << (i % 8);
            assert!(open(&key(), 1, &ctx(), &b).is_err(), "bit {i} flipped still opened");
        }
    }

    #[test]
    fn truncation_and_extension_fail() {
        let blob = seal(&key(), 1, &ctx(), b"small");
        for n in 0..blob.len() {
            assert!(open(&key(), 1, &ctx(), &blob[..n]).is_err(), "truncated at {n} opened");
        }
        for extra in 1..=16 {
            let mut b = blob.clone();
            b.extend(std::iter::repeat_n(0u8, extra));
            assert!(open(&key(), 1, &ctx(), &b).is_err());
        }
    }

    #[test]
    fn moved_or_relabelled_blob_fails() {
        let blob = seal(&key(), 1, &ctx(), b"entry A");
        let mut other_row = ctx();
        other_row.record_id[0] ^= 1;
        assert_eq!(open(&key(), 1, &other_row, &blob), Err(EnvelopeError::Damaged));
        let mut other_kind = ctx();
        other_kind.kind = RecordKind::Settings;
        assert!(open(&key(), 1, &other_kind, &blob).is_err());
        let mut other_schema = ctx();
        other_schema.schema_ver = 2;
        assert!(open(&key(), 1, &other_schema, &blob).is_err());
        let mut other_vault = ctx();
        other_vault.vault_id[15] ^= 0x80;
        assert!(open(&key(), 1, &other_vault, &blob).is_err());
        assert!(open(&SecretKey::from_bytes([0x12; 32]), 1, &ctx(), &blob).is_err());
    }

    #[test]
    fn version_and_key_id_changes_fail() {
        let blob = seal(&key(), 1, &ctx(), b"x");
        let mut v = blob.clone();
        v[0] = 2;
        assert_eq!(open(&key(), 1, &ctx(), &v), Err(EnvelopeError::UnsupportedVersion));
        let mut k = blob.clone();
        k[4] = 2;
        assert_eq!(open(&key(), 1, &ctx(), &k), Err(EnvelopeError::Damaged));
        // The right key under its own id still fails if the blob's id was rewritten.
        assert!(open(&key(), 2, &ctx(), &k).is_err());
    }

    #[test]
    fn lengths_take_only_bucket_values() {
        let mut seen = std::collections::BTreeSet::new();
        for len in 0..20_000usize {
            seen.insert(bucket_len(len));
        }
        for b in &seen {
            assert!((*b <= 4096 && b % 256 == 0) || b.is_power_of_two(), "odd bucket {b}");
        }
        assert_eq!(bucket_len(0), 256);
        assert_eq!(bucket_len(255), 256);
        assert_eq!(bucket_len(256), 512);
        assert_eq!(bucket_len(4095), 4096);
        assert_eq!(bucket_len(4096), 8192);
    }

    fn arb_ctx() -> impl Strategy<Value = (RecordContext, u8, u32)> {
        (any::<[u8; 16]>(), any::<[u8; 16]>(), 1u8..=4, any::<u16>(), any::<u8>(), any::<u32>()).prop_map(
            |(v, r, k, s, bv, kid)| {
                (
                    RecordContext { vault_id: v, record_id: r, kind: RecordKind::from_u8(k).unwrap(), schema_ver: s },
                    bv,
                    kid,
                )
            },
        )
    }

    proptest! {
        #[test]
        fn seal_open_round_trip(pt in proptest::collection::vec(any::<u8>(), 0..9000), c in arb_ctx()) {
            let blob = seal(&key(), c.2, &c.0, &pt);
            prop_assert_eq!(&*open(&key(), c.2, &c.0, &blob).unwrap(), &pt[..]);
            prop_assert!(blob.len() == 1 + 4 + 12 + 16 + bucket_len(pt.len()));
        }

        #[test]
        fn any_mutation_fails(pt in proptest::collection::vec(any::<u8>(), 0..600), pos in any::<prop::sample::Index>(),
                              mask in 1u8..=255, cut in any::<prop::sample::Index>(), ext in proptest::collection::vec(any::<u8>(), 1..32)) {
            let blob = seal(&key(), 1, &ctx(), &pt);
            let mut flipped = blob.clone();
            let i = pos.index(flipped.len());
            flipped[i] ^= mask;
            prop_assert!(open(&key(), 1, &ctx(), &flipped).is_err());
            let c = cut.index(blob.len());
            prop_assert!(open(&key(), 1, &ctx(), &blob[..c]).is_err());
            let mut longer = blob.clone();
            longer.extend_from_slice(&ext);
            prop_assert!(open(&key(), 1, &ctx(), &longer).is_err());
        }

        #[test]
        fn aad_encoding_is_injective(a in arb_ctx(), b in arb_ctx()) {
            if a != b {
                prop_assert_ne!(encode_aad(&a.0, a.1, a.2), encode_aad(&b.0, b.1, b.2));
            }
        }

        #[test]
        fn same_plaintext_seals_differently(pt in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_ne!(seal(&key(), 1, &ctx(), &pt), seal(&key(), 1, &ctx(), &pt));
        }
    }
}
