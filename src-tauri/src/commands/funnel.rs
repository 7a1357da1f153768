use tauri::{AppHandle, Runtime, State};

use rapport_core::funnel::{Funnel, FunnelCell, FunnelPerson, FunnelQuery};
use rapport_core::Error;

use crate::DiaryState;

/// The funnel of `query`: every figure the screen draws.
#[tauri::command(async)]
pub fn funnel(state: State<'_, DiaryState>, query: FunnelQuery) -> Result<Funnel, Error> {
    state.diary()?.funnel(&query)
}

/// The people one of the funnel's numbers counts.
#[tauri::command(async)]
pub fn funnel_people(state: State<'_, DiaryState>, query: FunnelQuery, cell: FunnelCell) -> Result<Vec<FunnelPerson>, Error> {
    state.diary()?.funnel_people(&query, &cell)
}

/// Asks where to save the funnel as CSV and writes it there; `None` when cancelled.
#[tauri::command(async)]
pub fn funnel_csv_save<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, query: FunnelQuery) -> Result<Option<String>, Error> {
    // The diary is let go before the dialog, which waits on the user.
    let csv = state.diary()?.funnel_csv(&query)?;
    let name = format!("rapport-funnel-{}.csv", query.period.label().to_lowercase().replace(' ', "-"));
    super::save_with_dialog(&app, "Save the funnel as CSV", &name, ("CSV", "csv"), &csv)
}
