//! Screen the text on standard input and print each finding: `cargo run --example screen`.
//! With `CT_REPEAT=N`, screen it N times and print the time each took instead.
use std::{io::Read, time::Instant};

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    if let Some(n) = std::env::var("CT_REPEAT")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
    {
        commonthread::screening::screen("warm up");
        let start = Instant::now();
        for _ in 0..n {
            std::hint::black_box(commonthread::screening::screen(&text));
        }
        println!("{:?} each", start.elapsed() / n.max(1));
        return Ok(());
    }
    for f in commonthread::screening::screen(&text) {
        println!("{:<8} {:?}", f.kind.as_str(), f.text);
    }
    Ok(())
}
