//! The words Tend says in its code: every string literal the core and the shell ship (not their
//! tests) is scanned for pressure words such as "should", "must", "streak" and "fail". It lives
//! here because it reads both crates' source; it needs no window. The scanner first proves itself
//! on a sample, so a scan that reads nothing cannot pass.

use std::path::Path;

/// The string literals of Rust source, outside comments and outside whatever is marked
/// `#[cfg(test)]` (a statement, a field, an item, a module).
fn rust_strings(src: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    // Inside an item or statement marked `#[cfg(test)]`: its brace depth, and whether it opened one.
    let mut skip: Option<(i32, bool)> = None;
    for (n, line) in src.lines().enumerate() {
        let mut rest = line.trim();
        if skip.is_none() {
            if let Some(after) = rest.strip_prefix("#[cfg(test)]") {
                skip = Some((0, false));
                rest = after.trim();
            }
        }
        if let Some((depth, opened)) = skip.as_mut() {
            for ch in rest.chars() {
                match ch {
                    '{' => (*depth, *opened) = (*depth + 1, true),
                    '}' => *depth -= 1,
                    _ => {}
                }
            }
            if (*opened && *depth <= 0) || (!*opened && (rest.ends_with(';') || rest.ends_with(','))) {
                skip = None;
            }
            continue;
        }
        if rest.starts_with("//") {
            continue;
        }
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            if c != '"' {
                continue;
            }
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    c => s.push(c),
                }
            }
            out.push((n + 1, s));
        }
    }
    out
}

/// Whether `s` holds a word that pressures or blames the person reading it.
fn pressing(s: &str) -> bool {
    let banned = ["should", "must", "streak", "streaks", "missed", "fail", "failed", "failure", "failures"];
    s.to_lowercase().split(|ch: char| !ch.is_alphanumeric()).any(|w| banned.contains(&w))
}

#[test]
fn messages_in_the_code_are_gentle() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut files = Vec::new();
    // The core's and the shell's own source: both speak to the person using Tend.
    for root in ["src-tauri/core/src", "src-tauri/src"] {
        let before = files.len();
        let mut dirs = vec![repo.join(root)];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.to_string_lossy().ends_with("tests.rs") {
                    files.push(p);
                }
            }
        }
        assert!(files.len() > before, "no Rust source under {root}");
    }
    assert!(files.len() >= 15, "{files:?}");
    let mut hits = Vec::new();
    let mut seen = 0;
    for f in &files {
        for (line, s) in rust_strings(&std::fs::read_to_string(f).unwrap()) {
            seen += 1;
            if pressing(&s) {
                hits.push(format!("{}:{line}: {s}", f.display()));
            }
        }
    }
    assert!(seen > 200, "{seen} strings");
    assert!(hits.is_empty(), "pressure words in messages:\n{}", hits.join("\n"));
    // The scanner itself: comments and whatever is marked for tests are skipped (a statement, an
    // item, a module), escapes kept apart, and the shipped code after each is still read.
    let sample = r#"// "must"
let a = "one \" two"; let b = "must";
#[cfg(test)]
let c = "should";
#[cfg(test)]
thread_local! {
    static D: &str = "should";
}
fn e() { f("fail {x}"); }
struct S {
    #[cfg(test)]
    j: u8,
    k: &'static str = "kept",
}
#[cfg(test)] mod g;
#[cfg(test)]
mod tests {
    fn h() { if x { "missed" } else { "streak" } }
}
let i = "after";"#;
    let found: Vec<String> = rust_strings(sample).into_iter().map(|(_, s)| s).collect();
    assert_eq!(found, ["one  two", "must", "fail {x}", "kept", "after"]);
    // And the word check finds the planted words among them.
    let flagged: Vec<&String> = found.iter().filter(|s| pressing(s)).collect();
    assert_eq!(flagged, ["must", "fail {x}"]);
}
