//! Sleeps with std::thread::sleep, which panics unless poll_oneoff reports exactly one event,
//! then prints how long the clock says it slept.
use std::time::{Duration, Instant, SystemTime};

fn main() {
    let ms: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let wall = SystemTime::now();
    let start = Instant::now();
    println!("sleeping {} ms", ms);
    std::thread::sleep(Duration::from_millis(ms));
    let slept = start.elapsed().as_millis();
    let wall_slept = wall.elapsed().map(|d| d.as_millis()).unwrap_or(0);
    println!("slept {} ms (realtime {} ms)", slept, wall_slept);
}
