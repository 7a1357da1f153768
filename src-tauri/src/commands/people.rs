use tauri::{AppHandle, Runtime, State};

use rapport_core::people::{
    DateInput, DuplicateReview, ImportantDate, PeopleAction, PeopleChanged, PeopleList, PeopleQuery, PeopleView, Person, PersonEdit,
    PersonPage,
};
use rapport_core::Error;

use super::write;
use crate::DiaryState;

#[tauri::command(async)]
pub fn people_list(state: State<'_, DiaryState>, query: PeopleQuery) -> Result<PeopleList, Error> {
    state.diary()?.people(&query)
}

#[tauri::command(async)]
pub fn person_get(state: State<'_, DiaryState>, id: i64) -> Result<Person, Error> {
    state.diary()?.person(id)
}

#[tauri::command(async)]
pub fn person_page(state: State<'_, DiaryState>, id: i64) -> Result<PersonPage, Error> {
    state.diary()?.person_page(id)
}

#[tauri::command(async)]
pub fn tags_list(state: State<'_, DiaryState>) -> Result<Vec<String>, Error> {
    state.diary()?.tags()
}

#[tauri::command(async)]
pub fn person_add<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, person: PersonEdit) -> Result<Person, Error> {
    write(&app, &state, |d| d.add_person(&person))
}

#[tauri::command(async)]
pub fn person_update<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64, person: PersonEdit) -> Result<Person, Error> {
    write(&app, &state, |d| d.update_person(id, &person))
}

#[tauri::command(async)]
pub fn person_archive<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<Person, Error> {
    write(&app, &state, |d| d.archive_person(id))
}

#[tauri::command(async)]
pub fn person_restore<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<Person, Error> {
    write(&app, &state, |d| d.restore_person(id))
}

#[tauri::command(async)]
pub fn people_merge<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, keep: i64, absorb: i64) -> Result<Person, Error> {
    write(&app, &state, |d| d.merge_people(keep, absorb))
}

/// The likely duplicates, each pair with what both people have.
#[tauri::command(async)]
pub fn duplicates_review(state: State<'_, DiaryState>) -> Result<DuplicateReview, Error> {
    state.diary()?.duplicate_review()
}

/// "Not the same person": the pair is not offered again.
#[tauri::command(async)]
pub fn duplicate_dismiss<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, a: i64, b: i64) -> Result<(), Error> {
    write(&app, &state, |d| d.dismiss_duplicate(a, b))
}

/// One action on every selected person, all or none.
#[tauri::command(async)]
pub fn people_act<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    ids: Vec<i64>,
    action: PeopleAction,
) -> Result<PeopleChanged, Error> {
    write(&app, &state, |d| d.act_on_people(&ids, &action))
}

/// A new important date on a person's page.
#[tauri::command(async)]
pub fn date_add<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    person_id: i64,
    date: DateInput,
) -> Result<ImportantDate, Error> {
    write(&app, &state, |d| d.add_date(person_id, &date))
}

#[tauri::command(async)]
pub fn date_update<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64, date: DateInput) -> Result<ImportantDate, Error> {
    write(&app, &state, |d| d.edit_date(id, &date))
}

#[tauri::command(async)]
pub fn date_delete<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<(), Error> {
    write(&app, &state, |d| d.delete_date(id))
}

/// Opens a handle's link (profile, mailto:, tel:) with the OS's default application.
#[tauri::command(async)]
pub fn handle_open(state: State<'_, DiaryState>, id: i64) -> Result<(), Error> {
    let link = state.diary()?.handle_link(id)?;
    tauri_plugin_opener::open_url(link, None::<&str>).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

/// The saved views of the People list, for the sidebar.
#[tauri::command(async)]
pub fn people_views(state: State<'_, DiaryState>) -> Result<Vec<PeopleView>, Error> {
    state.diary()?.people_views()
}

#[tauri::command(async)]
pub fn people_view_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    name: String,
    query: PeopleQuery,
) -> Result<Vec<PeopleView>, Error> {
    write(&app, &state, |d| d.save_people_view(&name, &query))
}

#[tauri::command(async)]
pub fn people_view_rename<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    name: String,
) -> Result<Vec<PeopleView>, Error> {
    write(&app, &state, |d| d.rename_people_view(id, &name))
}

#[tauri::command(async)]
pub fn people_view_delete<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<Vec<PeopleView>, Error> {
    write(&app, &state, |d| d.delete_people_view(id))
}
