//! Readers for what comes from outside the organisation, below every stage that uses them:
//! what a link or picture address points at and whether it is safe (`address`), raw HTML cut
//! to an allow-list with every removal named (`raw_html`), which kinds of media file may be
//! published (`media`), and cells a spreadsheet would run as a formula (`formula`). The load
//! reads `media`; the plan reads the first two to follow what a page would fetch; markdown
//! reads them to make a page safe; the open data writes with `formula`.

pub mod address;
pub mod formula;
pub mod media;
pub mod raw_html;
