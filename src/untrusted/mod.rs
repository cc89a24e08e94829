//! Readers for what comes from outside the organisation, below every stage that uses them:
//! what a link or picture address points at and whether it is safe (`address`), and raw HTML
//! cut to an allow-list with every removal named (`raw_html`). The plan reads them to follow
//! what a page would fetch; markdown reads them to make a page safe.

pub mod address;
pub mod raw_html;
