//! Seeds a database with published stories for the feed benchmark (`bench/feed.sh`).
//!
//! `seed_stories DATABASE_URL COUNT` migrates the database, inserts COUNT public stories
//! (1 to 3 tags each, from the shared vocabulary) with their tag rows, and prints the
//! cursors the benchmark needs, one `name=value` per line. The statistics benchmark
//! (`bench/stats.sh`) uses it too, with the stories spread over more areas and years.
//!
//! Settings, from the environment: `SEED_AREAS` (how many areas, default 5) or
//! `SEED_AREA` (one GSS code: every story there, titled for it, as `make demo` wants);
//! `SEED_YEARS` (default 3, up to 2025); `SEED_FEDERATED=1` (every story shared with
//! partner forums); `SEED_MEMBERS` (how many members write the stories, each a made
//! account that cannot sign in; none by default: every story then has no author and counts
//! as a family of its own); `SEED_SKEWED=1` (some tags far commoner than others, by an amount that
//! differs from area to area, and one story in five agreeing to be quoted: figures worth
//! comparing, as real ones would be). Stories are written as changed now, so that a
//! running forum's federation sweep sends them.

use std::time::Instant;

use anyhow::Context as _;
use chrono::{Duration, Utc};
use commonthread::{
    config::DatabaseConfig,
    db,
    entities::{
        account::{self, Role},
        story::{self, State, Visibility},
        story_tag,
    },
    patterns::Vocabulary,
    stories::feed::Cursor,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QuerySelect};

/// A fixed-seed generator: the same data on every run (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
        usize::try_from(x >> 33).unwrap_or(0) % n
    }
}

/// What the skewed stories say, in turn (the quotes a demonstration forum shows).
const BODIES: [&str; 4] = [
    BODY,
    "The plan was finalised without the changes we had asked for. When we phoned to ask why, \
     we were told the panel had already decided and there was nothing more to discuss.",
    "After I complained about the delays, a social worker arrived to assess our home. She \
     looked in every room and asked our daughter questions without me there.",
    "The school said they could not meet his needs but would not put that in writing. We \
     waited two terms for the local authority to answer our emails.",
];

/// A number from 0 to 1 fixed by two strings (FNV-1a), for per-area tag weights.
fn unit(a: &str, b: &str) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in a.bytes().chain([0]).chain(b.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

const BODY: &str = "We asked for the annual review to be brought forward. When we arrived there \
    were seven people at the table and it was clear they had already met. Reports we had \
    never seen were handed over and we were asked to agree to them there and then.\n\n\
    We asked for the meeting to be adjourned so that we could read them properly. We were \
    told that would delay things for our son. Nobody told us what would happen next.";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .context("usage: seed_stories DATABASE_URL COUNT")?;
    let count: i64 = args
        .next()
        .context("usage: seed_stories DATABASE_URL COUNT")?
        .parse()?;
    let config = DatabaseConfig {
        url: url.try_into().map_err(|e| anyhow::anyhow!("{e}"))?,
        max_connections: 4,
    };
    let db = db::open(&config).await?;
    let vocabulary = Vocabulary::bundled()?;
    let tags: Vec<&str> = vocabulary.tags.iter().map(|t| t.id.as_str()).collect();
    // SEED_AREAS local authorities (5 by default) and SEED_YEARS years up to 2025 (3 by
    // default): the statistics benchmark spreads the stories wider than the feed's does.
    let setting = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&v| v > 0)
            .unwrap_or(default)
    };
    let bundled = commonthread::areas::Areas::bundled()?;
    let mut areas: Vec<&str> = vec![
        "E08000025",
        "E08000035",
        "E10000016",
        "E06000023",
        "E09000022",
    ];
    areas.extend(
        bundled
            .iter()
            .map(|a| a.code.as_str())
            .filter(|c| !areas.contains(c))
            .collect::<Vec<_>>(),
    );
    areas.truncate(setting("SEED_AREAS", 5));
    let one_area = std::env::var("SEED_AREA").ok().filter(|a| !a.is_empty());
    let area_name = match &one_area {
        Some(code) => {
            let code: commonthread::areas::GssCode = code
                .parse()
                .map_err(|e| anyhow::anyhow!("SEED_AREA: {e}"))?;
            let area = bundled
                .get(&code)
                .with_context(|| format!("SEED_AREA: {code} is not an English local authority"))?;
            areas = vec![area.code.as_str()];
            Some(area.name.clone())
        }
        None => None,
    };
    let skewed = std::env::var("SEED_SKEWED").is_ok_and(|v| v == "1");
    // Skewed: tag i weighs 1/(i+1)^1.3, times 0.7 to 1.3 by area (so the commonest tags
    // are common everywhere, at rates that differ); picked by cumulative weight.
    let weights: Vec<Vec<f64>> = areas
        .iter()
        .map(|area| {
            let mut total = 0.0;
            tags.iter()
                .enumerate()
                .map(|(i, tag)| {
                    total += (0.7 + 0.6 * unit(area, tag)) / (i as f64 + 1.0).powf(1.3);
                    total
                })
                .collect()
        })
        .collect();
    let years = setting("SEED_YEARS", 3);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start = Instant::now();
    let now = Utc::now();
    let base = (now - Duration::days(3 * 365)).timestamp_micros();
    let watched = "bedroom-inspected";
    let mut watched_keys = Vec::new();

    // After any stories already there (e.g. a demonstration forum's samples).
    let first: Option<i64> = story::Entity::find()
        .select_only()
        .column_as(story::Column::Id.max(), "max")
        .into_tuple()
        .one(&db)
        .await?
        .flatten();
    // SEED_FEDERATED=1: every story shared with partner forums (the federation benchmark
    // and the demonstration forums).
    let federated = std::env::var("SEED_FEDERATED").is_ok_and(|v| v == "1");
    let offset = first.unwrap_or(0);
    // SEED_MEMBERS: accounts after any already there, each writing a share of the stories.
    let members = std::env::var("SEED_MEMBERS")
        .ok()
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|&v| v > 0)
        .unwrap_or(0);
    let first_member: i64 = account::Entity::find()
        .select_only()
        .column_as(account::Column::Id.max(), "max")
        .into_tuple::<Option<i64>>()
        .one(&db)
        .await?
        .flatten()
        .unwrap_or(0)
        + 1;
    let member_ids: Vec<i64> = (first_member..first_member + members).collect();
    for chunk in member_ids.chunks(2_000) {
        account::Entity::insert_many(chunk.iter().map(|&id| account::ActiveModel {
            id: Set(id),
            handle: Set(format!("seeded_{id}")),
            // Not a hash of anything: nobody can sign in as a seeded member.
            passphrase_hash: Set("seeded".to_owned()),
            role: Set(Role::Member),
            token_version: Set(0),
            forum_name: Set(None),
            created_at: Set(now),
        }))
        .exec(&db)
        .await?;
    }
    let last = offset + count;
    let mut id = offset + 1;
    while id <= last {
        let mut stories = Vec::new();
        let mut tag_rows = Vec::new();
        for _ in 0..500 {
            if id > last {
                break;
            }
            let feed_key = base + id * 1_000_000;
            let area = rng.below(areas.len());
            let mut chosen: Vec<&str> = (0..=rng.below(3))
                .map(|_| {
                    if skewed {
                        let cumulative = &weights[area];
                        let total = cumulative.last().copied().unwrap_or(1.0);
                        let at = rng.below(1_000_000) as f64 / 1_000_000.0 * total;
                        tags[cumulative.partition_point(|&w| w < at).min(tags.len() - 1)]
                    } else {
                        tags[rng.below(tags.len())]
                    }
                })
                .collect();
            chosen.sort_unstable();
            chosen.dedup();
            if chosen.contains(&watched) {
                watched_keys.push(Cursor { feed_key, id });
            }
            for tag in &chosen {
                tag_rows.push(story_tag::ActiveModel {
                    story_id: Set(id),
                    tag: Set((*tag).to_owned()),
                    feed_key: Set(feed_key),
                });
            }
            let at = chrono::DateTime::from_timestamp_micros(feed_key).unwrap_or(now);
            let body = if skewed {
                BODIES[usize::try_from(id).unwrap_or(0) % BODIES.len()]
            } else {
                BODY
            };
            stories.push(story::ActiveModel {
                id: Set(id),
                public_id: Set(format!("{id:0>12}")),
                author_id: Set(
                    (!member_ids.is_empty()).then(|| member_ids[rng.below(member_ids.len())])
                ),
                state: Set(State::Published),
                live: Set(true),
                sample: Set(false),
                title: Set(match &area_name {
                    Some(name) => format!("A generated story from {name} ({id})"),
                    None => format!("Benchmark story {id}"),
                }),
                body: Set(body.to_owned()),
                html: Set(format!("<p>{body}</p>")),
                excerpt: Set(body.chars().take(240).collect()),
                area: Set(Some(areas[area].to_owned())),
                period: Set(format!(
                    "{}-{:02}",
                    2026 - years + rng.below(years),
                    1 + rng.below(12)
                )),
                services: Set("school,la-send".to_owned()),
                tags: Set(chosen.join(",")),
                stage: Set(Some("annual-review".to_owned())),
                age_band: Set(None),
                primary_need: Set(None),
                visibility: Set(if federated {
                    Visibility::Federated
                } else if rng.below(10) == 0 {
                    Visibility::Members
                } else {
                    Visibility::Public
                }),
                consent_count: Set(true),
                consent_quote: Set(skewed && id % 5 == 0),
                content_warnings: Set(String::new()),
                pseudonym: Set("Quiet Lantern".to_owned()),
                pending_edit: Set(None),
                moderator_message: Set(None),
                reaction_count: Set(i32::try_from(rng.below(20)).unwrap_or(0)),
                reply_count: Set(i32::try_from(rng.below(5)).unwrap_or(0)),
                feed_key: Set(Some(feed_key)),
                published_on: Set(Some(at.date_naive())),
                submitted_at: Set(Some(at)),
                created_at: Set(at),
                updated_at: Set(now),
                origin_partner_id: Set(None),
                ap_id: Set(None),
                origin_url: Set(None),
            });
            id += 1;
        }
        story::Entity::insert_many(stories).exec(&db).await?;
        for chunk in tag_rows.chunks(2_000) {
            story_tag::Entity::insert_many(chunk.to_vec())
                .exec(&db)
                .await?;
        }
    }
    // Both planners need fresh statistics after a bulk load.
    sea_orm::ConnectionTrait::execute_unprepared(&db, "ANALYZE").await?;
    let deep = Cursor {
        feed_key: base + (offset + count / 2) * 1_000_000,
        id: offset + count / 2,
    };
    let tag_deep = watched_keys
        .get(watched_keys.len() / 2)
        .copied()
        .unwrap_or(deep);
    eprintln!(
        "seeded {count} stories in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    println!("deep_cursor={}", deep.encode());
    println!("tag={watched}");
    println!("tag_stories={}", watched_keys.len());
    println!("tag_deep_cursor={}", tag_deep.encode());
    Ok(())
}
