//! How an entry sits inside its encryption since entry schema 2: a small binary layout read
//! straight from the decrypted bytes, because unlock decodes every entry a person has ever
//! written and JSON (every key spelled out, dates as text) cost most of that wait.
//!
//! The export and backup documents stay JSON; this is only the sealed form. Layout, big-endian,
//! fixed by the golden vector in the tests (change it only with a new entry schema):
//!
//! ```text
//! 0x02                          layout version (the row's schema_ver says the same)
//! flags      u8                 1 mood, 2 follows, 4 partner, 8 prompt; other bits 0
//! choice     u8                 0 none, 1 yes, 2 mostly, 3 unsure, 4 no
//! timing     u8                 0 none, 1 right after, 2 later that day, 3 next day, 4 days later
//! check_in   u8                 0 none, 1 in a few hours, 2 tomorrow
//! at, created, updated          each i64 seconds since 1970 UTC, u32 nanoseconds, i32 offset seconds
//! [mood]                        pleasantness and energy, f64 bits each (only with flag 1)
//! 6 lists                       emotions, labels, context, aftercare got, aftercare wanted, body:
//!                               varint count, then each a varint length and UTF-8
//! [follows] [partner] [prompt]  varint length and UTF-8 (only with their flags)
//! text                          every byte left, UTF-8
//! ```
//!
//! Word ids are written out, not numbered: a few bytes each, and a frozen table of numbers would
//! bind every later version. The decoder reads exactly the bytes it is given: anything short,
//! long or out of range is refused, never a panic.

use chrono::{DateTime, FixedOffset};
use zeroize::Zeroizing;

use super::{CheckIn, Choice, EntryInput, EntryPayload, Mood, Timing};

/// The first byte of every compact payload.
pub const LAYOUT: u8 = 2;

const MOOD: u8 = 1;
const FOLLOWS: u8 = 2;
const PARTNER: u8 = 4;
const PROMPT: u8 = 8;

/// Why a compact payload couldn't be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

fn lists(i: &EntryInput) -> [&Vec<String>; 6] {
    [&i.emotions, &i.labels, &i.context, &i.aftercare_got, &i.aftercare_wanted, &i.body]
}

fn varint_len(mut v: usize) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

fn put_varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_time(out: &mut Vec<u8>, t: &DateTime<FixedOffset>) {
    out.extend_from_slice(&t.timestamp().to_be_bytes());
    out.extend_from_slice(&t.timestamp_subsec_nanos().to_be_bytes());
    out.extend_from_slice(&t.offset().local_minus_utc().to_be_bytes());
}

// Each option's code, by an exhaustive match: a new variant can't be written until it has one.
fn choice_code(c: Option<Choice>) -> u8 {
    match c {
        None => 0,
        Some(Choice::Yes) => 1,
        Some(Choice::Mostly) => 2,
        Some(Choice::Unsure) => 3,
        Some(Choice::No) => 4,
    }
}

fn timing_code(t: Option<Timing>) -> u8 {
    match t {
        None => 0,
        Some(Timing::RightAfter) => 1,
        Some(Timing::LaterThatDay) => 2,
        Some(Timing::NextDay) => 3,
        Some(Timing::DaysLater) => 4,
    }
}

fn check_in_code(c: Option<CheckIn>) -> u8 {
    match c {
        None => 0,
        Some(CheckIn::FewHours) => 1,
        Some(CheckIn::Tomorrow) => 2,
    }
}

/// The options in code order (code 1 is the first).
const CHOICES: [Choice; 4] = [Choice::Yes, Choice::Mostly, Choice::Unsure, Choice::No];
const TIMINGS: [Timing; 4] = [Timing::RightAfter, Timing::LaterThatDay, Timing::NextDay, Timing::DaysLater];
const CHECK_INS: [CheckIn; 2] = [CheckIn::FewHours, CheckIn::Tomorrow];

/// The exact number of bytes [`encode`] writes for `p`.
pub fn encoded_len(p: &EntryPayload) -> usize {
    let i = &p.input;
    let s = |s: &str| varint_len(s.len()) + s.len();
    let lists: usize = lists(i).iter().map(|l| varint_len(l.len()) + l.iter().map(|w| s(w)).sum::<usize>()).sum();
    let flagged: usize = [&i.follows, &i.partner, &i.prompt].iter().filter_map(|o| o.as_deref()).map(s).sum();
    5 + 48 + if i.mood.is_some() { 16 } else { 0 } + lists + flagged + i.text.len()
}

/// The compact bytes of `p`, in memory that is wiped when dropped (written once, at its full
/// size, so no shorter copy is left behind). `p.input.at` is not kept: the payload's own `at` is
/// the moment.
pub fn encode(p: &EntryPayload) -> Zeroizing<Vec<u8>> {
    let i = &p.input;
    let mut out = Zeroizing::new(Vec::with_capacity(encoded_len(p)));
    let flags = [(i.mood.is_some(), MOOD), (i.follows.is_some(), FOLLOWS), (i.partner.is_some(), PARTNER)]
        .into_iter()
        .chain([(i.prompt.is_some(), PROMPT)])
        .filter(|(on, _)| *on)
        .fold(0, |f, (_, bit)| f | bit);
    out.extend_from_slice(&[LAYOUT, flags, choice_code(i.choice), timing_code(i.timing), check_in_code(i.check_in)]);
    for t in [&p.at, &p.created, &p.updated] {
        put_time(&mut out, t);
    }
    if let Some(m) = i.mood {
        out.extend_from_slice(&m.pleasantness.to_bits().to_be_bytes());
        out.extend_from_slice(&m.energy.to_bits().to_be_bytes());
    }
    for list in lists(i) {
        put_varint(&mut out, list.len());
        list.iter().for_each(|w| put_str(&mut out, w));
    }
    for s in [&i.follows, &i.partner, &i.prompt].into_iter().flatten() {
        put_str(&mut out, s);
    }
    out.extend_from_slice(i.text.as_bytes());
    debug_assert_eq!(out.len(), out.capacity());
    out
}

/// A reader over the payload's bytes that refuses to read past them.
struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Malformed> {
        if n > self.b.len() {
            return Err(Malformed);
        }
        let (head, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Malformed> {
        self.take(N)?.try_into().map_err(|_| Malformed)
    }

    fn u8(&mut self) -> Result<u8, Malformed> {
        Ok(self.array::<1>()?[0])
    }

    fn varint(&mut self) -> Result<usize, Malformed> {
        let mut v: u64 = 0;
        // At most five bytes (32 bits): no real length or count comes near that.
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                // One value, one spelling: a longer form of a shorter number is refused.
                if b == 0 && shift > 0 {
                    return Err(Malformed);
                }
                return u32::try_from(v).ok().and_then(|v| usize::try_from(v).ok()).ok_or(Malformed);
            }
        }
        Err(Malformed)
    }

    fn string(&mut self) -> Result<String, Malformed> {
        let n = self.varint()?;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes).map(str::to_owned).map_err(|_| Malformed)
    }

    fn time(&mut self) -> Result<DateTime<FixedOffset>, Malformed> {
        let secs = i64::from_be_bytes(self.array()?);
        let nanos = u32::from_be_bytes(self.array()?);
        let offset = FixedOffset::east_opt(i32::from_be_bytes(self.array()?)).ok_or(Malformed)?;
        let utc = DateTime::from_timestamp(secs, nanos).ok_or(Malformed)?;
        Ok(utc.with_timezone(&offset))
    }

    fn f64(&mut self) -> Result<f64, Malformed> {
        let v = f64::from_bits(u64::from_be_bytes(self.array()?));
        if v.is_finite() {
            Ok(v)
        } else {
            Err(Malformed)
        }
    }
}

fn from_code<T: Copy>(c: u8, all: &[T]) -> Result<Option<T>, Malformed> {
    match c {
        0 => Ok(None),
        c => all.get(usize::from(c) - 1).copied().map(Some).ok_or(Malformed),
    }
}

/// Reads a compact payload written by [`encode`]: exactly those bytes, or [`Malformed`].
pub fn decode(bytes: &[u8]) -> Result<EntryPayload, Malformed> {
    let (mut payload, text) = decode_fields(bytes)?;
    payload.input.text = std::str::from_utf8(&bytes[text..]).map_err(|_| Malformed)?.to_owned();
    Ok(payload)
}

/// As [`decode`], the text kept in the decrypted buffer itself (moved down over the fields
/// before it, its spare room wiped and given back): unlock makes no second copy of any text.
pub fn decode_owned(mut bytes: Zeroizing<Vec<u8>>) -> Result<EntryPayload, Malformed> {
    use zeroize::Zeroize;
    let (mut payload, text) = decode_fields(&bytes)?;
    let mut buf = std::mem::take(&mut *bytes);
    buf.drain(..text);
    buf.spare_capacity_mut().zeroize();
    buf.shrink_to_fit();
    payload.input.text = String::from_utf8(buf).map_err(|e| {
        e.into_bytes().zeroize();
        Malformed
    })?;
    Ok(payload)
}

/// Every field but the text, and where the text starts.
fn decode_fields(bytes: &[u8]) -> Result<(EntryPayload, usize), Malformed> {
    let mut r = Reader { b: bytes };
    let [layout, flags, choice, timing, check_in] = r.array::<5>()?;
    if layout != LAYOUT || flags & !(MOOD | FOLLOWS | PARTNER | PROMPT) != 0 {
        return Err(Malformed);
    }
    let (choice, timing, check_in) =
        (from_code(choice, &CHOICES)?, from_code(timing, &TIMINGS)?, from_code(check_in, &CHECK_INS)?);
    let (at, created, updated) = (r.time()?, r.time()?, r.time()?);
    let mood = if flags & MOOD != 0 { Some(Mood { pleasantness: r.f64()?, energy: r.f64()? }) } else { None };
    let mut list = || -> Result<Vec<String>, Malformed> {
        let n = r.varint()?;
        // Every item takes at least its length byte: a count beyond the bytes left is refused
        // before anything is allocated for it.
        if n > r.b.len() {
            return Err(Malformed);
        }
        (0..n).map(|_| r.string()).collect()
    };
    let (emotions, labels, context) = (list()?, list()?, list()?);
    let (aftercare_got, aftercare_wanted, body) = (list()?, list()?, list()?);
    let mut flagged = |bit: u8| if flags & bit != 0 { r.string().map(Some) } else { Ok(None) };
    let (follows, partner, prompt) = (flagged(FOLLOWS)?, flagged(PARTNER)?, flagged(PROMPT)?);
    let text = bytes.len() - r.b.len();
    let payload = EntryPayload {
        at,
        created,
        updated,
        input: EntryInput {
            at: None,
            mood,
            emotions,
            labels,
            context,
            aftercare_got,
            aftercare_wanted,
            body,
            choice,
            timing,
            follows,
            partner,
            prompt,
            text: String::new(),
            check_in,
        },
    };
    Ok((payload, text))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    fn when(secs: i64, nanos: u32, offset: i32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(offset).unwrap().timestamp_opt(secs, nanos).unwrap()
    }

    /// Every field the layout holds, each with a value of its own.
    fn full() -> EntryPayload {
        let mut i = EntryInput::with_mood(-0.5, 0.25);
        i.emotions = vec!["tearful".into(), "own-1".into()];
        i.labels = vec!["drop".into()];
        i.context = vec!["solo".into()];
        i.aftercare_got = vec![];
        i.aftercare_wanted = vec!["water".into()];
        i.body = vec!["sleepy".into()];
        i.choice = Some(Choice::Unsure);
        i.timing = Some(Timing::NextDay);
        i.check_in = Some(CheckIn::Tomorrow);
        i.follows = Some("f".into());
        i.partner = Some("J.".into());
        i.prompt = Some("p01".into());
        i.text = "Café ☕".into();
        EntryPayload {
            at: when(1_772_400_000, 5, 3600),
            created: when(1_772_401_000, 0, -18000),
            updated: when(1_772_402_000, 999_999_999, 0),
            input: i,
        }
    }

    /// The layout, pinned: the bytes of one payload, checked byte for byte.
    #[test]
    fn golden_vector() {
        let hex = hex::encode(&*encode(&full()));
        let want = concat!(
            "020f030302",
            "0000000069a4ad8000000005",
            "00000e10",
            "0000000069a4b16800000000",
            "ffffb9b0",
            "0000000069a4b550",
            "3b9ac9ff",
            "00000000",
            "bfe0000000000000",
            "3fd0000000000000",
            "02",
            "077465617266756c",
            "056f776e2d31",
            "01",
            "0464726f70",
            "01",
            "04736f6c6f",
            "00",
            "01",
            "057761746572",
            "01",
            "06736c65657079",
            "0166",
            "024a2e",
            "03703031",
            "436166c3a920e29895",
        );
        assert_eq!(hex, want);
        assert_eq!(encoded_len(&full()), want.len() / 2);
    }

    #[test]
    fn the_code_tables_read_back_what_is_written() {
        for (i, c) in CHOICES.iter().enumerate() {
            assert_eq!(usize::from(choice_code(Some(*c))), i + 1);
        }
        for (i, t) in TIMINGS.iter().enumerate() {
            assert_eq!(usize::from(timing_code(Some(*t))), i + 1);
        }
        for (i, c) in CHECK_INS.iter().enumerate() {
            assert_eq!(usize::from(check_in_code(Some(*c))), i + 1);
        }
    }

    #[test]
    fn an_empty_entry_is_53_bytes() {
        let t = when(0, 0, 0);
        let p = EntryPayload { at: t, created: t, updated: t, input: EntryInput::without_mood() };
        let b = encode(&p);
        assert_eq!(b.len(), 5 + 48 + 6);
        let back = decode(&b).unwrap();
        assert_eq!(back.input, p.input);
    }

    #[test]
    fn every_cut_and_every_extra_byte_is_refused() {
        let b = encode(&full());
        // Cut anywhere before the text: refused. (Cutting inside the text leaves a shorter text,
        // which the envelope's tag, not this layout, guards.)
        let text_start = b.len() - "Café ☕".len();
        for n in 0..text_start {
            assert_eq!(decode(&b[..n]).map(drop), Err(Malformed), "cut at {n}");
        }
        let mut bad = b.to_vec();
        bad[0] = b'{';
        assert!(decode(&bad).is_err(), "JSON is not this layout");
        let mut bad = b.to_vec();
        bad[1] |= 0x10;
        assert!(decode(&bad).is_err(), "unknown flag");
        for (at, v) in [(2, 5), (3, 5), (4, 3)] {
            let mut bad = b.to_vec();
            bad[at] = v;
            assert!(decode(&bad).is_err(), "code {v} at {at}");
        }
        let mut bad = b.to_vec();
        bad[17..21].copy_from_slice(&100_000i32.to_be_bytes());
        assert!(decode(&bad).is_err(), "offset beyond a day");
        let mut bad = b.to_vec();
        bad[53..61].copy_from_slice(&f64::NAN.to_bits().to_be_bytes());
        assert!(decode(&bad).is_err(), "a mood that isn't a number");
        let mut bad = b.to_vec();
        *bad.last_mut().unwrap() = 0xff;
        assert!(decode(&bad).is_err(), "text that isn't UTF-8");
        // Read in its own buffer, as unlock reads it: refused alike.
        assert!(decode_owned(Zeroizing::new(bad)).is_err(), "text that isn't UTF-8, owned");
        for n in 0..text_start {
            assert!(decode_owned(Zeroizing::new(b[..n].to_vec())).is_err(), "cut at {n}, owned");
        }
    }

    #[test]
    fn a_varint_has_one_spelling_and_at_most_32_bits() {
        let read = |b: &[u8]| Reader { b }.varint();
        assert_eq!(read(&[0x7f]), Ok(127));
        assert_eq!(read(&[0x80, 0x01]), Ok(128));
        assert_eq!(read(&[0x80, 0x00]), Err(Malformed));
        assert_eq!(read(&[0xff, 0xff, 0xff, 0xff, 0x0f]), Ok(u32::MAX as usize));
        assert_eq!(read(&[0xff, 0xff, 0xff, 0xff, 0x1f]), Err(Malformed));
        assert_eq!(read(&[0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), Err(Malformed));
        assert_eq!(read(&[0x80]), Err(Malformed));
    }

    fn time() -> impl Strategy<Value = DateTime<FixedOffset>> {
        (-2_208_988_800i64..7_258_118_400, 0u32..1_000_000_000, -86_399i32..=86_399).prop_map(|(s, n, o)| when(s, n, o))
    }

    fn words() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec("\\PC{0,12}", 0..40)
    }

    fn payload() -> impl Strategy<Value = EntryPayload> {
        let moods = proptest::option::of((-1.0f64..=1.0, prop_oneof![Just(-0.0f64), Just(0.0), -1.0f64..=1.0]));
        let flags = (
            proptest::option::of(prop_oneof![
                Just(Choice::Yes),
                Just(Choice::Mostly),
                Just(Choice::Unsure),
                Just(Choice::No)
            ]),
            proptest::option::of(prop_oneof![
                Just(Timing::RightAfter),
                Just(Timing::LaterThatDay),
                Just(Timing::NextDay),
                Just(Timing::DaysLater)
            ]),
            proptest::option::of(prop_oneof![Just(CheckIn::FewHours), Just(CheckIn::Tomorrow)]),
        );
        let short = || proptest::option::of("\\PC{0,60}");
        (
            (time(), time(), time(), moods, flags),
            (words(), words(), words(), words(), words(), words()),
            (short(), short(), short(), "\\PC{0,400}"),
        )
            .prop_map(
                |(
                    (at, created, updated, mood, (choice, timing, check_in)),
                    lists,
                    (follows, partner, prompt, text),
                )| {
                    let (emotions, labels, context, aftercare_got, aftercare_wanted, body) = lists;
                    EntryPayload {
                        at,
                        created,
                        updated,
                        input: EntryInput {
                            at: None,
                            mood: mood.map(|(pleasantness, energy)| Mood { pleasantness, energy }),
                            emotions,
                            labels,
                            context,
                            aftercare_got,
                            aftercare_wanted,
                            body,
                            choice,
                            timing,
                            follows,
                            partner,
                            prompt,
                            text,
                            check_in,
                        },
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn any_entry_round_trips_unchanged(p in payload()) {
            let b = encode(&p);
            prop_assert_eq!(b.len(), encoded_len(&p));
            let back = decode(&b).unwrap();
            prop_assert_eq!(back.at, p.at);
            prop_assert_eq!(back.at.offset(), p.at.offset());
            prop_assert_eq!(back.created.offset(), p.created.offset());
            prop_assert_eq!((back.created, back.updated), (p.created, p.updated));
            // Bit for bit: -0.0 stays -0.0.
            let bits = |m: Option<Mood>| m.map(|m| (m.pleasantness.to_bits(), m.energy.to_bits()));
            prop_assert_eq!(bits(back.input.mood), bits(p.input.mood));
            prop_assert_eq!(&back.input, &p.input);
            // Read in its own buffer, as unlock reads it: the same entry.
            let owned = decode_owned(Zeroizing::new(b.to_vec())).unwrap();
            prop_assert_eq!(owned.input, back.input);
            prop_assert_eq!((owned.at, owned.created, owned.updated), (back.at, back.created, back.updated));
        }

        #[test]
        fn random_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = decode(&b);
        }

        #[test]
        fn a_changed_byte_never_panics(p in payload(), at in any::<usize>(), v in any::<u8>()) {
            let mut b = encode(&p).to_vec();
            let at = at % b.len();
            b[at] = v;
            let _ = decode(&b);
        }
    }
}
