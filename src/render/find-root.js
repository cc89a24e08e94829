// Chorus's 404 page, when the report has no base_url. A host shows this page at whatever
// address was asked for, so its links, written as if it sat at the site's root, lead nowhere
// from a deeper address. This finds the site's root, the nearest folder above the address
// that has the site's stylesheet, and makes the links start from there. Without JavaScript
// the links work only from the root's own folder; base_url in site.toml makes them work from
// anywhere.
(async () => {
  const folders = location.pathname.split('/').slice(0, -1);
  for (let depth = folders.length; depth > 0; depth -= 1) {
    const folder = `${folders.slice(0, depth).join('/')}/`;
    try {
      const answer = await fetch(`${folder}assets/style.css`, { cache: 'no-store' });
      if (answer.ok) {
        const base = document.createElement('base');
        base.href = folder;
        document.head.prepend(base);
        return;
      }
    } catch {
      return;
    }
  }
})();
