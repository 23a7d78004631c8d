//! "Trusting CDS Clients" (CDS Hooks 2.0): a signed JWT on every call.
//!
//! Refused: no `Bearer` token; `alg` none and every HMAC (symmetric) algorithm; any algorithm
//! but ES384 and RS384; no `kid`; an `iss` not in the configuration; a `jku` not allowed for
//! that issuer; a bad signature; `aud` not equal to the endpoint's URL; an expired token or one
//! issued in the future; a `jti` seen before (replay). JWK Sets fetched from an allowed `jku`
//! are cached.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::Value;

use crate::config::ClientConfig;

/// Clock skew allowed on `exp` and `iat`, seconds.
pub const LEEWAY_SECONDS: i64 = 60;
/// How long a fetched JWK Set is reused.
pub const JWKS_TTL: Duration = Duration::from_secs(300);
/// A `kid` missing from a cached set triggers a refetch at most this often.
const JWKS_REFETCH_AFTER: Duration = Duration::from_secs(30);
/// Upper bound on remembered `jti`s (older ones are dropped once they have expired).
const REPLAY_CAPACITY: usize = 200_000;

/// Why a call was refused (the message never contains the token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthError(pub String);

#[derive(Debug, Deserialize)]
struct Claims {
    iss: String,
    exp: i64,
    iat: i64,
    jti: String,
}

struct Client {
    iss: String,
    jku: Vec<String>,
    jwks: Option<Arc<JwkSet>>,
}

/// The verifier: trusted clients, the JWKS cache and the replay cache.
pub struct Auth {
    clients: Vec<Client>,
    jwks_cache: Mutex<HashMap<String, (Instant, Arc<JwkSet>)>>,
    replay: Mutex<HashMap<String, i64>>,
    /// One JWK Set fetch at a time: concurrent calls with a cold cache wait for it instead of
    /// each fetching (no stampede on the client's JWKS endpoint).
    fetching: tokio::sync::Mutex<()>,
    http: reqwest::Client,
}

fn b64_json(part: &str) -> Option<Value> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

impl Auth {
    /// A verifier for these clients; `jwks_files` holds the text of each client's `jwks_file`.
    pub fn new(clients: &[ClientConfig], jwks_texts: &[Option<String>], http: reqwest::Client) -> Result<Self, String> {
        let mut out = Vec::new();
        for (i, c) in clients.iter().enumerate() {
            let jwks = match jwks_texts.get(i).and_then(|t| t.as_deref()) {
                Some(t) => Some(Arc::new(
                    serde_json::from_str::<JwkSet>(t)
                        .map_err(|e| format!("config: clients[{i}].jwks_file is not a JWK Set: {e}"))?,
                )),
                None => None,
            };
            out.push(Client { iss: c.iss.clone(), jku: c.jku.clone(), jwks });
        }
        Ok(Auth {
            clients: out,
            jwks_cache: Mutex::new(HashMap::new()),
            replay: Mutex::new(HashMap::new()),
            fetching: tokio::sync::Mutex::new(()),
            http,
        })
    }

    /// Puts a JWK Set in the cache for a `jku` URL (as if it had just been fetched).
    pub fn insert_jwks(&self, url: &str, set: JwkSet) {
        if let Ok(mut c) = self.jwks_cache.lock() {
            c.insert(url.to_owned(), (Instant::now(), Arc::new(set)));
        }
    }

    fn cached(&self, url: &str, force: bool) -> Option<Arc<JwkSet>> {
        let c = self.jwks_cache.lock().ok()?;
        let (at, set) = c.get(url)?;
        let age = at.elapsed();
        (age < JWKS_TTL && (!force || age < JWKS_REFETCH_AFTER)).then(|| set.clone())
    }

    async fn fetch_jwks(&self, url: &str, force: bool) -> Result<Arc<JwkSet>, AuthError> {
        if let Some(set) = self.cached(url, force) {
            return Ok(set);
        }
        let _one_at_a_time = self.fetching.lock().await;
        // Someone else may have fetched it while this call waited.
        if let Some(set) = self.cached(url, force) {
            return Ok(set);
        }
        let resp = self
            .http
            .get(url)
            .timeout(Duration::from_secs(3))
            .send()
            .await
            .map_err(|_| AuthError("could not fetch the JWK Set from the token's jku".into()))?;
        if !resp.status().is_success() {
            return Err(AuthError(format!("the jku answered HTTP {}", resp.status().as_u16())));
        }
        let set: JwkSet = resp.json().await.map_err(|_| AuthError("the jku did not return a JWK Set".into()))?;
        let set = Arc::new(set);
        if let Ok(mut c) = self.jwks_cache.lock() {
            c.insert(url.to_owned(), (Instant::now(), set.clone()));
        }
        Ok(set)
    }

    /// Verifies an `Authorization` header for a call to `audience` (the endpoint's full URL) at
    /// Unix time `now`. Returns the issuer on success.
    pub async fn verify(&self, authorization: Option<&str>, audience: &str, now: i64) -> Result<String, AuthError> {
        let header = authorization.ok_or_else(|| AuthError("missing Authorization: Bearer <JWT> header".into()))?;
        let token = match header.split_once(' ') {
            Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") => t.trim(),
            _ => return Err(AuthError("the Authorization header must use the Bearer scheme".into())),
        };
        let parts: Vec<&str> = token.split('.').collect();
        let [h, p, _s] = parts.as_slice() else {
            return Err(AuthError("the bearer token is not a signed JWT (three dot-separated parts)".into()));
        };
        let raw_header = b64_json(h).ok_or_else(|| AuthError("the JWT header is not base64url JSON".into()))?;
        let alg = raw_header.get("alg").and_then(Value::as_str).unwrap_or("");
        if alg.eq_ignore_ascii_case("none") {
            return Err(AuthError("JWT alg \"none\" is refused (unsigned tokens are not trusted)".into()));
        }
        if alg.to_ascii_uppercase().starts_with("HS") {
            return Err(AuthError("HMAC (symmetric) JWT algorithms are refused; use ES384 or RS384".into()));
        }
        let alg = match alg {
            "ES384" => Algorithm::ES384,
            "RS384" => Algorithm::RS384,
            _ => return Err(AuthError("JWT alg must be ES384 or RS384".into())),
        };
        if let Some(t) = raw_header.get("typ").and_then(Value::as_str) {
            if !t.eq_ignore_ascii_case("JWT") {
                return Err(AuthError("JWT typ must be \"JWT\"".into()));
            }
        }
        let kid = raw_header
            .get("kid")
            .and_then(Value::as_str)
            .filter(|k| !k.is_empty())
            .ok_or_else(|| AuthError("the JWT header has no kid".into()))?;
        let jku = raw_header.get("jku").and_then(Value::as_str);
        let claims = b64_json(p).ok_or_else(|| AuthError("the JWT payload is not base64url JSON".into()))?;
        let iss = claims.get("iss").and_then(Value::as_str).ok_or_else(|| AuthError("the JWT has no iss".into()))?;
        let client = self
            .clients
            .iter()
            .find(|c| c.iss == iss)
            .ok_or_else(|| AuthError("the JWT's iss is not an allowed CDS Client".into()))?;
        let set = match (jku, &client.jwks) {
            (Some(u), _) => {
                if !client.jku.iter().any(|a| a == u) {
                    return Err(AuthError("the JWT's jku is not allowed for its iss".into()));
                }
                let set = self.fetch_jwks(u, false).await?;
                if set.find(kid).is_none() {
                    self.fetch_jwks(u, true).await?
                } else {
                    set
                }
            }
            (None, Some(set)) => set.clone(),
            (None, None) => {
                return Err(AuthError("the JWT has no jku and no JWK Set is configured for its iss".into()))
            }
        };
        let jwk = set.find(kid).ok_or_else(|| AuthError("no key with the JWT's kid in the client's JWK Set".into()))?;
        let key =
            DecodingKey::from_jwk(jwk).map_err(|_| AuthError("the client's key for this kid is not usable".into()))?;
        let mut v = Validation::new(alg);
        v.algorithms = vec![alg];
        v.set_audience(&[audience]);
        v.set_issuer(&[iss]);
        v.set_required_spec_claims(&["exp", "aud", "iss"]);
        v.validate_exp = false; // checked below against the service's clock
        v.validate_nbf = false;
        let data = jsonwebtoken::decode::<Claims>(token, &key, &v).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind as K;
            AuthError(match e.kind() {
                K::InvalidAudience => format!("the JWT's aud must be {audience}"),
                K::InvalidIssuer => "the JWT's iss is not allowed".into(),
                K::InvalidSignature => "the JWT signature does not verify".into(),
                K::MissingRequiredClaim(c) => format!("the JWT has no {c}"),
                K::Json(_) => "the JWT must carry iss, aud, exp (number), iat (number) and jti (string)".into(),
                _ => "the JWT could not be verified".into(),
            })
        })?;
        let c = data.claims;
        if c.exp + LEEWAY_SECONDS < now {
            return Err(AuthError("the JWT has expired (exp)".into()));
        }
        if c.iat > now + LEEWAY_SECONDS {
            return Err(AuthError("the JWT was issued in the future (iat)".into()));
        }
        if c.jti.is_empty() {
            return Err(AuthError("the JWT has an empty jti".into()));
        }
        let mut replay = self.replay.lock().map_err(|_| AuthError("replay cache unavailable".into()))?;
        let key = format!("{}\u{0}{}", c.iss, c.jti);
        if replay.contains_key(&key) {
            return Err(AuthError("the JWT's jti was already used (replay)".into()));
        }
        if replay.len() >= REPLAY_CAPACITY {
            replay.retain(|_, exp| *exp + LEEWAY_SECONDS >= now);
            if replay.len() >= REPLAY_CAPACITY {
                return Err(AuthError("too many live tokens; try again".into()));
            }
        }
        replay.insert(key, c.exp);
        Ok(c.iss)
    }
}
