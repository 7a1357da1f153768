use chrono::NaiveDate;
use tauri::{AppHandle, Runtime, State};

use rapport_core::week::{IntentionFollowUp, PersonPick, Reflection, WeekReview};
use rapport_core::Error;

use super::write;
use crate::DiaryState;

/// The review of the week holding `day`.
#[tauri::command(async)]
pub fn week_review(state: State<'_, DiaryState>, day: NaiveDate) -> Result<WeekReview, Error> {
    state.diary()?.week_review(day)
}

#[tauri::command(async)]
pub fn week_journal_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    day: NaiveDate,
    journal: String,
) -> Result<Reflection, Error> {
    write(&app, &state, |d| d.save_week_journal(day, &journal))
}

#[tauri::command(async)]
pub fn week_answer_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    day: NaiveDate,
    prompt: String,
    answer: String,
    ticked: bool,
) -> Result<Reflection, Error> {
    write(&app, &state, |d| d.save_week_answer(day, &prompt, &answer, ticked))
}

#[tauri::command(async)]
pub fn week_intention_add<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    day: NaiveDate,
    text: String,
) -> Result<Reflection, Error> {
    write(&app, &state, |d| d.add_week_intention(day, &text))
}

#[tauri::command(async)]
pub fn week_intention_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    text: String,
) -> Result<Reflection, Error> {
    write(&app, &state, |d| d.update_week_intention(id, &text))
}

#[tauri::command(async)]
pub fn week_intention_delete<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<Reflection, Error> {
    write(&app, &state, |d| d.delete_week_intention(id))
}

#[tauri::command(async)]
pub fn week_intention_follow_up<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    due: Option<NaiveDate>,
    person: Option<PersonPick>,
) -> Result<IntentionFollowUp, Error> {
    write(&app, &state, |d| d.follow_up_from_intention(id, due, person))
}

/// Asks where to save the week as Markdown and writes it there; `None` when cancelled.
#[tauri::command(async)]
pub fn week_markdown_save<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, day: NaiveDate) -> Result<Option<String>, Error> {
    // The diary is let go before the dialog, which waits on the user.
    let (markdown, start) = {
        let diary = state.diary()?;
        (diary.week_markdown(day)?, diary.week_bounds(day)?.0)
    };
    super::save_with_dialog(&app, "Save the week as Markdown", &format!("rapport-week-{start}.md"), ("Markdown", "md"), &markdown)
}

/// Opens the system's print dialog for the window; the Week screen has a print layout.
#[tauri::command]
pub fn week_print<R: Runtime>(webview: tauri::Webview<R>) -> Result<(), Error> {
    webview.print().map_err(|e| Error::Io(std::io::Error::other(format!("printing is not available here ({e})"))))
}
