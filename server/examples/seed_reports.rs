//! Seeds a database with partners' pattern reports for the comparison benchmark
//! (`bench/compare.sh`).
//!
//! `seed_reports DATABASE_URL` migrates the database and stores, as if received from
//! partner forums (one forum per area), one report per area × quarter: `SEED_AREAS`
//! English areas (150), `SEED_TAGS` tags each (50: the shared vocabulary's, then local
//! ones) and `SEED_QUARTERS` quarters (8)
//! ending with the last complete one. Counts are drawn with a fixed seed; those below
//! k = 10 are stored hidden, as a sender would have hidden them. Prints
//! `period=YYYYQn` (the newest quarter) and `tag=ID` (the first tag) for the benchmark.

use anyhow::Context as _;
use chrono::Utc;
use commonthread::{
    config::DatabaseConfig,
    db,
    entities::{
        fed_partner::{self, FollowedBy, Following},
        fed_report,
    },
    federation::objects::FigureIn,
    patterns::Vocabulary,
    stats::Quarter,
};
use sea_orm::{ActiveValue::Set, EntityTrait};

const K: i32 = 10;

/// A fixed-seed generator (xorshift64*), as the stories seeder uses.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) % n.max(1)
    }
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&v| v > 0)
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = std::env::args()
        .nth(1)
        .context("usage: seed_reports DATABASE_URL")?;
    let config = DatabaseConfig {
        url: url.try_into().map_err(|e| anyhow::anyhow!("{e}"))?,
        max_connections: 4,
    };
    let db = db::open(&config).await?;
    let vocabulary = Vocabulary::bundled()?;
    let areas = commonthread::areas::Areas::bundled()?;
    let area_count = setting("SEED_AREAS", 150).min(areas.len());
    // The shared vocabulary has fewer than 50 tags: the rest are the partners' own
    // (`local:` tags), which the comparison reads past, as it must.
    let wanted = setting("SEED_TAGS", 50);
    let mut tags: Vec<String> = vocabulary
        .tags
        .iter()
        .take(wanted)
        .map(|t| t.id.clone())
        .collect();
    for n in tags.len()..wanted {
        tags.push(format!("local:own-tag-{n}"));
    }
    let last = Quarter::of(Utc::now().date_naive()).minus(1);
    let quarters: Vec<Quarter> = last
        .minus(u32::try_from(setting("SEED_QUARTERS", 8)).unwrap_or(8) - 1)
        .through(last)
        .collect();
    let now = Utc::now();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);

    let mut reports = Vec::new();
    for (index, area) in areas.iter().take(area_count).enumerate() {
        let domain = format!("forum-{index}.example");
        let partner = fed_partner::Entity::insert(fed_partner::ActiveModel {
            domain: Set(domain.clone()),
            actor: Set(format!("https://{domain}/actor")),
            inbox: Set(format!("https://{domain}/inbox")),
            shared_inbox: Set(Some(format!("https://{domain}/inbox"))),
            public_key_pem: Set(String::new()),
            name: Set(Some(format!("{} Parent Carer Forum", area.name))),
            following: Set(Following::Accepted),
            followed_by: Set(FollowedBy::Accepted),
            their_follow: Set(None),
            unreachable_since: Set(None),
            fetched_at: Set(now),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&db)
        .await?
        .last_insert_id;
        for quarter in &quarters {
            let total = 20 + i32::try_from(rng.below(180)).unwrap_or(0);
            let shown = |count: i32| (count >= K).then_some(count);
            let figures: Vec<FigureIn> = tags
                .iter()
                .map(|tag| {
                    // A share of 0 to 60%, so that some counts fall below k.
                    let share = rng.below(60);
                    let count = total * i32::try_from(share).unwrap_or(0) / 100;
                    FigureIn {
                        kind: "tag".to_owned(),
                        key: tag.clone(),
                        count: shown(count),
                    }
                })
                .collect();
            reports.push(fed_report::ActiveModel {
                ap_id: Set(format!(
                    "https://{domain}/ap/reports/{}/{quarter}",
                    area.code
                )),
                partner_id: Set(partner),
                area: Set(area.code.as_str().to_owned()),
                quarter: Set(quarter.to_string()),
                k: Set(K),
                vocabulary_version: Set(i32::try_from(vocabulary.version).unwrap_or(1)),
                total: Set(shown(total)),
                figures: Set(serde_json::to_string(&figures)?),
                updated_at: Set(now),
                received_at: Set(now),
                complete: Set(Some(true)),
                epsilon: Set(None),
                ..Default::default()
            });
        }
    }
    let count = reports.len();
    for chunk in reports.chunks(200) {
        fed_report::Entity::insert_many(chunk.to_vec())
            .exec(&db)
            .await?;
    }
    sea_orm::ConnectionTrait::execute_unprepared(&db, "ANALYZE").await?;
    eprintln!(
        "seeded {count} reports: {area_count} areas × {} quarters × {} tags",
        quarters.len(),
        tags.len()
    );
    println!("period={last}");
    println!("tag={}", tags.first().cloned().unwrap_or_default());
    Ok(())
}
