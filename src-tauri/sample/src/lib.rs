//! A lived-in sample diary, generated deterministically from a seed through the diary's
//! own API: people with handles, five years of touches that move them up the ladder,
//! follow-ups (some due today), timer sessions, and a reflection now and then. `make demo`
//! opens the small one; the benchmark measures the large one.

use chrono::{DateTime, Duration, NaiveTime, Utc};

use rapport_core::agenda::FollowUpInput;
use rapport_core::clock::instants::{local_date, local_instant};
use rapport_core::clock::FixedClock;
use rapport_core::people::{NewHandle, PersonEdit};
use rapport_core::time::SessionInput;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::{Channel, Direction, FollowUpKind, HandlePlatform, Outcome, Rung};
use rapport_core::{Diary, Result};

/// How big a sample diary is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleSize {
    pub people: u32,
    pub touches: u32,
    pub follow_ups: u32,
    /// Days of timer sessions, ending today.
    pub session_days: u32,
    /// Days of touches, ending today.
    pub history_days: u32,
}

impl SampleSize {
    /// A few hundred people: what `make demo` and screenshots show.
    pub const DEMO: SampleSize = SampleSize { people: 300, touches: 6_000, follow_ups: 400, session_days: 120, history_days: 730 };
    pub const SMALL: SampleSize = SampleSize { people: 1_000, touches: 33_000, follow_ups: 700, session_days: 1_095, history_days: 1_826 };
    pub const MEDIUM: SampleSize =
        SampleSize { people: 10_000, touches: 333_000, follow_ups: 6_700, session_days: 1_095, history_days: 1_826 };
    /// The heaviest user expected: LinkedIn's connection cap, a million touches in five years.
    pub const LARGE: SampleSize =
        SampleSize { people: 30_000, touches: 1_000_000, follow_ups: 20_000, session_days: 1_095, history_days: 1_826 };

    pub fn named(name: &str) -> Option<SampleSize> {
        match name {
            "demo" => Some(SampleSize::DEMO),
            "small" => Some(SampleSize::SMALL),
            "medium" => Some(SampleSize::MEDIUM),
            "large" => Some(SampleSize::LARGE),
            _ => None,
        }
    }
}

/// splitmix64: a few lines of well-known, seedable randomness, enough for sample data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloé", "David", "Elif", "Farah", "Gustav", "Hana", "Ivan", "Julia", "Kwame", "Lena", "Mateo", "Nadia", "Omar", "Priya",
    "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Viktor", "Wei", "Ximena", "Yusuf", "Zoë", "Aiko", "Bruno", "Carmen", "Dmitri", "Esther",
    "Felix", "Grace", "Hugo", "Ines", "Jonas", "Keiko", "Liam", "Maya", "Noah",
];
const LAST: &[&str] = &[
    "Lima",
    "Berg",
    "Okafor",
    "Nguyen",
    "Schmidt",
    "García",
    "Rossi",
    "Kowalski",
    "Haddad",
    "Johansson",
    "Tanaka",
    "Murphy",
    "Dubois",
    "Silva",
    "Novak",
    "Khan",
    "Müller",
    "O'Brien",
    "Petrov",
    "Yılmaz",
    "Andersen",
    "Costa",
    "Fischer",
    "Park",
    "Mendes",
    "Weber",
    "Ito",
    "Larsen",
    "Moreau",
    "Santos",
];
const COMPANIES: &[&str] = &[
    "Acme Analytics",
    "Northwind",
    "Blue Harbor",
    "Kite & Key",
    "Lumen Labs",
    "Orbital Foods",
    "Paper Crane",
    "Quarry Studio",
    "Redwood Legal",
    "Saltwater Media",
    "Tinker Works",
    "Umbra Health",
    "Vela Logistics",
    "Willow Finance",
    "Zephyr Energy",
];
const TITLES: &[&str] =
    &["Founder", "CEO", "Head of Sales", "Marketing Lead", "CTO", "Consultant", "Partner", "Product Manager", "Buyer", "Editor"];
const ONLINE: [Channel; 8] = [
    Channel::DirectMessage,
    Channel::DirectMessage,
    Channel::DirectMessage,
    Channel::DirectMessage,
    Channel::PublicPost,
    Channel::PublicPost,
    Channel::Email,
    Channel::Email,
];
const ANY: [Channel; 12] = [
    Channel::DirectMessage,
    Channel::DirectMessage,
    Channel::DirectMessage,
    Channel::DirectMessage,
    Channel::PublicPost,
    Channel::PublicPost,
    Channel::Email,
    Channel::Email,
    Channel::Phone,
    Channel::Video,
    Channel::InPerson,
    Channel::Event,
];
const NOTES: &[&str] = &[
    "Liked the post about pricing.",
    "Asked how we onboard new clients.",
    "Quick thanks for the intro.",
    "Talked about their hiring plans for spring.",
    "Sent the case study.",
    "Coffee near their office; they want a proposal.",
    "",
    "",
];

/// Fills `diary` with a sample of `size`, the same for the same `seed` and `now`.
/// Touches, sessions and follow-ups are placed relative to `now`, which is also the
/// diary's clock while generating.
pub fn fill(diary: &mut Diary, size: SampleSize, seed: u64, now: DateTime<Utc>) -> Result<()> {
    diary.in_one_transaction(|diary| fill_in(diary, size, seed, now))
}

fn fill_in(diary: &mut Diary, size: SampleSize, seed: u64, now: DateTime<Utc>) -> Result<()> {
    let mut rng = Rng(seed);
    let tz = diary.tz();
    let day = Duration::days(1);
    let start = now - day * size.history_days as i32;
    let clock = |at: DateTime<Utc>| std::sync::Arc::new(FixedClock { now: at, tz });

    // People, added over the first years of the history.
    let mut people = Vec::with_capacity(size.people as usize);
    for i in 0..size.people {
        diary.set_clock(clock(start + Duration::seconds(rng.below(3600 * 24 * u64::from(size.history_days / 2)) as i64)));
        let first = *rng.pick(FIRST);
        let last = *rng.pick(LAST);
        let handle = format!("{}{}{}", first.to_lowercase(), last.to_lowercase().replace(['\'', ' '], ""), i);
        let mut handles = vec![NewHandle {
            platform: HandlePlatform::Linkedin,
            value: handle.clone(),
            url: format!("https://www.linkedin.com/in/{handle}"),
            professional: true,
        }];
        if rng.chance(40) {
            handles.push(NewHandle {
                platform: HandlePlatform::Email,
                value: format!("{handle}@example.com"),
                url: String::new(),
                professional: true,
            });
        }
        if rng.chance(30) {
            handles.push(NewHandle { platform: HandlePlatform::X, value: format!("@{handle}"), url: String::new(), professional: true });
        }
        let person = diary.add_person(&PersonEdit {
            display_name: format!("{first} {last}"),
            company: rng.pick(COMPANIES).to_string(),
            title: rng.pick(TITLES).to_string(),
            cadence_days: if rng.chance(10) { Some(*rng.pick(&[14, 30, 60, 90])) } else { None },
            handles,
            tags: if rng.chance(25) {
                vec![rng.pick(&["client", "prospect", "partner", "press", "friend"]).to_string()]
            } else {
                Vec::new()
            },
            ..Default::default()
        })?;
        if rng.chance(45) {
            diary.set_rung(person.id, Rung::Connected, "Connected on LinkedIn")?;
        }
        people.push(person.id);
    }
    diary.set_clock(clock(now));

    // Touches: a few people get most of them, and the diary grows as its user takes to it:
    // touches per day rise steadily, to twice the average by now.
    let span = f64::from(size.history_days) * 86_400.0;
    for _ in 0..size.touches {
        let who = people[(rng.below(people.len() as u64).pow(2) / people.len().max(1) as u64) as usize];
        let age = (span * (1.0 - (rng.below(1 << 32) as f64 / (1u64 << 32) as f64).sqrt())) as u64;
        let when = now - Duration::seconds(age as i64 + 60);
        // Two in three people are only ever written to: most of a network stays online;
        // of the rest, half are called but never met.
        let channels = match who % 6 {
            0 => &ANY[..],
            3 => &ANY[..10],
            _ => &ONLINE[..],
        };
        let channel = *rng.pick(channels);
        let mut touch = TouchInput::new(who, channel);
        touch.when = Some(when);
        touch.platform = match channel {
            Channel::DirectMessage | Channel::PublicPost => {
                Some(*rng.pick(&[HandlePlatform::Linkedin, HandlePlatform::Linkedin, HandlePlatform::X, HandlePlatform::Facebook]))
            }
            Channel::Email => Some(HandlePlatform::Email),
            _ => None,
        };
        touch.direction = if rng.chance(40) { Direction::In } else { Direction::Out };
        touch.personal = channel != Channel::PublicPost || rng.chance(30);
        touch.notes = rng.pick(NOTES).to_string();
        touch.outcome = match rng.below(100) {
            0..=11 => Outcome::Replied,
            12..=14 => Outcome::CallBooked,
            15..=16 => Outcome::MeetingBooked,
            17 => Outcome::Referral,
            18 if channel.is_voice() || channel.is_face_to_face() => Outcome::BusinessWon,
            _ => Outcome::None,
        };
        if touch.outcome == Outcome::BusinessWon {
            touch.outcome_value_cents = Some(rng.below(50) as i64 * 50_000 + 100_000);
            touch.outcome_currency = Some("EUR".into());
        }
        if channel.is_voice() {
            touch.duration_minutes = Some(rng.below(50) as i64 + 10);
        }
        diary.log_touch(&touch)?;
    }

    // Follow-ups: most in the past and done, some open, a handful due today.
    for i in 0..size.follow_ups {
        let who = *rng.pick(&people);
        let kind = *rng.pick(&[FollowUpKind::Call, FollowUpKind::Write, FollowUpKind::Write, FollowUpKind::Meet, FollowUpKind::Thank]);
        let name = diary.person(who)?.display_name;
        let days_ahead =
            if i < 6 { 0 } else { rng.below(u64::from(size.history_days.min(365)) + 30) as i64 - i64::from(size.history_days.min(365)) };
        let created = now + day * (days_ahead as i32 - 7).min(0);
        diary.set_clock(clock(created));
        let follow_up = diary.add_follow_up(&FollowUpInput {
            person_id: Some(who),
            touch_id: None,
            kind,
            title: format!("{} {name}", kind.verb()),
            notes: String::new(),
            due_date: (local_date(tz, now) + Duration::days(days_ahead)).into(),
            due_time: if i >= 6 && rng.chance(30) { NaiveTime::from_hms_opt(9 + rng.below(9) as u32, 0, 0) } else { None },
        })?;
        if days_ahead < 0 && rng.chance(85) {
            diary.set_clock(clock((follow_up.due + Duration::hours(rng.below(72) as i64)).min(now)));
            diary.complete_follow_up(follow_up.id, None)?;
        }
    }
    diary.set_clock(clock(now));
    // A lived-in diary has already said what came due before today.
    diary.claim_due_reminders()?;

    // Timer sessions: most days, one to three, mostly on LinkedIn.
    for back in (1..=size.session_days).rev() {
        let date = local_date(tz, now) - Duration::days(i64::from(back));
        let mut at = local_instant(tz, date, NaiveTime::from_hms_opt(8, 0, 0).unwrap());
        for _ in 0..rng.below(4) {
            at += Duration::minutes(rng.below(180) as i64 + 30);
            let minutes = rng.below(40) as i64 + 5;
            let platform = *rng.pick(&["linkedin", "linkedin", "linkedin", "x", "facebook"]);
            diary.add_session(&SessionInput {
                platform: platform.into(),
                started_at: at,
                ended_at: at + Duration::minutes(minutes),
                note: String::new(),
            })?;
            at += Duration::minutes(minutes);
        }
    }

    // A reflection on most past weeks.
    for back in 1..=(size.session_days / 7).min(52) {
        if rng.chance(70) {
            let date = local_date(tz, now) - Duration::weeks(i64::from(back));
            let journal = *rng.pick(&[
                "Good week: two calls came from LinkedIn messages.",
                "Too much scrolling, not enough calls.",
                "Met a client face to face; worth more than a month of posts.",
            ]);
            diary.save_week_journal(date, journal)?;
            let prompts = diary.settings()?.review_prompts;
            let prompt = rng.pick(prompts.as_slice()).clone();
            diary.save_week_answer(date, &prompt, "", true)?;
        }
    }
    Ok(())
}
