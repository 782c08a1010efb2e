//! Reads an `strace -f` log of a test run and fails on any connection that leaves the machine,
//! so the promise that nothing goes out is checked on the real app, not just in its code.

use std::path::Path;

use crate::R;

/// Fails on any connect/sendto/sendmsg to an internet address that isn't loopback, and on any
/// DNS traffic at all (port 53), in an `strace -f` log.
pub fn check_trace(path: &Path) -> R {
    let log = std::fs::read_to_string(path)?;
    let mut bad = Vec::new();
    let mut inet_calls = 0;
    for line in log.lines() {
        if !(line.contains("AF_INET") || line.contains("AF_INET6")) {
            continue;
        }
        inet_calls += 1;
        let loopback = line.contains("inet_addr(\"127.") || line.contains("\"::1\"") || line.contains("::ffff:127.");
        if line.contains("htons(53)") || !loopback {
            bad.push(line.to_owned());
        }
    }
    // The trace must reach the app itself (it talks to the X server), or it proves nothing.
    if !log.contains("X11-unix") {
        return Err(format!("the trace {} never saw the app connect to the display", path.display()).into());
    }
    let pids: std::collections::BTreeSet<&str> = log.lines().filter_map(|l| l.split_whitespace().next()).collect();
    if !bad.is_empty() {
        return Err(format!(
            "network use outside loopback ({} lines), e.g.:\n{}",
            bad.len(),
            bad[..bad.len().min(5)].join("\n")
        )
        .into());
    }
    eprintln!("strace: {} processes traced, {} loopback inet calls, none elsewhere", pids.len(), inet_calls);
    Ok(())
}
