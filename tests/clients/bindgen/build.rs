fn main() {
    // Where run.sh installed libhotloop (the shared library, found at run time by rpath).
    let lib = std::env::var("HOTLOOP_LIBDIR").expect("HOTLOOP_LIBDIR");
    println!("cargo:rustc-link-search=native={lib}");
    println!("cargo:rustc-link-lib=dylib=hotloop");
    println!("cargo:rustc-link-arg=-Wl,-rpath,{lib}");
    println!("cargo:rerun-if-env-changed=HOTLOOP_BINDINGS");
}
