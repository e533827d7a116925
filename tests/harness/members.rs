//! People using a test forum: each a browser-like client with its own cookie jar, made
//! through the real API (the first admin through the service, as the CLI makes one).

use std::sync::Arc;

use commonthread::accounts::types::{Passphrase, Role};
use reqwest::{Method, RequestBuilder, Response, StatusCode, cookie::Jar};
use serde_json::{Value, json};

use super::{TestApp, json as json_body};

/// A passphrase zxcvbn rates strong, different per person.
pub fn strong_passphrase(handle: &str) -> String {
    format!("{handle} lantern orchard cobalt meadow")
}

/// Someone with a browser: cookies kept between requests, our CSRF header sent.
pub struct Person {
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    pub base_url: String,
    pub handle: String,
    pub passphrase: String,
    pub recovery_codes: Vec<String>,
}

impl Person {
    pub fn anonymous(app: &TestApp) -> Self {
        Self::at(&app.base_url, "", "")
    }

    /// Someone with a browser of their own at `base_url` (a forum run as a process), not
    /// yet signed in.
    pub fn at(base_url: &str, handle: &str, passphrase: &str) -> Self {
        let jar = Arc::new(Jar::default());
        Self {
            client: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            jar,
            base_url: base_url.to_owned(),
            handle: handle.to_owned(),
            passphrase: passphrase.to_owned(),
            recovery_codes: Vec::new(),
        }
    }

    /// The same person in a second browser (its own cookies), not yet signed in.
    pub fn another_browser_of(app: &TestApp, handle: &str, passphrase: &str) -> Self {
        Self {
            handle: handle.to_owned(),
            passphrase: passphrase.to_owned(),
            ..Self::anonymous(app)
        }
    }

    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base_url))
            .header("X-Requested-With", "commonthread")
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path).send().await.unwrap()
    }

    pub async fn send(&self, method: Method, path: &str, body: &Value) -> Response {
        self.request(method, path).json(body).send().await.unwrap()
    }

    /// The value of one of our cookies as the browser would send it to `path`.
    pub fn cookie(&self, name: &str, path: &str) -> Option<String> {
        let url = format!("{}{path}", self.base_url).parse().unwrap();
        let header = reqwest::cookie::CookieStore::cookies(self.jar.as_ref(), &url)?;
        header
            .to_str()
            .unwrap()
            .split("; ")
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")).map(str::to_owned))
    }

    /// Puts a cookie back, as a thief replaying a stolen one would.
    pub fn set_cookie(&self, name: &str, value: &str, path: &str) {
        let url = format!("{}{path}", self.base_url).parse().unwrap();
        self.jar
            .add_cookie_str(&format!("{name}={value}; Path={path}"), &url);
    }

    pub async fn sign_in(&self) -> Response {
        self.send(
            Method::POST,
            "/api/v1/session",
            &json!({"handle": self.handle, "passphrase": self.passphrase}),
        )
        .await
    }

    pub async fn me(&self) -> Response {
        self.get("/api/v1/me").await
    }
}

impl TestApp {
    /// Joins through the API as a new member, signed in.
    pub async fn member(&self, handle: &str) -> Person {
        let mut person = Person::anonymous(self);
        person.handle = handle.to_owned();
        person.passphrase = strong_passphrase(handle);
        let response = person
            .send(
                Method::POST,
                "/api/v1/accounts",
                &json!({"handle": handle, "passphrase": person.passphrase}),
            )
            .await;
        let body = json_body(response, StatusCode::CREATED).await;
        person.recovery_codes = body["recovery_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        person
    }

    /// An admin made the way `commonthread admin create` makes one, then signed in.
    pub async fn admin(&self, handle: &str) -> Person {
        let mut person = Person::anonymous(self);
        person.handle = handle.to_owned();
        person.passphrase = strong_passphrase(handle);
        let (_, codes) = self
            .state
            .accounts
            .create_admin(
                &self.state.db,
                handle,
                Passphrase::new(person.passphrase.clone()),
            )
            .await
            .unwrap();
        person.recovery_codes = codes;
        json_body(person.sign_in().await, StatusCode::OK).await;
        person
    }

    /// A member whom `admin` has made a moderator through the API.
    pub async fn moderator(&self, handle: &str, admin: &Person) -> Person {
        let person = self.member(handle).await;
        admin.set_role(handle, Role::Moderator).await;
        person
    }
}

impl Person {
    /// As an admin: gives `handle` a role, asserting it worked.
    pub async fn set_role(&self, handle: &str, role: Role) -> Value {
        let response = self
            .send(
                Method::PUT,
                &format!("/api/v1/admin/members/{handle}/role"),
                &json!({"role": role}),
            )
            .await;
        json_body(response, StatusCode::OK).await
    }
}
