//! ticker [INTERVAL]: a long-running module. Prints `tick 1` at once, then `tick 2`, `tick 3`, ...
//! every INTERVAL (default 5s; `500ms`, `0.05s`, `2m`, or a bare number of seconds), forever.
//! It sleeps through WASI's poll_oneoff (std::thread::sleep), never busy-waiting.

use std::env;
use std::process::ExitCode;
use std::thread;
use std::time::Duration;

fn parse_interval(s: &str) -> Option<Duration> {
    let (number, scale) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1e-3)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60.0)
    } else if let Some(n) = s.strip_suffix('h') {
        (n, 3600.0)
    } else {
        (s, 1.0)
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let seconds = number.parse::<f64>().ok()? * scale;
    if seconds > 0.0 && seconds <= 1e9 {
        Some(Duration::from_secs_f64(seconds))
    } else {
        None
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().collect();
    let mut interval = Duration::from_secs(5);
    for (i, arg) in args.iter().enumerate() {
        match parse_interval(arg) {
            Some(d) if i == args.len() - 1 => interval = d,
            // argv[0] is a program name when the container has a `command`.
            None if i == 0 => {}
            _ => {
                eprintln!(
                    "ticker: expected at most one argument, the interval (5s, 500ms, 0.05), got {:?}",
                    &args[i..]
                );
                return ExitCode::from(1);
            }
        }
    }
    let mut n: u64 = 1;
    loop {
        println!("tick {}", n);
        n += 1;
        thread::sleep(interval);
    }
}
