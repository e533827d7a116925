//! Stories, moderation and peer support, end to end on both engines: the lifecycle,
//! who may read what, editing and withdrawal, the append-only log, reports, replies
//! under both moderation settings, one reaction per member, limits, and XSS.

use reqwest::{Method, StatusCode};
use rstest::rstest;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::harness::{
    Engine, FORUM_AREA, TestApp, json,
    members::Person,
    problem,
    stories::{approve_reply, draft, feed_ids, moderate, published, submit},
};

fn story(title: &str, body: &str, visibility: &str) -> Value {
    json!({
        "title": title, "body": body, "area": FORUM_AREA, "period": "2025-03",
        "services": ["social-care"], "stage": "child-in-need",
        "tags": ["bedroom-inspected"], "visibility": visibility,
    })
}

async fn log(reader: &Person) -> Vec<Value> {
    json(reader.get("/api/v1/moderation/log").await, StatusCode::OK)
        .await
        .as_array()
        .unwrap()
        .clone()
}

async fn notification_kinds(reader: &Person) -> Vec<String> {
    let body = json(reader.get("/api/v1/notifications").await, StatusCode::OK).await;
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_story_goes_from_draft_to_published_and_back_for_an_edit(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    let reader = app.member("reader").await;

    // A draft needs a title and a text before it can go to the moderators.
    let id = draft(&author, &story("", "", "public")).await;
    problem(
        author
            .send(
                Method::POST,
                &format!("/api/v1/stories/{id}/submit"),
                &json!(null),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "story_incomplete",
    )
    .await;
    let saved = json(
        author
            .send(
                Method::PUT,
                &format!("/api/v1/stories/{id}"),
                &story(
                    "They inspected her bedroom",
                    "The social worker asked to see **her room**.",
                    "public",
                ),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        saved["html"],
        "<p>The social worker asked to see <strong>her room</strong>.</p>\n"
    );
    let pseudonym = saved["pseudonym"].as_str().unwrap().to_owned();
    assert_eq!(pseudonym.split(' ').count(), 2, "{pseudonym}");
    assert!(
        !saved.to_string().contains("parent"),
        "the handle never shows: {saved}"
    );

    // Not yet published: only the author and moderators can see it.
    problem(
        reader.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let pending = submit(&author, &id).await;
    assert_eq!(pending["state"], "pending");
    problem(
        author
            .send(
                Method::POST,
                &format!("/api/v1/stories/{id}/submit"),
                &json!(null),
            )
            .await,
        StatusCode::CONFLICT,
        "invalid_state",
    )
    .await;

    // The queue shows it with its findings; the moderator asks for a change.
    let queue = json(
        moderator.get("/api/v1/moderation/queue").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(queue["stories"][0]["story"]["id"], id.as_str());
    assert_eq!(queue["stories"][0]["kind"], "new");
    let sent_back = moderate(
        &moderator,
        &id,
        json!({"action": "request_changes", "reason": "Please say which month."}),
    )
    .await;
    assert_eq!(sent_back["state"], "changes-requested");
    let mine = json(author.get("/api/v1/me/stories").await, StatusCode::OK).await;
    assert_eq!(mine[0]["moderator_message"], "Please say which month.");
    assert_eq!(notification_kinds(&author).await, ["changes_requested"]);

    // Resubmitted and approved: in the feed, for anyone.
    submit(&author, &id).await;
    moderate(&moderator, &id, json!({"action": "approve"})).await;
    let anyone = Person::anonymous(&app);
    assert_eq!(feed_ids(&anyone, "").await, std::slice::from_ref(&id));
    let read = json(
        anyone.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        read["body"],
        Value::Null,
        "readers get the HTML, not the source"
    );
    assert_eq!(
        read["published"],
        chrono::Utc::now().date_naive().to_string()
    );

    // An edit waits for a moderator; the published version stays up meanwhile.
    let edited = json(
        author
            .send(
                Method::PUT,
                &format!("/api/v1/stories/{id}"),
                &story("They inspected her bedroom", "Edited text.", "public"),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(edited["state"], "pending");
    assert_eq!(edited["pending_edit"]["body"], "Edited text.");
    let read = json(
        anyone.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert!(
        read["html"].as_str().unwrap().contains("her room"),
        "{read}"
    );
    assert_eq!(read["pending_edit"], Value::Null);
    let queue = json(
        moderator.get("/api/v1/moderation/queue").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(queue["stories"][0]["kind"], "edit");
    assert_eq!(queue["stories"][0]["text"], "Edited text.");
    moderate(&moderator, &id, json!({"action": "approve"})).await;
    let read = json(
        anyone.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read["html"], "<p>Edited text.</p>\n");
    assert_eq!(
        read["pseudonym"],
        pseudonym.as_str(),
        "an edit keeps the pseudonym"
    );

    // Narrowing who may read it applies at once, before any moderator looks.
    author
        .send(
            Method::PUT,
            &format!("/api/v1/stories/{id}"),
            &story("They inspected her bedroom", "Edited text.", "members"),
        )
        .await;
    problem(
        anyone.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    json(
        reader.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::OK,
    )
    .await;

    // A second story is rejected; rejected stories cannot be edited.
    let other = draft(&author, &story("Second", "Another time.", "public")).await;
    submit(&author, &other).await;
    problem(
        moderator
            .send(
                Method::POST,
                &format!("/api/v1/moderation/stories/{other}"),
                &json!({"action": "reject"}),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let rejected = moderate(
        &moderator,
        &other,
        json!({"action": "reject", "reason": "It names the school."}),
    )
    .await;
    assert_eq!(rejected["state"], "rejected");
    problem(
        author
            .send(
                Method::PUT,
                &format!("/api/v1/stories/{other}"),
                &story("Second", "x", "public"),
            )
            .await,
        StatusCode::CONFLICT,
        "invalid_state",
    )
    .await;

    // Withdrawal: the text goes; the id answers "withdrawn"; the feed forgets it.
    let withdrawn = author
        .request(Method::DELETE, &format!("/api/v1/stories/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(withdrawn.status(), StatusCode::NO_CONTENT);
    problem(
        reader.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::GONE,
        "withdrawn",
    )
    .await;
    assert!(feed_ids(&reader, "").await.is_empty());
    let row = commonthread::stories::store::find(&app.state.db, &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            row.title.as_str(),
            row.body.as_str(),
            row.html.as_str(),
            row.tags.as_str()
        ),
        ("", "", "", "")
    );

    // The log names the story and the reasons, never its text; members can read it.
    let entries = log(&reader).await;
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "story_rejected",
            "story_approved",
            "story_approved",
            "changes_requested",
            "role_changed"
        ]
    );
    assert_eq!(entries[0]["story_id"], other.as_str());
    assert_eq!(entries[0]["reason"], "It names the school.");
    assert!(
        !serde_json::to_string(&entries)
            .unwrap()
            .contains("social worker")
    );
    // The withdrawn story's notifications went with it.
    assert_eq!(notification_kinds(&author).await, ["story_rejected"]);
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn each_visibility_is_read_by_exactly_the_right_people(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    let member = app.member("other").await;
    let anyone = Person::anonymous(&app);

    let mut ids = Vec::new();
    for visibility in ["counted-only", "members", "public", "federated"] {
        ids.push((
            visibility,
            published(&author, &moderator, &story(visibility, "Text.", visibility)).await,
        ));
    }
    let unpublished = draft(&author, &story("draft", "Text.", "public")).await;
    let waiting = draft(&author, &story("waiting", "Text.", "public")).await;
    submit(&author, &waiting).await;

    // (reader, may read: counted-only, members, public, federated, draft, pending).
    // A draft is the author's alone until it is sent to the moderators.
    let table: [(&str, &Person, [bool; 6]); 5] = [
        ("anyone", &anyone, [false, false, true, true, false, false]),
        ("member", &member, [false, true, true, true, false, false]),
        ("author", &author, [true, true, true, true, true, true]),
        (
            "moderator",
            &moderator,
            [true, true, true, true, false, true],
        ),
        ("admin", &admin, [true, true, true, true, false, true]),
    ];
    let all: Vec<&str> = ids
        .iter()
        .map(|(_, id)| id.as_str())
        .chain([unpublished.as_str(), waiting.as_str()])
        .collect();
    for (who, person, expected) in table {
        for (id, may) in all.iter().zip(expected) {
            let status = person.get(&format!("/api/v1/stories/{id}")).await.status();
            let want = if may {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(status, want, "{who} reading {id}");
        }
        // The feed never shows counted-only stories, even to their author.
        let feed = feed_ids(person, "").await;
        let shown: Vec<&str> = ids
            .iter()
            .filter(|(_, id)| feed.contains(id))
            .map(|(v, _)| *v)
            .collect();
        let expected_feed: &[&str] = if who == "anyone" {
            &["public", "federated"]
        } else {
            &["members", "public", "federated"]
        };
        assert_eq!(shown, expected_feed, "{who}'s feed");
    }
    // Only the author may change or withdraw it, whoever else reads it.
    for person in [&member, &moderator, &admin] {
        problem(
            person
                .send(
                    Method::PUT,
                    &format!("/api/v1/stories/{}", ids[2].1),
                    &story("x", "y", "public"),
                )
                .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        problem(
            person
                .request(Method::DELETE, &format!("/api/v1/stories/{}", ids[2].1))
                .send()
                .await
                .unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    // Members cannot moderate.
    problem(
        member
            .send(
                Method::POST,
                &format!("/api/v1/moderation/stories/{waiting}"),
                &json!({"action": "approve"}),
            )
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    problem(
        member.get("/api/v1/moderation/queue").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn the_moderation_log_cannot_be_changed_or_deleted(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    published(&author, &moderator, &story("t", "b", "public")).await;
    let before = log(&author).await;
    assert_eq!(before.len(), 2);
    let id = before[0]["id"].as_i64().unwrap();

    // No route changes it…
    for method in [Method::PUT, Method::PATCH, Method::DELETE, Method::POST] {
        let response = author
            .send(method.clone(), "/api/v1/moderation/log", &json!({}))
            .await;
        problem(
            response,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        )
        .await;
    }
    // …and the database itself refuses, whatever the query.
    let db = &app.state.db;
    for sql in [
        format!("UPDATE moderation_log SET reason = 'changed' WHERE id = {id}"),
        format!("UPDATE moderation_log SET action = 'nothing' WHERE id = {id}"),
        format!("UPDATE moderation_log SET actor_id = {} WHERE id = {id}", 1),
        format!("DELETE FROM moderation_log WHERE id = {id}"),
        "DELETE FROM moderation_log".to_owned(),
    ] {
        let result = db.execute_unprepared(&sql).await;
        assert!(result.is_err(), "{sql} was allowed");
    }
    assert_eq!(log(&author).await, before);

    // Erasing the moderator empties the column that named them, and nothing else.
    let response = moderator
        .send(
            Method::DELETE,
            "/api/v1/me",
            &json!({"passphrase": moderator.passphrase}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let after = log(&author).await;
    assert_eq!(after[0]["actor"], Value::Null);
    assert_eq!(after[0]["action"], before[0]["action"]);
    assert_eq!(after[0]["story_id"], before[0]["story_id"]);
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn replies_wait_for_a_moderator_under_pre_moderation(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    let replier = app.member("friend").await;
    let other = app.member("other").await;
    let instance = json(app.get("/api/v1/instance").await, StatusCode::OK).await;
    assert_eq!(instance["reply_moderation"], "pre");
    let id = published(&author, &moderator, &story("t", "b", "members")).await;
    let path = format!("/api/v1/stories/{id}/replies");

    let reply = json(
        replier
            .send(Method::POST, &path, &json!({"body": "Same here. *Hugs.*"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(reply["state"], "pending");
    assert_eq!(reply["html"], "<p>Same here. <em>Hugs.</em></p>\n");
    let reply_id = reply["id"].as_i64().unwrap();
    // Its writer sees it waiting; others do not see it yet.
    assert_eq!(
        json(replier.get(&path).await, StatusCode::OK)
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(
        json(other.get(&path).await, StatusCode::OK)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    let queue = json(
        moderator.get("/api/v1/moderation/queue").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(queue["replies"][0]["reply"]["id"], reply_id);

    let approved = approve_reply(&moderator, reply_id).await;
    assert_eq!(approved["state"], "published");
    let seen = json(other.get(&path).await, StatusCode::OK).await;
    assert_eq!(seen[0]["pseudonym"], reply["pseudonym"]);
    assert_eq!(
        json(
            author.get(&format!("/api/v1/stories/{id}")).await,
            StatusCode::OK
        )
        .await["replies"],
        1
    );
    assert!(
        notification_kinds(&author)
            .await
            .contains(&"reply_received".to_owned())
    );
    assert!(
        notification_kinds(&replier)
            .await
            .contains(&"reply_approved".to_owned())
    );

    // The author's own reply carries the story's pseudonym; a second reply by the same
    // member keeps theirs within the thread.
    let by_author = json(
        author
            .send(Method::POST, &path, &json!({"body": "Thank you."}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(by_author["by_author"], true);
    let story_view = json(
        author.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(by_author["pseudonym"], story_view["pseudonym"]);
    let again = json(
        replier
            .send(Method::POST, &path, &json!({"body": "Again."}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(again["pseudonym"], reply["pseudonym"]);

    // Rejected replies never appear.
    let rejected = json(
        moderator
            .send(
                Method::POST,
                &format!("/api/v1/moderation/replies/{}", again["id"]),
                &json!({"action": "reject", "reason": "Off topic"}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(rejected["state"], "rejected");
    assert_eq!(
        json(other.get(&path).await, StatusCode::OK)
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Replies need a published story, and a body.
    let unpublished = draft(&author, &story("d", "b", "public")).await;
    problem(
        author
            .send(
                Method::POST,
                &format!("/api/v1/stories/{unpublished}/replies"),
                &json!({"body": "x"}),
            )
            .await,
        StatusCode::CONFLICT,
        "invalid_state",
    )
    .await;
    problem(
        replier
            .send(Method::POST, &path, &json!({"body": "   "}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    problem(
        Person::anonymous(&app)
            .send(Method::POST, &path, &json!({"body": "x"}))
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn replies_appear_at_once_under_post_moderation_and_reports_reach_the_queue(
    #[case] engine: Engine,
) {
    let app = TestApp::spawn_with(engine, |c| {
        c.forum.reply_moderation = commonthread::config::ReplyModeration::Post
    })
    .await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    let replier = app.member("friend").await;
    let reader = app.member("reader").await;
    let id = published(&author, &moderator, &story("t", "b", "public")).await;
    let path = format!("/api/v1/stories/{id}/replies");
    let reply = json(
        replier
            .send(Method::POST, &path, &json!({"body": "Rude words"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(reply["state"], "published");
    let anyone = Person::anonymous(&app);
    assert_eq!(
        json(anyone.get(&path).await, StatusCode::OK)
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        notification_kinds(&author).await,
        ["reply_received", "story_approved"]
    );

    // A reader reports the reply and the story; both reach the queue, oldest first.
    let reports = format!("/api/v1/stories/{id}/reports");
    json(
        reader
            .send(
                Method::POST,
                &reports,
                &json!({"reason": "harmful", "reply_id": reply["id"], "note": "Unkind"}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    json(
        reader
            .send(Method::POST, &reports, &json!({"reason": "identifying"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    problem(
        reader
            .send(Method::POST, &reports, &json!({"reason": "boring"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    problem(
        reader
            .send(
                Method::POST,
                &reports,
                &json!({"reason": "spam", "reply_id": 999_999}),
            )
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let queue = json(
        moderator.get("/api/v1/moderation/queue").await,
        StatusCode::OK,
    )
    .await;
    let queued = queue["reports"].as_array().unwrap();
    assert_eq!(queued.len(), 2);
    assert_eq!(queued[0]["reason"], "harmful");
    assert_eq!(queued[0]["reply_html"], "<p>Rude words</p>\n");
    assert_eq!(queued[1]["reason"], "identifying");

    // The moderator takes the reply down and closes the report; dismisses the other.
    json(
        moderator
            .send(
                Method::POST,
                &format!("/api/v1/moderation/replies/{}", reply["id"]),
                &json!({"action": "reject", "reason": "Unkind"}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(
        json(anyone.get(&path).await, StatusCode::OK)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        json(
            anyone.get(&format!("/api/v1/stories/{id}")).await,
            StatusCode::OK
        )
        .await["replies"],
        0
    );
    for (report, action) in [(&queued[0], "resolve"), (&queued[1], "dismiss")] {
        let response = moderator
            .send(
                Method::POST,
                &format!("/api/v1/moderation/reports/{}", report["id"]),
                &json!({"action": action}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }
    problem(
        moderator
            .send(
                Method::POST,
                &format!("/api/v1/moderation/reports/{}", queued[0]["id"]),
                &json!({"action": "dismiss"}),
            )
            .await,
        StatusCode::CONFLICT,
        "invalid_state",
    )
    .await;
    assert!(
        json(
            moderator.get("/api/v1/moderation/queue").await,
            StatusCode::OK
        )
        .await["reports"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let actions: Vec<String> = log(&reader)
        .await
        .iter()
        .take(3)
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        actions,
        ["report_dismissed", "report_resolved", "reply_rejected"]
    );

    // A moderator can take a published story down.
    let down = moderate(
        &moderator,
        &id,
        json!({"action": "unpublish", "reason": "Identifying"}),
    )
    .await;
    assert_eq!(down["live"], false);
    problem(
        anyone.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn each_member_says_this_happened_to_us_too_once(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    let one = app.member("one").await;
    let two = app.member("two").await;
    let id = published(&author, &moderator, &story("t", "b", "public")).await;
    let path = format!("/api/v1/stories/{id}/reactions");

    let first = json(
        one.send(Method::POST, &path, &json!(null)).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(first, json!({"count": 1, "mine": true}));
    problem(
        one.send(Method::POST, &path, &json!(null)).await,
        StatusCode::CONFLICT,
        "already_reacted",
    )
    .await;
    json(
        two.send(Method::POST, &path, &json!(null)).await,
        StatusCode::CREATED,
    )
    .await;
    problem(
        author.send(Method::POST, &path, &json!(null)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "own_story",
    )
    .await;
    problem(
        Person::anonymous(&app)
            .send(Method::POST, &path, &json!(null))
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;

    let seen = json(
        author.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(seen["reactions"], json!({"count": 2, "mine": false}));
    let mine = json(
        one.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine["reactions"]["mine"], true);

    let undone = json(
        one.send(Method::DELETE, &path, &json!(null)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(undone, json!({"count": 1, "mine": false}));
    json(
        one.send(Method::DELETE, &path, &json!(null)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        json(
            author.get(&format!("/api/v1/stories/{id}")).await,
            StatusCode::OK
        )
        .await["reactions"]["count"],
        1
    );
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn every_limit_answers_with_a_clear_problem(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.limits.posts_per_hour = 4).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    let author = &author;
    let post =
        |body: Value| async move { author.send(Method::POST, "/api/v1/stories", &body).await };

    let mut long_title = story(&"t".repeat(141), "b", "public");
    problem(
        post(long_title.clone()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "text_too_long",
    )
    .await;
    long_title["title"] = json!("é".repeat(140));
    long_title["body"] = json!("b".repeat(20_000));
    let at_limit = draft(author, &long_title).await;
    long_title["body"] = json!("b".repeat(20_001));
    let too_long = problem(
        post(long_title).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "text_too_long",
    )
    .await;
    assert!(
        too_long["detail"].as_str().unwrap().contains("20000"),
        "{too_long}"
    );

    for (field, value) in [
        ("period", json!("2025-03-14")),
        ("period", json!("2099")),
        ("area", json!("E99999999")),
        ("visibility", json!("everyone")),
        ("services", json!(["school", "school"])),
        ("tags", json!(["not-a-tag"])),
        (
            "tags",
            json!((0..13).map(|i| format!("t{i}")).collect::<Vec<_>>()),
        ),
        ("content_warnings", json!(["spoilers"])),
        ("stage", json!("unknown")),
    ] {
        let mut body = story("t", "b", "public");
        body[field] = value.clone();
        problem(
            post(body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    }
    let mut unknown = story("t", "b", "public");
    unknown["handle"] = json!("parent");
    problem(
        post(unknown).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let mut forum_name = story("t", "b", "public");
    forum_name["pseudonym_mode"] = json!("forum-name");
    problem(
        post(forum_name).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "forum_name_missing",
    )
    .await;

    // Replies: 5,000 characters.
    submit(author, &at_limit).await;
    moderate(&moderator, &at_limit, json!({"action": "approve"})).await;
    let replies = format!("/api/v1/stories/{at_limit}/replies");
    problem(
        moderator
            .send(Method::POST, &replies, &json!({"body": "r".repeat(5_001)}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "text_too_long",
    )
    .await;
    problem(
        moderator
            .send(
                Method::POST,
                &format!("/api/v1/stories/{at_limit}/reports"),
                &json!({"reason": "other", "note": "n".repeat(1_001)}),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "text_too_long",
    )
    .await;
    problem(
        moderator
            .send(
                Method::POST,
                &format!("/api/v1/moderation/stories/{at_limit}"),
                &json!({"action": "unpublish", "reason": "r".repeat(1_001)}),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "text_too_long",
    )
    .await;

    // The feed's filters and cursor are checked.
    for query in [
        "?limit=0",
        "?limit=51",
        "?cursor=junk",
        "?period=2025-3",
        "?area=Leeds",
        "?tag=nope",
        "?category=nope",
        "?service=police",
    ] {
        problem(
            author.get(&format!("/api/v1/stories{query}")).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    }

    // Four posts an hour for this forum: the author has made one; three more, then 429.
    for _ in 0..3 {
        draft(author, &story("t", "b", "public")).await;
    }
    let limited = post(story("t", "b", "public")).await;
    assert!(limited.headers().contains_key("retry-after"));
    problem(limited, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;

    // Forum names: checked, unique, never the handle, never pseudonym-shaped.
    let name = |n: Value| async move {
        author
            .send(
                Method::PUT,
                "/api/v1/me/forum-name",
                &json!({"forum_name": n}),
            )
            .await
    };
    for bad in ["ab", "parent", "Sam <b>", &"x".repeat(41)] {
        problem(
            name(json!(bad)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    }
    json(name(json!("Sam from the coast")).await, StatusCode::OK).await;
    problem(
        moderator
            .send(
                Method::PUT,
                "/api/v1/me/forum-name",
                &json!({"forum_name": "Sam from the coast"}),
            )
            .await,
        StatusCode::CONFLICT,
        "forum_name_taken",
    )
    .await;
    assert_eq!(
        json(author.me().await, StatusCode::OK).await["forum_name"],
        "Sam from the coast"
    );
}

/// As many vectors as fit in `max` characters, a paragraph each.
fn fitting(vectors: &[&str], max: usize) -> String {
    let mut text = String::new();
    for vector in vectors {
        if text.chars().count() + vector.chars().count() + 2 > max {
            break;
        }
        text.push_str(vector);
        text.push_str("\n\n");
    }
    text
}

/// Everything between `<` and `>` in sanitised HTML: ammonia escapes every other `<`.
fn tags_in(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or("").to_lowercase())
        .collect()
}

fn assert_harmless(html: &str, vector: &str) {
    for tag in tags_in(html) {
        let name = tag
            .trim_start_matches('/')
            .split([' ', '\t', '\n'])
            .next()
            .unwrap_or("");
        assert!(
            [
                "p",
                "br",
                "em",
                "strong",
                "del",
                "a",
                "ul",
                "ol",
                "li",
                "blockquote",
                "code",
                "pre",
                "h3",
                "h4",
                "hr",
                "table",
                "thead",
                "tbody",
                "tr",
                "th",
                "td"
            ]
            .contains(&name),
            "tag <{tag}> from {vector:?}: {html}"
        );
        let attributes = tag.split_once(' ').map_or("", |(_, a)| a);
        assert!(
            !attributes.contains("javascript:")
                && !attributes.contains("vbscript:")
                && !attributes.contains("data:"),
            "<{tag}> from {vector:?}"
        );
        for attribute in attributes.split_whitespace() {
            let key = attribute.split('=').next().unwrap_or("");
            assert!(
                ["href", "rel"].contains(&key) || !attribute.contains('='),
                "attribute {attribute} from {vector:?}"
            );
        }
    }
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn owasp_filter_evasion_vectors_come_out_harmless(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| {
        c.limits.posts_per_hour = 10_000;
        c.forum.reply_moderation = commonthread::config::ReplyModeration::Post;
    })
    .await;
    let admin = app.admin("admin").await;
    let author = app.member("parent").await;
    let vectors: Vec<&str> = include_str!("../data/xss-vectors.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert!(vectors.len() > 150, "{}", vectors.len());

    // Every vector in one story body (a paragraph each), and each as a reply.
    let body = vectors.join("\n\n");
    let mut input = story("<script>alert(1)</script>", &body, "public");
    input["tags"] = json!([]);
    let id = draft(&author, &input).await;
    submit(&author, &id).await;
    moderate(&admin, &id, json!({"action": "approve"})).await;
    let read = json(
        Person::anonymous(&app)
            .get(&format!("/api/v1/stories/{id}"))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_harmless(read["html"].as_str().unwrap(), "the story");
    let path = format!("/api/v1/stories/{id}/replies");
    for vector in &vectors {
        let reply = json(
            admin
                .send(Method::POST, &path, &json!({"body": vector}))
                .await,
            StatusCode::CREATED,
        )
        .await;
        assert_harmless(reply["html"].as_str().unwrap(), vector);
    }
    for reply in json(app.get(&path).await, StatusCode::OK)
        .await
        .as_array()
        .unwrap()
    {
        assert_harmless(reply["html"].as_str().unwrap(), "a listed reply");
    }
    // Signposting texts go through the same cleaner.
    let signpost = json(
        admin
            .send(
                Method::PUT,
                "/api/v1/admin/signposts/bedroom-inspected",
                &json!({"text": fitting(&vectors, 1_000)}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_harmless(signpost["html"].as_str().unwrap(), "a signpost");
    // Plain-text fields are JSON strings the web app shows as text; the feed's excerpt
    // is plain text with no markup at all.
    let feed = json(app.get("/api/v1/stories").await, StatusCode::OK).await;
    let excerpt = feed["items"][0]["excerpt"].as_str().unwrap();
    assert!(!excerpt.contains("<p>"), "{excerpt}");
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn the_feed_filters_and_pages_by_keyset(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.limits.posts_per_hour = 1_000).await;
    let admin = app.admin("admin").await;
    let author = app.member("parent").await;
    let mut ids = Vec::new();
    for i in 0..7 {
        let mut input = story(&format!("story {i}"), "b", "public");
        input["period"] = json!(if i % 2 == 0 { "2024-05" } else { "2025" });
        input["services"] = json!(if i < 3 {
            vec!["school"]
        } else {
            vec!["health", "tribunal"]
        });
        input["tags"] = json!(if i % 3 == 0 {
            vec!["bedroom-inspected"]
        } else {
            vec![]
        });
        input["area"] = json!(if i == 6 { "not-said" } else { FORUM_AREA });
        ids.push(published(&author, &admin, &input).await);
    }
    ids.reverse(); // newest first
    let anyone = Person::anonymous(&app);

    // Three pages of three, with no repeat and no gap.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = cursor
            .as_ref()
            .map_or("?limit=3".to_owned(), |c| format!("?limit=3&cursor={c}"));
        let page = json(
            anyone.get(&format!("/api/v1/stories{query}")).await,
            StatusCode::OK,
        )
        .await;
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, ids);

    let pick = |indices: &[usize]| {
        indices
            .iter()
            .map(|&i| ids[6 - i].clone())
            .rev()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        feed_ids(&anyone, "?tag=bedroom-inspected").await,
        pick(&[0, 3, 6])
    );
    assert_eq!(feed_ids(&anyone, "?category=blame").await, pick(&[0, 3, 6]));
    assert_eq!(feed_ids(&anyone, "?service=school").await, pick(&[0, 1, 2]));
    assert_eq!(feed_ids(&anyone, "?period=2024").await, pick(&[0, 2, 4, 6]));
    assert_eq!(feed_ids(&anyone, "?period=2025").await, pick(&[1, 3, 5]));
    assert_eq!(
        feed_ids(&anyone, "?period=2024-05").await,
        pick(&[0, 2, 4, 6])
    );
    assert_eq!(feed_ids(&anyone, "?area=not-said").await, pick(&[6]));
    assert_eq!(
        feed_ids(&anyone, &format!("?area={FORUM_AREA}&service=health")).await,
        pick(&[3, 4, 5])
    );
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_demonstration_forum_starts_with_marked_sample_stories_once(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.forum.sample_stories = true).await;
    let instance = json(app.get("/api/v1/instance").await, StatusCode::OK).await;
    assert_eq!(instance["samples"], true);
    let anyone = Person::anonymous(&app);
    let page = json(anyone.get("/api/v1/stories?limit=50").await, StatusCode::OK).await;
    let items = page["items"].as_array().unwrap();
    // 14 samples; members-only ones are for members.
    assert!(items.len() >= 10, "{}", items.len());
    assert!(items.iter().all(|s| s["sample"] == true));
    let member = app.member("parent").await;
    let all = json(member.get("/api/v1/stories?limit=50").await, StatusCode::OK).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 14);

    // A restart on the same database adds none again.
    let database = app.stop().await;
    let app = TestApp::start(database, |c| c.forum.sample_stories = true).await;
    let member = Person::another_browser_of(&app, "parent", &member.passphrase);
    json(member.sign_in().await, StatusCode::OK).await;
    let again = json(member.get("/api/v1/stories?limit=50").await, StatusCode::OK).await;
    assert_eq!(again["items"].as_array().unwrap().len(), 14);
}
