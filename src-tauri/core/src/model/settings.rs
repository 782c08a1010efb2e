//! The person's settings: how soon Tend locks, the window's title and the theme. Kept
//! encrypted like everything else.

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::MAX_SHORT_CHARS;
use crate::error::ValidationError;

/// Theme choice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Settings, kept encrypted like everything else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Zeroize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Settings {
    /// Minutes of inactivity before locking.
    pub idle_minutes: u32,
    /// The window title.
    pub window_title: String,
    /// Light, dark or system.
    #[zeroize(skip)]
    pub theme: Theme,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { idle_minutes: 5, window_title: "Tend".into(), theme: Theme::System }
    }
}

impl Settings {
    /// Checks ranges: 1-240 minutes, a title of 1-60 characters.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if !(1..=240).contains(&self.idle_minutes) {
            return Err(ValidationError::new("idleMinutes", "choose between 1 and 240 minutes"));
        }
        let n = self.window_title.trim().chars().count();
        if n == 0 || n > MAX_SHORT_CHARS {
            return Err(ValidationError::new("windowTitle", "use 1 to 60 characters"));
        }
        Ok(())
    }
}
