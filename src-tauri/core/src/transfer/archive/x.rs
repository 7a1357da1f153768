//! X's archive: direct messages (one-to-one and group, in as many parts as the archive
//! has), the account's own id, and the tweets' replies and mentions as public touches.
//! Every `.js` part is `window.YTD.<name>.partN = <JSON>`.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::files::{Archive, Part};
use super::ids::stable_id;
use super::model::{ArchiveSource, Message, SourceRead};
use crate::people::handles::NewHandle;
use crate::storage::error::Result;
use crate::vocab::{Channel, HandlePlatform};

pub(super) fn read(archive: &Archive) -> Result<Option<SourceRead>> {
    let parts_of = |stem: &str| -> Vec<&Part> {
        archive
            .parts()
            .iter()
            .filter(|p| {
                let name = p.name().to_lowercase();
                name.strip_suffix(".js").is_some_and(|s| s == stem || s.strip_prefix(stem).is_some_and(|n| n.starts_with("-part")))
            })
            .collect()
    };
    let (dms, groups, headers) = (parts_of("direct-messages"), parts_of("direct-messages-group"), parts_of("direct-message-headers"));
    let (accounts, tweets) = (parts_of("account"), [parts_of("tweets"), parts_of("tweet")].concat());
    if dms.is_empty() && groups.is_empty() && headers.is_empty() && tweets.is_empty() {
        return Ok(None);
    }
    let mut read = SourceRead::new(ArchiveSource::X);
    let mut names = Names::default();
    let mut me = None;
    for part in &accounts {
        if let Some(items) = items(archive, part, &mut read) {
            for item in items {
                let Ok(Account { account }) = serde_json::from_value::<Account>(item) else { continue };
                let handle = format!("@{}", account.username);
                names.known.insert(account.account_id.clone(), (account.display_name.clone(), handle));
                me = Some(account.account_id);
            }
        }
    }
    // Tweets first: they name the accounts that DMs give only as ids.
    let mut tweet_items = Vec::new();
    for part in &tweets {
        if let Some(items) = items(archive, part, &mut read) {
            tweet_items.push((part.path.clone(), items));
        }
    }
    for (_, items) in &tweet_items {
        for item in items {
            names.learn(item.get("tweet").unwrap_or(item));
        }
    }
    if let Some(me) = &me {
        let i = names.party(&mut read, me);
        read.selves.push(i);
    }
    // Headers hold the same messages without their words; read them only when the
    // full files are missing.
    let dm_parts: Vec<&Part> = if dms.is_empty() && groups.is_empty() { headers } else { [dms, groups].concat() };
    for part in dm_parts {
        let Some(items) = items(archive, part, &mut read) else { continue };
        for item in items {
            conversation(&mut read, &mut names, &item);
        }
    }
    for (path, items) in tweet_items {
        for item in &items {
            if let Some(me) = &me {
                public_touches(&mut read, &mut names, me, item.get("tweet").unwrap_or(item), &path);
            }
        }
    }
    read.parts = archive.parts().iter().filter(|p| p.path.ends_with(".js")).map(|p| p.path.clone()).collect();
    Ok(Some(read))
}

#[derive(Deserialize)]
struct Account {
    account: AccountFields,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccountFields {
    account_id: String,
    #[serde(default)]
    username: String,
    #[serde(default, rename = "accountDisplayName")]
    display_name: String,
}

/// The JSON array after the `=` of a part; a problem naming the part when it is not.
fn items(archive: &Archive, part: &Part, read: &mut SourceRead) -> Option<Vec<Value>> {
    let text = match archive.text(part) {
        Ok(text) => text,
        Err(e) => {
            read.problem(&part.path, None, e.to_string());
            return None;
        }
    };
    let json = text.split_once('=').map_or(text.as_str(), |(_, rest)| rest).trim().trim_end_matches(';');
    match serde_json::from_str::<Vec<Value>>(json) {
        Ok(items) => Some(items),
        Err(e) => {
            read.problem(&part.path, Some(e.line()), format!("Not the JSON X writes: {e}. The archive may be cut short."));
            None
        }
    }
}

/// Names and handles of accounts, by id, from the tweets and the account file.
#[derive(Default)]
struct Names {
    known: HashMap<String, (String, String)>,
}

impl Names {
    fn learn(&mut self, tweet: &Value) {
        let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
        for mention in tweet.pointer("/entities/user_mentions").and_then(Value::as_array).into_iter().flatten() {
            let id = text(mention, "id_str");
            if !id.is_empty() {
                self.known.entry(id).or_insert_with(|| (text(mention, "name"), format!("@{}", text(mention, "screen_name"))));
            }
        }
        let (id, handle) = (text(tweet, "in_reply_to_user_id_str"), text(tweet, "in_reply_to_screen_name"));
        if !id.is_empty() && !handle.is_empty() {
            self.known.entry(id).or_insert_with(|| (String::new(), format!("@{handle}")));
        }
    }

    /// The party for an account id: named when the archive names it, else "unknown
    /// account 12345" for the user to name or merge.
    fn party(&self, read: &mut SourceRead, id: &str) -> usize {
        let key = format!("x:{id}");
        match self.known.get(id) {
            Some((name, handle)) => {
                let shown = if name.is_empty() { handle.clone() } else { name.clone() };
                let handles =
                    vec![NewHandle { platform: HandlePlatform::X, value: handle.clone(), url: String::new(), professional: true }];
                read.party(&key, &shown, handles)
            }
            None => read.party(&key, &format!("unknown account {id}"), Vec::new()),
        }
    }
}

fn conversation(read: &mut SourceRead, names: &mut Names, item: &Value) {
    let Some(conv) = item.get("dmConversation") else { return };
    let Some(id) = conv.get("conversationId").and_then(Value::as_str) else { return };
    let thread = read.thread(id, "");
    // One-to-one ids are "<id>-<id>": both are in it even before a message says so.
    if !id.contains(|c: char| !c.is_ascii_digit() && c != '-') && id.matches('-').count() == 1 {
        for account in id.split('-') {
            let p = names.party(read, account);
            read.join(thread, p);
        }
    }
    for entry in conv.get("messages").and_then(Value::as_array).into_iter().flatten() {
        if let Some(snapshot) = entry.pointer("/joinConversation/participantsSnapshot").and_then(Value::as_array) {
            for account in snapshot.iter().filter_map(Value::as_str) {
                let p = names.party(read, account);
                read.join(thread, p);
            }
        }
        let Some(m) = entry.get("messageCreate") else { continue };
        let field = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or_default();
        let Some(at) = chrono::DateTime::parse_from_rfc3339(field("createdAt")).ok().map(|t| t.timestamp()) else {
            read.problem("direct-messages.js", None, format!("Message {} has no date X writes.", field("id")));
            continue;
        };
        if field("senderId").is_empty() {
            continue;
        }
        let sender = names.party(read, field("senderId"));
        read.join(thread, sender);
        let to: Vec<usize> = Some(field("recipientId")).filter(|r| !r.is_empty()).map(|r| names.party(read, r)).into_iter().collect();
        for &p in &to {
            read.join(thread, p);
        }
        let id = if field("id").is_empty() { stable_id(&[id, field("createdAt"), field("senderId")]) } else { field("id").to_owned() };
        read.messages.push(Message {
            id,
            thread,
            sender: Some(sender),
            to,
            at,
            channel: Channel::DirectMessage,
            personal: None,
            text: field("text").to_owned(),
        });
    }
}

/// A reply to someone, or a mention of them, is a public touch with them.
fn public_touches(read: &mut SourceRead, names: &mut Names, me: &str, tweet: &Value, path: &str) {
    let field = |k: &str| tweet.get(k).and_then(Value::as_str).unwrap_or_default();
    let words = if field("full_text").is_empty() { field("text") } else { field("full_text") };
    if words.starts_with("RT @") {
        return;
    }
    let mut others: Vec<String> = Vec::new();
    let reply_to = field("in_reply_to_user_id_str");
    if !reply_to.is_empty() {
        others.push(reply_to.to_owned());
    }
    for mention in tweet.pointer("/entities/user_mentions").and_then(Value::as_array).into_iter().flatten() {
        if let Some(id) = mention.get("id_str").and_then(Value::as_str) {
            others.push(id.to_owned());
        }
    }
    others.retain(|id| id != me);
    others.sort();
    others.dedup();
    if others.is_empty() {
        return;
    }
    let Ok(at) = chrono::DateTime::parse_from_str(field("created_at"), "%a %b %d %H:%M:%S %z %Y") else {
        read.problem(path, None, format!("Tweet {} has no date X writes.", field("id_str")));
        return;
    };
    let me_party = names.party(read, me);
    for id in others {
        let other = names.party(read, &id);
        let thread = read.thread(&format!("public:{id}"), "Replies and mentions");
        read.join(thread, other);
        read.join(thread, me_party);
        read.messages.push(Message {
            id: format!("tweet:{}:{id}", field("id_str")),
            thread,
            sender: Some(me_party),
            to: vec![other],
            at: at.timestamp(),
            channel: Channel::PublicPost,
            personal: Some(false),
            text: words.to_owned(),
        });
    }
}
