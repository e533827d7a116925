//! A TCP relay in front of a forum, for what only the wire shows: it counts the requests
//! posted to the forum's inbox, and can hold them back (a partner slow to answer), so that
//! a sender can be killed in the middle of a delivery. A held request whose sender goes
//! away is dropped, never passed on.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::Duration,
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

const INBOX_POST: &[u8] = b"POST /inbox ";

#[derive(Default)]
struct Counters {
    /// Requests to the inbox passed on.
    posted: AtomicUsize,
    /// Requests to the inbox being held back now.
    held: AtomicUsize,
    /// Held requests dropped because their sender went away.
    dropped: AtomicUsize,
    hold: AtomicBool,
}

pub struct Relay {
    /// `127.0.0.1:port`: where to point the forum's public URL.
    pub address: String,
    counters: Arc<Counters>,
}

impl Relay {
    /// Relays every connection to `upstream` (`host:port`).
    pub async fn start(upstream: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let counters = Arc::new(Counters::default());
        let shared = counters.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = TcpStream::connect(&upstream).await else {
                    continue;
                };
                tokio::spawn(relay(client, server, shared.clone()));
            }
        });
        Self { address, counters }
    }

    pub fn posted(&self) -> usize {
        self.counters.posted.load(Ordering::SeqCst)
    }

    pub fn held(&self) -> usize {
        self.counters.held.load(Ordering::SeqCst)
    }

    pub fn dropped(&self) -> usize {
        self.counters.dropped.load(Ordering::SeqCst)
    }

    /// Holds back inbox requests from now on (`true`), or lets them through.
    pub fn hold(&self, hold: bool) {
        self.counters.hold.store(hold, Ordering::SeqCst);
    }
}

async fn relay(client: TcpStream, server: TcpStream, counters: Arc<Counters>) {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let answers = tokio::spawn(async move {
        tokio::io::copy(&mut server_read, &mut client_write)
            .await
            .ok();
    });
    let mut chunk = vec![0u8; 64 * 1024];
    while let Ok(n) = client_read.read(&mut chunk).await
        && n > 0
    {
        let mut pending = chunk[..n].to_vec();
        let posts = pending
            .windows(INBOX_POST.len())
            .filter(|w| *w == INBOX_POST)
            .count();
        if posts > 0 && counters.hold.load(Ordering::SeqCst) {
            counters.held.fetch_add(1, Ordering::SeqCst);
            // Wait for the hold to end, reading on: a sender that goes away meanwhile
            // (EOF or a reset) takes its request with it.
            let gone = loop {
                if !counters.hold.load(Ordering::SeqCst) {
                    break false;
                }
                let mut more = vec![0u8; 64 * 1024];
                match tokio::time::timeout(Duration::from_millis(50), client_read.read(&mut more))
                    .await
                {
                    Ok(Ok(0) | Err(_)) => break true,
                    Ok(Ok(m)) => pending.extend_from_slice(&more[..m]),
                    Err(_) => {}
                }
            };
            counters.held.fetch_sub(1, Ordering::SeqCst);
            if gone {
                counters.dropped.fetch_add(1, Ordering::SeqCst);
                answers.abort();
                return;
            }
        }
        counters.posted.fetch_add(posts, Ordering::SeqCst);
        if server_write.write_all(&pending).await.is_err() {
            break;
        }
    }
    server_write.shutdown().await.ok();
    answers.await.ok();
}
