//! Screens arbitrary text (the bytes read as UTF-8, lossily) and checks what every
//! caller relies on: findings lie on character boundaries, inside the text, in order,
//! never overlapping, and applying all of them succeeds.

#![no_main]

use commonthread::screening::{Redaction, redact, screen};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let findings = screen(&text);
    let chars: Vec<char> = text.chars().collect();
    let length = chars.len();
    let mut last_end = 0;
    for f in &findings {
        assert!(f.start < f.end && f.end <= length, "{f:?} outside 0..{length}");
        assert!(f.start >= last_end, "{f:?} overlaps or is out of order");
        let slice: String = chars[f.start..f.end].iter().collect();
        assert_eq!(slice, f.text);
        last_end = f.end;
    }
    let redactions: Vec<Redaction<'_>> = findings
        .iter()
        .map(|f| Redaction { start: f.start, end: f.end, text: &f.text, replacement: &f.replacement })
        .collect();
    assert!(redact(&text, &redactions).is_ok());
});
