//! The knowledge-base version must change whenever a rule, threshold or citation changes: this
//! test fingerprints the rule sources and fails when they change without a version bump.

use stenosis::KNOWLEDGE_BASE_VERSION;

/// (knowledge-base version, fingerprint of its rule sources). When this test fails: bump
/// `KNOWLEDGE_BASE_VERSION` in crates/stenosis-core/src/assessment.rs and record the new pair.
/// A refactor that changes no output (`tests/golden.rs` passes unchanged) records the new
/// fingerprint under the same version.
const RECORDED: (&str, u64) = ("2026.12.23", 3257873910838905506);

const RULE_SOURCES: &[&str] = &[
    "rules/mod.rs",
    "rules/myelopathy.rs",
    "rules/differential.rs",
    "rules/management.rs",
    "rules/alerts.rs",
    "rules/engine.rs",
    "rules/facts.rs",
    "rules/prognosis.rs",
    "rules/localisation.rs",
    "rules/mimics.rs",
    "rules/vascular.rs",
    "citations.rs",
    "vocab.rs",
    "schema.rs",
];

/// FNV-1a over the sources with whitespace removed (formatting is not a rule change).
fn fingerprint() -> u64 {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/stenosis-core/src/");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for file in RULE_SOURCES {
        let text = std::fs::read_to_string(format!("{dir}{file}")).unwrap();
        for b in text.bytes().filter(|b| !b.is_ascii_whitespace()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[test]
fn knowledge_base_version_changes_with_the_rules() {
    let now = fingerprint();
    assert_eq!(
        (KNOWLEDGE_BASE_VERSION, now),
        RECORDED,
        "the rule sources changed: bump KNOWLEDGE_BASE_VERSION and record (\"<new version>\", {now}) in tests/knowledge_base.rs"
    );
}
