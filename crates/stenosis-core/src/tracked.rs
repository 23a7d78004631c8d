//! The rules compiled a second time, from the same files, with [`TRACKING`] on: their accessors
//! record which unknown findings each answer is sensitive to, which the next findings use to skip
//! the what-ifs that cannot change anything. A second instance keeps that bookkeeping (and the
//! optimisations it would prevent, such as merging finding tests into one mask test) out of
//! `crate::rules`, which every assessment and every what-if runs.

/// This instance records.
const TRACKING: bool = true;

#[path = "rules/mod.rs"]
#[allow(dead_code, unused_imports, clippy::duplicate_mod)]
pub(crate) mod rules;
