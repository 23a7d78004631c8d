//! The rule engine: a rule is a row (when, then, because), a table is a slice of rows, and one
//! short loop per kind of table applies it in order and notes each row that fires.
//!
//! - [`likelihood`]: every row whose `when` holds moves a likelihood ([`Move`]);
//! - [`all_that_apply`]: every row whose `when` holds takes effect (recommendations, alerts);
//! - [`first_match`]: the first row whose `when` holds decides (the pathway).

use super::{Ctx, Reason, Target, Trace};
use crate::vocab::Likelihood;

/// One rule: when the predicate holds, the effect applies, for the reason given (whose text and
/// citations explain it).
pub(crate) struct Rule<E: 'static> {
    /// A named predicate over the facts and the decision so far.
    pub when: fn(&Ctx<'_>) -> bool,
    /// The effect.
    pub then: E,
    /// Why (text, citations, stable id).
    pub because: &'static Reason,
    /// The findings the predicate counts as evidence (for a likelihood row: present ones support
    /// the condition when the row raises it; known ones oppose it when the row lowers it). A test
    /// proves each row declares what it reads.
    pub reads: u128,
}

impl<E> Rule<E> {
    /// The row with the findings it reads as evidence.
    pub const fn reading(mut self, reads: u128) -> Self {
        self.reads = reads;
        self
    }
}

/// Whether a fired row argues for or against its condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Supports,
    Opposes,
}

/// How a likelihood row moves the likelihood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    /// Up to at least this level (never down).
    Raise(Likelihood),
    /// One step down; fires only when the likelihood is above low.
    Lower,
    /// Down to at most this level.
    Cap(Likelihood),
    /// To exactly this level.
    Set(Likelihood),
    /// To exactly this level, and the table stops here.
    Settle(Likelihood),
    /// No change: the row only notes its reason.
    Keep,
}

impl Move {
    /// Raising rows support the condition; lowering rows (and settling it low) oppose it.
    pub(crate) const fn direction(self) -> Option<Direction> {
        match self {
            Move::Raise(_) => Some(Direction::Supports),
            Move::Set(l) | Move::Settle(l) => match l {
                Likelihood::Low => Some(Direction::Opposes),
                _ => Some(Direction::Supports),
            },
            Move::Lower | Move::Cap(_) => Some(Direction::Opposes),
            Move::Keep => None,
        }
    }
}

/// The supporting and opposing findings of a likelihood table: those the fired rows read
/// (present ones for supporting rows, present or absent ones for opposing rows).
pub(crate) fn evidence(table: &[Rule<Move>], fired: u64, present: u128, absent: u128) -> (u128, u128) {
    let (mut supports, mut opposes) = (0u128, 0u128);
    // Only the rows that fired (usually a few): one step per set bit.
    let mut bits = fired;
    while bits != 0 {
        let i = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        if let Some(row) = table.get(i) {
            match row.then.direction() {
                Some(Direction::Supports) => supports |= row.reads & present,
                Some(Direction::Opposes) => opposes |= row.reads & (present | absent),
                None => {}
            }
        }
    }
    (supports, opposes)
}

/// Raises `l` to at least `to`.
pub(crate) fn raise(l: Likelihood, to: Likelihood) -> Likelihood {
    l.max(to)
}

/// One step down (low stays low).
pub(crate) fn lower(l: Likelihood) -> Likelihood {
    match l {
        Likelihood::High => Likelihood::Moderate,
        _ => Likelihood::Low,
    }
}

/// Tables hold at most this many rows (each table checks it at compile time).
pub(crate) const MAX_ROWS: usize = 64;

/// Runs `$body` with `$row` bound to each row of `$table`, in order. The loop is unrolled so that,
/// once the engine function is inlined with a `const` table, every row's predicate is a direct
/// call the compiler can inline: applying a table costs what the same `if`s written out would.
macro_rules! for_each_row {
    ($table:expr, |$i:ident, $row:ident| $body:block) => {
        for_each_row!(@rows $table, $i, $row, $body;
            0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
            32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63)
    };
    (@rows $table:expr, $index:ident, $row:ident, $body:block; $($i:literal)*) => {
        $( if let Some($row) = $table.get($i) { let $index: u32 = $i; $body } )*
    };
}

/// Fails to compile when a table has more rows than the engine unrolls.
macro_rules! check_table_len {
    ($($table:ident),+ $(,)?) => {
        $( const _: () = assert!($table.len() <= super::engine::MAX_ROWS, "table too long: raise MAX_ROWS"); )+
    };
}
pub(crate) use check_table_len;

/// Applies a likelihood table from `Low`, in order; notes each row that fires under `target`.
/// Returns the likelihood and the rows that fired (bit `i` for row `i`).
#[inline(always)]
pub(crate) fn likelihood<T: Trace>(
    table: &'static [Rule<Move>],
    c: &Ctx<'_>,
    target: Target,
    t: &mut T,
) -> (Likelihood, u64) {
    let mut l = Likelihood::Low;
    let mut fired = 0u64;
    for_each_row!(table, |i, row| {
        if (row.when)(c) {
            let fires = match row.then {
                Move::Raise(to) => {
                    l = raise(l, to);
                    true
                }
                Move::Lower => {
                    let above_low = l != Likelihood::Low;
                    l = lower(l);
                    above_low
                }
                Move::Cap(to) => {
                    l = l.min(to);
                    true
                }
                Move::Set(to) | Move::Settle(to) => {
                    l = to;
                    true
                }
                Move::Keep => true,
            };
            if fires {
                fired |= 1u64 << i;
                t.note(target, row.because);
            }
            if matches!(row.then, Move::Settle(_)) {
                return (l, fired);
            }
        }
    });
    (l, fired)
}

/// Applies every row whose `when` holds, in order: `apply` takes the effect and says what the
/// reason explains.
#[inline(always)]
pub(crate) fn all_that_apply<E: Copy, T: Trace>(
    table: &'static [Rule<E>],
    c: &mut Ctx<'_>,
    t: &mut T,
    apply: impl FnMut(&mut Ctx<'_>, E) -> Target,
) {
    all_that_apply_of(table, |_| true, c, t, apply);
}

/// [`all_that_apply`] over the rows whose effect `keep` keeps (the others are neither tested nor
/// applied). With a constant table and a `keep` the compiler can evaluate, the rows left out
/// cost nothing.
#[inline(always)]
pub(crate) fn all_that_apply_of<E: Copy, T: Trace>(
    table: &'static [Rule<E>],
    keep: impl Fn(&E) -> bool,
    c: &mut Ctx<'_>,
    t: &mut T,
    mut apply: impl FnMut(&mut Ctx<'_>, E) -> Target,
) {
    for_each_row!(table, |_i, row| {
        if keep(&row.then) && (row.when)(c) {
            let target = apply(c, row.then);
            t.note(target, row.because);
        }
    });
}

/// The effect of the first row whose `when` holds (noted under `target`), or `None`.
#[inline(always)]
pub(crate) fn first_match<E: Copy, T: Trace>(
    table: &'static [Rule<E>],
    c: &Ctx<'_>,
    target: Target,
    t: &mut T,
) -> Option<E> {
    for_each_row!(table, |_i, row| {
        if (row.when)(c) {
            t.note(target, row.because);
            return Some(row.then);
        }
    });
    None
}
