//! Runs every detector over a text and gathers their candidates.

use super::{
    locality,
    names::Names,
    places, structured,
    text::{self, Candidate},
    usernames,
};

pub fn candidates(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    structured::find(text, &mut out);
    usernames::find(text, &mut out);
    places::addresses(text, &mut out);
    let tokens = text::tokenize(text);
    let aliases = places::institutions(&tokens, &mut out);
    places::short_forms(&tokens, &aliases, &mut out);
    places::saints(&tokens, &mut out);
    locality::find(&tokens, &mut out);
    let names = Names::new(&tokens, &out).find();
    out.extend(names);
    out
}
