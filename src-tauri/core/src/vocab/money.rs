//! The one way an amount of money is written, wherever it shows: the window
//! (`ui/format.js` keeps the same rule, and a test holds the two together) and the
//! week's Markdown. Fixed rather than the locale's, so two places cannot disagree.

/// "1,200.00 EUR", "-2.50", "0.05 USD": hundredths as two decimals, thousands grouped
/// with commas, a minus sign when negative, the currency code after when there is one.
pub fn money_text(cents: i64, currency: &str) -> String {
    let abs = cents.unsigned_abs();
    let sign = if cents < 0 { "-" } else { "" };
    let amount = format!("{sign}{}.{:02}", grouped(abs / 100), abs % 100);
    if currency.is_empty() {
        amount
    } else {
        format!("{amount} {currency}")
    }
}

/// A whole number with its thousands grouped by commas, as in money: "4,900".
pub fn grouped(n: u64) -> String {
    let whole = n.to_string();
    let mut out = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_have_two_decimals_grouped_thousands_and_their_currency() {
        let cases = [
            (0, "EUR", "0.00 EUR"),
            (5, "", "0.05"),
            (99_999, "EUR", "999.99 EUR"),
            (100_000, "EUR", "1,000.00 EUR"),
            (120_050, "EUR", "1,200.50 EUR"),
            (123_456_789, "USD", "1,234,567.89 USD"),
            (-250, "", "-2.50"),
            (-123_456_789, "EUR", "-1,234,567.89 EUR"),
            (i64::MIN, "", "-92,233,720,368,547,758.08"),
        ];
        for (cents, currency, text) in cases {
            assert_eq!(money_text(cents, currency), text, "{cents} {currency:?}");
        }
    }
}
