//! The recovery key: 256 random bits the person keeps on paper or in a password manager. Shown
//! in groups of four Crockford base32 characters with a checksum, so a typo is caught before any
//! decryption is tried, and letters that look alike (I/L/1, O/0) are read as the same.

use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::error::VaultError;
use crate::secret::{SecretKey, SecretText};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHECK_LEN: usize = 3;
/// Characters in a recovery key, without separators: (32 + 3) bytes = 280 bits = 56 characters.
pub const KEY_CHARS: usize = 56;

fn checksum(key: &[u8; 32]) -> [u8; CHECK_LEN] {
    let mut h = Sha256::new();
    h.update(b"tend recovery key v1");
    h.update(key);
    let d = h.finalize();
    [d[0], d[1], d[2]]
}

/// A new random recovery key and its display form.
pub fn generate() -> (SecretKey, SecretText) {
    let mut bytes = Zeroizing::new([0u8; 32]);
    OsRng.fill_bytes(bytes.as_mut());
    let text = format_key(&bytes);
    (SecretKey::from_bytes(*bytes), text)
}

/// Formats 32 bytes as `XXXX-XXXX-...` (14 groups of 4).
pub fn format_key(key: &[u8; 32]) -> SecretText {
    let mut data = Zeroizing::new(Vec::with_capacity(32 + CHECK_LEN));
    data.extend_from_slice(key);
    data.extend_from_slice(&checksum(key));
    let mut chars = Zeroizing::new(String::with_capacity(KEY_CHARS + KEY_CHARS / 4));
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in data.iter() {
        acc = (acc << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            let idx = ((acc >> bits) & 31) as usize;
            if !chars.is_empty() && (chars.len() + 1).is_multiple_of(5) {
                chars.push('-');
            }
            chars.push(ALPHABET[idx] as char);
        }
    }
    acc.zeroize();
    SecretText::new(std::mem::take(&mut *chars))
}

fn decode_char(c: char) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET.iter().position(|&a| a as char == c).map(|p| p as u32)
}

/// Reads a typed recovery key: case, spaces and dashes don't matter; a typo is caught by the checksum.
pub fn parse_key(text: &str) -> Result<SecretKey, VaultError> {
    let mut data = Zeroizing::new(Vec::with_capacity(32 + CHECK_LEN));
    let (mut acc, mut bits, mut count) = (0u32, 0u32, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        let v = decode_char(c).ok_or(VaultError::RecoveryKeyTypo)?;
        count += 1;
        acc = ((acc << 5) | v) & 0xFFFF;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            data.push((acc >> bits) as u8);
        }
    }
    acc.zeroize();
    if count != KEY_CHARS || data.len() != 32 + CHECK_LEN {
        return Err(VaultError::RecoveryKeyTypo);
    }
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&data[..32]);
    if checksum(&key) != data[32..] {
        return Err(VaultError::RecoveryKeyTypo);
    }
    Ok(SecretKey::from_bytes(*key))
}

/// Writes the recovery key to a file the person chose (it is not encrypted: like paper, it is
/// theirs to keep safe), atomically and private to them (0600), never over a file unless
/// `replace` says the save dialog asked. Only a real recovery key is written: `key` must read as
/// one, so the window can't use this to write anything else.
pub fn save_key_file(path: &std::path::Path, key: &str, replace: bool) -> crate::error::Result<()> {
    use crate::error::Error;
    // Written in its own shape, whatever spacing it came in.
    let text = format_key(parse_key(key)?.dangerously_expose());
    let body = Zeroizing::new(format!(
        "Tend recovery key\n\n{}\n\nThis key opens your journal if you forget your passphrase, or on a new computer.\nKeep it somewhere private. Anyone with it and a copy of your journal can read it.\n",
        text.dangerously_expose()
    ));
    crate::export::write_file(path, body.as_bytes(), replace).map_err(|e| match e {
        Error::ExportExists(at) => {
            Error::KeyFile(format!("There is already a file at {at}, so the key wasn't saved there. Choose another name."))
        }
        Error::ExportWrite(at, why) => Error::KeyFile(format!(
            "Tend couldn't save the key to {at} ({why}). Nothing was written there. Choose another place, or copy or print it instead."
        )),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_shape() {
        let (key, text) = generate();
        let t = text.dangerously_expose();
        assert_eq!(t.len(), KEY_CHARS + KEY_CHARS / 4 - 1);
        assert!(t.split('-').all(|g| g.len() == 4));
        assert_eq!(parse_key(t).unwrap().dangerously_expose(), key.dangerously_expose());
        // Lower case, spaces instead of dashes, and look-alike letters all read the same.
        let loose = t.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "l");
        assert_eq!(parse_key(&loose).unwrap().dangerously_expose(), key.dangerously_expose());
    }

    #[test]
    fn golden_format() {
        let t = format_key(&[0u8; 32]);
        assert_eq!(t.dangerously_expose().len(), 69);
        assert!(t.dangerously_expose().starts_with("0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-"));
        assert_eq!(t.dangerously_expose(), GOLDEN_ZERO_KEY);
    }
    const GOLDEN_ZERO_KEY: &str = "0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-000D-SWPT";

    #[test]
    fn every_single_character_typo_is_caught() {
        let text = format_key(&[0x5a; 32]);
        let t: Vec<char> = text.dangerously_expose().chars().collect();
        for i in 0..t.len() {
            if t[i] == '-' {
                continue;
            }
            for &a in ALPHABET {
                let a = a as char;
                if decode_char(a) == decode_char(t[i]) {
                    continue;
                }
                let mut typo = t.clone();
                typo[i] = a;
                let s: String = typo.into_iter().collect();
                assert_eq!(parse_key(&s).err(), Some(VaultError::RecoveryKeyTypo), "typo at {i} not caught");
            }
        }
    }

    #[test]
    fn wrong_lengths_and_characters_are_typos() {
        assert_eq!(parse_key("").err(), Some(VaultError::RecoveryKeyTypo));
        assert_eq!(parse_key("ABCD-EFGH").err(), Some(VaultError::RecoveryKeyTypo));
        let (_, text) = generate();
        let mut t = text.dangerously_expose().to_owned();
        t.push('A');
        assert_eq!(parse_key(&t).err(), Some(VaultError::RecoveryKeyTypo));
        assert_eq!(
            parse_key(&t.replacen(|c: char| c.is_ascii_alphanumeric(), "U", 1)).err(),
            Some(VaultError::RecoveryKeyTypo)
        );
    }

    /// The key goes to the chosen file, private to the person, never over another file, and
    /// nothing that isn't a recovery key is written.
    #[test]
    fn a_saved_key_file_holds_the_key_and_nothing_else_can_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let (_, text) = generate();
        let key = text.dangerously_expose().to_owned();
        let path = dir.path().join("key.txt");
        save_key_file(&path, &key, false).unwrap();
        let body = std::fs::read_to_string(&path).unwrap();
        assert!(body.contains(&key) && body.starts_with("Tend recovery key"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let again = save_key_file(&path, &key, false).unwrap_err();
        assert_eq!(again.code(), "key_file_not_written", "never over a file unasked");
        assert!(again.to_string().contains("already a file"), "{again}");
        save_key_file(&path, &key, true).unwrap();
        let other = dir.path().join("other.txt");
        assert!(save_key_file(&other, "anything at all", false).is_err());
        assert!(!other.exists());
    }
}
