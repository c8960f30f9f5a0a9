//! Writes the Python module interoptopus generates: `bindings PATH`.
use interoptopus::Interop;
use interoptopus_backend_cpython::{Config, Generator};

fn main() {
    let path = std::env::args().nth(1).expect("usage: bindings PATH");
    Generator::new(Config::default(), hotloop_interoptopus::inventory())
        .write_file(&path)
        .expect("interoptopus could not write the bindings");
}
