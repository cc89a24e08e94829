// Chorus's 404 page, when the report has no base_url. A host shows this page at whatever
// address was asked for, so its links, written as if it sat at the site's root, lead nowhere
// from a deeper address. This finds the site's root, the nearest folder above the address
// that has the site's stylesheet, and makes each link start from there. (Not with a <base>:
// that would send the skip link, #main, to another page.) Without JavaScript the links work
// only from the root's own folder; base_url in site.toml makes them work from anywhere.
(async () => {
  const folders = location.pathname.split('/').slice(0, -1);
  for (let depth = folders.length; depth > 0; depth -= 1) {
    const root = new URL(`${folders.slice(0, depth).join('/')}/`, location.href);
    try {
      const answer = await fetch(new URL('assets/style.css', root), { cache: 'no-store' });
      if (!answer.ok) continue;
    } catch {
      return;
    }
    for (const element of document.querySelectorAll('a[href], link[href]')) {
      const written = element.getAttribute('href');
      if (!/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(written)) {
        element.setAttribute('href', new URL(written, root).href);
      }
    }
    return;
  }
})();
