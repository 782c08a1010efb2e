//! The `tend` program: with a subcommand it runs the command line headless.
fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    std::process::exit(tend_core::cli::main_with_args(args));
}
