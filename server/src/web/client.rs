//! Who is asking, as far as rate limits need to know: the client's address, hashed with a
//! key made when the process starts and held only in memory. The address itself is never
//! stored, logged or kept: only its hash, in a limiter's memory, for as long as the limiter
//! remembers it (a few minutes). After a restart the same address hashes to something else.
//!
//! Behind a reverse proxy every request comes from the proxy, so the address is taken from
//! `X-Forwarded-For` — but only when the connection comes from an address listed in
//! `server.trusted_proxies`; anyone else could write that header to pose as anyone.

use std::{
    convert::Infallible,
    net::{IpAddr, SocketAddr},
    sync::LazyLock,
};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::{HeaderMap, request::Parts};
use sha2::{Digest, Sha256};

use crate::AppState;

/// A client's address, hashed: the key of per-client rate limits. Not reversible without
/// the process's key, which never leaves memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientKey([u8; 16]);

/// Made once per process from the operating system's randomness.
static PROCESS_KEY: LazyLock<[u8; 32]> = LazyLock::new(|| {
    let mut key = [0_u8; 32];
    // Without randomness every address still hashes apart; only the key is guessable.
    getrandom::fill(&mut key).ok();
    key
});

impl ClientKey {
    /// The key of `address` (`None`: the address is unknown, and all such share one key).
    pub fn of(address: Option<IpAddr>) -> Self {
        let mut hash = Sha256::new();
        hash.update(*PROCESS_KEY);
        match address {
            Some(IpAddr::V4(v4)) => hash.update(v4.to_ipv6_mapped().octets()),
            Some(IpAddr::V6(v6)) => hash.update(v6.octets()),
            None => hash.update(b"unknown"),
        }
        let digest = hash.finalize();
        let mut key = [0_u8; 16];
        key.copy_from_slice(&digest[..16]);
        Self(key)
    }
}

/// The address a request is from: the peer's, or behind a trusted proxy the last address in
/// `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_address(
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    trusted_proxies: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted_proxies.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|a| !trusted_proxies.contains(a))
            .unwrap_or(peer),
    )
}

/// The extractor: the hashed address of whoever sent the request.
#[derive(Debug, Clone, Copy)]
pub struct Client(pub ClientKey);

impl FromRequestParts<AppState> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        let address = client_address(peer, &parts.headers, &state.config.server.trusted_proxies);
        Ok(Self(ClientKey::of(address)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", forwarded.parse().unwrap());
        headers
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let peer: IpAddr = "198.51.100.7".parse().unwrap();
        let spoofed = headers("203.0.113.9");
        // Not from the proxy: the header is anyone's to write, and is ignored.
        assert_eq!(client_address(Some(peer), &spoofed, &[proxy]), Some(peer));
        // From the proxy: the last address it was given that is not a proxy of ours.
        let chain = headers("203.0.113.9, 192.0.2.1, 10.0.0.2");
        assert_eq!(
            client_address(Some(proxy), &chain, &[proxy]),
            Some("192.0.2.1".parse().unwrap())
        );
        assert_eq!(
            client_address(Some(proxy), &HeaderMap::new(), &[proxy]),
            Some(proxy)
        );
        assert_eq!(client_address(None, &spoofed, &[proxy]), None);
    }

    #[test]
    fn keys_are_stable_in_a_process_and_tell_addresses_apart() {
        let a = ClientKey::of(Some("198.51.100.7".parse().unwrap()));
        assert_eq!(a, ClientKey::of(Some("198.51.100.7".parse().unwrap())));
        assert_ne!(a, ClientKey::of(Some("198.51.100.8".parse().unwrap())));
        assert_eq!(
            ClientKey::of(Some("198.51.100.7".parse().unwrap())),
            ClientKey::of(Some("::ffff:198.51.100.7".parse().unwrap()))
        );
    }
}
