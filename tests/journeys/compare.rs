//! Comparing areas across partner forums (issue 10): a forum on SQLite and its partner on
//! PostgreSQL publish figures for their own areas; each forum's `GET /api/v1/compare`
//! shows both, figure for figure as each forum published them, with where they came from;
//! the evidence export (JSON and CSV) carries every figure with its provenance, never a
//! count below k, and quotes only from stories whose authors agreed, screened clean.

use std::collections::HashSet;

use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::partners::{birmingham_and_leeds, eventually};
use crate::harness::{
    Engine, TestApp, json,
    members::Person,
    problem,
    stories::{draft, moderate, published, submit},
};
use commonthread::entities::fed_report;

const BIRMINGHAM: &str = "E08000025";
const LEEDS: &str = "E08000035";
const CORNWALL: &str = "E06000052";
const TAG: &str = "bedroom-inspected";
const TAG2: &str = "child-seen-alone";
/// In the same category as the two above ("blame").
const TAG3: &str = "parent-labelled";
const K: u64 = 5;

fn story(title: &str, area: &str, period: &str, tags: &[&str], extra: Value) -> Value {
    let mut body = json!({
        "title": title,
        "body": format!("{title}. They came to the house and looked round every room."),
        "area": area, "period": period, "services": ["social-care"],
        "tags": tags, "visibility": "federated", "consent_count": true,
    });
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

async fn refresh(app: &TestApp) {
    commonthread::stats::refresh::refresh(
        &app.state.db,
        &app.state.patterns,
        &app.state.config.stats,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
}

/// Waits until `on` holds exactly `count` reports of `area` from its partner.
async fn reports_arrive(what: &str, on: &TestApp, area: &str, count: usize) {
    eventually(what, || async {
        let rows = fed_report::Entity::find()
            .filter(fed_report::Column::Area.eq(area))
            .all(&on.state.db)
            .await
            .unwrap();
        (rows.len() == count).then_some(())
    })
    .await;
}

async fn compare(reader: &Person, query: &str) -> Value {
    json(
        reader.get(&format!("/api/v1/compare{query}")).await,
        StatusCode::OK,
    )
    .await
}

fn row<'a>(view: &'a Value, area: &str) -> &'a Value {
    view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["area"] == area)
        .unwrap_or_else(|| panic!("no row for {area}: {view}"))
}

fn map_area<'a>(view: &'a Value, area: &str) -> &'a Value {
    view["map"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["area"] == area)
        .unwrap()
}

/// The published count of `kind`/`key` in `area` and 2025Q2, as the forum's own stats API
/// says (`None` when hidden).
async fn own_figure(reader: &Person, area: &str, tag: Option<&str>) -> Option<u64> {
    let stats = json(
        reader
            .get(&format!("/api/v1/stats?area={area}&from=2025Q2&to=2025Q2"))
            .await,
        StatusCode::OK,
    )
    .await;
    let quarter = &stats["quarters"][0];
    match tag {
        None => quarter["total"]["count"].as_u64(),
        Some(tag) => quarter["tags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["tag"] == tag)
            .unwrap()["count"]
            .as_u64(),
    }
}

/// What must hold of every figure an export gives.
fn check_figure(figure: &Value) {
    for field in [
        "area_code",
        "area_name",
        "period",
        "forum_domain",
        "forum_name",
        "report_id",
        "received_at",
        "updated_at",
    ] {
        assert!(
            figure[field].as_str().is_some_and(|v| !v.is_empty()),
            "{field} missing: {figure}"
        );
    }
    assert!(figure["vocabulary_version"].as_u64().is_some(), "{figure}");
    let k = figure["k"].as_u64().unwrap();
    assert!(k >= 5, "{figure}");
    match figure["count"].as_u64() {
        Some(count) => {
            assert!(count >= k, "a count below k left: {figure}");
            assert_eq!(figure["suppressed"], false);
        }
        None => {
            assert_eq!(figure["suppressed"], true, "{figure}");
            assert!(
                figure["rate"].is_null()
                    && figure["rate_low"].is_null()
                    && figure["rate_high"].is_null(),
                "{figure}"
            );
            assert_eq!(figure["display"], format!("fewer than {k}"));
        }
    }
    assert!(
        figure["unit"] == "family" && figure.get("stories").is_none(),
        "{figure}"
    );
    if let Some(families) = figure["families"].as_u64() {
        assert!(families >= k, "{figure}");
    }
    if !figure["rate"].is_null() {
        let (count, families) = (
            figure["count"].as_u64().unwrap(),
            figure["families"].as_u64().unwrap(),
        );
        let rate = figure["rate"].as_f64().unwrap();
        assert!(
            (rate - count as f64 / families as f64).abs() < 1e-9,
            "{figure}"
        );
    }
}

#[tokio::test]
async fn partners_reports_compare_and_export_with_provenance() {
    let (a, a_admin, b, b_admin) = birmingham_and_leeds().await;

    // Birmingham, 2025Q2: six families' stories, all bedroom-inspected, five also
    // child-seen-alone. The first author is the one quoted.
    let mut a_authors = Vec::new();
    for n in 0..6 {
        a_authors.push(a.member(&format!("a_author_{n}")).await);
    }
    let a_author = &a_authors[0];
    let plain = "Quotable: nobody asked us first";
    let phone = "Withheld: ring me on 07700 900123";
    let not_asked = "Never quoted: the meeting was held without us";
    let mut quoted_pseudonym = None;
    for (n, (title, extra)) in [
        (plain, json!({"consent_quote": true})),
        (phone, json!({"consent_quote": true})),
        (not_asked, json!({})),
        (
            "Counted only, quote allowed",
            json!({"consent_quote": true, "visibility": "counted-only"}),
        ),
        ("Fifth story", json!({})),
        ("Sixth story", json!({})),
    ]
    .into_iter()
    .enumerate()
    {
        let tags: &[&str] = if n == 5 { &[TAG] } else { &[TAG, TAG2] };
        let body = story(title, BIRMINGHAM, "2025-05", tags, extra);
        if title != plain {
            published(&a_authors[n], &a_admin, &body).await;
            continue;
        }
        // The quoted story's author signs it with the story's own pseudonym, which the
        // export must not give.
        let id = draft(a_author, &body).await;
        let pseudonym = json(
            a_author.get(&format!("/api/v1/stories/{id}")).await,
            StatusCode::OK,
        )
        .await["pseudonym"]
            .as_str()
            .unwrap()
            .to_owned();
        let mut signed = body.clone();
        signed["body"] = json!(format!(
            "{} Signed, {pseudonym}.",
            body["body"].as_str().unwrap()
        ));
        let edited = a_author
            .send(Method::PUT, &format!("/api/v1/stories/{id}"), &signed)
            .await;
        assert_eq!(edited.status(), StatusCode::OK);
        submit(a_author, &id).await;
        moderate(&a_admin, &id, json!({"action": "approve"})).await;
        quoted_pseudonym = Some(pseudonym);
    }
    let quoted_pseudonym = quoted_pseudonym.unwrap();
    // 2025Q3: one story alone, agreeing to be quoted; its quarter's count is hidden.
    let alone = "Alone in its quarter";
    published(
        a_author,
        &a_admin,
        &story(
            alone,
            BIRMINGHAM,
            "2025-08",
            &[TAG],
            json!({"consent_quote": true}),
        ),
    )
    .await;
    // Leeds, 2025Q2: five families' stories, bedroom-inspected only.
    for n in 0..5 {
        let b_author = b.member(&format!("b_author_{n}")).await;
        published(
            &b_author,
            &b_admin,
            &story(
                &format!("Leeds story {n}"),
                LEEDS,
                "2025-05",
                &[TAG],
                json!({}),
            ),
        )
        .await;
    }
    // And stories of the quarter to date, which no report ever carries.
    let this_month = chrono::Utc::now().format("%Y-%m").to_string();
    for author in &a_authors {
        let body = story("This quarter", BIRMINGHAM, &this_month, &[TAG], json!({}));
        published(author, &a_admin, &body).await;
    }
    refresh(&a).await;
    refresh(&b).await;
    reports_arrive("Leeds's report on Birmingham's forum", &a, LEEDS, 1).await;
    reports_arrive("Birmingham's reports on Leeds's forum", &b, BIRMINGHAM, 2).await;
    let now = commonthread::stats::Quarter::of(chrono::Utc::now().date_naive()).to_string();
    let received = fed_report::Entity::find().all(&b.state.db).await.unwrap();
    assert!(
        received
            .iter()
            .all(|r| r.quarter != now && r.unit == "family"),
        "no report of the quarter to date, and every one counts families"
    );

    // The same table on both forums (one SQLite, one PostgreSQL), each figure as its
    // forum published it, labelled with that forum and its report.
    let visitor_a = Person::anonymous(&a);
    let visitor_b = Person::anonymous(&b);
    for (reader, local) in [(&visitor_a, &a), (&visitor_b, &b)] {
        let view = compare(reader, &format!("?period=2025Q2&tag={TAG}")).await;
        assert_eq!(view["period"], "2025Q2");
        assert_eq!(view["shown_tag"]["id"], TAG);
        assert_eq!(
            view["columns"],
            json!([{"id": TAG, "label": "Bedroom inspected", "category": "blame"}])
        );
        let areas: Vec<&str> = view["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["area"].as_str().unwrap())
            .collect();
        assert_eq!(areas, [BIRMINGHAM, LEEDS], "sorted by area name");
        for (area, app, stories, reporter) in
            [(BIRMINGHAM, &a, 6, &visitor_a), (LEEDS, &b, 5, &visitor_b)]
        {
            let row = row(&view, area);
            assert_eq!(row["forum"], app.domain());
            assert_eq!(
                row["report_id"],
                app.url(&format!("/ap/reports/{area}/2025Q2"))
            );
            assert_eq!(row["k"], K);
            assert_eq!(row["period"], "2025Q2");
            assert_eq!(row["complete"], true);
            let moment = |field: &str| {
                chrono::DateTime::parse_from_rfc3339(row[field].as_str().unwrap()).unwrap()
            };
            assert!(moment("received_at") >= moment("updated_at"), "{row}");
            assert_eq!(row["unit"], "family");
            assert_eq!(row["families"]["count"], stories);
            assert_eq!(
                row["families"]["count"].as_u64(),
                own_figure(reporter, area, None).await
            );
            let figure = &row["figures"][0];
            assert_eq!(figure["tag"], TAG);
            assert_eq!(
                figure["count"].as_u64(),
                own_figure(reporter, area, Some(TAG)).await
            );
            assert_eq!(figure["rate"], 1.0);
            assert!(figure["rate_low"].as_f64().unwrap() < 1.0);
        }
        let forums: Vec<&str> = view["forums"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["domain"].as_str().unwrap())
            .collect();
        assert_eq!(forums.len(), 2);
        assert_eq!(forums[0], local.domain(), "this forum first");
        // The map: every English area, two coloured, the rest without data.
        assert_eq!(view["map"].as_array().unwrap().len(), 153);
        assert_eq!(map_area(&view, BIRMINGHAM)["status"], "rate");
        assert_eq!(map_area(&view, LEEDS)["status"], "rate");
        assert_eq!(map_area(&view, CORNWALL)["status"], "no_data");
        let coloured = view["map"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["status"] != "no_data")
            .count();
        assert_eq!(coloured, 2);
    }

    // Another tag: Leeds's count of it is hidden, and reads "fewer than 5", with no rate.
    let view = compare(&visitor_a, &format!("?period=2025Q2&tag={TAG2}")).await;
    let leeds = &row(&view, LEEDS)["figures"][0];
    assert_eq!(leeds["count"], Value::Null);
    assert_eq!(leeds["display"], "fewer than 5");
    assert_eq!(leeds["rate"], Value::Null);
    assert_eq!(map_area(&view, LEEDS)["status"], "suppressed");
    let birmingham = map_area(&view, BIRMINGHAM);
    assert_eq!(birmingham["status"], "rate");
    assert!((birmingham["rate"].as_f64().unwrap() - 5.0 / 6.0).abs() < 1e-9);

    // Sorting, and the default tag: the one with a rate in the most areas.
    let by_stories = compare(&visitor_a, "?period=2025Q2&sort=families").await;
    assert_eq!(by_stories["rows"][0]["area"], BIRMINGHAM);
    assert_eq!(by_stories["shown_tag"]["id"], TAG);
    let fewest_first = compare(&visitor_a, "?period=2025Q2&sort=families&order=asc").await;
    assert_eq!(fewest_first["rows"][0]["area"], LEEDS);
    let by_rate = compare(&visitor_a, &format!("?period=2025Q2&sort=rate&tag={TAG2}")).await;
    assert_eq!(
        by_rate["rows"][0]["area"], BIRMINGHAM,
        "a hidden rate sorts last"
    );
    let category = compare(&visitor_a, "?period=2025Q2&category=blame").await;
    assert!(
        category["columns"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["category"] == "blame")
    );
    assert_eq!(
        category["rows"][0]["figures"].as_array().unwrap().len(),
        category["columns"].as_array().unwrap().len()
    );

    // With no period: the newest reported quarter, where Birmingham's one story is hidden.
    let newest = compare(&visitor_a, "").await;
    assert_eq!(newest["period"], "2025Q3");
    assert_eq!(newest["periods"], json!(["2025Q3", "2025Q2"]));
    let hidden = row(&newest, BIRMINGHAM);
    assert_eq!(hidden["families"]["count"], Value::Null);
    assert_eq!(hidden["families"]["display"], "fewer than 5");
    assert!(
        hidden["figures"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["count"].is_null() && f["rate"].is_null())
    );

    // Trends: the tag by quarter for the areas with the most stories.
    let trends = compare(&visitor_a, &format!("?period=2025Q2&tag={TAG}")).await;
    let series = trends["trends"].as_array().unwrap();
    assert_eq!(series.len(), 2);
    let points = series[0]["points"].as_array().unwrap();
    assert_eq!(series[0]["area"], BIRMINGHAM);
    assert_eq!(points.len(), 8);
    assert_eq!(points[0]["period"], "2023Q3");
    assert_eq!(points[7]["period"], "2025Q2");
    assert_eq!(points[7]["status"], "rate");
    assert_eq!(points[6]["status"], "no_data");
    let chosen = compare(
        &visitor_a,
        &format!("?period=2025Q2&tag={TAG}&areas={LEEDS},{CORNWALL}&from=2025Q2&to=2025Q3"),
    )
    .await;
    let series = chosen["trends"].as_array().unwrap();
    assert_eq!(series.len(), 2);
    assert_eq!(series[0]["area"], LEEDS);
    assert_eq!(series[0]["points"][0]["rate"], 1.0);
    assert_eq!(series[0]["points"][0]["forum"], b.domain());
    assert_eq!(series[1]["points"][0]["status"], "no_data");

    // The export: every figure with its provenance, none below k.
    let response = visitor_a
        .get("/api/v1/evidence.json?from=2025Q2&to=2025Q3")
        .await;
    assert!(
        response.headers()[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"evidence-")
    );
    let evidence = json(response, StatusCode::OK).await;
    let figures = evidence["figures"].as_array().unwrap();
    let vocabulary_size = commonthread::patterns::Vocabulary::bundled()
        .unwrap()
        .tags
        .len();
    // Birmingham 2025Q2 and 2025Q3, Leeds 2025Q2: the families and every tag of each.
    assert_eq!(figures.len(), 3 * (1 + vocabulary_size));
    figures.iter().for_each(check_figure);
    let reports: HashSet<&str> = figures
        .iter()
        .map(|f| f["report_id"].as_str().unwrap())
        .collect();
    assert_eq!(reports.len(), 3);
    assert!(reports.contains(b.url(&format!("/ap/reports/{LEEDS}/2025Q2")).as_str()));

    // Quotes: only the story that agreed and screens clean.
    let quotes = evidence["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let quote = &quotes[0];
    let text = quote["text"].as_str().unwrap();
    assert!(text.starts_with(plain), "{text}");
    assert!(text.ends_with("Signed, [the author]."), "{text}");
    assert!(
        !evidence.to_string().contains(&quoted_pseudonym),
        "never the pseudonym"
    );
    for never in [phone, not_asked, alone, "Counted only"] {
        assert!(!evidence.to_string().contains(never), "{never}");
    }
    assert_eq!(quote["area_code"], BIRMINGHAM);
    assert_eq!(quote["period"], "2025Q2");
    assert_eq!(quote["tags"], json!([TAG, TAG2]));
    assert_eq!(quote["forum_domain"], a.domain());
    assert_eq!(
        quote["report_id"],
        a.url(&format!("/ap/reports/{BIRMINGHAM}/2025Q2"))
    );
    assert_eq!(quote["k"], K);
    assert!(quote["received_at"].is_string() && quote["vocabulary_version"].is_u64());
    let mine = json(a_author.get("/api/v1/me/stories").await, StatusCode::OK).await;
    for story in mine["items"].as_array().into_iter().flatten() {
        let pseudonym = story["pseudonym"].as_str().unwrap_or("no pseudonym");
        assert!(!evidence.to_string().contains(pseudonym), "{pseudonym}");
    }

    // The CSV says the same, row for row.
    let response = visitor_a
        .get("/api/v1/evidence.csv?from=2025Q2&to=2025Q3")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[reqwest::header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    let csv = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "record");
    assert!(header.contains(&"report_id".to_owned()) && header.contains(&"k".to_owned()));
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let figure_rows: Vec<&csv::StringRecord> =
        records.iter().filter(|r| &r[0] == "figure").collect();
    assert_eq!(figure_rows.len(), figures.len());
    for (record, figure) in figure_rows.iter().zip(figures) {
        for name in [
            "area_code",
            "period",
            "forum_domain",
            "report_id",
            "received_at",
        ] {
            assert_eq!(
                &record[column(name)],
                figure[name].as_str().unwrap(),
                "{name}"
            );
        }
        assert_eq!(
            &record[column("count")],
            figure["count"]
                .as_u64()
                .map(|c| c.to_string())
                .unwrap_or_default()
        );
        assert_eq!(&record[column("k")], figure["k"].to_string());
        if let Ok(count) = record[column("count")].parse::<u64>() {
            assert!(count >= K);
        }
    }
    let quote_rows: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[0] == "quote").collect();
    assert_eq!(quote_rows.len(), 1);
    assert_eq!(&quote_rows[0][column("quote")], text);
    assert_eq!(
        &quote_rows[0][column("report_id")],
        quote["report_id"].as_str().unwrap()
    );

    // A tag asked for narrows the export to that tag, on the partner's engine too.
    let narrowed = json(
        visitor_b
            .get(&format!(
                "/api/v1/evidence.json?from=2025Q2&to=2025Q2&tag={TAG2}"
            ))
            .await,
        StatusCode::OK,
    )
    .await;
    let figures = narrowed["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 2 * 2, "two reports × (families, the tag)");
    figures.iter().for_each(check_figure);
    assert!(
        narrowed["quotes"].as_array().unwrap().is_empty(),
        "Leeds has no consenting story"
    );

    // Bad queries: 422 with a stable code, never a 500.
    for query in [
        "?period=2025Q5",
        "?period=2099Q1",
        "?tag=not-a-tag",
        "?category=nothing",
        "?from=2025Q3&to=2025Q1",
        "?from=2010Q1&to=2025Q1",
        "?areas=E08000025,nonsense",
        "?areas=,",
        "?sort=colour",
        "?order=sideways",
        "?unknown=1",
    ] {
        for path in [
            "/api/v1/compare",
            "/api/v1/evidence.json",
            "/api/v1/evidence.csv",
        ] {
            problem(
                visitor_a.get(&format!("{path}{query}")).await,
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
            )
            .await;
        }
    }
    let eleven: Vec<&str> = [
        "E08000025",
        "E08000035",
        "E06000052",
        "E06000001",
        "E06000002",
        "E06000003",
        "E06000004",
        "E06000005",
        "E06000006",
        "E06000007",
        "E06000008",
    ]
    .to_vec();
    problem(
        visitor_a
            .get(&format!("/api/v1/compare?areas={}", eleven.join(",")))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
}

#[tokio::test]
async fn evidence_exports_are_rate_limited_and_empty_forums_compare_cleanly() {
    for engine in [Engine::Sqlite, Engine::Postgres] {
        let app = TestApp::spawn_with(engine, |config| {
            config.limits.evidence_exports_per_minute = 2
        })
        .await;
        let visitor = Person::anonymous(&app);
        // Nothing reported yet: an empty table, every area without data.
        let view = compare(&visitor, "").await;
        assert_eq!(view["rows"], json!([]));
        assert_eq!(view["periods"], json!([]));
        assert_eq!(view["shown_tag"], Value::Null);
        assert!(
            view["map"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["status"] == "no_data")
        );
        for path in ["/api/v1/evidence.json", "/api/v1/evidence.csv"] {
            assert_eq!(visitor.get(path).await.status(), StatusCode::OK, "{path}");
        }
        problem(
            visitor.get("/api/v1/evidence.csv").await,
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
        )
        .await;
        // The comparison itself is not limited by exports.
        assert_eq!(
            visitor.get("/api/v1/compare").await.status(),
            StatusCode::OK
        );
    }
}

/// A figure hidden only to protect another (here 5 stories, above k, hidden so that the
/// category minus its published tags does not give the 1 below k) stays hidden on the
/// partner, in its comparison and its export; and a partner's report that breaks the
/// rules is refused even when truly signed by the partner: a figure below k, one above
/// the total, or a group with one hidden figure that subtraction would give.
#[tokio::test]
async fn figures_hidden_to_protect_others_stay_hidden_and_bad_reports_are_refused() {
    let (a, a_admin, b, b_admin) = birmingham_and_leeds().await;

    // Six families' stories, all with TAG; five with TAG2, one with TAG3, all three in
    // "blame".
    let mut author = None;
    for n in 0..6 {
        let tags: &[&str] = if n < 5 { &[TAG, TAG2] } else { &[TAG, TAG3] };
        let writer = a.member(&format!("a_author_{n}")).await;
        published(
            &writer,
            &a_admin,
            &story(
                &format!("Story {n}"),
                BIRMINGHAM,
                "2025-05",
                tags,
                json!({}),
            ),
        )
        .await;
        author = Some(writer);
    }
    let author = author.unwrap();
    refresh(&a).await;
    assert_eq!(own_figure(&author, BIRMINGHAM, Some(TAG)).await, Some(6));
    assert_eq!(
        own_figure(&author, BIRMINGHAM, Some(TAG2)).await,
        None,
        "5 ≥ k, hidden to protect the 1"
    );
    assert_eq!(own_figure(&author, BIRMINGHAM, Some(TAG3)).await, None);
    reports_arrive("the report on B", &b, BIRMINGHAM, 1).await;
    let visitor = Person::anonymous(&b);
    for tag in [TAG2, TAG3] {
        let view = compare(&visitor, &format!("?period=2025Q2&tag={tag}")).await;
        let figure = &row(&view, BIRMINGHAM)["figures"][0];
        assert_eq!(figure["count"], Value::Null, "{figure}");
        assert_eq!(map_area(&view, BIRMINGHAM)["status"], "suppressed");
        for field in ["rate", "rate_low", "rate_high"] {
            assert_eq!(figure[field], Value::Null, "{field}: {figure}");
        }
    }
    let export = json(
        visitor
            .get("/api/v1/evidence.json?from=2025Q2&to=2025Q2")
            .await,
        StatusCode::OK,
    )
    .await;
    let figures = export["figures"].as_array().unwrap();
    figures.iter().for_each(check_figure);
    let counts: Vec<(String, Option<u64>)> = figures
        .iter()
        .map(|f| {
            (
                f["tag"].as_str().unwrap_or("families").to_owned(),
                f["count"].as_u64(),
            )
        })
        .collect();
    assert!(counts.contains(&(TAG.to_owned(), Some(6))), "{counts:?}");
    assert!(counts.contains(&(TAG2.to_owned(), None)), "{counts:?}");
    assert!(counts.contains(&(TAG3.to_owned(), None)), "{counts:?}");
    assert!(
        !export.to_string().contains("0.8333"),
        "no rate of the 5 of 6"
    );

    // Reports signed with A's own key, each breaking one rule, to B's inbox.
    let version = a.state.patterns.vocabulary.version;
    let inbox = url::Url::parse(&b.url("/inbox")).unwrap();
    let send = |n: u32, quarter: &str, total: Option<u32>, figures: Value| {
        let id = a.url(&format!("/ap/reports/{BIRMINGHAM}/{quarter}"));
        let activity = json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "type": "Create", "id": a.url(&format!("/ap/activities/test-{n}")),
            "actor": a.url("/actor"), "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "object": {
                "type": "PatternReport", "id": id, "attributedTo": a.url("/actor"),
                "area": BIRMINGHAM, "period": quarter, "complete": true, "k": K,
                "vocabularyVersion": version, "epsilon": null, "total": total,
                "figures": figures, "updated": chrono::Utc::now().to_rfc3339(),
            },
        });
        let signer = a.state.federation.signer.clone();
        let inbox = inbox.clone();
        let db = b.state.db.clone();
        async move {
            let posted = signer.post(&inbox, activity.to_string()).await.unwrap();
            let stored = fed_report::Entity::find()
                .filter(fed_report::Column::ApId.eq(id))
                .one(&db)
                .await
                .unwrap();
            (posted, stored.is_some())
        }
    };
    let figure = |kind: &str, key: &str, count: Option<u32>| json!({"kind": kind, "key": key, "count": count});
    use commonthread::federation::signing::Posted;
    let refused = Posted::Refused(StatusCode::BAD_REQUEST);
    let below_k = send(1, "2024Q1", Some(6), json!([figure("tag", TAG, Some(3))])).await;
    assert_eq!(below_k, (refused.clone(), false));
    let above_total = send(2, "2024Q2", Some(6), json!([figure("tag", TAG, Some(7))])).await;
    assert_eq!(above_total, (refused.clone(), false));
    let one_hidden_tag = send(
        3,
        "2024Q3",
        Some(6),
        json!([
            figure("category", "blame", Some(6)),
            figure("tag", TAG, Some(6)),
            figure("tag", TAG2, None)
        ]),
    )
    .await;
    assert_eq!(one_hidden_tag, (refused.clone(), false));
    let hidden_total_alone = send(
        4,
        "2024Q4",
        None,
        json!([
            figure("category", "blame", Some(6)),
            figure("tag", TAG, Some(6))
        ]),
    )
    .await;
    assert_eq!(hidden_total_alone, (refused, false));
    // The same key and path with a sound report: taken and stored.
    let sound = send(
        5,
        "2023Q4",
        Some(6),
        json!([
            figure("category", "blame", Some(6)),
            figure("tag", TAG, Some(6)),
            figure("tag", TAG2, None),
            figure("tag", TAG3, None)
        ]),
    )
    .await;
    assert_eq!(sound, (Posted::Taken, true));
    let overview = json(b_admin.get("/api/v1/admin/partners").await, StatusCode::OK).await;
    assert_eq!(overview["refused"]["invalid"], 4, "{overview}");
    a.stop().await;
    b.stop().await;
}
