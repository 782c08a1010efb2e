//! Passphrase stretching with Argon2id: parameters calibrated to this computer at setup, and
//! stored parameters checked against a floor and a cap before any hashing, so a damaged or
//! hostile file can neither weaken the key nor make Tend allocate without bound.

use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use crate::crypto::argon2id;
use crate::error::VaultError;
use crate::secret::Passphrase;

/// Argon2id cost: memory in KiB, passes and lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Parallel lanes.
    pub p: u32,
}

/// The range of parameters this build will run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfLimits {
    /// Nothing weaker is accepted.
    pub floor: KdfParams,
    /// Nothing costlier is run, setting by setting.
    pub cap: KdfParams,
    /// Nothing costlier is run in total: memory in KiB times passes. Each setting may reach its
    /// own cap, but not all at once, so a changed file can't make every try take minutes.
    pub max_kib_passes: u64,
}

/// 1 GiB over 8 passes, in KiB-passes: the most one try may cost in total, a fifth of the
/// 2 GiB over 20 passes (tens of seconds a try) the separate caps would allow. Calibration
/// (0.65 s, memory up to 1 GiB first) wants more than 8 passes at 1 GiB only where 3 passes
/// take under a quarter of a second; there it stops at 8.
const MAX_KIB_PASSES: u64 = 8 * 1024 * 1024;

impl KdfLimits {
    /// The limits every release uses: floor m=64 MiB, t=3, p=1; cap m=2 GiB, t=20, p=16; at most
    /// 1 GiB × 8 passes in total.
    pub const STANDARD: KdfLimits = KdfLimits {
        floor: KdfParams { m_kib: 64 * 1024, t: 3, p: 1 },
        cap: KdfParams { m_kib: 2 * 1024 * 1024, t: 20, p: 16 },
        max_kib_passes: MAX_KIB_PASSES,
    };

    /// Tiny limits for tests that unlock many times; the app and the command line never use
    /// them (they always run with [`KdfLimits::STANDARD`]).
    #[doc(hidden)]
    pub const TEST: KdfLimits = KdfLimits {
        floor: KdfParams { m_kib: 64, t: 1, p: 1 },
        cap: KdfParams { m_kib: 2 * 1024 * 1024, t: 20, p: 16 },
        max_kib_passes: MAX_KIB_PASSES,
    };

    /// Refuses parameters outside [floor, cap], or costing more than `max_kib_passes` in
    /// total. Runs before any hashing.
    pub fn check(&self, p: &KdfParams) -> Result<(), VaultError> {
        let ok = (self.floor.m_kib..=self.cap.m_kib).contains(&p.m_kib)
            && (self.floor.t..=self.cap.t).contains(&p.t)
            && (self.floor.p..=self.cap.p).contains(&p.p)
            && p.m_kib >= 8 * p.p
            && u64::from(p.m_kib) * u64::from(p.t) <= self.max_kib_passes;
        if ok {
            Ok(())
        } else {
            Err(VaultError::KdfParamsOutOfRange)
        }
    }
}

/// Stretches a passphrase to 32 bytes after checking the parameters against `limits`.
pub fn stretch(
    limits: &KdfLimits,
    params: &KdfParams,
    passphrase: &Passphrase,
    salt: &[u8; 16],
) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    limits.check(params)?;
    let mut out = Zeroizing::new([0u8; 32]);
    argon2id(&passphrase.nfc_bytes(), salt, params.m_kib, params.t, params.p, &[], &[], out.as_mut())
        .ok_or(VaultError::KdfParamsOutOfRange)?;
    Ok(out)
}

/// Picks parameters that take about `target` on this computer (aiming inside 0.5-1 s for the
/// default), never below the floor: more memory first, up to 1 GiB, then more passes.
pub fn calibrate(limits: &KdfLimits, target: Duration) -> KdfParams {
    let lanes = std::thread::available_parallelism().map(|n| n.get() as u32).unwrap_or(1).clamp(1, 4);
    calibrate_with(limits, target, lanes, |p| {
        let start = Instant::now();
        let mut out = [0u8; 32];
        let _ = argon2id(b"calibration", &[0u8; 16], p.m_kib, p.t, p.p, &[], &[], &mut out);
        start.elapsed()
    })
}

/// [`calibrate`] with the lanes and the stopwatch passed in, so any computer's speed can be tried.
fn calibrate_with(
    limits: &KdfLimits,
    target: Duration,
    lanes: u32,
    mut time: impl FnMut(&KdfParams) -> Duration,
) -> KdfParams {
    let mut params =
        KdfParams { m_kib: limits.floor.m_kib.max(8 * lanes), t: limits.floor.t, p: lanes.max(limits.floor.p) };
    // Within the total as well as each setting's cap: memory up to what the floor's passes
    // allow, then passes up to what that memory allows.
    let work = |m_kib: u32| u32::try_from(limits.max_kib_passes / u64::from(m_kib)).unwrap_or(u32::MAX);
    let max_m = (1024 * 1024).min(limits.cap.m_kib).min(work(params.t)).max(params.m_kib);
    for _ in 0..3 {
        let took = time(&params).max(Duration::from_micros(1));
        if took >= target.mul_f64(0.8) {
            break;
        }
        let scale = target.as_secs_f64() / took.as_secs_f64();
        if params.m_kib < max_m {
            params.m_kib = ((params.m_kib as f64 * scale) as u32).clamp(params.m_kib, max_m);
        } else {
            let max_t = limits.cap.t.min(work(params.m_kib)).max(params.t);
            params.t = ((params.t as f64 * scale).ceil() as u32).clamp(params.t, max_t);
        }
    }
    params
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_and_cap_are_enforced() {
        let l = KdfLimits::STANDARD;
        assert!(l.check(&l.floor).is_ok());
        assert!(l.check(&KdfParams { t: l.floor.t, ..l.cap }).is_ok());
        assert!(l.check(&KdfParams { m_kib: l.floor.m_kib, ..l.cap }).is_ok());
        for bad in [
            KdfParams { m_kib: 64 * 1024 - 1, t: 3, p: 1 },
            KdfParams { m_kib: 64 * 1024, t: 2, p: 1 },
            KdfParams { m_kib: 64 * 1024, t: 3, p: 0 },
            KdfParams { m_kib: 2 * 1024 * 1024 + 1, t: 3, p: 1 },
            KdfParams { m_kib: 64 * 1024, t: 21, p: 1 },
            KdfParams { m_kib: 64 * 1024, t: 3, p: 17 },
            KdfParams { m_kib: u32::MAX, t: u32::MAX, p: u32::MAX },
        ] {
            assert_eq!(l.check(&bad), Err(VaultError::KdfParamsOutOfRange), "{bad:?}");
        }
    }

    #[test]
    fn out_of_range_is_refused_before_hashing() {
        // Neither a cap-busting nor a below-floor cost reaches Argon2.
        let huge = KdfParams { m_kib: u32::MAX, t: 1, p: 1 };
        let before = crate::crypto::ARGON2_CALLS.with(|c| c.get());
        assert!(stretch(&KdfLimits::STANDARD, &huge, &Passphrase::from("x"), &[0; 16]).is_err());
        let weak = KdfParams { m_kib: 1024, t: 1, p: 1 };
        assert!(stretch(&KdfLimits::STANDARD, &weak, &Passphrase::from("x"), &[0; 16]).is_err());
        assert_eq!(crate::crypto::ARGON2_CALLS.with(|c| c.get()), before, "Argon2 ran for refused parameters");
    }

    #[test]
    fn total_work_is_capped_as_well_as_each_setting() {
        // Each setting alone may reach its cap, but not memory and passes together: 2 GiB over
        // 20 passes is tens of seconds and 2 GB for every try.
        let l = KdfLimits::STANDARD;
        let gib = 1024 * 1024;
        assert_eq!(l.check(&KdfParams { m_kib: 2 * gib, t: 20, p: 1 }), Err(VaultError::KdfParamsOutOfRange));
        assert_eq!(l.check(&KdfParams { m_kib: gib, t: 9, p: 4 }), Err(VaultError::KdfParamsOutOfRange));
        assert_eq!(l.check(&KdfParams { m_kib: gib, t: 8, p: 4 }), Ok(()));
        assert_eq!(l.check(&KdfParams { m_kib: l.cap.m_kib, t: l.floor.t, p: 1 }), Ok(()));
        assert_eq!(l.check(&KdfParams { m_kib: l.floor.m_kib, t: l.cap.t, p: 1 }), Ok(()));
        assert_eq!(l.check(&KdfParams { m_kib: u32::MAX, t: u32::MAX, p: 1 }), Err(VaultError::KdfParamsOutOfRange));
    }

    #[test]
    fn calibration_on_a_very_fast_computer_stays_within_the_limits() {
        // Every run looks instant, and a minute is asked for: memory and passes both grow as
        // far as calibration lets them.
        for limits in [KdfLimits::STANDARD, KdfLimits::TEST] {
            for lanes in 1..=4 {
                let p = calibrate_with(&limits, Duration::from_secs(60), lanes, |_| Duration::ZERO);
                assert_eq!(limits.check(&p), Ok(()), "{p:?}");
                assert!(p.t > limits.floor.t, "passes grew too: {p:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn calibration_always_passes_the_check(
            micros in proptest::collection::vec(0u64..20_000_000, 3),
            target_ms in 1u64..600_000,
            lanes in 1u32..=4,
            standard in proptest::bool::ANY,
        ) {
            let limits = if standard { KdfLimits::STANDARD } else { KdfLimits::TEST };
            let mut runs = micros.iter().map(|&m| Duration::from_micros(m));
            let p = calibrate_with(&limits, Duration::from_millis(target_ms), lanes, |_| runs.next().unwrap_or_default());
            proptest::prop_assert_eq!(limits.check(&p), Ok(()), "{:?}", p);
        }
    }

    #[test]
    fn calibration_never_goes_below_the_floor() {
        let p = calibrate(&KdfLimits::TEST, Duration::from_millis(5));
        assert!(KdfLimits::TEST.check(&p).is_ok());
        assert!(KdfLimits::STANDARD.check(&KdfLimits::STANDARD.floor).is_ok());
    }
}
