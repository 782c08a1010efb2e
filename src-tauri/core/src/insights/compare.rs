//! With versus without: the difference in mean pleasantness, a 95% interval for it, and
//! whether it reads as a pattern ("tends to go with feeling better") or as about the same.
//!
//! The interval is Welch's t interval, not a bootstrap:
//! - it is exact arithmetic on sums the single pass over the entries already keeps (count, sum,
//!   sum of squares), so it costs nothing per period switch, even for tens of thousands of
//!   entries, where a bootstrap would resample every comparison thousands of times;
//! - it is deterministic with no seed to choose, so the same entries always read the same way;
//! - it allows each side its own spread, which with and without rarely share;
//! - pleasantness is bounded (-1..1), so with [`MIN_SAMPLE`] entries on each side the mean is
//!   close enough to normal for the t interval, and where it is not (few entries), a percentile
//!   bootstrap is no better: it is too narrow for small groups.
//!
//! The t critical value comes from a small table (see [`t95`]); no statistics library is needed.

use super::shape::{Pattern, Verdict};
use super::{round, Acc, MIN_SAMPLE};

/// Differences smaller than this read as "about the same" even when the interval leaves out
/// zero: over thousands of entries a difference of a few hundredths of the mood scale can hold
/// beyond chance, yet no one would feel it.
pub(super) const SAME_WITHIN: f64 = 0.1;

/// Two-sided 95% critical values of Student's t for 1..=30 degrees of freedom.
const T95: [f64; 30] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
    2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/// Beyond 30 degrees of freedom: (degrees of freedom, critical value), ending with the normal
/// value at infinity (written as 0 for 1/df).
const T95_TAIL: [(f64, f64); 5] = [(30.0, 2.042), (40.0, 2.021), (60.0, 2.000), (120.0, 1.980), (f64::INFINITY, 1.960)];

/// The two-sided 95% critical value of t for `df` degrees of freedom (not necessarily whole, as
/// Welch's are; below 1 it uses 1). Between table rows it interpolates linearly in 1/df, which
/// follows the curve to within 0.004 from 4 degrees of freedom on, erring wide. Welch's degrees
/// of freedom are at least one less than the smaller side, so at least 4 wherever a verdict
/// is given.
pub(super) fn t95(df: f64) -> f64 {
    let df = if df.is_nan() { 1.0 } else { df.max(1.0) };
    if df < 30.0 {
        let k = df.floor() as usize; // 1..=29
        let (a, b) = (T95[k - 1], T95[k]);
        let (x0, x1, x) = (1.0 / k as f64, 1.0 / (k + 1) as f64, 1.0 / df);
        return a + (b - a) * (x0 - x) / (x0 - x1);
    }
    for w in T95_TAIL.windows(2) {
        let ((d0, a), (d1, b)) = (w[0], w[1]);
        if df <= d1 {
            let (x0, x1, x) = (1.0 / d0, 1.0 / d1, 1.0 / df);
            return a + (b - a) * (x0 - x) / (x0 - x1);
        }
    }
    1.960
}

/// Mean pleasantness and its squared standard error (sample variance over n).
fn mean_and_se2(a: Acc) -> (f64, f64) {
    let n = a.n as f64;
    let mean = a.p / n;
    let var = ((a.p2 - a.p * mean) / (n - 1.0)).max(0.0);
    (mean, var / n)
}

/// The difference with minus without, its Welch 95% interval, and what it reads as: a
/// pattern only when each side has at least [`MIN_SAMPLE`] entries, the interval leaves out
/// zero, and the difference is at least [`SAME_WITHIN`].
pub(super) fn pattern(with: Acc, without: Acc) -> Pattern {
    if with.n == 0 || without.n == 0 {
        return Pattern { difference: None, low: None, high: None, verdict: Verdict::Same };
    }
    let diff = with.p / with.n as f64 - without.p / without.n as f64;
    if with.n < 2 || without.n < 2 {
        return Pattern { difference: Some(round(diff)), low: None, high: None, verdict: Verdict::Same };
    }
    let ((_, v1), (_, v2)) = (mean_and_se2(with), mean_and_se2(without));
    let se = (v1 + v2).sqrt();
    // Welch–Satterthwaite degrees of freedom; with no spread on either side, se is 0 and t
    // doesn't matter.
    let df_den = v1 * v1 / (with.n - 1) as f64 + v2 * v2 / (without.n - 1) as f64;
    let df = if df_den > 0.0 { (v1 + v2) * (v1 + v2) / df_den } else { f64::INFINITY };
    let half = t95(df) * se;
    let (low, high) = (diff - half, diff + half);
    let enough = with.n >= MIN_SAMPLE && without.n >= MIN_SAMPLE;
    let verdict = if !enough || (low <= 0.0 && high >= 0.0) || diff.abs() < SAME_WITHIN {
        Verdict::Same
    } else if diff > 0.0 {
        Verdict::Better
    } else {
        Verdict::Lower
    };
    Pattern { difference: Some(round(diff)), low: Some(round(low)), high: Some(round(high)), verdict }
}
