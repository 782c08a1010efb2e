//! Thin wrappers over the audited primitives (AES-256-GCM, Argon2id, HKDF-SHA256), so the
//! known-answer tests run through exactly the calls the journal makes.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use argon2::{Algorithm, Argon2, ParamsBuilder, Version};
use hkdf::Hkdf;
use rand_core::{OsRng, RngCore};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::secret::SecretKey;

/// Bytes of a GCM nonce.
pub const NONCE_LEN: usize = 12;
/// Bytes of a GCM tag.
pub const TAG_LEN: usize = 16;

/// A fresh random 96-bit nonce from the OS CSPRNG.
pub fn random_nonce() -> [u8; NONCE_LEN] {
    let mut n = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut n);
    n
}

/// AES-256-GCM seal: returns ciphertext followed by the 16-byte tag.
pub fn aead_seal(key: &[u8; 32], nonce: &[u8; NONCE_LEN], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let cipher = Aes256Gcm::new(key.into());
    cipher
        .encrypt(Nonce::from_slice(nonce), Payload { msg: plaintext, aad })
        // Encryption only fails for inputs beyond GCM's 64 GiB limit, which we never build.
        .unwrap_or_default()
}

/// AES-256-GCM open of ciphertext‖tag. `None` when authentication fails.
pub fn aead_open(key: &[u8; 32], nonce: &[u8; NONCE_LEN], aad: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let cipher = Aes256Gcm::new(key.into());
    cipher.decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad }).ok().map(Zeroizing::new)
}

#[cfg(test)]
thread_local! {
    /// How many times this thread ran Argon2id: lets tests prove a refusal came before hashing.
    pub(crate) static ARGON2_CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// HKDF-SHA256 extract-and-expand into `out`.
pub fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8], out: &mut [u8]) {
    let hk = Hkdf::<Sha256>::new(Some(salt), ikm);
    // Only fails when `out` is longer than 255*32 bytes; our outputs are 32.
    let _ = hk.expand(info, out);
}

/// HKDF-SHA256 to a 256-bit key.
pub fn hkdf_key(ikm: &[u8], salt: &[u8], info: &[u8]) -> SecretKey {
    let mut out = Zeroizing::new([0u8; 32]);
    hkdf(ikm, salt, info, out.as_mut());
    SecretKey::from_bytes(*out)
}

/// Argon2id v1.3 with memory `m_kib`, `t` passes and `p` lanes, to `out`.
/// `secret` and `ad` are empty in the journal's own use (they exist for the RFC vector).
/// Returns `None` only for parameters the library rejects (checked earlier by the caller).
#[allow(clippy::too_many_arguments)]
pub fn argon2id(
    password: &[u8],
    salt: &[u8],
    m_kib: u32,
    t: u32,
    p: u32,
    secret: &[u8],
    ad: &[u8],
    out: &mut [u8],
) -> Option<()> {
    #[cfg(test)]
    ARGON2_CALLS.with(|c| c.set(c.get() + 1));
    let mut b = ParamsBuilder::new();
    b.m_cost(m_kib).t_cost(t).p_cost(p).output_len(out.len());
    if !ad.is_empty() {
        b.data(argon2::AssociatedData::new(ad).ok()?);
    }
    let params = b.build().ok()?;
    let argon = if secret.is_empty() {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    } else {
        Argon2::new_with_secret(secret, Algorithm::Argon2id, Version::V0x13, params).ok()?
    };
    argon.hash_password_into(password, salt, out).ok()
}

#[cfg(test)]
mod tests {
    //! Known answers (SECURITY.md KAT-1..4) through the wrappers above.
    use super::*;

    fn h(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    #[test]
    fn kat1_nist_aes256_gcm() {
        let key: [u8; 32] = h("92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b").try_into().unwrap();
        let nonce: [u8; 12] = h("ac93a1a6145299bde902f21a").try_into().unwrap();
        let pt = h("2d71bcfa914e4ac045b2aa60955fad24");
        let aad = h("1e0889016f67601c8ebea4943bc23ad6");
        let sealed = aead_seal(&key, &nonce, &aad, &pt);
        assert_eq!(hex::encode(&sealed), "8995ae2e6df3dbf96fac7b7137bae67feca5aa77d51d4a0a14d9c51e1da474ab");
        assert_eq!(*aead_open(&key, &nonce, &aad, &sealed).unwrap(), pt);
        let mut bad = sealed.clone();
        bad[0] ^= 1;
        assert!(aead_open(&key, &nonce, &aad, &bad).is_none());
    }

    #[test]
    fn kat3_rfc9106_argon2id() {
        let mut out = [0u8; 32];
        argon2id(&[1u8; 32], &[2u8; 16], 32, 3, 4, &[3u8; 8], &[4u8; 12], &mut out).unwrap();
        assert_eq!(hex::encode(out), "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    #[test]
    fn kat4_rfc5869_hkdf_case1() {
        let ikm = [0x0bu8; 22];
        let salt = h("000102030405060708090a0b0c");
        let info = h("f0f1f2f3f4f5f6f7f8f9");
        let mut okm = [0u8; 42];
        hkdf(&ikm, &salt, &info, &mut okm);
        assert_eq!(
            hex::encode(okm),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        );
    }
}

#[cfg(test)]
mod wycheproof_tests {
    //! KAT-2: every Wycheproof AES-GCM case with a 256-bit key, 96-bit nonce and 128-bit tag,
    //! valid and invalid, through the wrappers above.
    use super::*;
    use wycheproof::aead::{TestName, TestSet};
    use wycheproof::TestResult;

    #[test]
    fn kat2_wycheproof_aes_gcm() {
        let set = TestSet::load(TestName::AesGcm).unwrap();
        let (mut valid, mut invalid) = (0, 0);
        for g in set.test_groups.iter().filter(|g| g.key_size == 256 && g.nonce_size == 96 && g.tag_size == 128) {
            for t in &g.tests {
                let key: [u8; 32] = t.key[..].try_into().unwrap();
                let nonce: [u8; 12] = t.nonce[..].try_into().unwrap();
                let mut sealed = t.ct.to_vec();
                sealed.extend_from_slice(&t.tag);
                let opened = aead_open(&key, &nonce, &t.aad, &sealed);
                match t.result {
                    TestResult::Valid | TestResult::Acceptable => {
                        assert_eq!(aead_seal(&key, &nonce, &t.aad, &t.pt), sealed, "case {}", t.tc_id);
                        assert_eq!(opened.as_deref().map(|v| &v[..]), Some(&t.pt[..]), "case {}", t.tc_id);
                        valid += 1;
                    }
                    TestResult::Invalid => {
                        assert!(opened.is_none(), "invalid case {} opened", t.tc_id);
                        invalid += 1;
                    }
                }
            }
        }
        assert!(valid >= 20 && invalid >= 10, "only {valid} valid and {invalid} invalid cases ran");
    }
}
