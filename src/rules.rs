//! Every kind of message Chorus prints has a rule: a stable id in plain words, shown in the
//! message (`error[consent-missing]: …`) and explained in docs/messages.md, so that an editor
//! or a web officer can look a message up. An id never changes once published; a new kind of
//! message gets a new rule.
//!
//! Rules exist only as the constants below, so every `Diagnostic` names one of them.

/// One kind of message: its id and what it is about, in one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rule {
    /// Lower-case words joined by `-`, such as `consent-missing`.
    pub id: &'static str,
    pub summary: &'static str,
}

/// Declares each rule as a constant, and `ALL`, the list of every one.
macro_rules! rules {
    ($($name:ident = $id:literal, $summary:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $name: &Rule = &Rule { id: $id, summary: $summary };
        )*
        /// Every rule, in the order of docs/messages.md's areas.
        pub const ALL: &[&Rule] = &[$($name),*];
    };
}

rules! {
    // Settings and files.
    SETTING_UNKNOWN = "setting-unknown", "A setting Chorus does not know, often a misspelling.";
    SETTING_IN_WRONG_TABLE = "setting-in-wrong-table", "A setting written above or below a line in square brackets, such as [consent], on the wrong side of it.";
    SETTING_MISSING = "setting-missing", "A setting the file needs is not there.";
    SETTING_WRONG_KIND = "setting-wrong-kind", "A setting holds the wrong kind of value (words, a number, a date, true or false).";
    SETTING_EMPTY = "setting-empty", "A setting is empty where it needs something.";
    SETTING_NOT_A_CHOICE = "setting-not-a-choice", "A setting holds a word that is not one of its choices.";
    SETTING_NEEDS_QUOTES = "setting-needs-quotes", "Words in a setting have no quotation marks around them.";
    SETTING_TWICE = "setting-twice", "A setting is written twice.";
    SETTINGS_UNREADABLE = "settings-unreadable", "A line of settings is not written as Chorus can read it.";
    SETTINGS_CURLY_QUOTES = "settings-curly-quotes", "A line of settings has curly quotation marks instead of straight ones.";
    SETTINGS_BACKSLASH = "settings-backslash", "A path in a setting is written with backslashes instead of forward slashes.";
    SETTINGS_INVISIBLE_CHARACTER = "settings-invisible-character", "A line of settings has an invisible or unusual space.";
    DATE_UNREADABLE = "date-unreadable", "A date is not written as year-month-day.";
    SETTINGS_START_WITH_DASHES = "settings-start-with-dashes", "The settings at the top of a file start with --- instead of +++.";
    SETTINGS_NOT_CLOSED = "settings-not-closed", "The settings at the top of a file start with +++ but never end.";
    SETTINGS_NONE = "settings-none", "A story or page is empty, or has no settings at the top.";
    SITE_SETTINGS_EMPTY = "site-settings-empty", "site.toml is empty.";
    CONTACT_EMAIL_INVALID = "contact-email-invalid", "The contact email does not look like an email address.";
    EXAMPLE_ORGANISATION = "example-organisation", "The organisation is still the example chorus new wrote.";
    EXAMPLE_CONTACT_EMAIL = "example-contact-email", "The contact email is still the example chorus new wrote.";
    BRAND_COLOUR_UNREADABLE = "brand-colour-unreadable", "A brand colour is not written as Chorus can read it.";
    BRAND_COLOUR_LOW_CONTRAST = "brand-colour-low-contrast", "A brand colour does not contrast enough with the text on it.";
    ACCESSIBILITY_UNDATED = "accessibility-undated", "The accessibility statement claims full compliance without a test date.";
    ACCESSIBILITY_NO_ISSUES = "accessibility-no-issues", "The accessibility statement says partly compliant but lists no issues.";
    ACCESSIBILITY_UNTESTED = "accessibility-untested", "The accessibility statement says the site is not tested yet.";
    CONTENT_FOLDER_MISSING = "content-folder-missing", "There is no content/ folder, so no report.";
    FILE_REQUIRED = "file-required", "The report lacks a file it needs.";
    FILE_MISSING = "file-missing", "A file named in the report is not there.";
    FILE_NOT_UTF8 = "file-not-utf8", "A file is not saved as UTF-8 text.";
    FILE_TOO_LARGE = "file-too-large", "A file is too large for Chorus to read.";
    FILE_UNREADABLE = "file-unreadable", "Chorus could not open a file.";
    FILE_CHANGED_DURING_BUILD = "file-changed-during-build", "A file changed while the site was being made.";
    FILE_NAME_NOT_AN_ADDRESS = "file-name-not-an-address", "A file's name can't be part of a web address.";
    FILE_NAME_TOO_LONG = "file-name-too-long", "A file's name is too long for a web address.";
    MEDIA_KIND_NOT_PUBLISHED = "media-kind-not-published", "A file in media/ of a kind that could run a program on the website.";
    SHORTCUT_BROKEN = "shortcut-broken", "A link (shortcut) leads to a file that is not there.";
    SHORTCUT_OUTSIDE_REPORT = "shortcut-outside-report", "A link (shortcut) leads outside the report folder.";
    SHORTCUT_INTO_PRIVATE = "shortcut-into-private", "A link (shortcut) leads into private/.";
    SHORTCUT_TO_FOLDER = "shortcut-to-folder", "A link (shortcut) leads to a folder.";
    NOT_AN_ORDINARY_FILE = "not-an-ordinary-file", "Something in the report is not an ordinary file.";
    UNREAD_FOLDER = "unread-folder", "A folder in content/ that Chorus does not read.";
    UNREAD_SUBFOLDER = "unread-subfolder", "A folder inside a folder whose files Chorus reads only directly.";
    UNREAD_FILE = "unread-file", "A file in a place where Chorus does not read it.";
    UNREAD_FILE_TYPE = "unread-file-type", "A file of a kind Chorus does not read in its folder.";
    TODAY_UNREADABLE = "today-unreadable", "--today is not a date Chorus can read.";
    TODAY_IN_PAST = "today-in-past", "A build or the preview can't use --today with a date in the past.";
    REPORT_EXISTS = "report-exists", "chorus new found a report already there.";
    REPORT_NOT_FOUND = "report-not-found", "chorus new story or entry found no report.";
    NEW_TITLE_NO_LETTERS = "new-title-no-letters", "A title for chorus new has no letters or digits.";
    NEW_FILE_EXISTS = "new-file-exists", "chorus new found a file of that name already.";
    REPORT_FOLDER_MISSING = "report-folder-missing", "chorus serve was given a report folder that is not there.";
    PORT_IN_USE = "port-in-use", "Another program uses the port the preview needs.";
    PORT_UNUSABLE = "port-unusable", "The preview can't use its port.";
    WATCH_FAILED = "watch-failed", "The preview can't watch the report's files for changes.";
    WATCH_MISSED_CHANGE = "watch-missed-change", "The preview may have missed a change to a file.";
    PREVIEW_FAILED = "preview-failed", "The preview could not start.";
    CANNOT_WRITE = "cannot-write", "Chorus could not make a file or folder.";

    // Stories and consent.
    CONSENT_MISSING = "consent-missing", "A story has no [consent] table.";
    CONSENT_SCOPE_UNKNOWN = "consent-scope-unknown", "A consent scope Chorus does not know.";
    CONSENT_NAMING_NOT_AGREED = "consent-naming-not-agreed", "A story names its storyteller, but the consent does not say they agreed.";
    ANONYMOUS_STORY_FULL_NAME = "anonymous-story-full-name", "A story meant to be anonymous gives its storyteller what looks like a full name.";
    CONSENT_GIVEN_IN_FUTURE = "consent-given-in-future", "Consent is recorded as given on a date after today.";
    CONSENT_REVIEW_DUE = "consent-review-due", "A story's consent is due for review soon.";
    CONSENT_WITHDRAWN = "consent-withdrawn", "A story is left out: consent was withdrawn.";
    CONSENT_WITHDRAWN_IN_FUTURE = "consent-withdrawn-in-future", "A story is left out: consent is recorded as withdrawn on a date after today.";
    WITHDRAWN_STORY_FILE_PUBLISHED = "withdrawn-story-file-published", "A story whose consent was withdrawn is left out, but a picture or file it uses is published, because another page uses it too.";
    CONSENT_NOT_GIVEN = "consent-not-given", "A story is left out: consent has not been given.";
    CONSENT_NOT_FOR_WEB = "consent-not-for-web", "A story is left out: the consent does not cover the website.";
    CONSENT_REVIEW_OVERDUE = "consent-review-overdue", "A story is left out: its consent review date has passed.";
    STORY_NOT_READY = "story-not-ready", "A story is not published yet because of its status.";
    STORY_DATE_FUTURE = "story-date-future", "A story's date is after today.";
    PLACEHOLDER_LEFT = "placeholder-left", "A story ready to publish still has what the template wrote.";
    TITLE_TOO_LONG = "title-too-long", "A title is longer than the limit.";
    TITLE_HAS_HTML = "title-has-html", "A title has HTML tags in it, which would show as typed.";
    SUMMARY_TOO_LONG = "summary-too-long", "A summary is longer than one or two sentences.";
    NAME_TAKEN_BY_CHORUS = "name-taken-by-chorus", "A story or page has a name Chorus uses for a page of its own.";
    STORY_IMAGE_ALT_MISSING = "story-image-alt-missing", "A story's image has no alt text.";
    STORY_IMAGE_MISSING = "story-image-missing", "A story's image is not in the media folder.";
    FILE_ONLY_FOR_UNPUBLISHED = "file-only-for-unpublished", "A file is left out: only unpublished stories use it.";
    TRANSLATION_WITHOUT_ORIGINAL = "translation-without-original", "A translation has no original to translate.";
    TRANSLATION_NAME_HAS_REGION = "translation-name-has-region", "A translation's name ends in its language and region (.cy-GB.md), not the language alone (.cy.md).";
    TRANSLATION_LANGUAGE_NOT_LISTED = "translation-language-not-listed", "A translation is left out: its language is not one of the site's.";
    TRANSLATION_ORIGINAL_UNPUBLISHED = "translation-original-unpublished", "A translation is left out: its original is not published.";
    TRANSLATION_HOLDS_BACK = "translation-holds-back", "A story's translation says the story must not be published; only the original can.";
    TRANSLATION_REPEATS_SETTING = "translation-repeats-setting", "A translation sets something it takes from its original.";
    TRANSLATIONS_MISSING = "translations-missing", "Some stories or pages have no translation into a site language yet.";

    // Links and pictures.
    LINK_TO_MISSING_FILE = "link-to-missing-file", "A link or picture points to a file that is not in the report.";
    LINK_TO_UNPUBLISHED = "link-to-unpublished", "A link points to a story that is not published.";
    LINK_TO_WITHDRAWN_STORY = "link-to-withdrawn-story", "A link points to a story whose consent was withdrawn.";
    LINK_AS_WORDS = "link-as-words", "Something looks like a link but is not one.";
    LINK_UNSAFE_ADDRESS = "link-unsafe-address", "A link or picture has an address that could run code.";
    LINK_TO_COMPUTER_FILE = "link-to-computer-file", "A link or picture points to a file on a computer, not on the website.";
    LINK_NO_SCHEME = "link-no-scheme", "A link or picture address starts with //.";
    PICTURE_FROM_OTHER_SITE = "picture-from-other-site", "A picture is taken from another website.";
    PICTURE_ALT_MISSING = "picture-alt-missing", "A picture in the text has no alt text.";
    HTML_REMOVED = "html-removed", "HTML that a report may not use was taken out.";
    HEADING_TOP_LEVEL = "heading-top-level", "The text has a top-level heading (#).";
    TEXT_NESTED_TOO_DEEP = "text-nested-too-deep", "Quotes or lists are nested too deep to show.";

    // You said, we did.
    ENTRY_ID_INVALID = "entry-id-invalid", "An entry's id can't be used.";
    ENTRY_ID_TWICE = "entry-id-twice", "Two entries have the same id.";
    ENTRY_UNKNOWN = "entry-unknown", "A story names an entry that does not exist.";
    ENTRY_STATUS_MISMATCH = "entry-status-mismatch", "An entry's latest update and its status disagree.";
    PROGRESS_OUT_OF_RANGE = "progress-out-of-range", "Progress is not a percentage from 0 to 100.";
    TARGET_DATE_PASSED = "target-date-passed", "An entry's target date has passed and it is not done.";
    SHEET_EMPTY = "sheet-empty", "A spreadsheet has nothing in it.";
    SHEET_NOT_FOUND = "sheet-not-found", "A workbook has no sheet of the name site.toml gives.";
    SHEET_HIDDEN = "sheet-hidden", "The sheet site.toml names is hidden in its workbook, or every sheet is.";
    SHEET_PASSED_OVER = "sheet-passed-over", "A workbook has another sheet with the columns Chorus reads, shown or hidden, and Chorus read only the first sheet shown.";
    ROWS_HIDDEN = "rows-hidden", "Rows of a workbook's sheet are hidden, so Chorus did not read them.";
    COLUMNS_HIDDEN = "columns-hidden", "Columns of a workbook's sheet are hidden, so Chorus did not read them.";
    HIDDEN_COLUMN_NEEDED = "hidden-column-needed", "A column the entries or ratings need is hidden in a workbook's sheet, so Chorus did not read it.";
    CELL_MERGED = "cell-merged", "A cell a row needs is merged with a row above, so it is empty in that row.";
    ROW_CARRIES_ON = "row-carries-on", "A row with no id holds only words, as if it carried on the row above.";
    SHEET_TITLE_ROW = "sheet-title-row", "A spreadsheet has a title or other rows above its column names.";
    SHEET_NO_KNOWN_COLUMNS = "sheet-no-known-columns", "A workbook's first sheet has none of the columns Chorus reads.";
    WORKBOOK_MISSING = "workbook-missing", "site.toml names a workbook that is not there.";
    CSV_IS_A_WORKBOOK = "csv-is-a-workbook", "A file named .csv is a workbook or another document, not a CSV file.";
    WORKBOOK_UNREADABLE = "workbook-unreadable", "A workbook or CSV file can't be read.";
    WORKBOOK_TOO_LARGE = "workbook-too-large", "A workbook is too large to read.";
    COLUMN_UNNAMED = "column-unnamed", "A spreadsheet column has no name.";
    COLUMN_TWICE = "column-twice", "Two spreadsheet columns have the same name.";
    COLUMN_UNKNOWN = "column-unknown", "A spreadsheet column's name is a misspelling of one Chorus reads.";
    COLUMN_UNREAD = "column-unread", "A spreadsheet column Chorus does not read.";
    COLUMN_MISSING = "column-missing", "A spreadsheet lacks a column it needs.";
    CELL_MISSING = "cell-missing", "A spreadsheet row lacks a cell it needs.";
    UPDATE_UNREADABLE = "update-unreadable", "An update in a spreadsheet cell is not written as date | status | what happened.";
    CELL_DATE_IS_NUMBER = "cell-date-is-number", "A date cell holds a number.";
    CELL_FORMULA = "cell-formula", "Spreadsheet cells hold formulas: Chorus reads the values saved with them.";
    CELL_FORMULA_NOT_SAVED = "cell-formula-not-saved", "Spreadsheet cells hold formulas saved without their results, so Chorus reads them as empty.";

    // Assessments.
    FRAMEWORK_UNKNOWN = "framework-unknown", "site.toml names a framework Chorus does not know.";
    FRAMEWORK_NOT_USED = "framework-not-used", "A framework's wording is given, but the report does not use it.";
    FRAMEWORK_NOT_IN_REPORT = "framework-not-in-report", "An assessment cycle names a framework the report does not use.";
    FRAMEWORK_NEEDS_SETTING = "framework-needs-setting", "A framework of the report's own lacks a setting.";
    FRAMEWORK_NO_THEMES = "framework-no-themes", "A framework of the report's own has no themes.";
    FRAMEWORK_THEME_UNKNOWN = "framework-theme-unknown", "A theme id that is not in the report's frameworks.";
    STATEMENT_UNKNOWN = "statement-unknown", "A statement id that is not in the framework.";
    STATEMENT_NEEDS_THEME = "statement-needs-theme", "A statement of the report's own framework has no theme.";
    STATEMENT_OF_OTHER_FRAMEWORK = "statement-of-other-framework", "A rating is of a statement of another framework than its cycle's.";
    STATEMENT_RATED_TWICE = "statement-rated-twice", "A statement is rated twice in one cycle.";
    CYCLE_ENDS_BEFORE_START = "cycle-ends-before-start", "An assessment cycle ends before it starts.";
    SCALE_UNKNOWN = "scale-unknown", "A rating scale Chorus does not know.";
    RATING_NOT_ON_SCALE = "rating-not-on-scale", "A rating is not a value of its cycle's scale.";
    EVIDENCE_CATEGORY_UNKNOWN = "evidence-category-unknown", "A category of evidence Chorus does not know.";
    EVIDENCE_UNREADABLE = "evidence-unreadable", "Evidence in a spreadsheet cell is not written as category | title | address.";
    EVIDENCE_LINK_INVALID = "evidence-link-invalid", "A piece of evidence has an address that is not a web or email address.";
    ACTION_NOT_AN_ENTRY = "action-not-an-entry", "A rating's action is not a you said, we did entry.";

    // Templates and themes.
    THEME_MISSING = "theme-missing", "The theme site.toml names is not in themes/.";
    THEME_NAME_INVALID = "theme-name-invalid", "The theme setting is not the name of one folder.";
    THEME_LANGUAGE_MISSING = "theme-language-missing", "The theme has no words for a language of the site.";
    THEME_WORDS_MISSING = "theme-words-missing", "The theme lacks some words in a language, shown in English.";
    THEME_WORDS_UNREADABLE = "theme-words-unreadable", "A theme's file of words can't be read.";
    STYLESHEET_REPLACED = "stylesheet-replaced", "A theme replaces the built-in stylesheet whole.";
    TEMPLATE_SYNTAX = "template-syntax", "A template's tag is not written as the template language needs.";
    TEMPLATE_UNKNOWN_FILTER = "template-unknown-filter", "A template uses a filter that does not exist.";
    TEMPLATE_UNKNOWN_FUNCTION = "template-unknown-function", "A template calls a function that does not exist.";
    TEMPLATE_UNKNOWN_INCLUDE = "template-unknown-include", "A template includes a template the theme does not have.";
    TEMPLATE_UNKNOWN_VALUE = "template-unknown-value", "A template uses a value its pages do not have.";
    TEMPLATE_FAILED = "template-failed", "A template could not make its page.";
    TEMPLATE_NOT_UTF8 = "template-not-utf8", "A template is not saved as UTF-8 text.";

    // Publishing and the output folder.
    BASE_URL_MISSING = "base-url-missing", "The report has no base_url.";
    BASE_URL_NOT_FULL = "base-url-not-full", "The base_url is not a full web address.";
    BASE_URL_NOT_A_FOLDER = "base-url-not-a-folder", "The base_url is the address of a page, not of a folder.";
    ROOT_FILE_CLASH = "root-file-clash", "A file for the site's root has the name of a file Chorus makes.";
    ROOT_FILE_CASE_CLASH = "root-file-case-clash", "Two files for the site's root differ only in capital letters.";
    SEARCH_INDEX_FAILED = "search-index-failed", "Chorus could not make the search index.";
    OUTPUT_NOT_OURS = "output-not-ours", "The output folder holds files Chorus did not make.";
    OUTPUT_IS_A_FILE = "output-is-a-file", "The output is a file, not a folder.";
    OUTPUT_BROKEN_SHORTCUT = "output-broken-shortcut", "The output folder is a link to something that is not there.";
    OUTPUT_IN_REPORT = "output-in-report", "The output folder is the report folder or inside it.";
    OUTPUT_LEFTOVER_NOT_OURS = "output-leftover-not-ours", "A name Chorus needs beside the output folder is taken.";
    OUTPUT_NOT_WRITABLE = "output-not-writable", "Chorus could not write the site.";
    OUTPUT_RESTORED = "output-restored", "A stopped build's previous site was put back.";
    OUTPUT_OLD_NOT_REMOVED = "output-old-not-removed", "The previous site could not be removed.";
    OUTPUT_FILE_NOT_REMOVED = "output-file-not-removed", "A file of Chorus's own could not be removed from the site.";
    OUTPUT_GROUP_NOT_SET = "output-group-not-set", "The new site could not be given the previous folder's group.";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique() {
        let mut seen = HashSet::new();
        for rule in ALL {
            assert!(seen.insert(rule.id), "{} is used twice", rule.id);
        }
    }

    #[test]
    fn ids_are_lower_case_words_joined_by_dashes() {
        for rule in ALL {
            let words_ok = rule.id.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
            assert!(words_ok, "{} is not kebab-case", rule.id);
        }
    }

    /// docs/messages.md gives each rule a heading `### id`: every rule has one, and there is
    /// none for a rule the code lacks.
    #[test]
    fn docs_list_every_rule_and_no_other() {
        let doc = include_str!("../docs/messages.md");
        let documented: Vec<&str> = doc
            .lines()
            .filter_map(|line| line.strip_prefix("### "))
            .map(|heading| heading.trim().trim_matches('`'))
            .collect();
        let documented_set: HashSet<&str> = documented.iter().copied().collect();
        assert_eq!(
            documented.len(),
            documented_set.len(),
            "an id is listed twice"
        );
        let code: HashSet<&str> = ALL.iter().map(|r| r.id).collect();
        let undocumented: Vec<_> = code.difference(&documented_set).collect();
        let unknown: Vec<_> = documented_set.difference(&code).collect();
        assert!(
            undocumented.is_empty(),
            "not in docs/messages.md: {undocumented:?}"
        );
        assert!(
            unknown.is_empty(),
            "docs/messages.md lists unknown ids: {unknown:?}"
        );
    }
}
