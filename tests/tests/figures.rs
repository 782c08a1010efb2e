//! Figures for the record, not assertions: cold start to the unlock screen (median of 5), idle
//! memory of the app with its WebKit processes, and binary size, for Tend and for a bare Tauri
//! window built in the same run. `.ci/figures` builds both release binaries and runs this.

use std::time::{Duration, Instant};

use tend_tests::{App, Home, R};

async fn measure(bin: &std::path::Path, prepare: impl Fn(&Home), screen: &str) -> R<(Vec<Duration>, Vec<(u64, u64)>)> {
    let (mut times, mut mem) = (Vec::new(), Vec::new());
    for run in 0..6 {
        let home = Home::new();
        prepare(&home);
        let t = Instant::now();
        let app = App::launch(&home, "figures", bin).await?;
        app.wait_screen(screen).await?;
        let took = t.elapsed();
        tokio::time::sleep(Duration::from_secs(3)).await;
        let m = app.memory_kib();
        app.finish().await?;
        if run > 0 {
            // The first run warms the disk cache for both; it is not counted.
            times.push(took);
            mem.push(m);
        }
    }
    times.sort();
    mem.sort();
    Ok((times, mem))
}

#[tokio::test]
#[ignore = "run by .ci/figures with release builds of Tend and the bare window"]
async fn startup_memory_and_size_figures() -> R {
    let tend = std::path::PathBuf::from(std::env::var("TEND_APP").expect("TEND_APP"));
    let bare = std::path::PathBuf::from(std::env::var("TEND_BARE_APP").expect("TEND_BARE_APP"));
    // Tend starts on its unlock screen, as it does for someone who already has a journal.
    let with_journal = |home: &Home| {
        let status = std::process::Command::new(&tend)
            .args(["--data-dir"])
            .arg(home.data_dir())
            .arg("init")
            .env("TEND_KEYRING", "off")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(b"figures passphrase\n")?;
                c.wait()
            })
            .unwrap();
        assert!(status.success());
    };
    let (t_tend, m_tend) = measure(&tend, with_journal, "unlock").await?;
    let (t_bare, m_bare) = measure(&bare, |_| {}, "bare").await?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mib = |k: u64| k as f64 / 1024.0;
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len() as f64 / 1024.0 / 1024.0).unwrap_or(0.0);
    let (mt, mb) = (m_tend[m_tend.len() / 2], m_bare[m_bare.len() / 2]);
    println!(
        "cold start to first screen, median of 5: Tend {:.0} ms (unlock screen), bare window {:.0} ms; ratio {:.2}x",
        ms(t_tend[2]),
        ms(t_bare[2]),
        ms(t_tend[2]) / ms(t_bare[2])
    );
    println!("  all runs, Tend: {:?}", t_tend.iter().map(|d| format!("{:.0}", ms(*d))).collect::<Vec<_>>());
    println!("  all runs, bare: {:?}", t_bare.iter().map(|d| format!("{:.0}", ms(*d))).collect::<Vec<_>>());
    println!(
        "idle memory (app + WebKit processes): Tend RSS {:.0} MiB / PSS {:.0} MiB; bare RSS {:.0} MiB / PSS {:.0} MiB",
        mib(mt.0),
        mib(mt.1),
        mib(mb.0),
        mib(mb.1)
    );
    println!("release binary: Tend {:.1} MiB, bare window {:.1} MiB", size(&tend), size(&bare));
    Ok(())
}
