//! The OS keyring, with honest semantics: it keeps one random device secret per journal under
//! neutral names, and every way it can fail (no Secret Service, locked, refused, hanging) is
//! reported as "unavailable" so the journal falls back to passphrase-only and says so.

use std::sync::mpsc;
use std::time::Duration;

use zeroize::Zeroizing;

use crate::secret::SecretKey;

/// Why the keyring can't be used right now, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyringUnavailable(pub String);

/// Somewhere to keep a device secret outside the journal file.
pub trait DeviceKeyStore: Send + Sync {
    /// The secret for this vault; `Ok(None)` when the keyring works but holds none.
    fn get(&self, vault_id: &[u8; 16]) -> Result<Option<SecretKey>, KeyringUnavailable>;
    /// Stores the secret for this vault.
    fn set(&self, vault_id: &[u8; 16], secret: &SecretKey) -> Result<(), KeyringUnavailable>;
    /// Removes it; removing what is not there is not an error.
    fn delete(&self, vault_id: &[u8; 16]) -> Result<(), KeyringUnavailable>;
}

/// Neutral service name shown in keyring managers.
pub const SERVICE: &str = "app.tend";

fn account(vault_id: &[u8; 16]) -> String {
    format!("device-{}", hex::encode(vault_id))
}

/// The platform's native store: Secret Service on Linux, Keychain on macOS, Credential Manager
/// on Windows. Every call runs on a helper thread with a timeout, since a keyring call was seen
/// hanging for tens of seconds on a desktop without a session bus.
pub struct OsKeyring {
    timeout: Duration,
}

impl Default for OsKeyring {
    fn default() -> Self {
        OsKeyring { timeout: Duration::from_secs(5) }
    }
}

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
impl OsKeyring {
    fn call<T: Send + 'static>(
        &self,
        vault_id: &[u8; 16],
        f: impl FnOnce(keyring::Entry) -> Result<T, keyring::Error> + Send + 'static,
    ) -> Result<T, keyring::Error> {
        let (tx, rx) = mpsc::channel();
        let acct = account(vault_id);
        std::thread::spawn(move || {
            let r = keyring::Entry::new(SERVICE, &acct).and_then(f);
            let _ = tx.send(r);
        });
        rx.recv_timeout(self.timeout)
            .unwrap_or_else(|_| Err(keyring::Error::PlatformFailure("The keyring did not answer in time.".into())))
    }
}

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
fn unavailable(e: keyring::Error) -> KeyringUnavailable {
    let why = match e {
        keyring::Error::NoStorageAccess(_) => "The keyring isn't running here, or it is locked.",
        keyring::Error::PlatformFailure(_) => "No keyring service answered.",
        _ => "The keyring gave an answer Tend didn't expect.",
    };
    KeyringUnavailable(why.to_owned())
}

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
impl DeviceKeyStore for OsKeyring {
    fn get(&self, vault_id: &[u8; 16]) -> Result<Option<SecretKey>, KeyringUnavailable> {
        match self.call(vault_id, |e| e.get_password().map(Zeroizing::new)) {
            Ok(hexed) => {
                let mut bytes = Zeroizing::new([0u8; 32]);
                hex::decode_to_slice(hexed.as_bytes(), bytes.as_mut())
                    .map_err(|_| KeyringUnavailable("The keyring holds something Tend can't read.".into()))?;
                Ok(Some(SecretKey::from_bytes(*bytes)))
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, vault_id: &[u8; 16], secret: &SecretKey) -> Result<(), KeyringUnavailable> {
        let hexed = Zeroizing::new(hex::encode(secret.dangerously_expose()));
        // A NoEntry while saving means the store is not really there: treat as unavailable.
        self.call(vault_id, move |e| e.set_password(&hexed)).map_err(unavailable)
    }

    fn delete(&self, vault_id: &[u8; 16]) -> Result<(), KeyringUnavailable> {
        match self.call(vault_id, |e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// No keyring at all: every journal is passphrase-only.
pub struct NoKeyring;

impl DeviceKeyStore for NoKeyring {
    fn get(&self, _: &[u8; 16]) -> Result<Option<SecretKey>, KeyringUnavailable> {
        Err(KeyringUnavailable("This computer has no keyring Tend can use.".into()))
    }
    fn set(&self, _: &[u8; 16], _: &SecretKey) -> Result<(), KeyringUnavailable> {
        Err(KeyringUnavailable("This computer has no keyring Tend can use.".into()))
    }
    fn delete(&self, _: &[u8; 16]) -> Result<(), KeyringUnavailable> {
        Ok(())
    }
}

/// The keyring to use for real: the OS store, unless `TEND_KEYRING=off` asks for none.
pub fn platform_default() -> Box<dyn DeviceKeyStore> {
    if std::env::var_os("TEND_KEYRING").is_some_and(|v| v == "off") {
        return Box::new(NoKeyring);
    }
    #[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
    {
        Box::new(OsKeyring::default())
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
    {
        Box::new(NoKeyring)
    }
}

/// An explicit in-memory fake for unit tests: it can be switched off to act like a missing keyring.
#[cfg(test)]
pub(crate) mod fake {
    use super::*;
    use std::collections::HashMap;
    use std::collections::VecDeque;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Mutex;

    #[derive(Default)]
    pub struct FakeKeyring {
        items: Mutex<HashMap<[u8; 16], [u8; 32]>>,
        pub off: AtomicBool,
        /// How the next reads go, in turn (`true`: no answer in time), as a keyring that times
        /// out once in a while does; reads beyond the script answer.
        reads: Mutex<VecDeque<bool>>,
    }

    impl FakeKeyring {
        pub fn set_off(&self, off: bool) {
            self.off.store(off, Ordering::SeqCst);
        }
        /// Scripts the next reads: `true` fails that one.
        pub fn script_reads(&self, fails: &[bool]) {
            *self.reads.lock().unwrap() = fails.iter().copied().collect();
        }
        pub fn clear(&self) {
            self.items.lock().unwrap().clear();
        }
        /// Puts another random secret in place of every one held, as a keyring that was reset
        /// and then written to by something else would.
        pub fn replace_all(&self) {
            self.items.lock().unwrap().values_mut().for_each(|s| *s = *SecretKey::random().dangerously_expose());
        }
        fn check(&self) -> Result<(), KeyringUnavailable> {
            if self.off.load(Ordering::SeqCst) {
                Err(KeyringUnavailable("fake keyring switched off".into()))
            } else {
                Ok(())
            }
        }
    }

    impl DeviceKeyStore for FakeKeyring {
        fn get(&self, v: &[u8; 16]) -> Result<Option<SecretKey>, KeyringUnavailable> {
            self.check()?;
            if self.reads.lock().unwrap().pop_front() == Some(true) {
                return Err(KeyringUnavailable("fake keyring did not answer in time".into()));
            }
            Ok(self.items.lock().unwrap().get(v).map(|b| SecretKey::from_bytes(*b)))
        }
        fn set(&self, v: &[u8; 16], s: &SecretKey) -> Result<(), KeyringUnavailable> {
            self.check()?;
            self.items.lock().unwrap().insert(*v, *s.dangerously_expose());
            Ok(())
        }
        fn delete(&self, v: &[u8; 16]) -> Result<(), KeyringUnavailable> {
            self.check()?;
            self.items.lock().unwrap().remove(v);
            Ok(())
        }
    }

    /// Lets a test keep a handle on the fake while a journal owns it.
    impl DeviceKeyStore for std::sync::Arc<FakeKeyring> {
        fn get(&self, v: &[u8; 16]) -> Result<Option<SecretKey>, KeyringUnavailable> {
            self.as_ref().get(v)
        }
        fn set(&self, v: &[u8; 16], s: &SecretKey) -> Result<(), KeyringUnavailable> {
            self.as_ref().set(v, s)
        }
        fn delete(&self, v: &[u8; 16]) -> Result<(), KeyringUnavailable> {
            self.as_ref().delete(v)
        }
    }
}
