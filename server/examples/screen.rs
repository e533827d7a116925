//! Screen the text on standard input and print each finding: `cargo run --example screen`.
use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("standard input is text");
    for f in commonthread::screening::screen(&text) {
        println!("{:<8} {:?}", f.kind.as_str(), f.text);
    }
}
