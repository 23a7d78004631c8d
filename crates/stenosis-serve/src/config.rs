//! The service's configuration file (TOML), validated with errors naming the key.
//!
//! ```toml
//! # The public URL clients call (behind the TLS proxy). A JWT's `aud` must equal this plus
//! # the path, e.g. https://cds.hospital.example/cds-services/stenosis-patient-view.
//! base_url = "https://cds.hospital.example"
//! allowed_origins = ["https://ehr.hospital.example"]   # CORS; none by default
//! body_limit_bytes = 1048576                           # default 1 MiB
//! request_timeout_ms = 5000                            # default 5 s
//! site_map = "/etc/stenosis/site-codes.toml"           # optional local codes
//!
//! [[clients]]                      # one per trusted CDS Client (EHR)
//! iss = "https://ehr.hospital.example/"
//! jku = ["https://ehr.hospital.example/jwks.json"]     # JWKS URLs allowed for this issuer
//! # or, when the client sends no `jku`, its JWK Set out of band:
//! # jwks_file = "/etc/stenosis/ehr-jwks.json"
//! ```

use serde::Deserialize;

/// A trusted CDS Client.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// The `iss` its JWTs carry.
    pub iss: String,
    /// The JWK Set URLs (`jku`) allowed for it.
    #[serde(default)]
    pub jku: Vec<String>,
    /// A JWK Set file, for clients that send no `jku`.
    #[serde(default)]
    pub jwks_file: Option<String>,
}

/// The configuration.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Public base URL (scheme, host, optional port and path prefix), no trailing slash.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Browser origins allowed by CORS.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Largest request body accepted.
    #[serde(default = "default_body_limit")]
    pub body_limit_bytes: usize,
    /// Time limit for one request, FHIR server calls included.
    #[serde(default = "default_timeout")]
    pub request_timeout_ms: u64,
    /// Site code map file (JSON or TOML).
    #[serde(default)]
    pub site_map: Option<String>,
    /// Trusted clients.
    #[serde(default)]
    pub clients: Vec<ClientConfig>,
}

fn default_body_limit() -> usize {
    1 << 20
}

fn default_timeout() -> u64 {
    5_000
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: None,
            allowed_origins: Vec::new(),
            body_limit_bytes: default_body_limit(),
            request_timeout_ms: default_timeout(),
            site_map: None,
            clients: Vec::new(),
        }
    }
}

fn is_http_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && !s.chars().any(char::is_whitespace) && s.len() > 8
}

impl Config {
    /// Parses and validates a TOML configuration.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let c: Config = toml::from_str(text).map_err(|e| format!("config: {e}"))?;
        c.validate()?;
        Ok(c)
    }

    /// Checks values: URLs, limits, each client has a way to get its keys.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(b) = &self.base_url {
            if !is_http_url(b) || b.ends_with('/') {
                return Err("config: base_url must be an http(s) URL without a trailing slash".into());
            }
        }
        for (i, o) in self.allowed_origins.iter().enumerate() {
            if !is_http_url(o) || o.ends_with('/') {
                return Err(format!("config: allowed_origins[{i}] must be an origin like https://ehr.example.org"));
            }
        }
        if !(1024..=64 << 20).contains(&self.body_limit_bytes) {
            return Err("config: body_limit_bytes must be from 1024 to 67108864".into());
        }
        if !(100..=120_000).contains(&self.request_timeout_ms) {
            return Err("config: request_timeout_ms must be from 100 to 120000".into());
        }
        for (i, c) in self.clients.iter().enumerate() {
            if c.iss.trim().is_empty() {
                return Err(format!("config: clients[{i}].iss must not be empty"));
            }
            for (j, u) in c.jku.iter().enumerate() {
                if !is_http_url(u) {
                    return Err(format!("config: clients[{i}].jku[{j}] must be an http(s) URL"));
                }
            }
            if c.jku.is_empty() && c.jwks_file.is_none() {
                return Err(format!("config: clients[{i}] needs `jku` URLs or a `jwks_file`"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_key() {
        for (text, key) in [
            ("base_url = \"cds.example.org\"", "base_url"),
            ("colour = 1", "colour"),
            ("body_limit_bytes = 10", "body_limit_bytes"),
            ("[[clients]]\niss = \"x\"", "clients[0]"),
            ("[[clients]]\niss = \"x\"\njku = [\"ftp://a\"]", "clients[0].jku[0]"),
        ] {
            let e = Config::from_toml(text).err().unwrap_or_default();
            assert!(e.contains(key), "{text}: {e}");
        }
        assert!(Config::from_toml("").is_ok());
    }
}
