//! Secret material that can't leak by accident: redacted `Debug`, no `Clone`, no `Serialize`,
//! and wiped from memory on drop. The only way to the bytes is a method whose name warns.

use std::fmt;

use rand_core::{OsRng, RngCore};
use unicode_normalization::UnicodeNormalization;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// A 256-bit symmetric key: master key, key-encryption key, record key or device secret.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SecretKey([u8; 32]);

impl SecretKey {
    /// A fresh key from the operating system's CSPRNG.
    pub fn random() -> Self {
        let mut k = [0u8; 32];
        OsRng.fill_bytes(&mut k);
        let key = SecretKey(k);
        k.zeroize();
        key
    }

    /// Wraps raw bytes (the caller's copy should be zeroized by the caller).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        SecretKey(bytes)
    }

    /// The raw key bytes. Only for handing to a cipher or KDF, never for printing or storing.
    pub fn dangerously_expose(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// A passphrase as typed. Normalised to Unicode NFC before use; never trimmed.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Passphrase(String);

impl Passphrase {
    /// Takes ownership of the typed text.
    pub fn new(text: String) -> Self {
        Passphrase(text)
    }

    /// True when nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text as typed, for estimating how guessable it is (never logged or stored).
    pub(crate) fn text(&self) -> &str {
        &self.0
    }

    /// The NFC-normalised UTF-8 bytes that go into the KDF.
    pub(crate) fn nfc_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(self.0.nfc().collect::<String>().into_bytes())
    }
}

impl From<&str> for Passphrase {
    fn from(s: &str) -> Self {
        Passphrase(s.to_owned())
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

/// Text that must be shown to the person once (a recovery key) and then forgotten.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SecretText(String);

impl SecretText {
    pub(crate) fn new(s: String) -> Self {
        SecretText(s)
    }

    /// The text, for showing to the person. Do not log or store it.
    pub fn dangerously_expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretText {
    /// Takes the text over (no copy is left behind), to be wiped when dropped.
    fn from(s: String) -> Self {
        SecretText(s)
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretText(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let k = SecretKey::from_bytes([0x41; 32]);
        assert_eq!(format!("{k:?}"), "SecretKey(<redacted>)");
        assert!(!format!("{:?}", Passphrase::from("hunter2")).contains("hunter2"));
        assert!(!format!("{:?}", SecretText::new("ABCD-EFGH".into())).contains("ABCD"));
    }

    #[test]
    fn nfc_and_nfd_give_the_same_bytes() {
        let nfc = Passphrase::from("caf\u{e9}");
        let nfd = Passphrase::from("cafe\u{301}");
        assert_eq!(*nfc.nfc_bytes(), *nfd.nfc_bytes());
    }

    #[test]
    fn random_keys_differ() {
        assert_ne!(SecretKey::random().dangerously_expose(), SecretKey::random().dangerously_expose());
    }

    // Compile-time promises: secrets are wiped on drop and can be neither cloned nor serialised.
    trait AmbiguousIfImpl<A> {
        fn some_item() {}
    }
    impl<T: ?Sized> AmbiguousIfImpl<()> for T {}
    #[allow(dead_code)]
    struct Invalid;
    impl<T: Clone> AmbiguousIfImpl<Invalid> for T {}
    #[test]
    fn secrets_are_zeroize_on_drop_and_not_clone() {
        fn assert_zod<T: ZeroizeOnDrop>() {}
        assert_zod::<SecretKey>();
        assert_zod::<Passphrase>();
        assert_zod::<SecretText>();
        // If SecretKey implemented Clone this call would be ambiguous and fail to compile.
        <SecretKey as AmbiguousIfImpl<_>>::some_item();
        <Passphrase as AmbiguousIfImpl<_>>::some_item();
    }
}
