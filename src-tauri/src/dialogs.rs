//! The system's own file and folder dialogs, so the person points at a place instead of typing
//! a whole path; the window keeps its path fields for when a dialog can't open (and for tests,
//! which can't reach a native dialog). Only a chosen path crosses to the webview.

use std::path::PathBuf;

use serde::Deserialize;
use tauri::{Runtime, WebviewWindow};

/// What the path is for: decides the dialog's kind, title and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", tag = "for")]
pub enum Purpose {
    /// A folder for automatic backups.
    BackupFolder,
    /// A backup file to bring back.
    BackupFile,
    /// Another journal app's export.
    ImportFile,
    /// Where the recovery key is saved, as a text file (at setup, or with a new key).
    RecoveryKeyFile,
    /// Where a plain export goes, of this kind ("md", "csv", "json").
    ExportFile {
        /// The export's kind, for the name and filter.
        format: tend_core::export::ExportFormat,
    },
}

/// How the dialog looks for a purpose: title, filter name and extensions, suggested name.
#[derive(Debug, PartialEq, Eq)]
pub struct Shape {
    /// Its title.
    pub title: &'static str,
    /// Files shown, by extension; empty for a folder.
    pub filter: Option<(&'static str, &'static [&'static str])>,
    /// A name to start from, when saving.
    pub suggested: Option<String>,
}

/// The shape of the dialog for `purpose`, `today` naming an export.
pub fn shape(purpose: Purpose, today: chrono::NaiveDate) -> Shape {
    use tend_core::export::ExportFormat;
    match purpose {
        Purpose::BackupFolder => Shape { title: "Choose a folder for backups", filter: None, suggested: None },
        Purpose::BackupFile => {
            Shape { title: "Choose a backup file", filter: Some(("Tend backups", &["age"])), suggested: None }
        }
        Purpose::ImportFile => Shape {
            title: "Choose the file the other app wrote",
            filter: Some(("Journal exports", &["json", "csv", "zip", "daylio"])),
            suggested: None,
        },
        Purpose::RecoveryKeyFile => Shape {
            title: "Save your recovery key (it is not encrypted)",
            filter: Some(("Text", &["txt"])),
            suggested: Some("tend-recovery-key.txt".into()),
        },
        Purpose::ExportFile { format } => {
            let (name, ext): (&'static str, &'static [&'static str]) = match format {
                ExportFormat::Json => ("Tend's own format", &["json"]),
                ExportFormat::Markdown => ("A readable page", &["md"]),
                ExportFormat::Csv => ("A spreadsheet", &["csv"]),
            };
            Shape {
                title: "Save the export (it is not encrypted)",
                filter: Some((name, ext)),
                suggested: Some(format!("tend-export-{}.{}", today.format("%Y-%m-%d"), ext[0])),
            }
        }
    }
}

/// Opens the dialog over `window` and waits for the person; `None` when they close it without
/// choosing. The dialog is made on the main thread, where the window's toolkit lives, and waited
/// for here: call from a command's worker thread, never the main thread.
pub fn choose<R: Runtime>(window: &WebviewWindow<R>, purpose: Purpose, today: chrono::NaiveDate) -> Option<String> {
    let s = shape(purpose, today);
    let mut d = rfd::AsyncFileDialog::new().set_title(s.title).set_parent(window);
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from).filter(|h| h.is_dir()) {
        d = d.set_directory(home);
    }
    if let Some((name, ext)) = s.filter {
        d = d.add_filter(name, ext);
    }
    if let Some(n) = &s.suggested {
        d = d.set_file_name(n);
    }
    let (tx, rx) = std::sync::mpsc::channel();
    window
        .run_on_main_thread(move || {
            type Chosen = std::pin::Pin<Box<dyn std::future::Future<Output = Option<rfd::FileHandle>> + Send>>;
            let chosen: Chosen = match purpose {
                Purpose::BackupFolder => Box::pin(d.pick_folder()),
                Purpose::BackupFile | Purpose::ImportFile => Box::pin(d.pick_file()),
                Purpose::ExportFile { .. } | Purpose::RecoveryKeyFile => Box::pin(d.save_file()),
            };
            std::thread::spawn(move || tx.send(tauri::async_runtime::block_on(chosen)));
        })
        .ok()?;
    rx.recv().ok().flatten().map(|f| f.path().display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_purpose_has_its_own_title_filter_and_name() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let p: Purpose = serde_json::from_str(r#"{"for": "exportFile", "format": "csv"}"#).unwrap();
        let s = shape(p, day);
        assert_eq!(s.suggested.as_deref(), Some("tend-export-2026-11-30.csv"));
        assert!(s.title.contains("not encrypted"));
        assert_eq!(shape(Purpose::BackupFile, day).filter, Some(("Tend backups", &["age"][..])));
        assert_eq!(shape(Purpose::BackupFolder, day).filter, None);
        let p: Purpose = serde_json::from_str(r#"{"for": "importFile"}"#).unwrap();
        assert!(shape(p, day).filter.unwrap().1.contains(&"daylio"));
        assert!(serde_json::from_str::<Purpose>(r#"{"for": "anywhere"}"#).is_err());
        let p: Purpose = serde_json::from_str(r#"{"for": "recoveryKeyFile"}"#).unwrap();
        assert!(shape(p, day).title.contains("not encrypted"));
    }
}
