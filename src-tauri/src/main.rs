//! The `tend` program: no arguments open the window; a subcommand runs the command line
//! headless, without starting any GUI toolkit.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() > 1 {
        std::process::exit(tend_core::cli::main_with_args(args));
    }
    tend_app::run();
}
