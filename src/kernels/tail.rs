//! Where the lockstep kernel (`stepper.rs`) stops taking lookahead blocks and
//! a table gives the rest of a trajectory: the compiler's table of the steps
//! below 2^16 (`small_table.rs`), or the larger one built at run time
//! (`steps_table.rs`) once a process has sent enough numbers through it.

/// A table of the steps of every n below [`Tail::BELOW`].
pub(crate) trait Tail: Copy {
    /// The table holds the steps of every n below this.
    const BELOW: u64;
    fn steps(self, n: u64) -> u32;
}

