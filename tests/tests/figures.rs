//! Figures for the record, not assertions, on the release builds people run: cold start to the
//! first screen (median of 10) and the page's own share of it (from its navigation start, on its
//! own clock), idle memory of the app with its WebKit processes (median PSS), and binary and
//! package size, for Tend and for a bare Tauri window built in the same run. Both
//! start with no WebDriver anywhere: each page marks its first paint and the app says so on its
//! figures flag. Runs of the two alternate, so both meet the same machine. `.ci/figures` builds
//! both release binaries (and the packages) and runs this.

use std::time::Duration;

use tend_tests::{tend_cli, Home, Started, R};

const RUNS: usize = 10;

struct Figures {
    start_ms: Vec<f64>,
    own_ms: Vec<f64>,
    page_ms: Vec<f64>,
    pss_kib: Vec<u64>,
    rss_kib: Vec<u64>,
}

impl Figures {
    fn new() -> Figures {
        Figures {
            start_ms: Vec::new(),
            own_ms: Vec::new(),
            page_ms: Vec::new(),
            pss_kib: Vec::new(),
            rss_kib: Vec::new(),
        }
    }

    /// One start: to first paint, then three idle seconds, then memory.
    fn run(&mut self, bin: &std::path::Path, home: &Home, counted: bool) -> R {
        let app = Started::launch(bin, home)?;
        std::thread::sleep(Duration::from_secs(3));
        let (rss, pss) = app.memory_kib();
        let (start, own, page) = (app.to_first_paint.as_secs_f64() * 1000.0, app.own_ms, app.page_ms);
        app.stop()?;
        if counted {
            self.start_ms.push(start);
            self.own_ms.push(own);
            self.page_ms.push(page);
            self.pss_kib.push(pss);
            self.rss_kib.push(rss);
        }
        Ok(())
    }
}

fn median<T: Copy + PartialOrd>(v: &[T]) -> T {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[v.len() / 2]
}

#[test]
#[ignore = "run by .ci/figures with release builds of Tend and the bare window"]
fn startup_memory_and_size_figures() -> R {
    let tend = std::path::PathBuf::from(std::env::var("TEND_APP").expect("TEND_APP"));
    let bare = std::path::PathBuf::from(std::env::var("TEND_BARE_APP").expect("TEND_BARE_APP"));
    // Tend starts on its unlock screen, as it does for someone who already has a journal.
    let with_journal = Home::new();
    tend_cli(&with_journal, "figures passphrase", &["init"], None);
    let empty = Home::new();

    let (mut t, mut b) = (Figures::new(), Figures::new());
    // The first pair warms the disk cache for both and is not counted.
    for run in 0..=RUNS {
        t.run(&tend, &with_journal, run > 0)?;
        b.run(&bare, &empty, run > 0)?;
    }
    let ms = |v: &[f64]| v.iter().map(|x| format!("{x:.0}")).collect::<Vec<_>>().join(" ");
    let mib = |k: u64| k as f64 / 1024.0;
    let (st, sb) = (median(&t.start_ms), median(&b.start_ms));
    println!("cold start to first screen painted (release, median of {RUNS}, no WebDriver):");
    println!("  Tend (unlock screen) {st:.0} ms, bare window {sb:.0} ms: {:.2}x", st / sb);
    println!(
        "  as each app measured from its main: Tend {:.0} ms, bare {:.0} ms",
        median(&t.own_ms),
        median(&b.own_ms)
    );
    // The page's share alone, on its own clock: far steadier than the whole start on a busy
    // machine, so a change to the page shows here first.
    println!(
        "  in the page, from its start to the mark: Tend {:.0} ms, bare {:.0} ms",
        median(&t.page_ms),
        median(&b.page_ms)
    );
    println!("  runs, Tend: {}", ms(&t.start_ms));
    println!("  runs, bare: {}", ms(&b.start_ms));
    let (pt, pb) = (median(&t.pss_kib), median(&b.pss_kib));
    println!("idle memory, app and its WebKit processes, 3 s after first paint (median of {RUNS}):");
    println!(
        "  PSS: Tend {:.1} MiB, bare {:.1} MiB: {:.2}x; RSS: Tend {:.1} MiB, bare {:.1} MiB",
        mib(pt),
        mib(pb),
        pt as f64 / pb as f64,
        mib(median(&t.rss_kib)),
        mib(median(&b.rss_kib))
    );
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len() as f64 / 1024.0 / 1024.0).unwrap_or(f64::NAN);
    println!("release binary: Tend {:.1} MiB, bare window {:.1} MiB", size(&tend), size(&bare));
    if let Some(deb) = std::env::var_os("TEND_DEB") {
        let deb = std::path::PathBuf::from(deb);
        println!("package: {} {:.2} MiB", deb.file_name().unwrap_or_default().to_string_lossy(), size(&deb));
    }
    Ok(())
}
