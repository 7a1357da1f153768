//! The one way a length of time is counted in minutes and written, wherever it shows:
//! the window (`ui/format.js` keeps the same rule, and a test holds the two together),
//! the notifications, the tray and the week's Markdown.

/// Whole minutes in `seconds`: the nearest minute, half a minute up, never negative.
pub fn whole_minutes(seconds: i64) -> i64 {
    seconds.max(0).saturating_add(30) / 60
}

/// "0 min", "45 min", "5 h", "1 h 5 min": [`whole_minutes`], in hours from 60 on; no
/// seconds and no zero padding, so a figure reads the same wherever it is shown.
pub fn duration_text(seconds: i64) -> String {
    let minutes = whole_minutes(seconds);
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_round_to_the_nearest_half_up_and_never_below_zero() {
        let cases = [(0, 0), (29, 0), (30, 1), (59, 1), (60, 1), (89, 1), (90, 2), (3599, 60), (-1, 0), (-90, 0)];
        for (seconds, minutes) in cases {
            assert_eq!(whole_minutes(seconds), minutes, "{seconds} s");
        }
        assert_eq!(whole_minutes(i64::MAX), i64::MAX / 60);
    }

    #[test]
    fn durations_read_in_minutes_then_hours() {
        let cases = [
            (0, "0 min"),
            (29, "0 min"),
            (48, "1 min"),
            (2700, "45 min"),
            (3599, "1 h"),
            (3630, "1 h 1 min"),
            (3900, "1 h 5 min"),
            (4890, "1 h 22 min"),
            (18_000, "5 h"),
            (11_400, "3 h 10 min"),
            (-600, "0 min"),
        ];
        for (seconds, text) in cases {
            assert_eq!(duration_text(seconds), text, "{seconds} s");
        }
    }
}
