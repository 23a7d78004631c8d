//! FHIR `date`, `dateTime` and `instant` values, partial or full, as comparable points in time.
//!
//! FHIR allows `YYYY`, `YYYY-MM`, `YYYY-MM-DD` and `YYYY-MM-DDThh:mm:ss(.sss)(Z|±hh:mm)`. A
//! partial value is placed at its start (1 January, the 1st of the month, midnight UTC) for
//! ordering, and its precision is kept so that reports can say "year only".

use core::fmt;

/// How much of a date was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// `YYYY`.
    Year,
    /// `YYYY-MM`.
    Month,
    /// `YYYY-MM-DD`.
    Day,
    /// A date and a time.
    Time,
}

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month 1-12.
    pub month: u8,
    /// Day 1-31.
    pub day: u8,
}

impl Date {
    /// A checked date; `None` when the month or day does not exist.
    #[must_use]
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The UTC date of a Unix time in seconds.
    #[must_use]
    pub fn from_unix_seconds(secs: i64) -> Self {
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        Date { year, month, day }
    }

    /// Days since 1970-01-01.
    #[must_use]
    pub fn days_since_epoch(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// Parses `YYYY-MM-DD`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match FhirDateTime::parse(s)? {
            t if t.precision == Precision::Day => Some(t.date),
            _ => None,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A parsed FHIR date or dateTime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FhirDateTime {
    /// The (start) date, in UTC when a time and offset were given.
    pub date: Date,
    /// How much was given.
    pub precision: Precision,
    /// Seconds since the Unix epoch of the start of the value (for ordering).
    pub epoch_seconds: i64,
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's algorithms (public domain), days relative to 1970-01-01.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (
        i32::try_from(y).unwrap_or(if y < 0 { i32::MIN } else { i32::MAX }),
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    )
}

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() != n || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl FhirDateTime {
    /// Parses a FHIR date, dateTime or instant; `None` when it is not one.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let (date_part, time_part) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let mut it = date_part.split('-');
        let year = i32::try_from(digits(it.next()?, 4)?).ok()?;
        let month = match it.next() {
            Some(m) => Some(u8::try_from(digits(m, 2)?).ok()?),
            None => None,
        };
        let day = match it.next() {
            Some(d) => Some(u8::try_from(digits(d, 2)?).ok()?),
            None => None,
        };
        if it.next().is_some() {
            return None;
        }
        let (precision, date) = match (month, day) {
            (None, None) => (Precision::Year, Date::new(year, 1, 1)?),
            (Some(m), None) => (Precision::Month, Date::new(year, m, 1)?),
            (Some(m), Some(d)) => (Precision::Day, Date::new(year, m, d)?),
            (None, Some(_)) => return None,
        };
        let mut epoch = date.days_since_epoch() * 86_400;
        let mut precision = precision;
        if let Some(t) = time_part {
            if precision != Precision::Day {
                return None;
            }
            let (clock, offset_secs) = if let Some(c) = t.strip_suffix('Z') {
                (c, 0)
            } else if let Some(pos) = t.rfind(['+', '-']) {
                let (c, off) = t.split_at(pos);
                let sign: i64 = if off.starts_with('-') { -1 } else { 1 };
                let (oh, om) = off.get(1..)?.split_once(':')?;
                let oh = i64::from(digits(oh, 2)?);
                let om = i64::from(digits(om, 2)?);
                if oh > 14 || om > 59 {
                    return None;
                }
                (c, sign * (oh * 3600 + om * 60))
            } else {
                return None; // FHIR requires a zone when a time is given
            };
            let clock = clock.split('.').next()?;
            let mut parts = clock.split(':');
            let h = i64::from(digits(parts.next()?, 2)?);
            let mi = i64::from(digits(parts.next()?, 2)?);
            let se = i64::from(digits(parts.next()?, 2)?);
            if parts.next().is_some() || h > 23 || mi > 59 || se > 60 {
                return None;
            }
            epoch += h * 3600 + mi * 60 + se - offset_secs;
            precision = Precision::Time;
            let d = Date::from_unix_seconds(epoch);
            return Some(FhirDateTime { date: d, precision, epoch_seconds: epoch });
        }
        Some(FhirDateTime { date, precision, epoch_seconds: epoch })
    }
}

/// Whole years between `birth` and `on` (the usual age rule: a birthday not yet reached this
/// year does not count).
#[must_use]
pub fn whole_years(birth: Date, on: Date) -> i64 {
    let mut years = i64::from(on.year) - i64::from(birth.year);
    if (on.month, on.day) < (birth.month, birth.day) {
        years -= 1;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_precision() {
        assert_eq!(FhirDateTime::parse("1950").map(|d| d.precision), Some(Precision::Year));
        assert_eq!(FhirDateTime::parse("1950-07").map(|d| d.precision), Some(Precision::Month));
        assert_eq!(FhirDateTime::parse("1950-07-03").map(|d| d.date), Date::new(1950, 7, 3));
        let t = FhirDateTime::parse("2026-01-02T01:30:00+02:00").map(|d| d.date);
        assert_eq!(t, Date::new(2026, 1, 1));
        assert!(FhirDateTime::parse("2026-02-30").is_none());
        assert!(FhirDateTime::parse("26-01-01").is_none());
        assert!(FhirDateTime::parse("2026-01-01T10:00:00").is_none());
        assert!(FhirDateTime::parse("").is_none());
    }

    #[test]
    fn epoch_round_trip() {
        for days in [-800_000_i64, -1, 0, 1, 19_000, 2_000_000] {
            let d = Date::from_unix_seconds(days * 86_400);
            assert_eq!(d.days_since_epoch(), days);
        }
        assert_eq!(Date::from_unix_seconds(0), Date { year: 1970, month: 1, day: 1 });
    }

    #[test]
    fn age_counts_birthdays() {
        let b = Date { year: 1950, month: 6, day: 15 };
        assert_eq!(whole_years(b, Date { year: 2026, month: 6, day: 14 }), 75);
        assert_eq!(whole_years(b, Date { year: 2026, month: 6, day: 15 }), 76);
    }
}
