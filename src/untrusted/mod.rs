//! Readers for what comes from outside the organisation, below every stage that uses them:
//! what a link or picture address points at and whether it is safe (`address`), raw HTML cut
//! to an allow-list with every removal named (`raw_html`), and which kinds of media file may
//! be published (`media`). The load reads the last; the plan reads them to follow what a page
//! would fetch; markdown reads them to make a page safe.

pub mod address;
pub mod media;
pub mod raw_html;
