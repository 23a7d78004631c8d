//! How long one JWT check takes (ES384 with the specification's example key; a fresh `jti` each
//! time, JWK Set cached), for docs/performance.md. Run:
//! `cargo run --release -p stenosis-serve --example jwt_cost`.

use std::time::Instant;

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use stenosis_serve::auth::Auth;
use stenosis_serve::config::ClientConfig;

const ISS: &str = "https://fhir-ehr.example.com/";
const JKU: &str = "https://fhir-ehr.example.com/jwk_uri";
const AUD: &str = "https://cds.example.org/cds-services/stenosis-patient-view";

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/spec");
    let jwks: JwkSet =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/example-jwks.json")).unwrap_or_default())
            .unwrap_or(JwkSet { keys: Vec::new() });
    let pem = std::fs::read(format!("{dir}/example-private-key.pem")).unwrap_or_default();
    let Ok(key) = EncodingKey::from_ec_pem(&pem) else { return eprintln!("no key") };
    let client = ClientConfig { iss: ISS.into(), jku: vec![JKU.into()], jwks_file: None };
    let Ok(auth) = Auth::new(&[client], &[None], reqwest::Client::new()) else { return };
    auth.insert_jwks(JKU, jwks);
    let n = 2000;
    let now = 1_400_000_000;
    let tokens: Vec<String> = (0..n)
        .map(|i| {
            let mut h = Header::new(Algorithm::ES384);
            h.kid = Some("example-kid".into());
            h.jku = Some(JKU.into());
            let claims =
                serde_json::json!({"iss": ISS, "aud": AUD, "exp": now + 300, "iat": now, "jti": format!("j{i}")});
            format!("Bearer {}", jsonwebtoken::encode(&h, &claims, &key).unwrap_or_default())
        })
        .collect();
    let Ok(rt) = tokio::runtime::Builder::new_current_thread().build() else { return };
    let start = Instant::now();
    let mut ok = 0;
    for t in &tokens {
        if rt.block_on(auth.verify(Some(t), AUD, now)).is_ok() {
            ok += 1;
        }
    }
    let per = start.elapsed().as_secs_f64() / f64::from(n) * 1e6;
    println!("ES384 JWT checks: {ok} of {n} accepted, {per:.0} µs each (one core)");
}
