//! `stenosis`: the facade crate. It re-exports [`stenosis_core`], so that other Rust crates
//! depend on one name:
//!
//! ```
//! let p = stenosis::Presentation::from_json(r#"{"age_years": 61, "findings": {"babinski_sign": "present"}}"#)?;
//! let a = stenosis::assess(&p);
//! assert_eq!(a.differential[0].condition, stenosis::Condition::CervicalMyelopathy);
//! # Ok::<(), stenosis::InputError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use stenosis_core::*;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
