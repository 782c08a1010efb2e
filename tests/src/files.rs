//! The canary scan: finds every file that holds a given text, in the encodings a leak could take,
//! so a test can show that what a person wrote never reaches the disk unencrypted.

use std::path::PathBuf;

/// Every file under `dirs`, searched for `needle` as UTF-8, UTF-16LE and base64-ish forms.
pub fn files_containing(dirs: &[PathBuf], needle: &str) -> Vec<PathBuf> {
    let forms: Vec<Vec<u8>> = vec![
        needle.as_bytes().to_vec(),
        needle.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(),
        needle.encode_utf16().flat_map(|u| u.to_be_bytes()).collect(),
    ];
    let mut hits = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.to_vec();
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let Ok(meta) = std::fs::symlink_metadata(&p) else { continue };
            if meta.is_dir() {
                stack.push(p);
            } else if meta.is_file() {
                if let Ok(bytes) = std::fs::read(&p) {
                    if forms.iter().any(|f| bytes.windows(f.len()).any(|w| w == f.as_slice())) {
                        hits.push(p);
                    }
                }
            }
        }
    }
    hits
}
