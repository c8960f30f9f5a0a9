//! Generates the C header with cbindgen.
//!
//! The header always goes to `$OUT_DIR/hotloop.h`. When `HOTLOOP_HEADER_OUT`
//! names a path, it is written there too: `make header` points it at the
//! committed `include/hotloop.h`, and `make check-header` at a scratch file
//! that it compares with the committed one. A plain `cargo build` never touches
//! `include/`, so a stale committed header cannot be repaired silently.

use std::{env, fs, path::PathBuf};

fn main() {
    let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());

    for path in ["src", "cbindgen.toml"] {
        println!("cargo:rerun-if-changed={path}");
    }
    println!("cargo:rerun-if-env-changed=HOTLOOP_HEADER_OUT");

    // A versioned soname, so that installed programs keep the ABI they were
    // linked against. Before 1.0 a minor release may break the ABI, so the
    // soname carries MAJOR.MINOR; from 1.0 on, MAJOR alone.
    let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap();
    let minor = env::var("CARGO_PKG_VERSION_MINOR").unwrap();
    let abi = if major == "0" { format!("0.{minor}") } else { major };
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libhotloop.so.{abi}");
    }

    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .expect("cbindgen.toml is readable and valid");
    let bindings = cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen could not generate include/hotloop.h");

    bindings.write_to_file(out_dir.join("hotloop.h"));
    if let Some(target) = env::var_os("HOTLOOP_HEADER_OUT") {
        let target = crate_dir.join(target);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).expect("header directory can be created");
        }
        bindings.write_to_file(&target);
    }
}
