//! Why a call failed: its status, the input it names and the reason, and the
//! one mapping from every error of the kernels, of the search and of the
//! pointer checks to those three.
//!
//! A failure is recorded for the calling thread as the message
//! "FUNCTION: SUBJECT: REASON", the format `hotloop_last_error_message`
//! documents, so that a binding can put its own function name and its own
//! view of the input in front of the reason without guessing where one part
//! ends.

use crate::error;
use crate::kernels::longest::SearchError;
use crate::kernels::Error;
use crate::status::*;

/// A failure, boxed: an export's `Result<T, Failure>` is then no larger than
/// a pointer beside `T`, which keeps the path that does not fail as short as
/// a function without error handling.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Failure(Box<Parts>);

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Parts {
    pub status: hotloop_status,
    pub subject: String,
    pub reason: String,
    /// The offending element of a batch: its index and its value.
    pub element: Option<(usize, u64)>,
}

impl std::ops::Deref for Failure {
    type Target = Parts;
    fn deref(&self) -> &Parts {
        &self.0
    }
}

impl Failure {
    pub fn new(status: hotloop_status, subject: impl Into<String>, reason: impl Into<String>) -> Failure {
        Failure(Box::new(Parts { status, subject: subject.into(), reason: reason.into(), element: None }))
    }

    /// A kernel's error about element `index` of a batch, whose value is `value`.
    pub fn element(index: usize, value: u64, error: Error) -> Failure {
        let mut failure = Failure::kernel(format!("ns[{index}] = {value}"), error);
        failure.0.element = Some((index, value));
        failure
    }

    /// A kernel's error about the input named `subject`.
    pub fn kernel(subject: String, error: Error) -> Failure {
        match error {
            Error::NotPositive => Failure::new(HOTLOOP_ERR_INVALID_ARGUMENT, subject, "not a positive integer"),
            Error::Overflow { at } => {
                // The subject names n already when n is where it overflows.
                let reason = if subject.ends_with(&format!(" = {at}")) {
                    "the step 3n + 1 does not fit in uint64".to_string()
                } else {
                    format!("the step 3n + 1 does not fit in uint64 for n = {at}")
                };
                Failure::new(HOTLOOP_ERR_OVERFLOW, subject, reason)
            }
            Error::Beyond128 { at } => Failure::new(
                HOTLOOP_ERR_OVERFLOW,
                subject,
                format!("the trajectory passes 2^128: 3n + 1 does not fit for n = {at}"),
            ),
            Error::ResultTooLarge { value } => Failure::new(
                HOTLOOP_ERR_OVERFLOW,
                subject,
                format!("the result, {value}, does not fit in uint64"),
            ),
        }
    }

    /// Records the failure for the calling thread as `function`'s, and in
    /// `record` when the call has one; returns its status. Out of line:
    /// only the error path calls it.
    #[cold]
    #[inline(never)]
    pub fn record(self, function: &str, record: Option<&mut error::hotloop_error>) -> hotloop_status {
        if let Some(record) = record {
            record.fill(self.status, function, &self.subject, &self.reason, self.element);
        }
        error::record(self.status, format!("{function}: {}: {}", self.subject, self.reason));
        self.status
    }
}

/// Builds a failure out of line, so that its formatting stays off the fast
/// path of the export that may fail: `.map_err(|e| cold(|| Failure::...))`.
#[cold]
#[inline(never)]
pub(crate) fn cold(make: impl FnOnce() -> Failure) -> Failure {
    make()
}

impl From<SearchError> for Failure {
    fn from(error: SearchError) -> Failure {
        match error {
            SearchError::StartNotPositive => {
                Failure::new(HOTLOOP_ERR_INVALID_ARGUMENT, "start = 0", "not a positive integer")
            }
            SearchError::EmptyRange { start, end } => Failure::new(
                HOTLOOP_ERR_INVALID_ARGUMENT,
                format!("[start, end) = [{start}, {end})"),
                "the range is empty",
            ),
            SearchError::Overflow { n, error } => Failure::kernel(format!("n = {n}"), error),
        }
    }
}
