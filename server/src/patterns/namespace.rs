//! The JSON-LD document served at `/ns`. Its `@context` defines the extension terms
//! Common Thread objects use (pattern tags on stories; pattern reports with area,
//! period, counts, k and the vocabulary version), so other software can reference
//! `<forum>/ns` as a context. Its `@graph` defines every tag as a SKOS concept: the
//! shared ones under the project's namespace, which each instance serves alike, and
//! this forum's own under its own domain.

use serde_json::{Value, json};

use super::{Vocabulary, local::TagView, vocabulary::NAMESPACE};

/// The media type of the document.
pub const JSON_LD: &str = "application/ld+json; profile=\"http://www.w3.org/ns/json-ld#context\"";

pub fn document(vocabulary: &Vocabulary, public_url: &str, local_tags: &[TagView]) -> Value {
    let scheme = format!("{NAMESPACE}vocabulary");
    let categories = vocabulary.categories.iter().map(|category| {
        json!({
            "@id": format!("{NAMESPACE}{}", category.id),
            "@type": "skos:Collection",
            "skos:prefLabel": {"@value": category.label, "@language": "en-GB"},
            "skos:definition": {"@value": category.description, "@language": "en-GB"},
            "skos:member": vocabulary.tags.iter()
                .filter(|tag| tag.category == category.id)
                .map(|tag| json!({"@id": tag.uri()}))
                .collect::<Vec<_>>(),
        })
    });
    let shared = vocabulary.tags.iter().map(|tag| {
        let mut node = concept(&TagView::shared(tag));
        node["skos:inScheme"] = json!({"@id": scheme});
        node["vocabularyVersion"] = json!(vocabulary.version);
        node
    });
    let local = local_tags.iter().map(|tag| {
        let mut node = concept(tag);
        node["retired"] = json!(tag.retired);
        if let Some(same_as) = tag.same_as.as_deref().and_then(|id| vocabulary.tag(id)) {
            node["skos:exactMatch"] = json!({"@id": same_as.uri()});
        }
        node
    });
    let mut graph = vec![json!({
        "@id": scheme,
        "@type": "skos:ConceptScheme",
        "skos:prefLabel": {"@value": "Common Thread pattern vocabulary", "@language": "en-GB"},
        "owl:versionInfo": vocabulary.version.to_string(),
    })];
    graph.extend(categories);
    graph.extend(shared);
    graph.extend(local);
    json!({
        "@context": context(),
        "@id": format!("{}/ns", public_url.trim_end_matches('/')),
        "@graph": graph,
    })
}

/// A tag as a SKOS concept: what shared and local tags have in common.
fn concept(tag: &TagView) -> Value {
    json!({
        "@id": tag.uri,
        "@type": ["skos:Concept", "PatternTag"],
        "skos:notation": tag.id,
        "skos:prefLabel": {"@value": tag.label, "@language": "en-GB"},
        "skos:definition": {"@value": tag.definition, "@language": "en-GB"},
        "category": {"@id": format!("{NAMESPACE}{}", tag.category)},
    })
}

/// The extension terms. Issue by issue more objects use them; names never change.
fn context() -> Value {
    json!({
        "ct": NAMESPACE,
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "PatternTag": "ct:PatternTag",
        "PatternReport": "ct:PatternReport",
        "pattern": {"@id": "ct:pattern", "@type": "@id"},
        "category": {"@id": "ct:category", "@type": "@id"},
        "area": "ct:area",
        "period": "ct:period",
        "vocabularyVersion": {"@id": "ct:vocabularyVersion", "@type": "xsd:integer"},
        "k": {"@id": "ct:k", "@type": "xsd:integer"},
        "total": {"@id": "ct:total", "@type": "xsd:integer"},
        "counts": {"@id": "ct:counts", "@container": "@index"},
        "suppressed": {"@id": "ct:suppressed", "@type": "xsd:boolean"},
        "retired": {"@id": "ct:retired", "@type": "xsd:boolean"},
        "contentWarnings": "ct:contentWarnings",
        "figures": "ct:figures",
        "kind": "ct:kind",
        "key": "ct:key",
        "count": {"@id": "ct:count", "@type": "xsd:integer"},
        "unit": "ct:unit",
        "complete": {"@id": "ct:complete", "@type": "xsd:boolean"},
        "epsilon": {"@id": "ct:epsilon", "@type": "xsd:double"},
        "sensitive": "as:sensitive",
        "as": "https://www.w3.org/ns/activitystreams#",
    })
}
