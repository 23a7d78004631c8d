//! "Trusting CDS Clients" against the specification's own example JWT and key pair, with the
//! clock pinned inside the token's validity (iat 1311280970, exp 1422568860).

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;
use stenosis_serve::auth::Auth;
use stenosis_serve::config::ClientConfig;

const SPEC_ISS: &str = "https://fhir-ehr.example.com/";
const SPEC_JKU: &str = "https://fhir-ehr.example.com/jwk_uri";
const SPEC_AUD: &str = "https://cds.example.org/cds-services/some-service";
const PINNED_NOW: i64 = 1_400_000_000;

fn fixture(name: &str) -> String {
    let p = format!("{}/tests/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn spec_auth() -> Auth {
    let client = ClientConfig { iss: SPEC_ISS.into(), jku: vec![SPEC_JKU.into()], jwks_file: None };
    let rsa = ClientConfig { iss: "https://rsa.example.org/".into(), jku: Vec::new(), jwks_file: Some("x".into()) };
    let auth = Auth::new(&[client, rsa], &[None, Some(fixture("test-rs384-jwks.json"))], reqwest::Client::new())
        .expect("auth");
    let set: JwkSet = serde_json::from_str(&fixture("spec/example-jwks.json")).expect("spec JWKS");
    auth.insert_jwks(SPEC_JKU, set);
    auth
}

fn spec_jwt() -> String {
    format!("Bearer {}", fixture("spec/example-jwt.txt").trim())
}

fn sign(alg: Algorithm, kid: Option<&str>, jku: Option<&str>, claims: serde_json::Value) -> String {
    let mut h = Header::new(alg);
    h.kid = kid.map(str::to_owned);
    h.jku = jku.map(str::to_owned);
    let key = match alg {
        Algorithm::ES384 => EncodingKey::from_ec_pem(fixture("spec/example-private-key.pem").as_bytes()),
        Algorithm::RS384 => EncodingKey::from_rsa_pem(fixture("test-rs384-private-key.pem").as_bytes()),
        _ => EncodingKey::from_secret(b"a shared secret, long enough for HS384 signing keys"),
    };
    let key = key.expect("key");
    format!("Bearer {}", jsonwebtoken::encode(&h, &claims, &key).expect("sign"))
}

fn claims(aud: &str, jti: &str) -> serde_json::Value {
    json!({"iss": SPEC_ISS, "aud": aud, "exp": PINNED_NOW + 300, "iat": PINNED_NOW, "jti": jti})
}

#[tokio::test]
async fn the_specs_example_jwt_verifies_once() {
    let auth = spec_auth();
    let r = auth.verify(Some(&spec_jwt()), SPEC_AUD, PINNED_NOW).await;
    assert_eq!(r.as_deref(), Ok(SPEC_ISS));
    let again = auth.verify(Some(&spec_jwt()), SPEC_AUD, PINNED_NOW).await;
    assert!(again.is_err_and(|e| e.0.contains("replay")));
}

#[tokio::test]
async fn the_specs_example_jwt_is_refused_when_it_does_not_fit() {
    let cases = [
        (PINNED_NOW, "https://cds.example.org/cds-services/other-service", "aud"),
        (1_422_568_860 + 61, SPEC_AUD, "expired"),
        (1_311_280_970 - 61, SPEC_AUD, "future"),
    ];
    for (now, aud, why) in cases {
        let r = spec_auth().verify(Some(&spec_jwt()), aud, now).await;
        assert!(r.as_ref().is_err_and(|e| e.0.contains(why)), "{why}: {r:?}");
    }
    // The example issuer, but its jku not allowed.
    let client =
        ClientConfig { iss: SPEC_ISS.into(), jku: vec!["https://other.example.com/jwks".into()], jwks_file: None };
    let auth = Auth::new(&[client], &[None], reqwest::Client::new()).expect("auth");
    let r = auth.verify(Some(&spec_jwt()), SPEC_AUD, PINNED_NOW).await;
    assert!(r.is_err_and(|e| e.0.contains("jku")));
    // An issuer not on the allow list.
    let client =
        ClientConfig { iss: "https://someone-else.example/".into(), jku: vec![SPEC_JKU.into()], jwks_file: None };
    let auth = Auth::new(&[client], &[None], reqwest::Client::new()).expect("auth");
    let r = auth.verify(Some(&spec_jwt()), SPEC_AUD, PINNED_NOW).await;
    assert!(r.is_err_and(|e| e.0.contains("iss")));
}

#[tokio::test]
async fn algorithms_none_and_hmac_are_refused_es384_and_rs384_accepted() {
    let auth = spec_auth();
    let ok = sign(Algorithm::ES384, Some("example-kid"), Some(SPEC_JKU), claims(SPEC_AUD, "a"));
    assert!(auth.verify(Some(&ok), SPEC_AUD, PINNED_NOW).await.is_ok());

    let mut rs = claims(SPEC_AUD, "b");
    rs["iss"] = json!("https://rsa.example.org/");
    let rs = sign(Algorithm::RS384, Some("test-rsa"), None, rs);
    assert!(auth.verify(Some(&rs), SPEC_AUD, PINNED_NOW).await.is_ok());

    let hs = sign(Algorithm::HS384, Some("example-kid"), Some(SPEC_JKU), claims(SPEC_AUD, "c"));
    assert!(auth.verify(Some(&hs), SPEC_AUD, PINNED_NOW).await.is_err_and(|e| e.0.contains("HMAC")));

    // alg none: header {"alg":"none"}, the spec token's payload, no signature.
    use base64::Engine as _;
    let b64 = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let none = format!(
        "Bearer {}.{}.",
        b64(json!({"alg": "none", "typ": "JWT", "kid": "example-kid", "jku": SPEC_JKU})),
        b64(claims(SPEC_AUD, "d"))
    );
    assert!(auth.verify(Some(&none), SPEC_AUD, PINNED_NOW).await.is_err_and(|e| e.0.contains("none")));

    let es256 = format!(
        "Bearer {}.{}.c2ln",
        b64(json!({"alg": "ES256", "typ": "JWT", "kid": "example-kid", "jku": SPEC_JKU})),
        b64(claims(SPEC_AUD, "e"))
    );
    assert!(auth.verify(Some(&es256), SPEC_AUD, PINNED_NOW).await.is_err());

    let no_kid = sign(Algorithm::ES384, None, Some(SPEC_JKU), claims(SPEC_AUD, "f"));
    assert!(auth.verify(Some(&no_kid), SPEC_AUD, PINNED_NOW).await.is_err_and(|e| e.0.contains("kid")));

    let mut no_jti = claims(SPEC_AUD, "g");
    no_jti.as_object_mut().map(|o| o.remove("jti"));
    let no_jti = sign(Algorithm::ES384, Some("example-kid"), Some(SPEC_JKU), no_jti);
    assert!(auth.verify(Some(&no_jti), SPEC_AUD, PINNED_NOW).await.is_err_and(|e| e.0.contains("jti")));

    // Signed by the RSA key but claiming the spec's EC kid: the signature does not verify.
    let mut wrong = claims(SPEC_AUD, "h");
    wrong["iss"] = json!(SPEC_ISS);
    let wrong = sign(Algorithm::RS384, Some("example-kid"), Some(SPEC_JKU), wrong);
    assert!(auth.verify(Some(&wrong), SPEC_AUD, PINNED_NOW).await.is_err());

    assert!(auth.verify(None, SPEC_AUD, PINNED_NOW).await.is_err_and(|e| e.0.contains("missing")));
    assert!(auth.verify(Some("Basic abc"), SPEC_AUD, PINNED_NOW).await.is_err_and(|e| e.0.contains("Bearer")));
    assert!(auth.verify(Some("Bearer not-a-jwt"), SPEC_AUD, PINNED_NOW).await.is_err());
}
