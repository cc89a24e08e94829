// Chorus's search page: the words in the address (?q=…) are looked up in the site's own
// Pagefind index, in the browser, and the pages found are listed as links under headings.
// Nothing is asked of any other host. Without JavaScript, or where the index can't be loaded
// (a site opened from a shared drive), the page keeps offering the site map instead.
const form = document.querySelector('.search-form');
const status = document.querySelector('.search-status');
const list = document.querySelector('.search-results');
const fallback = document.querySelector('.search-needs-script');
// At most this many results are listed; the status says when there are more.
const LISTED = 30;

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

// Pagefind's excerpt is text in which `<` and `>` were escaped and the words found were put in
// <mark>. It is rebuilt here as nodes, never read as HTML, so a page's words stay words.
function excerpt(text) {
  const paragraph = document.createElement('p');
  const unescape = (part) => part.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  text.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const found = part.match(/^<mark>(.*)<\/mark>$/);
    if (found) {
      const mark = document.createElement('mark');
      mark.textContent = unescape(found[1]);
      paragraph.append(mark);
    } else if (part) {
      paragraph.append(unescape(part));
    }
  });
  return paragraph;
}

function result(data, root) {
  const item = document.createElement('li');
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = root + (data.raw_url || data.url).replace(/^\//, '');
  link.textContent = data.meta.title || link.href;
  heading.append(link);
  item.append(heading, excerpt(data.excerpt || ''));
  return item;
}

async function search() {
  const root = form.dataset.root;
  let pagefind;
  try {
    pagefind = await import(new URL(form.dataset.index, document.baseURI).href);
  } catch {
    fallback.textContent = fallback.dataset.failed;
    return;
  }
  form.hidden = false;
  fallback.hidden = true;
  const words = (new URLSearchParams(location.search).get('q') || '').trim();
  const input = form.querySelector('input');
  input.value = words;
  if (!words) return;
  status.textContent = status.dataset.searching;
  const found = await pagefind.search(words);
  const shown = await Promise.all(found.results.slice(0, LISTED).map((r) => r.data()));
  list.replaceChildren(...shown.map((data) => result(data, root)));
  list.hidden = shown.length === 0;
  let said = shown.length === 0
    ? fill(status.dataset.none, { words })
    : fill(status.dataset.results, { words, count: found.results.length });
  if (found.results.length > LISTED) said += ` ${fill(status.dataset.firstShown, { shown: LISTED })}`;
  status.textContent = said;
  document.title = `${said} – ${document.title}`;
}

search();
