use super::*;

fn kinds(text: &str) -> Vec<(Kind, String)> {
    screen(text).into_iter().map(|f| (f.kind, f.text)).collect()
}

#[test]
fn offsets_count_characters_not_bytes() {
    let text = "😀 Call 07700 900461 please";
    let findings = screen(text);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!((f.kind, f.start, f.end), (Kind::Phone, 7, 19));
    assert_eq!(
        text.chars()
            .skip(f.start)
            .take(f.end - f.start)
            .collect::<String>(),
        f.text
    );
}
