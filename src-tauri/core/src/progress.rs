//! How far a long piece of work (a backup, a restore, an import, an export) has come, and a
//! way to stop it before it changes anything: the window shows a bar with Cancel from this.
//!
//! Work is counted in steps the work itself knows the number of (bytes of a file read,
//! entries checked or written), each kind of work given its share of the bar. Stopping is
//! asked for, not forced: the work looks between steps and, while nothing is changed yet,
//! leaves everything as it was. Once the one transaction that changes the journal begins,
//! the work runs to the end.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::Serialize;

use crate::error::{Error, Result};

/// Shared between the work and whoever watches it (any thread).
#[derive(Debug, Default)]
pub struct Progress {
    /// Parts per million of the whole.
    done: AtomicU64,
    cancelled: AtomicBool,
    /// When set (tests), asks to stop once the work has come this far (parts per million).
    stop_at: AtomicU64,
    /// No more stopping: the change is being written.
    committing: AtomicBool,
}

/// What the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressView {
    /// From 0 to 1.
    pub fraction: f64,
    /// Stop was asked for.
    pub cancelled: bool,
    /// Past the point where it can stop: the change is being written.
    pub committing: bool,
}

const WHOLE: u64 = 1_000_000;

impl Progress {
    /// A new piece of work, nothing done.
    pub fn new() -> Self {
        Self { stop_at: AtomicU64::new(u64::MAX), ..Self::default() }
    }

    /// Asks the work to stop at its next step, if it can still stop without a change.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
    }

    /// For tests: asks to stop once `fraction` of the work is done.
    #[doc(hidden)]
    pub fn cancel_at(&self, fraction: f64) {
        self.stop_at.store((fraction.clamp(0.0, 1.0) * WHOLE as f64) as u64, Ordering::SeqCst);
    }

    /// Where it is now.
    pub fn view(&self) -> ProgressView {
        ProgressView {
            fraction: self.done.load(Ordering::Relaxed).min(WHOLE) as f64 / WHOLE as f64,
            cancelled: self.cancelled.load(Ordering::SeqCst),
            committing: self.committing.load(Ordering::SeqCst),
        }
    }

    /// Sets how far it has come: `done` of `total` steps within the share from `from` to `to`
    /// (fractions of the whole bar). Never moves the bar back.
    pub fn at(&self, from: f64, to: f64, done: u64, total: u64) {
        let part = if total == 0 { 1.0 } else { (done.min(total) as f64) / total as f64 };
        let ppm = ((from + (to - from) * part).clamp(0.0, 1.0) * WHOLE as f64) as u64;
        self.done.fetch_max(ppm, Ordering::Relaxed);
        if ppm >= self.stop_at.load(Ordering::SeqCst) {
            self.cancel();
        }
    }

    /// Whether stop was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }

    /// Between steps: [`Error::Cancelled`] when stop was asked for.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() && !self.committing.load(Ordering::SeqCst) {
            return Err(Error::Cancelled);
        }
        Ok(())
    }

    /// The last look before the change is written; after this it no longer stops.
    pub fn commit_point(&self) -> Result<()> {
        self.check()?;
        self.committing.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// All done.
    pub fn finish(&self) {
        self.done.store(WHOLE, Ordering::Relaxed);
    }
}

/// A reader that moves the bar by the bytes read (of `total`), within `from..to`, and stops
/// with an error when stop is asked for.
pub struct Reading<'a, R> {
    /// What is read.
    pub inner: R,
    /// Where progress goes.
    pub progress: &'a Progress,
    /// Bytes so far.
    pub read: u64,
    /// Bytes in all.
    pub total: u64,
    /// Share of the bar.
    pub share: (f64, f64),
}

impl<R: std::io::Read> std::io::Read for Reading<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.progress.is_cancelled() {
            // Not `Interrupted`: readers try that again.
            return Err(std::io::Error::other("stopped"));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.progress.at(self.share.0, self.share.1, self.read, self.total);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_moves_forward_within_its_share_and_stops_when_asked() {
        let p = Progress::new();
        p.at(0.0, 0.5, 50, 100);
        assert!((p.view().fraction - 0.25).abs() < 1e-6);
        p.at(0.0, 0.5, 10, 100);
        assert!((p.view().fraction - 0.25).abs() < 1e-6, "never back");
        assert!(p.check().is_ok());
        p.cancel();
        assert_eq!(p.check().unwrap_err().code(), "cancelled");
        let q = Progress::new();
        q.cancel_at(0.5);
        q.at(0.0, 1.0, 49, 100);
        assert!(q.check().is_ok());
        q.at(0.0, 1.0, 50, 100);
        assert!(q.check().is_err());
        let r = Progress::new();
        r.commit_point().unwrap();
        r.cancel();
        assert!(r.check().is_ok(), "past the commit point it runs to the end");
        assert!(r.view().committing);
    }
}
