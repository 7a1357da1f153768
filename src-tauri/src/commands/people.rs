use tauri::{AppHandle, Runtime, State};

use rapport_core::{Error, PeopleList, Person, PersonEdit};

use super::changed;
use crate::DiaryState;

#[tauri::command(async)]
pub fn people_list(state: State<'_, DiaryState>, search: String) -> Result<PeopleList, Error> {
    state.diary()?.people(&search)
}

#[tauri::command(async)]
pub fn person_get(state: State<'_, DiaryState>, id: i64) -> Result<Person, Error> {
    state.diary()?.person(id)
}

#[tauri::command(async)]
pub fn person_add<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    person: PersonEdit,
) -> Result<Person, Error> {
    let added = state.diary()?.add_person(&person)?;
    changed(&app);
    Ok(added)
}

#[tauri::command(async)]
pub fn person_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    person: PersonEdit,
) -> Result<Person, Error> {
    let updated = state.diary()?.update_person(id, &person)?;
    changed(&app);
    Ok(updated)
}
