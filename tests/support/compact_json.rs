//! Shared by the golden test (`tests/golden.rs`) and the C suite's expected-output writer
//! (`bindings/c/examples/expected_json.rs`), each including this file with `#[path]`: the golden
//! files are stored pretty for people, and both compare them with the core's compact JSON.

/// Removes every whitespace character outside JSON strings: serde_json's pretty output becomes
/// its compact output.
pub fn compact(pretty: &str) -> String {
    let mut out = String::with_capacity(pretty.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in pretty.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}
