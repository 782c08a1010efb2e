import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  splitBold, paragraphs, ideasByNeed, evidenceLine, cardById, promptText, actionLabel,
  emptyNumbers, cleanNumbers, numberRows, numbersState, visibleBlocks, aftercareCard,
  emptyAftercareNeeds, explainersForLabels, matchesWords, timingForCheckIn, newestDue, lastUntil, friendlyWhen, friendlyUntil, SAFETY_PLAN_FIELDS,
  emptySafetyPlan, NUMBER_FIELDS, groundingLeads, emergencyShown, careFooter, explainerLinks, foldsMore, AFTERCARE_OPENING,
} from '../js/care-model.js';

test('bold spans split on double asterisks, and an unmatched one stays as written', () => {
  assert.deepEqual(splitBold('plain'), [{ text: 'plain', bold: false }]);
  assert.deepEqual(splitBold('it is **not your fault.** Freezing'), [
    { text: 'it is ', bold: false },
    { text: 'not your fault.', bold: true },
    { text: ' Freezing', bold: false },
  ]);
  assert.deepEqual(splitBold('**Medical care:** a clinic'), [
    { text: 'Medical care:', bold: true },
    { text: ' a clinic', bold: false },
  ]);
  assert.deepEqual(splitBold('a **b** c **d'), [
    { text: 'a ', bold: false },
    { text: 'b', bold: true },
    { text: ' c **d', bold: false },
  ]);
  assert.deepEqual(splitBold(''), []);
  assert.deepEqual(splitBold('****'), []);
  assert.deepEqual(splitBold(undefined), []);
  // Markup in the text is only ever text.
  assert.deepEqual(splitBold('<b>x</b>'), [{ text: '<b>x</b>', bold: false }]);
});

test('paragraphs split on blank lines', () => {
  assert.deepEqual(paragraphs('one\n\ntwo\n  \nthree'), ['one', 'two', 'three']);
  assert.deepEqual(paragraphs('one\ntwo'), ['one\ntwo']);
  assert.deepEqual(paragraphs(''), []);
});

test('ideas are grouped by need in the needs order, and none is lost', () => {
  const needs = [
    { id: 'settle', title: 'Settle the body', blurb: '' },
    { id: 'kind', title: 'Be kind to yourself', blurb: '' },
    { id: 'empty', title: 'Nothing here', blurb: '' },
  ];
  const idea = (id, need) => ({ id, need, title: id });
  const groups = ideasByNeed(needs, [idea('C10', 'kind'), idea('C01', 'settle'), idea('C02', 'settle'), idea('C99', 'gone')]);
  assert.deepEqual(groups.map((g) => g.need.id), ['settle', 'kind', 'more']);
  assert.deepEqual(groups[0].ideas.map((i) => i.id), ['C01', 'C02']);
  assert.deepEqual(groups[2].ideas.map((i) => i.id), ['C99']);
  assert.deepEqual(ideasByNeed([], []), []);
});

test('the evidence line names evidence, source and grade, leaving out what is missing', () => {
  assert.equal(evidenceLine({ evidence: 'Lowers blood pressure.', source: 'Shao 2024', grade: 'A' }),
    'Evidence: Lowers blood pressure. — Shao 2024 (grade A)');
  assert.equal(evidenceLine({ evidence: 'Widely taught.', source: '', grade: 'D' }), 'Evidence: Widely taught. (grade D)');
  assert.equal(evidenceLine({ source: 'Najavits 2002' }), 'Evidence: Najavits 2002');
  assert.equal(evidenceLine({}), '');
});

test('cards and prompts are found by id', () => {
  const content = {
    cards: [{ id: 'support', title: 'S', blocks: [], actions: [] }],
    prompts: [{ id: 'P01', text: 'Take one slow breath.' }],
  };
  assert.equal(cardById(content, 'support').title, 'S');
  assert.equal(cardById(content, 'medical'), null);
  assert.equal(cardById(null, 'support'), null);
  assert.equal(promptText(content, 'P01'), 'Take one slow breath.');
  assert.equal(promptText(content, 'P99'), '');
  assert.equal(promptText(content, null), '');
});

test('action labels follow the card and where it shows', () => {
  assert.equal(actionLabel('safety-plan', 'support'), 'Open my safety plan');
  assert.equal(actionLabel('safety-plan', 'talk-to-someone'), 'Make a safety plan');
  // 'back' only closes the panel it is in, so it says so; "Back to journal" only where it goes there.
  assert.equal(actionLabel('back', 'consent', { context: 'after-save' }), 'Close');
  assert.equal(actionLabel('back', 'support', { context: 'support' }), 'Close');
  assert.equal(actionLabel('back', 'gentle-support', { context: 'after-save' }), 'Close');
  assert.equal(actionLabel('back', 'support'), 'Close');
  assert.equal(actionLabel('back', 'support', { context: 'journal' }), 'Back to journal');
  assert.equal(actionLabel('support', 'gentle-support', { context: 'after-save' }), 'Need support now?');
  assert.equal(actionLabel('never', 'talk-to-someone'), "Don't show these again");
  assert.equal(actionLabel('numbers', 'consent'), 'Saved numbers');
  assert.equal(actionLabel('something-new', 'x'), '');
});

test('saved numbers become rows, only those with a number', () => {
  assert.deepEqual(numberRows(emptyNumbers()), []);
  assert.deepEqual(numberRows(null), []);
  const rows = numberRows({ emergency: ' 112 ', crisisLine: '', assaultService: '0800 1', trustedName: 'Sam', trustedNumber: '07700 900' });
  assert.deepEqual(rows.map((r) => [r.key, r.label, r.value]), [
    ['emergency', 'Emergency', '112'],
    ['assaultService', 'Sexual-assault support service', '0800 1'],
    ['trusted', 'Someone I trust: Sam', '07700 900'],
  ]);
  assert.equal(numberRows({ trustedNumber: '1' })[0].label, 'Someone I trust');
  assert.equal(numberRows({ trustedName: 'Sam' }).length, 0);
  assert.deepEqual(cleanNumbers({ emergency: ' 999 ' }), { ...emptyNumbers(), emergency: '999' });
  assert.deepEqual(NUMBER_FIELDS.map(([k]) => k), Object.keys(emptyNumbers()));
});

test('the numbers block knows locked, none and some', () => {
  assert.equal(numbersState({ numbers: null, outside: false, locked: true }), 'locked');
  assert.equal(numbersState({ numbers: null, outside: false, locked: false }), 'none');
  assert.equal(numbersState(null), 'none');
  assert.equal(numbersState({ numbers: emptyNumbers(), outside: false, locked: false }), 'none');
  assert.equal(numbersState({ numbers: { ...emptyNumbers(), emergency: '112' }, outside: true, locked: true }), 'some');
});

test('the "nothing saved yet" hint after the numbers shows only when nothing is saved', () => {
  const blocks = [{ p: 'a' }, { numbers: true }, { hint: 'Nothing saved yet?' }, { p: 'b' }, { hint: 'Tip' }];
  assert.equal(visibleBlocks(blocks, 'none').length, 5);
  assert.deepEqual(visibleBlocks(blocks, 'some'), [{ p: 'a' }, { numbers: true }, { p: 'b' }, { hint: 'Tip' }]);
  assert.deepEqual(visibleBlocks(blocks, 'locked'), [{ p: 'a' }, { numbers: true }, { p: 'b' }, { hint: 'Tip' }]);
  assert.deepEqual(visibleBlocks([{ hint: 'x' }], 'some'), [{ hint: 'x' }]);
});

test('when no saved emergency number shows, the card says how to reach emergency services', () => {
  const fact = { noNumber: 'your local emergency number (such as 911, 112 or 999)' };
  const blocks = [{ p: 'a' }, { numbers: true }, fact, { hint: 'Nothing saved yet?' }, { p: 'b' }];
  assert.deepEqual(visibleBlocks(blocks, 'locked'), [{ p: 'a' }, { numbers: true }, fact, { p: 'b' }]);
  assert.deepEqual(visibleBlocks(blocks, 'none'), blocks);
  assert.deepEqual(visibleBlocks(blocks, 'some', false), [{ p: 'a' }, { numbers: true }, fact, { p: 'b' }]);
  assert.deepEqual(visibleBlocks(blocks, 'some', true), [{ p: 'a' }, { numbers: true }, { p: 'b' }]);
  const only = (n) => ({ numbers: { ...emptyNumbers(), ...n }, outside: false, locked: false });
  assert.equal(emergencyShown(only({ emergency: '112' })), true);
  assert.equal(emergencyShown(only({ trustedName: 'Sam', trustedNumber: '0123' })), false);
  assert.equal(emergencyShown({ numbers: null, outside: false, locked: true }), false);
  assert.equal(emergencyShown(null), false);
});

test('the aftercare card groups what was chosen under friendly headings', () => {
  const aftercare = [
    { id: 'cuddling', label: 'cuddling or being held', group: 'closeness' },
    { id: 'space', label: 'space or time alone', group: 'closeness' },
    { id: 'water', label: 'water or a drink', group: 'body-care' },
    { id: 'next-day-check-in', label: 'a check-in the next day or two', group: 'later' },
    { id: 'music', label: 'music', group: 'self-comfort' },
  ];
  const empty = aftercareCard(emptyAftercareNeeds(), aftercare);
  assert.equal(empty.empty, true);
  assert.deepEqual(empty.sections, []);

  const card = aftercareCard({
    ...emptyAftercareNeeds(),
    closeness: 'depends',
    items: ['water', 'cuddling', 'music', 'gone-item'],
    bodyNote: ' Something sweet. ',
    wordsNote: 'Tell me it was good.',
    otherNote: '',
  }, aftercare);
  assert.equal(card.empty, false);
  assert.match(card.lead, /depends/);
  assert.deepEqual(card.sections.map((s) => s.id), ['closeness', 'words', 'body-care', 'self-comfort', 'other']);
  assert.deepEqual(card.sections[0].items, ['Cuddling or being held']);
  assert.equal(card.sections[2].note, 'Something sweet.');
  assert.equal(card.sections[2].title, 'Looking after my body');
  assert.deepEqual(card.sections[1].items, []);
  assert.equal(card.sections[1].note, 'Tell me it was good.');
  assert.deepEqual(card.sections[4].items, ['Gone item']);
  assert.equal(aftercareCard(null, []).empty, true);
  assert.equal(aftercareCard({ closeness: 'space' }, []).lead, 'I usually like some space afterwards.');
});

test('safety plan parts match the stored shape', () => {
  assert.deepEqual(SAFETY_PLAN_FIELDS.map(([k]) => k), Object.keys(emptySafetyPlan()));
});

test('check-ins: timing, the newest due one, and a friendly date', () => {
  assert.equal(timingForCheckIn('few-hours'), 'later-that-day');
  assert.equal(timingForCheckIn('tomorrow'), 'next-day');
  assert.equal(timingForCheckIn(null), null);
  const due = [
    { id: 'a', at: '2026-11-26T21:00:00+01:00', quadrant: 'heavy', checkIn: 'tomorrow', due: '2026-11-27T09:00:00+01:00' },
    { id: 'b', at: '2026-11-28T21:00:00+01:00', quadrant: 'tense', checkIn: 'few-hours', due: '2026-11-29T00:00:00+01:00' },
  ];
  assert.equal(newestDue(due).id, 'b');
  assert.equal(newestDue([]), null);
  assert.equal(newestDue(null), null);
  // The newest entry isn't always the last one Tend asks about ("tomorrow" outlasts "in a few hours").
  const untils = [
    { ...due[0], until: '2026-11-30T09:00:00+01:00' },
    { ...due[1], until: '2026-11-30T00:00:00+01:00' },
    { ...due[1], id: 'c', until: 'nonsense' },
  ];
  assert.equal(lastUntil(untils), '2026-11-30T09:00:00+01:00');
  assert.equal(lastUntil([]), '');
  assert.equal(lastUntil(null), '');

  const now = new Date(2026, 10, 30, 12, 0);
  assert.equal(friendlyWhen(new Date(2026, 10, 30, 8, 5).toISOString(), now, 'en-GB'), 'earlier today at 08:05');
  assert.equal(friendlyWhen(new Date(2026, 10, 29, 21, 30).toISOString(), now, 'en-GB'), 'yesterday at 21:30');
  assert.equal(friendlyWhen(new Date(2026, 10, 26, 21, 30).toISOString(), now, 'en-GB'), 'on Thursday at 21:30');
  assert.equal(friendlyWhen(new Date(2026, 10, 2, 21, 30).toISOString(), now, 'en-GB'), 'on 2 November');
  assert.equal(friendlyWhen(new Date(2025, 11, 24, 21, 30).toISOString(), now, 'en-GB'), 'on 24 December 2025');
  assert.equal(friendlyWhen('nonsense', now, 'en-GB'), 'earlier');
  assert.equal(friendlyUntil(new Date(2026, 10, 30, 21, 5).toISOString(), now, 'en-GB'), 'later today at 21:05');
  assert.equal(friendlyUntil(new Date(2026, 11, 1, 9, 0).toISOString(), now, 'en-GB'), 'tomorrow at 09:00');
  assert.equal(friendlyUntil(new Date(2026, 11, 3, 18, 45).toISOString(), now, 'en-GB'), 'on Thursday at 18:45');
  assert.equal(friendlyUntil(new Date(2026, 11, 24, 8, 0).toISOString(), now, 'en-GB'), 'on 24 December');
  assert.equal(friendlyUntil(new Date(2027, 0, 2, 8, 0).toISOString(), now, 'en-GB'), 'on 2 January 2027');
  assert.equal(friendlyUntil('nonsense', now, 'en-GB'), 'in a few days');
  // The computer's language and region write the weekday, date and time.
  assert.match(friendlyWhen(new Date(2026, 10, 26, 21, 30).toISOString(), now, 'de-DE'), /^on Donnerstag at 21:30$/);
  assert.match(friendlyUntil(new Date(2026, 11, 1, 21, 30).toISOString(), now, 'en-US'), /^tomorrow at 9:30\sPM$/);
});

test('no pressure in the care wording', () => {
  const words = [
    ...SAFETY_PLAN_FIELDS.flat(),
    aftercareCard({ closeness: 'closeness' }, []).lead,
    aftercareCard({ closeness: 'space' }, []).lead,
    aftercareCard({ closeness: 'depends' }, []).lead,
    ...['safety-plan', 'grounding', 'back', 'numbers', 'coping', 'not-now', 'never', 'support'].flatMap((a) =>
      ['after-save', 'support', 'journal'].map((context) => actionLabel(a, 'support', { context }))),
  ];
  for (const w of words) assert.doesNotMatch(w, /!|\bmust\b|\bshould\b/i, w);
});

test('grounding leads before a card that can wait, never before a safety card', () => {
  // The shipped cards, as the core sends them: only "consider talking to someone" waits.
  const shipped = JSON.parse(readFileSync(new URL('../../src-tauri/core/content/care.json', import.meta.url), 'utf8')).cards;
  assert.ok(shipped.length >= 6);
  for (const c of shipped) {
    assert.equal(groundingLeads([c], true), c.id === 'talk-to-someone', c.id);
    assert.equal(groundingLeads([c], false), false, c.id);
  }
  assert.equal(groundingLeads([], true), true);
  assert.equal(groundingLeads([], false), false);
});

test('the Care footer claims a review only when one happened, and names who reviewed', () => {
  assert.equal(careFooter({ footer: 'Tend supports reflection.' }), 'Tend supports reflection.');
  // A bare date is not a review.
  assert.equal(careFooter({ footer: 'Tend supports reflection.', reviewed: '2026-11-28' }), 'Tend supports reflection.');
  assert.equal(careFooter({ footer: 'F.', review: { date: '2027-01-15', reviewer: '' } }), 'F.');
  assert.equal(careFooter({ footer: 'F.', review: { date: '2027-01-15', reviewer: 'a clinical psychologist' } }),
    'F. These texts were reviewed on 2027-01-15 by a clinical psychologist.');
  assert.equal(careFooter(null), '');
  // The shipped content claims none yet.
  const shipped = JSON.parse(readFileSync(new URL('../../src-tauri/core/content/care.json', import.meta.url), 'utf8'));
  assert.equal(careFooter(shipped), shipped.footer);
});

test('an explainer leads on to the explainers it names, and only to shipped ones', () => {
  const content = { explainers: [
    { id: 'post-sex-blues', title: 'Post-sex blues', body: '', see: ['consent', 'gone', 'post-sex-blues'] },
    { id: 'consent', title: 'Consent', body: '' },
  ] };
  assert.deepEqual(explainerLinks(content, content.explainers[0]), [{ id: 'consent', title: 'Consent' }]);
  assert.deepEqual(explainerLinks(content, content.explainers[1]), []);
  assert.deepEqual(explainerLinks(null, content.explainers[0]), []);
  const shipped = JSON.parse(readFileSync(new URL('../../src-tauri/core/content/care.json', import.meta.url), 'utf8'));
  const blues = shipped.explainers.find((x) => x.id === 'post-sex-blues');
  assert.deepEqual(explainerLinks(shipped, blues).map((l) => l.id), ['consent']);
});

test('with a safety card, the prompt and ideas fold under "More, if you want it"', () => {
  const shipped = JSON.parse(readFileSync(new URL('../../src-tauri/core/content/care.json', import.meta.url), 'utf8')).cards;
  for (const c of shipped) {
    // A card that can wait (consider talking to someone) keeps everything in view.
    assert.equal(foldsMore([c], false), c.waits !== true, c.id);
  }
  // The medical words beside the consent card are about safety too.
  assert.equal(foldsMore([], true), true);
  assert.equal(foldsMore([], false), false);
  assert.equal(foldsMore([{ id: 'talk-to-someone', waits: true }], false), false);
});

test('the aftercare card can open with a line for a partner, only when chosen and only with something on it', () => {
  const aftercare = [{ id: 'water', label: 'water or a drink', group: 'body-care' }];
  assert.equal(AFTERCARE_OPENING, "I sometimes feel low after sex. It isn't about you. What helps me is…");
  assert.equal(emptyAftercareNeeds().openingLine, false);
  const on = aftercareCard({ ...emptyAftercareNeeds(), openingLine: true, items: ['water'] }, aftercare);
  assert.equal(on.opening, AFTERCARE_OPENING);
  assert.equal(on.empty, false);
  assert.equal(aftercareCard({ ...emptyAftercareNeeds(), items: ['water'] }, aftercare).opening, '');
  // A record saved before the choice existed has no opening.
  assert.equal(aftercareCard({ items: ['water'] }, aftercare).opening, '');
  // "What helps me is…" with nothing after it isn't a card.
  const bare = aftercareCard({ ...emptyAftercareNeeds(), openingLine: true }, aftercare);
  assert.equal(bare.empty, true);
  assert.equal(bare.opening, '');
});

test('an entry\'s names lead to their explainers, once each, shipped ones only', () => {
  const content = { explainers: [{ id: 'post-sex-blues', title: 'Post-sex blues' }, { id: 'drop', title: 'Drop' }] };
  assert.deepEqual(explainersForLabels(content, ['postcoital-dysphoria', 'post-sex-blues', 'own-1', 'drop']),
    [{ id: 'post-sex-blues', title: 'Post-sex blues' }, { id: 'drop', title: 'Drop' }]);
  assert.deepEqual(explainersForLabels(content, ['own-1']), []);
  assert.deepEqual(explainersForLabels({ explainers: [] }, ['drop']), []);
  assert.deepEqual(explainersForLabels(null, ['drop']), []);
});

test('finding in the Care library: every word, case and accents aside', () => {
  const idea = 'Warmth and a blanket. After a scene, the body can feel cold; café-warm drinks help.';
  assert.ok(matchesWords(idea, 'BLANKET'));
  assert.ok(matchesWords(idea, 'cafe  warm'));
  assert.ok(matchesWords(idea, ''));
  assert.ok(!matchesWords(idea, 'blanket partner'));
  assert.ok(!matchesWords('Drop', 'dropped'));
});
