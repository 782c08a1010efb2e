//! jrnl's JSON export (`jrnl --export json`): `{"tags": {...}, "entries": [{"title", "body",
//! "date", "time", "tags", "starred"}]}`, local times with no zone. Read here so a jrnl user's
//! plain-text years come along with their tags and stars.

use chrono::FixedOffset;
use serde_json::Value;

use super::common::{self, Builder, Fields};
use super::limits::Limits;
use super::{ImportError, Source};

const FIELDS: Fields<'static> = Fields {
    used: &["title", "body", "date", "time", "tags", "starred", "uuid"],
    left_out: &[("creator", "the device and app that wrote the entry")],
};

/// Reads a jrnl export; `local_offset` places its zone-less times.
pub(super) fn parse(doc: &Value, local_offset: FixedOffset, limits: &Limits) -> Result<Builder, ImportError> {
    let entries = doc.get("entries").and_then(Value::as_array).ok_or(ImportError::NotThisFormat(Source::Jrnl))?;
    let mut b = Builder::new(Source::Jrnl, limits);
    for e in entries {
        let Some(o) = e.as_object() else {
            b.skip(common::NOT_AN_ENTRY);
            continue;
        };
        let Some(date) = common::str_field(o, "date").filter(|d| !d.trim().is_empty()) else {
            b.skip(common::NO_DATE);
            continue;
        };
        // jrnl always writes a time; an entry without one is placed at midnight, as jrnl would.
        let time = match common::str_field(o, "time").filter(|t| !t.trim().is_empty()) {
            Some(t) => common::read_time(t),
            None => chrono::NaiveTime::from_hms_opt(0, 0, 0),
        };
        let at = match (common::read_day(date)?, time) {
            (Some(day), Some(time)) => common::local(day, time, local_offset),
            _ => None,
        };
        let Some(at) = at else {
            b.skip(common::BAD_DATE);
            continue;
        };
        let title = common::non_empty(common::str_field(o, "title"));
        let body = common::str_field(o, "body").unwrap_or_default().trim_end().to_owned();
        let tags: Vec<String> = common::strings(o, "tags")
            .into_iter()
            .map(|t| t.strip_prefix(['@', '#']).map(str::to_owned).unwrap_or(t))
            .filter(|t| !t.is_empty())
            .collect();
        let starred = o.get("starred").and_then(Value::as_bool).unwrap_or(false);
        if title.is_none() && body.trim().is_empty() {
            b.skip(common::NOTHING);
            continue;
        }
        let id = match common::non_empty(common::str_field(o, "uuid")) {
            Some(uuid) => uuid,
            None => common::content_id(&[
                Value::from(date),
                Value::from(common::str_field(o, "time").unwrap_or_default()),
                Value::from(title.clone()),
                Value::from(body.as_str()),
                Value::from(tags.clone()),
                Value::from(starred),
            ]),
        };
        let mut item = common::item(id, at);
        item.title = title;
        item.text = body;
        item.tags = tags;
        item.starred = starred;
        FIELDS.keep_rest(o, &mut item, &mut b);
        b.push(item)?;
    }
    Ok(b)
}
