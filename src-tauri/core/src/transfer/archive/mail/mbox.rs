//! An mbox read as a stream, headers only: each message's header block is kept, its
//! body skipped line by line, so a mailbox of any size reads in the memory of one
//! buffer and one header block.

use std::io::{self, Read};

/// Bytes read from the file at a time.
const BUFFER: usize = 256 * 1024;
/// How far ahead a `From ` line is looked at to tell a separator from a body line.
const PEEK: usize = 2048;
/// A header block longer than this (Gmail's run to 20 KB) is cut there.
const MAX_HEADERS: usize = 512 * 1024;

/// One message's header block, as written.
pub(super) struct Raw {
    /// The 1-based line of its `From ` separator.
    pub line: usize,
    pub headers: Vec<u8>,
}

pub(super) struct Mbox<'a> {
    inner: &'a mut dyn Read,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
    /// The 1-based line `pos` is on.
    pub line: usize,
}

impl<'a> Mbox<'a> {
    pub fn new(inner: &'a mut dyn Read) -> Mbox<'a> {
        Mbox { inner, buf: vec![0; BUFFER], pos: 0, end: 0, eof: false, line: 1 }
    }

    /// The next message's headers, or `None` at the end of the file.
    pub fn next_message(&mut self) -> io::Result<Option<Raw>> {
        // Skip the rest of the last message's body (or anything before the first message).
        while !self.at_separator()? {
            if !self.skip_line()? {
                return Ok(None);
            }
        }
        let line = self.line;
        self.skip_line()?;
        let mut headers = Vec::new();
        loop {
            self.fill(2)?;
            let window = &self.buf[self.pos..self.end];
            if window.is_empty() {
                break;
            }
            if window[0] == b'\n' || window.starts_with(b"\r\n") {
                self.skip_line()?;
                break;
            }
            if self.at_separator()? {
                break;
            }
            if headers.len() < MAX_HEADERS {
                self.read_line(&mut headers)?;
            } else {
                self.skip_line()?;
            }
        }
        Ok(Some(Raw { line, headers }))
    }

    /// Makes at least `want` bytes available from `pos`, unless the file ends first.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        if self.end - self.pos >= want || self.eof {
            return Ok(());
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        while self.end < want.min(self.buf.len()) && !self.eof {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// A line starting `From ` whose next line is a header (`Name: value`): mboxo and
    /// mboxrd escape body lines as `>From `, but not every writer does, and a body line
    /// "From here on…" is not followed by a header.
    fn at_separator(&mut self) -> io::Result<bool> {
        self.fill(PEEK)?;
        let window = &self.buf[self.pos..self.end];
        if !window.starts_with(b"From ") {
            return Ok(false);
        }
        let Some(nl) = window.iter().position(|&b| b == b'\n') else { return Ok(true) };
        let next = &window[nl + 1..];
        if next.is_empty() {
            return Ok(true);
        }
        let name = next.iter().take_while(|&&b| b != b':').count();
        Ok(name > 0 && name < next.len() && next[..name].iter().all(|&b| b.is_ascii_graphic()))
    }

    /// Moves past the next line end; false at the end of the file.
    fn skip_line(&mut self) -> io::Result<bool> {
        loop {
            if self.pos == self.end {
                self.fill(1)?;
                if self.pos == self.end {
                    return Ok(false);
                }
            }
            match self.buf[self.pos..self.end].iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.pos += i + 1;
                    self.line += 1;
                    return Ok(true);
                }
                None => self.pos = self.end,
            }
        }
    }

    /// Appends the next line, its line end included, to `out` (a line longer than the
    /// header cap is cut there).
    fn read_line(&mut self, out: &mut Vec<u8>) -> io::Result<()> {
        loop {
            if self.pos == self.end {
                self.fill(1)?;
                if self.pos == self.end {
                    return Ok(());
                }
            }
            let window = &self.buf[self.pos..self.end];
            let (take, done) = match window.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (window.len(), false),
            };
            if out.len() < MAX_HEADERS {
                out.extend_from_slice(&window[..take.min(MAX_HEADERS - out.len())]);
            }
            self.pos += take;
            if done {
                self.line += 1;
                return Ok(());
            }
        }
    }
}
