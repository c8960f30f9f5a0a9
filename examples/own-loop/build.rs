//! With the `generate-c-header` feature only, writes include/ownloop.h from
//! src/capi.rs with cbindgen (`make header` in this folder); a plain
//! `cargo build` compiles no cbindgen.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "generate-c-header")]
    {
        let dir = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
        println!("cargo:rerun-if-changed=src");
        println!("cargo:rerun-if-changed=cbindgen.toml");
        println!("cargo:rerun-if-env-changed=OWNLOOP_HEADER_DIR");
        // The Makefile passes a new value on each run, so that the header is
        // written whenever it is asked for, even where a scratch copy was deleted.
        println!("cargo:rerun-if-env-changed=OWNLOOP_HEADER_RUN");
        let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml is valid");
        let header = cbindgen::Builder::new()
            .with_crate(&dir)
            .with_config(config)
            .generate()
            .expect("cbindgen could not generate ownloop.h");
        // OWNLOOP_HEADER_DIR: include/ to regenerate, a scratch folder to compare.
        let out = std::env::var_os("OWNLOOP_HEADER_DIR").map_or(dir.join("include"), |d| dir.join(d));
        std::fs::create_dir_all(&out).expect("the header's folder can be made");
        header.write_to_file(out.join("ownloop.h"));
    }
}
