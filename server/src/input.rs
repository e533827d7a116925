//! Text as it enters the forum, checked once before anything reads it: no NUL and no other
//! control character (PostgreSQL's `text` cannot hold NUL at all, and no person types the
//! others). Tab, line feed and carriage return may stand in text a person writes (a JSON
//! string); nothing else may, and nothing of the kind may stand in an address. Used by the
//! JSON body extractor (`problem::ApiJson`), the address check (`web::middleware`) and the
//! inbox.

use serde_json::Value;

/// The first character of `text` that no text may hold: a C0 control character other than
/// tab, line feed and carriage return (those only where `breaks` allows them), DEL, or a C1
/// control character.
pub fn control_character(text: &str, breaks: bool) -> Option<char> {
    text.chars().find(|&c| {
        let allowed_break = breaks && matches!(c, '\t' | '\n' | '\r');
        (c.is_control() && !allowed_break) || c == '\u{7f}'
    })
}

/// Where in a JSON value a string (or a key) holds a control character: a path such as
/// `title` or `tags[2]`, or `(body)` for a bare string. `None` when all is well.
pub fn control_character_in(value: &Value) -> Option<String> {
    fn walk(value: &Value, path: &mut Vec<String>) -> bool {
        match value {
            Value::String(text) => control_character(text, true).is_some(),
            Value::Array(items) => items.iter().enumerate().any(|(i, item)| {
                path.push(format!("[{i}]"));
                let found = walk(item, path);
                if !found {
                    path.pop();
                }
                found
            }),
            Value::Object(fields) => fields.iter().any(|(key, item)| {
                path.push(key.clone());
                let found = control_character(key, false).is_some() || walk(item, path);
                if !found {
                    path.pop();
                }
                found
            }),
            _ => false,
        }
    }
    let mut path = Vec::new();
    walk(value, &mut path).then(|| {
        let mut out = String::new();
        for part in &path {
            if !out.is_empty() && !part.starts_with('[') {
                out.push('.');
            }
            // A key that is itself the problem is shown without its control characters.
            out.extend(part.chars().filter(|c| !c.is_control()));
        }
        if out.is_empty() {
            "(body)".to_owned()
        } else {
            out
        }
    })
}

/// Whether a request's address (its path and query, percent-decoded) holds a control
/// character. An address whose escapes are not UTF-8 is left to the routes to refuse.
pub fn address_has_control_character(path: &str, query: Option<&str>) -> bool {
    let decoded = |part: &str| {
        percent_encoding::percent_decode_str(part)
            .decode_utf8()
            .is_ok_and(|text| control_character(&text, false).is_some())
    };
    decoded(path) || query.is_some_and(|q| decoded(&q.replace('+', " ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_may_hold_breaks_but_no_other_control_character() {
        assert_eq!(control_character("a\tb\nc\r\n", true), None);
        assert_eq!(control_character("a\tb", false), Some('\t'));
        for bad in ['\0', '\u{1}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}'] {
            assert_eq!(control_character(&format!("ok{bad}"), true), Some(bad));
        }
        assert_eq!(control_character("Tŵr Bach — “quoted” 🙂", false), None);
    }

    #[test]
    fn the_field_that_holds_one_is_named() {
        assert_eq!(
            control_character_in(&json!({"title": "fine", "body": "a\nb"})),
            None
        );
        assert_eq!(
            control_character_in(&json!({"title": "a\u{0}b"})).as_deref(),
            Some("title")
        );
        assert_eq!(
            control_character_in(&json!({"tags": ["ok", "bad\u{0}"]})).as_deref(),
            Some("tags[1]")
        );
        assert_eq!(
            control_character_in(&json!({"edit": {"reason": "x\u{7}"}})).as_deref(),
            Some("edit.reason")
        );
        assert_eq!(
            control_character_in(&json!("\u{0}")).as_deref(),
            Some("(body)")
        );
        assert_eq!(
            control_character_in(&json!({"a\u{0}": 1})).as_deref(),
            Some("a")
        );
    }

    #[test]
    fn addresses_are_decoded_before_they_are_checked() {
        assert!(address_has_control_character(
            "/ap/reports/E%00/2024Q1",
            None
        ));
        assert!(address_has_control_character(
            "/api/v1/admin/partners/%00/approve",
            None
        ));
        assert!(address_has_control_character(
            "/api/v1/stats",
            Some("tag=%01")
        ));
        assert!(address_has_control_character("/x%C2%85", None));
        assert!(!address_has_control_character(
            "/api/v1/stories/abc",
            Some("tag=a+b&q=%20")
        ));
        assert!(!address_has_control_character("/bad%FF", None));
    }
}
