//! Drives the real app for one test: its own tauri-driver on free loopback ports, a WebDriver
//! session, waits for screens and elements, clicks and typing that ride out a panel still moving
//! into place, screenshots, the memory of the app's processes, and an orderly stop that checks
//! the strace log when `TEND_E2E_STRACE=1`.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::ErrorStatus;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use tokio::process::{Child, Command};

use crate::audit::audit;
use crate::trace::check_trace;
use crate::{app_binary, target_dir, Home, R};

#[allow(clippy::disallowed_types)] // only to find a free loopback port for tauri-driver
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running app with a WebDriver session.
pub struct App {
    /// The WebDriver session, for what the helpers don't cover.
    pub c: Client,
    driver: Child,
    name: String,
    trace: Option<PathBuf>,
    shots: usize,
    audits: Vec<Value>,
}

impl App {
    /// Starts the app for `home` and waits for its first screen.
    pub async fn start(home: &Home, name: &str) -> R<App> {
        let app = Self::launch(home, name, &app_binary()).await?;
        app.wait_screen_any(&["setup", "unlock", "error"]).await?;
        Ok(app)
    }

    /// Starts `binary` through a fresh tauri-driver and returns once the session is open. A driver
    /// that can't start (a port it was given was taken before it could listen on it) is stopped
    /// and started again on new ports, up to three times.
    pub async fn launch(home: &Home, name: &str, binary: &Path) -> R<App> {
        let mut tries = Vec::new();
        for _ in 0..3 {
            match Self::launch_once(home, name, binary).await {
                Ok(app) => return Ok(app),
                Err(e) => tries.push(e.to_string()),
            }
        }
        Err(format!("no WebDriver session in three tries: {}", tries.join("; ")).into())
    }

    async fn launch_once(home: &Home, name: &str, binary: &Path) -> R<App> {
        let port = free_port();
        let native = std::iter::repeat_with(free_port).find(|p| *p != port).unwrap_or(port);
        let trace = std::env::var_os("TEND_E2E_STRACE").map(|_| home.path("trace").join(format!("{name}-{port}.log")));
        let mut cmd = match &trace {
            Some(t) => {
                let mut c = Command::new("strace");
                c.args(["-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o"]).arg(t).arg("tauri-driver");
                c
            }
            None => Command::new("tauri-driver"),
        };
        in_home(&mut cmd, home)
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        let mut driver = cmd.spawn().map_err(|e| {
            format!("couldn't start tauri-driver ({e}); install it with `cargo install tauri-driver --locked`")
        })?;
        let caps = json!({"browserName": "wry", "tauri:options": {"application": binary}});
        let caps: serde_json::Map<String, Value> = caps.as_object().unwrap().clone();
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        let c = loop {
            let mut b = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            b.capabilities(caps.clone());
            match b.connect(&url).await {
                Ok(c) => break c,
                Err(e) => {
                    let ended = driver.try_wait().ok().flatten();
                    if ended.is_some() || Instant::now() > deadline {
                        stop_tree(&mut driver).await;
                        return Err(match ended {
                            Some(status) => format!("tauri-driver ended ({status}) before a session opened: {e}"),
                            None => format!("no WebDriver session within 60 s: {e}"),
                        }
                        .into());
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        };
        Ok(App { c, driver, name: name.to_owned(), trace, shots: 0, audits: Vec::new() })
    }

    /// Starts the app a second time for `home`, outside WebDriver, as a person double-clicking
    /// it again would; returns how it ended (it should hand over to this one and end at once).
    pub async fn start_again(&self, home: &Home) -> R<std::process::ExitStatus> {
        let mut cmd = Command::new(app_binary());
        in_home(&mut cmd, home).stdout(Stdio::null()).stderr(Stdio::null()).kill_on_drop(true);
        let mut child = cmd.spawn()?;
        match tokio::time::timeout(Duration::from_secs(20), child.wait()).await {
            Ok(status) => Ok(status?),
            Err(_) => {
                let _ = child.kill().await;
                Err("the second start of the app was still running after 20 s: it opened a window of its own".into())
            }
        }
    }

    /// How many processes run the app's binary right now (this one and any other).
    pub fn running_apps() -> usize {
        let app = std::fs::canonicalize(app_binary()).unwrap_or_else(|_| app_binary());
        std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
            .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|x| x == app))
            .filter(|pid| running(*pid))
            .count()
    }

    /// Waits until `body[data-screen]` is `screen`.
    pub async fn wait_screen(&self, screen: &str) -> R {
        self.wait_screen_any(&[screen]).await.map(|_| ())
    }

    /// Waits until one of these screens shows, and says which.
    pub async fn wait_screen_any(&self, screens: &[&str]) -> R<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = match self
                .c
                .execute("return document.body ? (document.body.dataset.screen || '') : ''", vec![])
                .await
            {
                Ok(s) => s.as_str().unwrap_or("").to_owned(),
                // The page is reloading (Lock and quick-hide reload it): ask again once it is back.
                Err(e) if reloading(&e) => String::new(),
                Err(e) => return Err(e.into()),
            };
            if screens.contains(&s.as_str()) {
                return Ok(s);
            }
            if Instant::now() > deadline {
                return Err(format!("waited for screen {screens:?}, still on {s:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Unlocks from the unlock screen with `pass`, as a person would, and waits for the log.
    pub async fn unlock(&self, pass: &str) -> R {
        self.wait_screen("unlock").await?;
        self.type_into("#unlock-passphrase", pass).await?;
        self.click("#unlock-submit").await?;
        self.wait_screen("log").await
    }

    /// A visible element by CSS selector, waiting for it.
    pub async fn el(&self, css: &str) -> R<Element> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(e) = self.c.find(Locator::Css(css)).await {
                if e.is_displayed().await.unwrap_or(false) {
                    return Ok(e);
                }
            }
            if Instant::now() > deadline {
                return Err(format!("no visible element {css}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks, waiting while the element is still moving into place (WebKit says "not
    /// interactable" while a panel is being filled or scrolled).
    pub async fn click(&self, css: &str) -> R {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match self.el(css).await?.click().await {
                Ok(_) => return Ok(()),
                // Still opening, covered for a moment while it scrolls, or redrawn: try again.
                Err(fantoccini::error::CmdError::Standard(e))
                    if matches!(
                        e.error,
                        ErrorStatus::ElementNotInteractable
                            | ErrorStatus::ElementClickIntercepted
                            | ErrorStatus::StaleElementReference
                    ) && Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(fantoccini::error::CmdError::Standard(e)) => {
                    return Err(format!("clicking {css}: {} ({:?})", e, e.error).into())
                }
                Err(e) => return Err(format!("clicking {css}: {e}").into()),
            }
        }
    }

    /// Clears the field and types `text` into it, as a person would.
    pub async fn type_into(&self, css: &str, text: &str) -> R {
        let e = self.el(css).await?;
        // A person scrolls to a field below the window's edge before typing; WebKit's driver
        // doesn't, and calls such a field not interactable.
        self.c.execute("arguments[0].scrollIntoView({ block: 'nearest' })", vec![serde_json::to_value(&e)?]).await?;
        // As with clicks: a field in a section that is still opening isn't interactable yet.
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match e.clear().await {
                Ok(()) => break,
                Err(fantoccini::error::CmdError::Standard(err))
                    if err.error == fantoccini::error::ErrorStatus::ElementNotInteractable
                        && Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(err) => return Err(format!("clearing {css}: {err:?}").into()),
            }
        }
        if !text.is_empty() {
            e.send_keys(text).await.map_err(|err| format!("typing into {css}: {err}"))?;
        }
        Ok(())
    }

    /// The element's visible text.
    pub async fn text(&self, css: &str) -> R<String> {
        Ok(self.el(css).await?.text().await?)
    }

    /// Waits until the element's text contains `needle`.
    pub async fn wait_text(&self, css: &str, needle: &str) -> R<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            // textContent, so regions that are only for screen readers count too.
            let t = self
                .c
                .execute(
                    "const e = document.querySelector(arguments[0]); return e ? e.textContent : null",
                    vec![json!(css)],
                )
                .await?;
            if let Some(t) = t.as_str() {
                if t.contains(needle) {
                    return Ok(t.to_owned());
                }
            }
            if Instant::now() > deadline {
                return Err(format!("{css} never contained {needle:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The whole page's HTML.
    pub async fn html(&self) -> R<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.c.source().await {
                Ok(html) => return Ok(html),
                // Caught mid-reload: the page that comes back is the one to read.
                Err(e) if reloading(&e) && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Calls a Tauri command from inside the page, as the UI would; returns `{ok}` or `{err}`.
    pub async fn invoke(&self, cmd: &str, args: Value) -> R<Value> {
        let v = self
            .c
            .execute_async(
                "const [cmd, args, done] = arguments;
                 window.__TAURI_INTERNALS__.invoke(cmd, args).then(ok => done({ok: ok ?? null}), err => done({err}));",
                vec![json!(cmd), args],
            )
            .await?;
        Ok(v)
    }

    /// Presses a chord on the focused element.
    pub async fn chord(&self, keys: &[Key], ch: &str) -> R {
        let mut s = String::new();
        for k in keys {
            s.push(char::from(*k));
        }
        s.push_str(ch);
        s.push(char::from(Key::Null));
        self.c.find(Locator::Css("body")).await?.send_keys(&s).await?;
        Ok(())
    }

    /// Saves a screenshot as `target/e2e-screenshots/<test>-<n>-<what>.png` and audits the page
    /// with axe-core in light and dark (report: `<test>-axe.json` beside it); fails on serious or
    /// critical findings.
    pub async fn shot(&mut self, what: &str) -> R {
        // Let two frames pass (a screen just shown, the first one after start-up among them, is
        // drawn only in a next frame, and its fade starts there), however long a busy machine
        // takes to draw them; then let fades and slides finish, for two seconds at most (a fade
        // cut short by the next one counts as finished too, so the wait goes on for the
        // others), so the picture shows what a person sees.
        let _ = self
            .c
            .execute_async(
                "const done = arguments[0];
                 requestAnimationFrame(() => requestAnimationFrame(() => {
                   Promise.race([
                     Promise.allSettled(document.getAnimations().map(a => a.finished)),
                     new Promise(r => setTimeout(r, 2000)),
                   ]).then(() => done(true));
                 }));",
                vec![],
            )
            .await;
        let png = self.c.screenshot().await?;
        let dir = target_dir().join("e2e-screenshots");
        std::fs::create_dir_all(&dir)?;
        self.shots += 1;
        let shot = format!("{}-{:02}-{what}", self.name, self.shots);
        std::fs::write(dir.join(format!("{shot}.png")), &png)?;
        // A picture of one flat colour shows nothing: the screen wasn't drawn yet.
        if one_colour(&png)? {
            return Err(format!("the screenshot {shot} is one flat colour: the screen wasn't drawn").into());
        }
        // Every screen and state worth a picture is audited too, in light and in dark.
        let (results, serious) = audit(&self.c).await?;
        self.audits.push(json!({ "shot": shot, "results": results }));
        std::fs::write(dir.join(format!("{}-axe.json", self.name)), serde_json::to_vec_pretty(&self.audits)?)?;
        if !serious.is_empty() {
            return Err(format!("axe found serious accessibility problems on {shot}:\n{}", serious.join("\n")).into());
        }
        Ok(())
    }

    /// Ends the session, stops the driver (SIGTERM, so it stops WebKitWebDriver too) and, under
    /// strace, checks that nothing connected anywhere but this machine.
    pub async fn finish(mut self) -> R {
        // The app and its WebKit processes: gone before this returns, so a next start of the
        // app (a restart) never meets this one still holding the journal or the window.
        let started: Vec<u32> = self.driver.id().map(descendants).unwrap_or_default();
        let _ = self.c.clone().close().await;
        if let Some(pid) = self.driver.id() {
            let _ = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status();
        }
        let _ = tokio::time::timeout(Duration::from_secs(10), self.driver.wait()).await;
        // WebKitWebDriver doesn't always close the window when its session ends (more often on
        // a busy machine), and the app then runs on with no driver: end it as the system would.
        for signal in ["-TERM", "-KILL"] {
            let deadline = Instant::now() + Duration::from_secs(5);
            while started.iter().any(|p| running(*p)) && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            for p in started.iter().filter(|p| running(**p)) {
                let _ = std::process::Command::new("kill").args([signal, &p.to_string()]).status();
            }
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while started.iter().any(|p| running(*p)) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        if let Some(p) = started.iter().find(|p| running(**p)) {
            return Err(format!("process {p} of the app outlived its session, even after SIGKILL").into());
        }
        if let Some(t) = &self.trace {
            check_trace(t)?;
        }
        Ok(())
    }
}

/// True when a WebDriver call failed because the page was unloading (a reload under way).
fn reloading(e: &fantoccini::error::CmdError) -> bool {
    matches!(e, fantoccini::error::CmdError::Standard(w) if w.error == ErrorStatus::NoSuchFrame)
}

/// Every process's children, read from `/proc`.
pub(crate) fn process_tree() -> std::collections::HashMap<u32, Vec<u32>> {
    let mut children: std::collections::HashMap<u32, Vec<u32>> = std::collections::HashMap::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        let Some(close) = stat.rfind(')') else { continue };
        let ppid = stat[close + 2..].split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
        children.entry(ppid).or_default().push(pid);
    }
    children
}

/// The processes started, directly or not, by `root`.
pub(crate) fn descendants(root: u32) -> Vec<u32> {
    let children = process_tree();
    let mut out = Vec::new();
    let mut stack = children.get(&root).cloned().unwrap_or_default();
    while let Some(p) = stack.pop() {
        stack.extend(children.get(&p).cloned().unwrap_or_default());
        out.push(p);
    }
    out
}

/// True while `pid` runs (a finished process waiting to be reaped doesn't count).
pub(crate) fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| s.rfind(')').and_then(|c| s[c + 1..].split_whitespace().next().map(|st| st != "Z")))
        .unwrap_or(false)
}

/// The folders of the person of `home`: their home, data, cache, config, state and temp
/// folders, and so the app's default journal folder within them.
pub(crate) fn home_env(home: &Home) -> [(&'static str, PathBuf); 6] {
    [
        ("HOME", home.path("home")),
        ("XDG_DATA_HOME", home.path("data")),
        ("XDG_CACHE_HOME", home.path("cache")),
        ("XDG_CONFIG_HOME", home.path("config")),
        ("XDG_STATE_HOME", home.path("state")),
        ("TMPDIR", home.path("tmp")),
    ]
}

/// Runs `cmd` as the person of `home` would (see [`home_env`]), in their working folder.
fn in_home<'c>(cmd: &'c mut Command, home: &Home) -> &'c mut Command {
    cmd.envs(home_env(home)).current_dir(home.path("cwd")).env_remove("TEND_DATA_DIR")
}

/// Stops `driver` and whatever it started (WebKitWebDriver, an app window), at once.
async fn stop_tree(driver: &mut Child) {
    if let Some(pid) = driver.id() {
        for p in descendants(pid) {
            let _ = std::process::Command::new("kill").args(["-KILL", &p.to_string()]).status();
        }
    }
    let _ = driver.kill().await;
}

/// True when every pixel of the PNG `png` has the same colour.
fn one_colour(png: &[u8]) -> R<bool> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info()?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("a screenshot too large to read")?];
    let frame = reader.next_frame(&mut buf)?;
    let px = frame.color_type.samples() * usize::from(frame.bit_depth as u8).div_ceil(8);
    let bytes = &buf[..frame.buffer_size()];
    Ok(bytes.chunks_exact(px).all(|p| p == &bytes[..px]))
}

#[cfg(test)]
mod tests {
    use super::one_colour;

    fn png(pixels: &[[u8; 4]], width: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, width, pixels.len() as u32 / width);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(pixels.concat().as_slice()).unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn a_flat_picture_is_told_from_a_drawn_one() {
        let bg = [250, 247, 242, 255];
        assert!(one_colour(&png(&[bg; 6], 3)).unwrap());
        let mut drawn = [bg; 6];
        drawn[4] = [40, 40, 40, 255];
        assert!(!one_colour(&png(&drawn, 3)).unwrap());
    }
}
