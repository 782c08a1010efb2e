//! The IPC surface: every command is a one-line adapter from the webview to `tend_core`.
//! Anything touching disk or keys is async, so the window never freezes during a KDF.

use chrono::{DateTime, FixedOffset, Local};
use serde_json::Value;
use tauri::{Runtime, State, WebviewWindow};
use tend_core::backup::{BackupPlan, Every};
use tend_core::care::{self, AftercareNeeds, CareContent, CareState, DueCheckIn, Offer, SafetyPlan, SupportInfo};
use tend_core::export::{ExportFormat, Range};
use tend_core::import::Source;
use tend_core::insights::{Insights, Query};
use tend_core::journal::Draft;
use tend_core::journal::{Backed, Created, Erased, ImportPreview, Imported, Page, Protection, Restored, UnlockReport};
use tend_core::model::{from_json, Entry, EntryInput, OwnLabel, OwnWord, Quadrant, Settings};
use tend_core::search;
use tend_core::secret::{Passphrase, SecretText};

use crate::error::{CmdResult, CommandError};
use crate::state::{AppState, CreatedView, ShownOnce, StatusView, SummaryView, WordsView};

// The shell is a front end: the one place it reads the clock; the core is given the time.
#[allow(clippy::disallowed_methods)]
pub(crate) fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

fn pass(s: String) -> Passphrase {
    Passphrase::new(s)
}

#[tauri::command(async)]
pub fn status(state: State<'_, AppState>) -> CmdResult<StatusView> {
    state.status().map_err(Into::into)
}

/// How guessable a passphrase is, as the core judges it (the command line says the same).
#[tauri::command(async)]
pub fn passphrase_strength(passphrase: String) -> tend_core::strength::Strength {
    tend_core::strength::estimate(&Passphrase::new(passphrase))
}

#[tauri::command(async)]
pub fn create(state: State<'_, AppState>, passphrase: String) -> CmdResult<CreatedView> {
    state.journal.create(pass(passphrase)).map(|c: Created| c.into()).map_err(Into::into)
}

#[tauri::command(async)]
pub fn unlock<R: Runtime>(
    state: State<'_, AppState>,
    window: WebviewWindow<R>,
    passphrase: String,
) -> CmdResult<UnlockReport> {
    state.journal.unlock(&pass(passphrase)).inspect(|_| state.apply_title(&window)).map_err(Into::into)
}

#[tauri::command(async)]
pub fn unlock_quick<R: Runtime>(state: State<'_, AppState>, window: WebviewWindow<R>) -> CmdResult<UnlockReport> {
    state.journal.unlock_quick().inspect(|_| state.apply_title(&window)).map_err(Into::into)
}

#[tauri::command(async)]
pub fn recover<R: Runtime>(
    state: State<'_, AppState>,
    window: WebviewWindow<R>,
    recovery_key: String,
    new_passphrase: String,
) -> CmdResult<UnlockReport> {
    state
        .journal
        .recover(SecretText::from(recovery_key).dangerously_expose(), &pass(new_passphrase))
        .inspect(|_| state.apply_title(&window))
        .map_err(Into::into)
}

/// Locks: what the window sends as written and not saved is kept first, sealed, to be offered
/// back after unlock; then an automatic backup that is due (how it went is kept for Settings).
#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>, drafts: Option<Vec<Value>>) {
    state.lock(now(), drafts.unwrap_or_default().into_iter().filter_map(|d| from_json::<Draft>(d).ok()).collect())
}

/// The entries being written when the journal locked, newest first.
#[tauri::command(async)]
pub fn drafts(state: State<'_, AppState>) -> CmdResult<Vec<Draft>> {
    state.journal.drafts().map_err(Into::into)
}

/// Lets a kept draft go: it was saved, or the person chose to.
#[tauri::command(async)]
pub fn discard_draft(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    state.journal.discard_draft(&id).map_err(Into::into)
}

#[tauri::command(async)]
pub fn add_entry(state: State<'_, AppState>, input: Value) -> CmdResult<Entry> {
    from_json::<EntryInput>(input).map_err(Into::into).and_then(|i| state.journal.add(i, now())).map_err(Into::into)
}

#[tauri::command(async)]
pub fn update_entry(state: State<'_, AppState>, id: String, input: Value) -> CmdResult<Entry> {
    from_json::<EntryInput>(input)
        .map_err(Into::into)
        .and_then(|i| state.journal.update(&id, i, now()))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn delete_entry(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    state.journal.delete(&id).map_err(Into::into)
}

#[tauri::command(async)]
pub fn get_entry(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.journal.get(&id).map_err(Into::into)
}

#[tauri::command(async)]
pub fn list_entries(state: State<'_, AppState>, offset: usize, limit: usize) -> CmdResult<Page> {
    state.journal.list(offset, limit).map_err(Into::into)
}

#[tauri::command(async)]
pub fn search_entries(state: State<'_, AppState>, query: Value) -> CmdResult<Page> {
    from_json::<search::Query>(query).map_err(Into::into).and_then(|q| state.journal.search(&q)).map_err(Into::into)
}

#[tauri::command(async)]
pub fn words(state: State<'_, AppState>) -> CmdResult<WordsView> {
    state.words().map_err(Into::into)
}

#[tauri::command(async)]
pub fn add_own_emotion(state: State<'_, AppState>, label: String, quadrant: String) -> CmdResult<OwnWord> {
    Quadrant::parse_field(&quadrant)
        .map_err(Into::into)
        .and_then(|q| state.journal.add_own_emotion(&label, q))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn add_own_label(state: State<'_, AppState>, label: String) -> CmdResult<OwnLabel> {
    state.journal.add_own_label(&label).map_err(Into::into)
}

#[tauri::command(async)]
pub fn settings(state: State<'_, AppState>) -> CmdResult<Settings> {
    state.journal.settings().map_err(Into::into)
}

#[tauri::command(async)]
pub fn save_settings<R: Runtime>(
    state: State<'_, AppState>,
    window: WebviewWindow<R>,
    settings: Value,
) -> CmdResult<Settings> {
    from_json::<Settings>(settings)
        .map_err(Into::into)
        .and_then(|s| state.journal.save_settings(s))
        .inspect(|_| state.apply_title(&window))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn change_passphrase(state: State<'_, AppState>, current: String, new: String) -> CmdResult<Protection> {
    state.journal.change_passphrase(&pass(current), &pass(new)).map_err(Into::into)
}

#[tauri::command(async)]
pub fn rekey(state: State<'_, AppState>, current: String, new: String) -> CmdResult<CreatedView> {
    state
        .journal
        .rekey(&pass(current), &pass(new))
        .map(CreatedView::from)
        .inspect(|_| state.after_new_key(now()))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn new_recovery_key(state: State<'_, AppState>, current: String) -> CmdResult<ShownOnce> {
    state
        .journal
        .new_recovery_key(&pass(current))
        .map(ShownOnce)
        .inspect(|_| state.after_new_key(now()))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn set_quick_unlock(state: State<'_, AppState>, current: String, on: bool) -> CmdResult<Protection> {
    state.journal.set_quick_unlock(&pass(current), on).map_err(Into::into)
}

#[tauri::command(async)]
pub fn insights(state: State<'_, AppState>, from: Option<String>, to: Option<String>) -> CmdResult<Insights> {
    Query::parse(from.as_deref(), to.as_deref(), now().date_naive())
        .map_err(Into::into)
        .and_then(|q| state.journal.insights(&q))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn care_content() -> &'static CareContent {
    care::shipped()
}

#[tauri::command(async)]
pub fn care_after_save(state: State<'_, AppState>, id: String) -> CmdResult<Offer<'static>> {
    state.journal.care_after_save(&id, now()).map_err(Into::into)
}

#[tauri::command(async)]
pub fn care_for_entry(state: State<'_, AppState>, id: String) -> CmdResult<Offer<'static>> {
    state.journal.care(&id, now()).map_err(Into::into)
}

#[tauri::command(async)]
pub fn answer_prompt(state: State<'_, AppState>, id: String, prompt: String, answer: String) -> CmdResult<Entry> {
    state.journal.answer_prompt(&id, &prompt, &answer, now()).map_err(Into::into)
}

#[tauri::command(async)]
pub fn care_state(state: State<'_, AppState>) -> CmdResult<CareState> {
    state.journal.care_state().map_err(Into::into)
}

#[tauri::command(async)]
pub fn save_safety_plan(state: State<'_, AppState>, plan: Value) -> CmdResult<SafetyPlan> {
    from_json::<SafetyPlan>(plan)
        .map_err(Into::into)
        .and_then(|p| state.journal.save_safety_plan(p))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn save_aftercare_needs(state: State<'_, AppState>, needs: Value) -> CmdResult<AftercareNeeds> {
    from_json::<AftercareNeeds>(needs)
        .map_err(Into::into)
        .and_then(|n| state.journal.save_aftercare_needs(n))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn save_support_numbers(state: State<'_, AppState>, numbers: Value, outside: bool) -> CmdResult<SupportInfo> {
    from_json(numbers)
        .map_err(Into::into)
        .and_then(|n| state.journal.save_support_numbers(n, outside))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn support_numbers(state: State<'_, AppState>) -> CmdResult<SupportInfo> {
    state.journal.support_numbers().map_err(Into::into)
}

#[tauri::command(async)]
pub fn set_pattern_cards(state: State<'_, AppState>, on: bool) -> CmdResult<CareState> {
    state.journal.set_pattern_cards(on).map_err(Into::into)
}

#[tauri::command(async)]
pub fn due_check_ins(state: State<'_, AppState>) -> CmdResult<Vec<DueCheckIn>> {
    state.journal.due_check_ins(now()).map_err(Into::into)
}

/// Sets aside the check-in of `id`, and of the entries `also` due with it, in one save.
#[tauri::command(async)]
pub fn dismiss_check_in(state: State<'_, AppState>, id: String, also: Option<Vec<String>>) -> CmdResult<()> {
    state.journal.dismiss_check_ins(&[vec![id], also.unwrap_or_default()].concat()).map_err(Into::into)
}

/// Opens the system's print dialog for the window (the page's own `window.print()` does nothing
/// in the Linux webview); the page's print styles show only the aftercare card.
#[tauri::command(async)]
pub fn print_page<R: Runtime>(window: WebviewWindow<R>) -> CmdResult<()> {
    window.print().map_err(|_| CommandError::print_unavailable())
}

/// When this process started its work, for the paint mark.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Notes the start, first thing in `run`.
pub(crate) fn started() {
    STARTED.get_or_init(std::time::Instant::now);
}

/// The page's mark that its first screen is painted, with how long after the page itself began
/// (`page_ms`, its own clock). With `TEND_PAINT_MARK` set (a debug flag for `.ci/figures`), it
/// is said on standard error, so start-up is timed from outside without a WebDriver session;
/// otherwise it does nothing. It carries nothing from the journal.
#[tauri::command]
pub fn first_paint(page_ms: Option<f64>) {
    if std::env::var_os("TEND_PAINT_MARK").is_some() {
        let ms = STARTED.get().map(|t| t.elapsed().as_secs_f64() * 1000.0).unwrap_or(f64::NAN);
        eprintln!("{}", paint_line(ms, page_ms));
    }
}

/// The paint mark's line: `tests/src/started.rs` reads it.
fn paint_line(after_main_ms: f64, page_ms: Option<f64>) -> String {
    match page_ms.filter(|p| p.is_finite()) {
        Some(p) => {
            format!("tend: first screen painted, {after_main_ms:.1} ms after main, {p:.1} ms after the page began")
        }
        None => format!("tend: first screen painted, {after_main_ms:.1} ms after main"),
    }
}

#[tauri::command(async)]
pub fn backup_plan(state: State<'_, AppState>) -> CmdResult<BackupPlan> {
    state.journal.backup_plan().map_err(Into::into)
}

#[tauri::command(async)]
pub fn save_backup_plan(
    state: State<'_, AppState>,
    folder: Option<String>,
    every: Every,
    keep: u32,
) -> CmdResult<BackupPlan> {
    state.journal.save_backup_plan(folder, every, keep).map_err(Into::into)
}

#[tauri::command(async)]
pub fn set_backup_key(state: State<'_, AppState>, recovery_key: String) -> CmdResult<BackupPlan> {
    state.journal.set_backup_key(SecretText::from(recovery_key).dangerously_expose()).map_err(Into::into)
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> CmdResult<Backed> {
    state.watched(|j| j.backup_now(now())).map_err(Into::into)
}

#[tauri::command(async)]
pub fn merge_backup(state: State<'_, AppState>, file: String, recovery_key: String) -> CmdResult<Restored> {
    let key = SecretText::from(recovery_key);
    state.watched(|j| j.merge_backup(file.as_ref(), key.dangerously_expose())).map_err(Into::into)
}

#[tauri::command(async)]
pub fn restore_backup<R: Runtime>(
    state: State<'_, AppState>,
    window: WebviewWindow<R>,
    file: String,
    recovery_key: String,
    new_passphrase: String,
) -> CmdResult<Restored> {
    let key = SecretText::from(recovery_key);
    state
        .watched(|j| j.restore(file.as_ref(), key.dangerously_expose(), &pass(new_passphrase)))
        .inspect(|_| state.apply_title(&window))
        .map_err(Into::into)
}

/// Writes a plain (NOT encrypted) export where the person chose; the window warns first. An
/// existing file is replaced only with `replace`: the person said so in the system's save dialog.
#[tauri::command(async)]
pub fn export_journal(
    state: State<'_, AppState>,
    format: ExportFormat,
    file: String,
    range: Range,
    replace: Option<bool>,
) -> CmdResult<usize> {
    let replace = replace.unwrap_or(false);
    state.watched(|j| j.export_to(file.as_ref(), format, range, now(), replace)).map_err(Into::into)
}

/// Writes the recovery key the window was shown to the file the person just chose in the system's
/// save dialog (which asked before replacing one): that place only, once, and only a real
/// recovery key. The window names no path, so it can't write anywhere else.
#[tauri::command(async)]
pub fn save_recovery_key(state: State<'_, AppState>, key: String) -> CmdResult<()> {
    let key = SecretText::from(key);
    let file = state.recovery_key_file.lock().unwrap_or_else(|p| p.into_inner()).take();
    let Some(file) = file else {
        return Err(tend_core::Error::KeyFile("Choose where to save it first, with “Save as a file…”.".into()).into());
    };
    state.journal.save_recovery_key_file(&file, key.dangerously_expose()).map_err(Into::into)
}

/// Removes Tend's data from this computer, the webview's own folder with it.
#[tauri::command(async)]
pub fn erase_data<R: Runtime>(state: State<'_, AppState>, window: WebviewWindow<R>) -> CmdResult<Erased> {
    state.erase(&window).map_err(Into::into)
}

/// What another journal app's file holds, before anything is saved.
#[tauri::command(async)]
pub fn import_preview(state: State<'_, AppState>, file: String, source: Option<Source>) -> CmdResult<ImportPreview> {
    state.journal.import_preview_file(file.as_ref(), source, *now().offset()).map_err(Into::into)
}

/// Brings another journal app's file in, in one transaction.
#[tauri::command(async)]
pub fn import_file(state: State<'_, AppState>, file: String, source: Option<Source>) -> CmdResult<Imported> {
    let now = now();
    state.watched(|j| j.import_file(file.as_ref(), source, *now.offset(), now)).map_err(Into::into)
}

/// The printable summary for a clinician or therapist, for the window to show and print.
#[tauri::command(async)]
pub fn summary(state: State<'_, AppState>, request: tend_core::summary::SummaryRequest) -> CmdResult<SummaryView> {
    let now = now();
    state.journal.summary(&request, now.date_naive(), now).map(SummaryView::from).map_err(Into::into)
}

/// How far the long work in hand (backup, restore, import, export) has come; `null` when none.
#[tauri::command(async)]
pub fn work_progress(state: State<'_, AppState>) -> Option<tend_core::progress::ProgressView> {
    state.journal.work_progress()
}

/// Asks the long work in hand to stop; it stops only while nothing has changed yet.
#[tauri::command(async)]
pub fn cancel_work(state: State<'_, AppState>) {
    state.journal.cancel_work()
}

/// The system's file or folder dialog for `purpose`; the chosen path, or `null` when closed.
#[tauri::command(async)]
pub fn choose_path<R: Runtime>(
    state: State<'_, AppState>,
    window: WebviewWindow<R>,
    purpose: crate::dialogs::Purpose,
) -> Option<String> {
    let chosen = crate::dialogs::choose(&window, purpose, now().date_naive());
    if purpose == crate::dialogs::Purpose::RecoveryKeyFile {
        *state.recovery_key_file.lock().unwrap_or_else(|p| p.into_inner()) = chosen.as_ref().map(Into::into);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::paint_line;

    #[test]
    fn the_paint_line_gives_both_clocks_when_the_page_gave_its_own() {
        assert_eq!(
            paint_line(412.25, Some(88.5)),
            "tend: first screen painted, 412.2 ms after main, 88.5 ms after the page began"
        );
        assert_eq!(paint_line(412.25, None), "tend: first screen painted, 412.2 ms after main");
        assert_eq!(paint_line(412.25, Some(f64::NAN)), "tend: first screen painted, 412.2 ms after main");
    }
}
