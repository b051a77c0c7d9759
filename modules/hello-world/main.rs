//! hello-world: a greeting on stdout, then the module's arguments (`argv[i]=...`), its
//! environment (sorted `NAME=value` lines), a line on stderr, and the content of a file from a
//! mounted volume. The file is the one `FILE` names, else the first argument that is an absolute
//! path; with neither, the module says so and still exits 0. A file that cannot be read is an
//! error: exit 1 with the reason on stderr.

use std::env;
use std::fs;
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("hello-world: cannot write output: {}", e);
            ExitCode::from(1)
        }
    }
}

fn run() -> io::Result<ExitCode> {
    let args: Vec<String> = env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut vars: Vec<(String, String)> = env::vars_os()
        .map(|(k, v)| (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned()))
        .collect();
    vars.sort();

    let stdout = io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "Hello, world! I am hello-world, a WASI module written in Rust.")?;
    writeln!(out, "{} args:", args.len())?;
    for (i, arg) in args.iter().enumerate() {
        writeln!(out, "argv[{}]={}", i, arg)?;
    }
    writeln!(out, "{} environment variables:", vars.len())?;
    for (name, value) in &vars {
        writeln!(out, "{}={}", name, value)?;
    }
    out.flush()?;
    eprintln!("hello-world: this line goes to stderr");

    let path = env::var("FILE")
        .ok()
        .filter(|p| !p.is_empty())
        .or_else(|| args.iter().find(|a| a.starts_with('/')).cloned());
    match path {
        None => {
            writeln!(out, "no file to show: set FILE or pass an absolute path")?;
        }
        Some(path) => match fs::read(&path) {
            Ok(bytes) => {
                writeln!(out, "{}:", path)?;
                out.write_all(&bytes)?;
                if !bytes.is_empty() && !bytes.ends_with(b"\n") {
                    writeln!(out)?;
                }
            }
            Err(e) => {
                out.flush()?;
                eprintln!("hello-world: cannot read {}: {}", path, e);
                return Ok(ExitCode::from(1));
            }
        },
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
