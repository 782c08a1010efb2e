//! Mini Diarium's JSON export: `{"metadata": {"application": "Mini Diarium", ...}, "entries":
//! [{"id", "date": "YYYY-MM-DD", "title", "text" (HTML), "dateUpdated", "tags", "metadata"}]}`, and
//! the older form it shares with Mini Diary, `"entries": {"YYYY-MM-DD": {"dateUpdated", "title",
//! "text"}}`. Read here so a Mini Diarium user's days come along; they carry no time of day, so
//! each is placed at midday in the caller's offset, which keeps it on its own day.

use chrono::{FixedOffset, NaiveTime};
use serde_json::{Map, Value};

use super::common::{self, Builder, Fields};
use super::limits::Limits;
use super::{ImportError, Source};

const FIELDS: Fields<'static> = Fields {
    used: &["id", "date", "title", "text", "tags"],
    left_out: &[("dateUpdated", "when each entry was last changed"), ("metadata", "font settings")],
};

/// Reads either form; `local_offset` places the days.
pub(super) fn parse(doc: &Value, local_offset: FixedOffset, limits: &Limits) -> Result<Builder, ImportError> {
    let mut b = Builder::new(Source::MiniDiarium, limits);
    match doc.get("entries") {
        Some(Value::Array(entries)) => {
            for e in entries {
                match e.as_object() {
                    Some(o) => entry(o, common::str_field(o, "date"), local_offset, &mut b)?,
                    None => b.skip(common::NOT_AN_ENTRY),
                }
            }
        }
        Some(Value::Object(days)) => {
            for (day, e) in days {
                match e.as_object() {
                    Some(o) => entry(o, Some(day), local_offset, &mut b)?,
                    None => b.skip(common::NOT_AN_ENTRY),
                }
            }
        }
        _ => return Err(ImportError::NotThisFormat(Source::MiniDiarium)),
    }
    Ok(b)
}

fn entry(
    o: &Map<String, Value>,
    day: Option<&str>,
    local_offset: FixedOffset,
    b: &mut Builder,
) -> Result<(), ImportError> {
    let Some(day_text) = day.filter(|d| !d.trim().is_empty()) else {
        b.skip(common::NO_DATE);
        return Ok(());
    };
    let at = common::read_day(day_text)?
        .zip(NaiveTime::from_hms_opt(12, 0, 0))
        .and_then(|(d, t)| common::local(d, t, local_offset));
    let Some(at) = at else {
        b.skip(common::BAD_DATE);
        return Ok(());
    };
    let title = common::non_empty(Some(&common::plain(common::str_field(o, "title").unwrap_or_default())));
    let text = common::plain(common::str_field(o, "text").unwrap_or_default());
    if title.is_none() && text.is_empty() {
        b.skip(common::NOTHING);
        return Ok(());
    }
    let id = match o.get("id").filter(|v| !common::is_blank(v)) {
        Some(v) => common::value_text(v),
        None => day_text.trim().to_owned(),
    };
    let mut item = common::item(id, at);
    item.title = title;
    item.text = text;
    item.tags = common::strings(o, "tags");
    FIELDS.keep_rest(o, &mut item, b);
    b.push(item)
}
