//! The IPC surface on Tauri's mock runtime, with the app's real config and capability: each
//! command's argument names, result shape and error codes, and refusal of anything not ours.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Url, WebviewWindow};
use tend_core::journal::Options;
use tend_core::keystore::NoKeyring;
use tend_core::Journal;

struct Harness {
    _dir: tempfile::TempDir,
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::with_options(dir.path(), Box::new(NoKeyring), Options::for_tests());
    // The app's own builder and config; the main window is opened exactly as `run_app`'s setup
    // opens it (from config, with navigation and new windows refused).
    let app = tend_app::builder(mock_builder(), journal).build(tauri::generate_context!()).unwrap();
    let window = tend_app::open_main_window(&app).unwrap();
    Harness { _dir: dir, _app: app, window }
}

impl Harness {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn code(&self, cmd: &str, args: Value) -> String {
        let e = self.call(cmd, args).expect_err(cmd);
        assert!(e["message"].as_str().is_some_and(|m| m.len() > 10), "{cmd}: message missing in {e}");
        e["code"].as_str().unwrap_or_else(|| panic!("{cmd}: no code in {e}")).to_owned()
    }
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn every_command_has_its_wire_shape() {
    let h = harness();
    let s = h.ok("status", json!({}));
    assert_eq!(keys(&s), ["dataDir", "deviceBound", "exists", "quickUnlock", "unlocked"]);
    assert_eq!(s["exists"], false);
    // The paint mark answers before any journal exists, with nothing.
    assert_eq!(h.ok("first_paint", json!({})), Value::Null);
    assert_eq!(h.ok("first_paint", json!({"pageMs": 12.5})), Value::Null);
    // The page's clock is read under the name the page gives it: a time that isn't one is refused.
    assert!(h.call("first_paint", json!({"pageMs": "soon"})).is_err());
    assert_eq!(h.code("list_entries", json!({"offset": 0, "limit": 10})), "locked");
    assert_eq!(h.code("create", json!({"passphrase": ""})), "invalid_input");

    let strength = h.ok("passphrase_strength", json!({"passphrase": "hunter2"}));
    assert_eq!(keys(&strength), ["enoughAlone", "offline", "offlineSeconds", "says", "score"]);
    assert_eq!(strength["enoughAlone"], false);
    // The key is written only where the system's save dialog said, and none was chosen.
    assert_eq!(h.code("save_recovery_key", json!({"key": "anything"})), "key_file_not_written");
    let c = h.ok("create", json!({"passphrase": "ipc pass"}));
    assert_eq!(keys(&c), ["protection", "recoveryKey"]);
    assert_eq!(keys(&c["protection"]), ["deviceBound", "keyringProblem", "quickUnlock"]);
    assert_eq!(c["recoveryKey"].as_str().unwrap().len(), 69);

    let input = json!({"mood": {"pleasantness": -0.5, "energy": -0.4}, "emotions": ["tearful"], "aftercareWanted": ["reassurance"],
                       "labels": ["drop"], "choice": "unsure", "timing": "next-day", "text": "ipc words"});
    let e = h.ok("add_entry", json!({"input": input}));
    assert_eq!(
        keys(&e),
        [
            "aftercareGot",
            "aftercareWanted",
            "at",
            "body",
            "checkIn",
            "choice",
            "context",
            "created",
            "emotions",
            "follows",
            "id",
            "labels",
            "mood",
            "partner",
            "prompt",
            "quadrant",
            "text",
            "timing",
            "updated"
        ]
    );
    assert_eq!(
        (e["quadrant"].as_str(), e["choice"].as_str(), e["timing"].as_str()),
        (Some("heavy"), Some("unsure"), Some("next-day"))
    );
    let id = e["id"].as_str().unwrap().to_owned();

    assert_eq!(h.code("add_entry", json!({"input": {"mood": {"pleasantness": 3, "energy": 0}}})), "invalid_input");
    assert_eq!(
        h.code("add_entry", json!({"input": {"mood": {"pleasantness": 0, "energy": 0}, "score": 10}})),
        "invalid_input"
    );
    assert_eq!(
        h.code("add_entry", json!({"input": {"mood": {"pleasantness": 0, "energy": 0}, "emotions": ["nope"]}})),
        "invalid_input"
    );

    let page = h.ok("list_entries", json!({"offset": 0, "limit": 10}));
    assert_eq!(keys(&page), ["feelings", "foundIn", "items", "total"]);
    assert_eq!(page["foundIn"], json!([]), "no words asked, none found");
    assert_eq!(page["total"], 1);
    assert_eq!(h.ok("get_entry", json!({"id": id}))["text"], "ipc words");
    assert_eq!(h.code("get_entry", json!({"id": "00000000-0000-4000-8000-000000000000"})), "not_found");
    let edited = h.ok(
        "update_entry",
        json!({"id": id, "input": {"mood": {"pleasantness": 0.5, "energy": 0.5}, "text": "changed"}}),
    );
    assert_eq!(edited["quadrant"], "bright");
    let found = h.ok("search_entries", json!({"query": {"text": "CHANGED", "offset": 0, "limit": 5}}));
    assert_eq!(keys(&found), ["feelings", "foundIn", "items", "total"]);
    assert_eq!(found["total"], 1);
    assert_eq!(found["foundIn"], json!([["text"]]));
    let none = json!({"query": {"contexts": ["solo"], "unmet": true}});
    assert_eq!(h.ok("search_entries", none)["total"], 0);
    let filtered = json!({"query": {"moods": ["bright"], "from": "2000-01-01", "to": "2200-12-31", "limit": 5}});
    assert_eq!(h.ok("search_entries", filtered)["total"], 1);
    assert_eq!(h.ok("search_entries", json!({"query": {"moods": ["heavy"]}}))["total"], 0);
    assert_eq!(h.code("search_entries", json!({"query": {"moods": ["purple"]}})), "invalid_input");
    assert_eq!(h.code("search_entries", json!({"query": {"from": "last tuesday"}})), "invalid_input");
    assert_eq!(h.code("search_entries", json!({"query": {"from": "0001-01-01"}})), "invalid_input");
    let far = json!({"input": {"mood": {"pleasantness": 0, "energy": 0}, "at": "-262143-01-01T00:00:00+00:00"}});
    assert_eq!(h.code("add_entry", far), "invalid_input");
    assert_eq!(h.code("insights", json!({"from": "-262143-01-01", "to": "+262142-12-31"})), "invalid_input");

    let w = h.ok("words", json!({}));
    assert_eq!(keys(&w), ["own", "shipped"]);
    assert!(w["shipped"]["emotions"].as_array().unwrap().len() > 30);
    let own = h.ok("add_own_emotion", json!({"label": "glowy", "quadrant": "bright"}));
    assert_eq!(keys(&own), ["id", "label", "quadrant"]);
    assert_eq!(h.code("add_own_emotion", json!({"label": "x", "quadrant": "purple"})), "invalid_input");
    assert_eq!(keys(&h.ok("add_own_label", json!({"label": "mine"}))), ["id", "label"]);
    assert_eq!(h.ok("words", json!({}))["own"]["emotions"][0]["label"], "glowy");

    let st = h.ok("settings", json!({}));
    assert_eq!(keys(&st), ["idleMinutes", "theme", "windowTitle"]);
    assert_eq!(
        h.ok("save_settings", json!({"settings": {"idleMinutes": 9, "windowTitle": "Notes", "theme": "dark"}}))
            ["idleMinutes"],
        9
    );
    assert_eq!(
        h.code("save_settings", json!({"settings": {"idleMinutes": 0, "windowTitle": "Notes", "theme": "dark"}})),
        "invalid_input"
    );
    assert_eq!(
        h.code("save_settings", json!({"settings": {"idleMinutes": 5, "windowTitle": "Notes", "theme": "neon"}})),
        "invalid_input"
    );

    assert_eq!(h.code("change_passphrase", json!({"current": "wrong", "new": "x"})), "wrong_passphrase");
    assert_eq!(
        keys(&h.ok("change_passphrase", json!({"current": "ipc pass", "new": "second"}))),
        ["deviceBound", "keyringProblem", "quickUnlock"]
    );
    let old_rk = h.ok("new_recovery_key", json!({"current": "second"}));
    assert_eq!(old_rk.as_str().unwrap().len(), 69);
    assert_eq!(h.code("rekey", json!({"current": "wrong", "new": "second"})), "wrong_passphrase");
    assert_eq!(h.code("rekey", json!({"current": "second", "new": ""})), "invalid_input");
    let rekeyed = h.ok("rekey", json!({"current": "second", "new": "second"}));
    assert_eq!(keys(&rekeyed), ["protection", "recoveryKey"]);
    let rk = rekeyed["recoveryKey"].clone();
    assert_eq!(rk.as_str().unwrap().len(), 69);
    assert_ne!(rk, old_rk);
    assert_eq!(h.code("set_quick_unlock", json!({"current": "second", "on": true})), "quick_unlock_unavailable");

    let ins = h.ok("insights", json!({"from": null, "to": null}));
    for k in ["aftercare", "calendar", "emotions", "later", "map", "month", "overTime", "quadrants", "total", "week"] {
        assert!(ins.get(k).is_some(), "insights.{k} missing");
    }
    assert_eq!(ins["total"]["count"], 1);
    assert_eq!(h.code("insights", json!({"from": "last tuesday", "to": null})), "invalid_input");

    h.ok("delete_entry", json!({"id": id}));
    assert_eq!(h.code("delete_entry", json!({"id": id})), "not_found");
    assert_eq!(h.ok("lock", json!({})), Value::Null);
    assert_eq!(h.code("settings", json!({})), "locked");
    assert_eq!(h.code("unlock", json!({"passphrase": "ipc pass"})), "wrong_passphrase");
    assert_eq!(h.code("unlock_quick", json!({})), "quick_unlock_unavailable");
    let report = h.ok("unlock", json!({"passphrase": "second"}));
    assert_eq!(keys(&report), ["damaged", "entries", "notAsSaved", "protection"]);
    assert_eq!(keys(&report["notAsSaved"]), ["indexChanged", "missing", "older", "unknown"]);
    // An unsaved entry goes with the lock, and is offered back after unlock.
    assert_eq!(h.ok("drafts", json!({})), json!([]));
    let draft =
        json!({"input": {"mood": {"pleasantness": 0.2, "energy": -0.4}, "text": "half written"}, "editing": null});
    h.ok("lock", json!({"drafts": [draft]}));
    h.ok("unlock", json!({"passphrase": "second"}));
    let kept = h.ok("drafts", json!({}));
    assert_eq!(keys(&kept[0]), ["editing", "id", "input", "keptAt"]);
    assert_eq!(kept[0]["input"]["text"], "half written");
    // A draft the core can't read is let go and the lock still happens.
    h.ok("lock", json!({"drafts": [{"nonsense": true}]}));
    assert_eq!(h.code("drafts", json!({})), "locked");
    h.ok("unlock", json!({"passphrase": "second"}));
    assert_eq!(h.ok("drafts", json!({})).as_array().unwrap().len(), 1);
    h.ok("discard_draft", json!({"id": kept[0]["id"]}));
    assert_eq!(h.code("discard_draft", json!({"id": kept[0]["id"]})), "not_found");
    assert_eq!(h.ok("drafts", json!({})), json!([]));
    h.ok("lock", json!({}));
    assert_eq!(h.code("recover", json!({"recoveryKey": "AAAA", "newPassphrase": "x"})), "recovery_key_typo");
    assert_eq!(h.code("recover", json!({"recoveryKey": old_rk, "newPassphrase": "x"})), "wrong_recovery_key");
    assert_eq!(h.ok("recover", json!({"recoveryKey": rk, "newPassphrase": "third"}))["entries"], 0);
}

#[test]
fn care_commands_shapes_and_errors() {
    let h = harness();
    // The content and the support numbers are readable before any journal exists or unlocks.
    let content = h.ok("care_content", json!({}));
    assert_eq!(
        keys(&content),
        ["cards", "coping", "explainers", "footer", "grounding", "needs", "prompts", "support", "version"]
    );
    assert_eq!(content["prompts"].as_array().unwrap().len(), 34);
    assert_eq!(
        h.ok("support_numbers", json!({})),
        json!({"numbers": null, "outside": false, "locked": true, "outsideDiffers": false})
    );
    assert_eq!(h.code("care_state", json!({})), "locked");
    h.ok("create", json!({"passphrase": "care pass"}));
    let entry = h.ok(
        "add_entry",
        json!({"input": {"mood": {"pleasantness": -0.6, "energy": -0.5}, "emotions": ["tearful"], "choice": "unsure", "checkIn": "few-hours"}}),
    );
    assert_eq!(entry["checkIn"], "few-hours");
    let id = entry["id"].as_str().unwrap();
    let offer = h.ok("care_after_save", json!({"id": id}));
    assert_eq!(
        keys(&offer),
        ["card", "contexts", "coping", "entryId", "groundingFirst", "medicalToo", "prompt", "states", "supportToo"]
    );
    assert_eq!(offer["card"]["id"], "consent");
    assert_eq!(offer["groundingFirst"], true);
    // With no writing box, the window offers the prompt's way onward by this key, not by its id.
    assert_eq!(offer["prompt"]["leadsTo"], "support");
    assert_eq!(h.ok("care_for_entry", json!({"id": id})), offer);
    assert_eq!(h.code("care_for_entry", json!({"id": "nope"})), "not_found");
    let prompt = offer["prompt"]["id"].as_str().unwrap();
    let answered = h.ok("answer_prompt", json!({"id": id, "prompt": prompt, "answer": "a blanket"}));
    assert_eq!((answered["text"].as_str(), answered["prompt"].as_str()), (Some("a blanket"), Some(prompt)));
    assert_eq!(h.code("answer_prompt", json!({"id": id, "prompt": "zz", "answer": "x"})), "invalid_input");

    let state = h.ok("care_state", json!({}));
    assert_eq!(keys(&state), ["aftercareNeeds", "numbers", "numbersOutside", "patternCards", "safetyPlan"]);
    let plan = json!({"warningSigns": "a", "whatHelps": "b", "people": "c", "professionals": "d", "saferSpace": "e"});
    assert_eq!(h.ok("save_safety_plan", json!({"plan": plan})), plan);
    assert_eq!(h.code("save_safety_plan", json!({"plan": {"warning": "typo"}})), "invalid_input");
    let needs = json!({"closeness": "space", "items": ["water"], "closenessNote": "", "wordsNote": "quiet", "bodyNote": "", "laterNote": "", "otherNote": "", "openingLine": false});
    assert_eq!(h.ok("save_aftercare_needs", json!({"needs": needs})), needs);
    assert_eq!(h.code("save_aftercare_needs", json!({"needs": {"items": ["teleport"]}})), "invalid_input");
    let numbers = json!({"emergency": "112", "crisisLine": "", "assaultService": "", "trustedName": "Sam", "trustedNumber": "0123"});
    let info = h.ok("save_support_numbers", json!({"numbers": numbers, "outside": false}));
    assert_eq!(info, json!({"numbers": numbers, "outside": false, "locked": false, "outsideDiffers": false}));
    assert_eq!(h.ok("set_pattern_cards", json!({"on": false}))["patternCards"], false);
    assert_eq!(h.ok("due_check_ins", json!({})), json!([]));
    h.ok("dismiss_check_in", json!({"id": id}));
    assert_eq!(h.code("dismiss_check_in", json!({"id": "nope"})), "not_found");
    h.ok("dismiss_check_in", json!({"id": "nope", "also": [id, "gone"]}));
    h.ok("lock", json!({}));
    assert_eq!(
        h.ok("support_numbers", json!({})),
        json!({"numbers": null, "outside": false, "locked": true, "outsideDiffers": false})
    );
    assert_eq!(h.code("care_after_save", json!({"id": id})), "locked");
}

#[test]
fn commands_and_plugins_outside_the_capability_are_refused() {
    let h = harness();
    for cmd in [
        "plugin:fs|read_text_file",
        "plugin:shell|execute",
        "plugin:http|fetch",
        "plugin:opener|open_url",
        "not_a_command",
    ] {
        let e = h.call(cmd, json!({"path": "/etc/passwd"})).expect_err(cmd);
        assert!(!e.to_string().contains("root:"), "{cmd}: {e}");
    }
    // Core window permissions are not granted either.
    assert!(h.call("plugin:window|set_title", json!({"label": "main", "value": "x"})).is_err());
}

#[test]
fn only_the_bundled_origin_may_be_shown() {
    for ok in ["tauri://localhost/index.html", "http://tauri.localhost/", "https://tauri.localhost/js/main.js"] {
        assert!(tend_app::is_bundled_origin(&Url::parse(ok).unwrap()), "{ok}");
    }
    for bad in [
        "https://example.org/",
        "http://localhost:8080/",
        "file:///etc/passwd",
        "tauri://evil/",
        "data:text/html,hi",
        "http://tauri.localhost.evil.org/",
    ] {
        assert!(!tend_app::is_bundled_origin(&Url::parse(bad).unwrap()), "{bad}");
    }
}

#[test]
fn config_keeps_the_promises() {
    let conf: Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
    let sec = &conf["app"]["security"];
    assert_eq!(sec["freezePrototype"], true);
    assert_eq!(sec["csp"]["default-src"], "'self'");
    assert_eq!(sec["csp"]["connect-src"], "ipc: http://ipc.localhost");
    let csp = sec["csp"].to_string();
    assert!(!csp.contains("unsafe") && !csp.contains("https:") && !csp.contains('*'), "{csp}");
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert!(conf["build"].get("devUrl").is_none(), "a devUrl would point the window at a server");
    assert!(conf.get("plugins").is_none_or(|p| p.as_object().is_none_or(|o| o.is_empty())));
    let cap: Value = serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
    assert!(cap.get("remote").is_none());
    for p in cap["permissions"].as_array().unwrap() {
        let p = p.as_str().unwrap();
        assert!(p.starts_with("allow-") && !p.contains(':'), "only our own commands: {p}");
    }
    // The capability allows exactly the commands build.rs declares.
    let build = include_str!("../build.rs");
    let declared: Vec<String> = build
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"').and_then(|l| l.strip_suffix("\",")))
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    let mut allowed: Vec<String> =
        cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect();
    let mut declared_sorted = declared.clone();
    declared_sorted.sort();
    allowed.sort();
    assert!(declared.len() >= 20);
    assert_eq!(allowed, declared_sorted);
    let manifest = include_str!("../Cargo.toml");
    for banned in ["tauri-plugin", "reqwest", "hyper", "ureq"] {
        assert!(!manifest.contains(banned), "{banned} in the shell's dependencies");
    }
}
