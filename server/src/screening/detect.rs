//! Runs every detector over a text and gathers their candidates.

use super::{
    Kind, locality,
    names::Names,
    orgs, places, structured,
    text::{self, Candidate},
    usernames,
};

pub fn candidates(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    structured::find(text, &mut out);
    usernames::find(text, &mut out);
    places::addresses(text, &mut out);
    let tokens = text::tokenize(text);
    let never = orgs::never(&tokens);
    orgs::find(&tokens, &never, &mut out);
    let aliases = places::institutions(&tokens, &mut out);
    places::short_forms(&tokens, &aliases, &mut out);
    places::saints(&tokens, &mut out);
    locality::find(&tokens, &mut out);
    let taken = out
        .iter()
        .map(|c| (c.start, c.end))
        .chain(never.iter().copied());
    let names = Names::new(&tokens, taken).find();
    out.extend(names);
    // National bodies, brands, laws and eponyms are no finding of a kind guessed from words.
    out.retain(|c| {
        !matches!(c.kind, Kind::Name | Kind::Org | Kind::School | Kind::Place)
            || !never.iter().any(|&(s, e)| s <= c.start && c.end <= e)
    });
    out
}
