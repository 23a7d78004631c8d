//! Writes N one-use JWTs (ES384, the specification's example key, a fresh `jti` each) for the
//! authenticated load test: `load_tokens N AUD JKU OUT`.

use std::io::Write;

use jsonwebtoken::{Algorithm, EncodingKey, Header};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, n, aud, jku, out] = args.as_slice() else {
        return eprintln!("usage: load_tokens N AUD JKU OUT");
    };
    let n: usize = n.parse().unwrap_or(0);
    let pem =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/spec/example-private-key.pem")).unwrap_or_default();
    let Ok(key) = EncodingKey::from_ec_pem(&pem) else { return eprintln!("no key") };
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let Ok(mut f) = std::fs::File::create(out).map(std::io::BufWriter::new) else {
        return eprintln!("cannot write {out}");
    };
    let mut h = Header::new(Algorithm::ES384);
    h.kid = Some("example-kid".into());
    h.jku = Some(jku.clone());
    for i in 0..n {
        let claims = serde_json::json!({"iss": "https://fhir-ehr.example.com/", "aud": aud, "exp": now + 3600,
            "iat": now, "jti": format!("load-{now}-{i}")});
        let _ = writeln!(f, "{}", jsonwebtoken::encode(&h, &claims, &key).unwrap_or_default());
    }
}
