//! The active window and idleness from a Wayland compositor that offers them: the
//! activated toplevel's title and app id from wlr-foreign-toplevel-management, idle from
//! ext-idle-notify, or KDE's older idle protocol where that is all there is (sway 1.7).
//!
//! Change-driven: a toplevel's properties count once its `done` event commits them.
//! A locked screen takes no input, so it ends a session through idle, cut back to the
//! last input; nothing here reads the lock itself.

use std::collections::HashMap;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rustix::event::{poll, PollFd, PollFlags, Timespec};
use wayland_client::backend::ObjectId;
use wayland_client::globals::{registry_queue_init, GlobalList, GlobalListContents};
use wayland_client::protocol::{wl_registry, wl_seat};
use wayland_client::{event_created_child, Connection, Dispatch, EventQueue, Proxy, QueueHandle};
use wayland_protocols::ext::idle_notify::v1::client::{ext_idle_notification_v1, ext_idle_notifier_v1};
use wayland_protocols_plasma::idle::client::{org_kde_kwin_idle, org_kde_kwin_idle_timeout};
use wayland_protocols_wlr::foreign_toplevel::v1::client::{
    zwlr_foreign_toplevel_handle_v1 as handle, zwlr_foreign_toplevel_manager_v1 as manager,
};

use super::{Backend, Gone, Seen, Unavailable, FOREIGN_TOPLEVEL, IDLE_NOTIFY};

/// A connection to the compositor that reports the active window and idleness.
pub struct Wayland {
    /// Kept so its toplevels keep being reported.
    _toplevels: manager::ZwlrForeignToplevelManagerV1,
    queue: EventQueue<State>,
    state: State,
    seat: wl_seat::WlSeat,
    idle: Idle,
    idle_after: Duration,
}

/// Whichever idle protocol the compositor offers, and the notification asked of it.
enum Idle {
    Notifier(ext_idle_notifier_v1::ExtIdleNotifierV1, ext_idle_notification_v1::ExtIdleNotificationV1),
    Kde(org_kde_kwin_idle::OrgKdeKwinIdle, org_kde_kwin_idle_timeout::OrgKdeKwinIdleTimeout),
}

/// A toplevel's title and app id, and whether it is the active one.
#[derive(Debug, Clone, Default)]
struct Toplevel {
    title: String,
    app_id: String,
    activated: bool,
}

#[derive(Debug, Default)]
struct State {
    /// Each toplevel's properties as last committed by `done`, and as sent since.
    toplevels: HashMap<ObjectId, (Toplevel, Toplevel)>,
    active: Option<ObjectId>,
    /// When the compositor said the user went idle.
    idled_at: Option<DateTime<Utc>>,
    /// What the backend reports changed since the last wait.
    changed: bool,
}

impl Wayland {
    /// Connects to `WAYLAND_DISPLAY`'s compositor and binds what the watcher needs;
    /// `idle_after` without input counts as idle.
    pub fn connect(idle_after: Duration) -> Result<Self, Unavailable> {
        Wayland::on(Connection::connect_to_env().map_err(|_| Unavailable::NoDisplay)?, idle_after)
    }

    /// The same on a socket already connected to a compositor.
    pub fn connect_to(socket: UnixStream, idle_after: Duration) -> Result<Self, Unavailable> {
        Wayland::on(Connection::from_socket(socket).map_err(|_| Unavailable::NoDisplay)?, idle_after)
    }

    fn on(conn: Connection, idle_after: Duration) -> Result<Self, Unavailable> {
        let (globals, mut queue) = registry_queue_init::<State>(&conn).map_err(|_| Unavailable::NoDisplay)?;
        let qh = queue.handle();
        let toplevels = globals
            .bind::<manager::ZwlrForeignToplevelManagerV1, _, _>(&qh, 1..=3, ())
            .map_err(|_| Unavailable::Lacks(FOREIGN_TOPLEVEL))?;
        let seat = globals.bind::<wl_seat::WlSeat, _, _>(&qh, 1..=1, ()).map_err(|_| Unavailable::Lacks("wl_seat"))?;
        let idle = Idle::new(&globals, &qh, &seat, idle_after).ok_or(Unavailable::Lacks(IDLE_NOTIFY))?;
        let mut state = State::default();
        // The toplevels that exist already, each with its first `done`.
        queue.roundtrip(&mut state).map_err(|_| Unavailable::NoDisplay)?;
        state.changed = false;
        Ok(Wayland { _toplevels: toplevels, queue, state, seat, idle, idle_after })
    }
}

impl Idle {
    fn new(globals: &GlobalList, qh: &QueueHandle<State>, seat: &wl_seat::WlSeat, after: Duration) -> Option<Idle> {
        let ms = u32::try_from(after.as_millis()).unwrap_or(u32::MAX);
        if let Ok(notifier) = globals.bind::<ext_idle_notifier_v1::ExtIdleNotifierV1, _, _>(qh, 1..=1, ()) {
            let notification = notifier.get_idle_notification(ms, seat, qh, ());
            return Some(Idle::Notifier(notifier, notification));
        }
        let kde = globals.bind::<org_kde_kwin_idle::OrgKdeKwinIdle, _, _>(qh, 1..=1, ()).ok()?;
        let timeout = kde.get_idle_timeout(seat, ms, qh, ());
        Some(Idle::Kde(kde, timeout))
    }

    /// Asks again with another timeout; the old notification is dropped.
    fn renew(&mut self, qh: &QueueHandle<State>, seat: &wl_seat::WlSeat, after: Duration) {
        let ms = u32::try_from(after.as_millis()).unwrap_or(u32::MAX);
        match self {
            Idle::Notifier(notifier, notification) => {
                notification.destroy();
                *notification = notifier.get_idle_notification(ms, seat, qh, ());
            }
            Idle::Kde(kde, timeout) => {
                timeout.release();
                *timeout = kde.get_idle_timeout(seat, ms, qh, ());
            }
        }
    }
}

impl Backend for Wayland {
    fn seen(&mut self) -> Seen {
        let active = self.state.active.as_ref().and_then(|id| self.state.toplevels.get(id)).map(|(current, _)| current);
        let (title, class) = active.map(|t| (t.title.clone(), t.app_id.clone())).unwrap_or_default();
        // Idle since the timeout began: the last input.
        let idle_since = self.state.idled_at.map(|at| at - chrono::Duration::from_std(self.idle_after).unwrap_or_default());
        Seen { title, class, idle_since, locked: false }
    }

    fn wait(&mut self, timeout: Duration) -> Result<(), Gone> {
        let deadline = Instant::now() + timeout;
        loop {
            self.queue.dispatch_pending(&mut self.state).map_err(|_| Gone)?;
            if std::mem::take(&mut self.state.changed) {
                return Ok(());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(());
            }
            self.queue.flush().map_err(|_| Gone)?;
            let Some(guard) = self.queue.prepare_read() else { continue };
            let ready = {
                let fd = guard.connection_fd();
                let mut fds = [PollFd::new(&fd, PollFlags::IN | PollFlags::ERR)];
                match poll(&mut fds, Timespec::try_from(left).ok().as_ref()) {
                    Ok(n) => n > 0,
                    Err(rustix::io::Errno::INTR) => false,
                    Err(_) => return Err(Gone),
                }
            };
            if ready {
                match guard.read() {
                    Ok(_) => {}
                    Err(wayland_client::backend::WaylandError::Io(e)) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(_) => return Err(Gone),
                }
            }
        }
    }

    fn set_idle_after(&mut self, after: Duration) {
        if after != self.idle_after {
            self.idle_after = after;
            self.state.idled_at = None;
            self.idle.renew(&self.queue.handle(), &self.seat, after);
            let _ = self.queue.flush();
        }
    }
}

impl State {
    fn went_idle(&mut self, idle: bool) {
        self.idled_at = idle.then(Utc::now);
        self.changed = true;
    }
}

impl Dispatch<manager::ZwlrForeignToplevelManagerV1, ()> for State {
    fn event(
        state: &mut Self,
        _: &manager::ZwlrForeignToplevelManagerV1,
        event: manager::Event,
        _: &(),
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
        match event {
            manager::Event::Toplevel { toplevel } => {
                state.toplevels.insert(toplevel.id(), Default::default());
            }
            // The compositor stops reporting: nothing is active any more.
            manager::Event::Finished => {
                state.toplevels.clear();
                state.active = None;
                state.changed = true;
            }
            _ => {}
        }
    }

    event_created_child!(State, manager::ZwlrForeignToplevelManagerV1, [
        manager::EVT_TOPLEVEL_OPCODE => (handle::ZwlrForeignToplevelHandleV1, ()),
    ]);
}

impl Dispatch<handle::ZwlrForeignToplevelHandleV1, ()> for State {
    fn event(
        state: &mut Self,
        toplevel: &handle::ZwlrForeignToplevelHandleV1,
        event: handle::Event,
        _: &(),
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
        let id = toplevel.id();
        let Some((current, pending)) = state.toplevels.get_mut(&id) else { return };
        match event {
            handle::Event::Title { title } => pending.title = title,
            handle::Event::AppId { app_id } => pending.app_id = app_id,
            handle::Event::State { state: states } => {
                // An array of native-endian u32 values.
                let activated = handle::State::Activated as u32;
                pending.activated = states.chunks_exact(4).any(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]) == activated);
            }
            handle::Event::Done => {
                let was_active = state.active.as_ref() == Some(&id);
                let seen_before = was_active.then(|| (current.title.clone(), current.app_id.clone()));
                *current = pending.clone();
                if current.activated {
                    state.changed |= seen_before != Some((current.title.clone(), current.app_id.clone()));
                    state.active = Some(id);
                } else if was_active {
                    state.active = None;
                    state.changed = true;
                }
            }
            handle::Event::Closed => {
                state.toplevels.remove(&id);
                if state.active.as_ref() == Some(&id) {
                    state.active = None;
                    state.changed = true;
                }
                toplevel.destroy();
            }
            _ => {}
        }
    }
}

impl Dispatch<ext_idle_notification_v1::ExtIdleNotificationV1, ()> for State {
    fn event(
        state: &mut Self,
        _: &ext_idle_notification_v1::ExtIdleNotificationV1,
        event: ext_idle_notification_v1::Event,
        _: &(),
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
        match event {
            ext_idle_notification_v1::Event::Idled => state.went_idle(true),
            ext_idle_notification_v1::Event::Resumed => state.went_idle(false),
            _ => {}
        }
    }
}

impl Dispatch<org_kde_kwin_idle_timeout::OrgKdeKwinIdleTimeout, ()> for State {
    fn event(
        state: &mut Self,
        _: &org_kde_kwin_idle_timeout::OrgKdeKwinIdleTimeout,
        event: org_kde_kwin_idle_timeout::Event,
        _: &(),
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
        match event {
            org_kde_kwin_idle_timeout::Event::Idle => state.went_idle(true),
            org_kde_kwin_idle_timeout::Event::Resumed => state.went_idle(false),
            _ => {}
        }
    }
}

/// Objects whose events the watcher does not need.
macro_rules! ignore_events {
    ($($proxy:ty),*) => {$(
        impl Dispatch<$proxy, ()> for State {
            fn event(_: &mut Self, _: &$proxy, _: <$proxy as Proxy>::Event, _: &(), _: &Connection, _: &QueueHandle<Self>) {}
        }
    )*};
}
ignore_events!(wl_seat::WlSeat, ext_idle_notifier_v1::ExtIdleNotifierV1, org_kde_kwin_idle::OrgKdeKwinIdle);

impl Dispatch<wl_registry::WlRegistry, GlobalListContents> for State {
    fn event(
        _: &mut Self,
        _: &wl_registry::WlRegistry,
        _: wl_registry::Event,
        _: &GlobalListContents,
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
    }
}
