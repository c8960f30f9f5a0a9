fn main() {
    // hotloop-static: libhotloop.a even where the prefix also holds the .so.
    let library = pkg_config::Config::new().statik(true).probe("hotloop-static").expect("pkg-config finds hotloop-static");
    // Relink when the installed archive changes, not only when this file does.
    for dir in &library.link_paths {
        println!("cargo:rerun-if-changed={}", dir.join("libhotloop.a").display());
    }
}
