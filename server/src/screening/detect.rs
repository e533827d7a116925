//! Runs every detector over a text and gathers their candidates.

use super::{
    Kind, headings, locality,
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
    let mut aliases = places::institutions(&tokens, &mut out);
    aliases.extend(places::cued_schools(&tokens, &mut out));
    places::short_forms(&tokens, &aliases, &mut out);
    places::saints(&tokens, &mut out);
    locality::find(&tokens, &mut out);
    let taken = out
        .iter()
        .map(|c| (c.start, c.end))
        .chain(never.iter().copied());
    let names = Names::new(&tokens, taken).find();
    out.extend(names);
    headings::drop_guesses(text, &tokens, &mut out);
    // National bodies, brands, laws and eponyms are no finding of a kind guessed from words.
    // `never` is sorted by start and its spans do not overlap: the one that could hold a
    // candidate is the last to start at or before it.
    out.retain(|c| {
        let at = never.partition_point(|&(s, _)| s <= c.start);
        let inside = at > 0 && never[at - 1].1 >= c.end;
        !matches!(c.kind, Kind::Name | Kind::Org | Kind::School | Kind::Place) || !inside
    });
    out
}
