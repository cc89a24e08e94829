// Chorus's accessibility harness: every page of a built site, in Debian's Chromium.
//
//   node tests/browser/harness.mjs SITE_DIR [SCREENSHOT_DIR] [--served ORIGIN]
//
// With --served, the pages are loaded from a running `chorus serve` at ORIGIN instead, and
// SITE_DIR holds the HTML it served for each page to check; the one script allowed is the
// preview's live reload.
//
// For each page: axe-core's WCAG 2.0/2.1/2.2 A and AA rules; the skip link is the first Tab
// stop and moves focus to main; every link and control is reached by Tab and shows a visible
// change when focused (proven by screenshots, once for each kind of element: the same tag
// and classes in the same place of the page, such as an entry's title link in a list, look
// the same on every page, so the first few of a kind stand for the rest); nothing scrolls sideways at 320 px; nothing is cut off at 200% text;
// the page works with JavaScript off; a search page finds pages and says so; no request leaves
// 127.0.0.1. Then the W3C Nu HTML
// Checker over every file. Prints one line per failure and ends with "N passed, N failed".

import { chromium } from 'playwright-core';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = fileURLToPath(new URL('.', import.meta.url));
const CHROMIUM = process.env.CHORUS_CHROMIUM || '/usr/bin/chromium';
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
// Pages a person should look at, each at desktop width and at 320 px.
const SCREENSHOT_PAGES = [
  ['home', 'index.html'],
  ['stories', 'stories/index.html'],
  ['story', 'stories/the-saturday-club.html'],
  ['story-with-content-note', 'stories/not-on-my-own-anymore.html'],
  ['story-in-welsh', 'cy/stories/direct-payments-made-simple.html'],
  ['home-in-welsh', 'cy/index.html'],
  ['stories-in-welsh', 'cy/stories/index.html'],
  ['free-page', 'about.html'],
  ['accessibility-statement', 'accessibility.html'],
  ['site-map', 'site-map.html'],
  ['not-found', '404.html'],
  ['tracker', 'you-said-we-did/index.html'],
  ['tracker-status', 'you-said-we-did/status/in-progress.html'],
  ['entry', 'you-said-we-did/yswd-2025-001.html'],
  ['entry-not-possible', 'you-said-we-did/yswd-2025-003.html'],
  ['entry-in-welsh', 'cy/you-said-we-did/yswd-2025-005.html'],
  ['assessment', 'assessment/index.html'],
  ['cycle-two-voices', 'assessment/making-it-real-2026/index.html'],
  ['cycle-cqc', 'assessment/cqc-self-assessment-2026/index.html'],
  ['rated-statement', 'assessment/making-it-real-2026/mir.info.i1.html'],
  ['theme-evidence', 'themes/mir.info.html'],
  ['co-production', 'co-production.html'],
  ['search', 'search.html?q=care'],
  ['search-in-welsh', 'cy/search.html?q=gofal'],
];

const args = process.argv.slice(2);
const servedFlag = args.indexOf('--served');
const served = servedFlag >= 0 ? args.splice(servedFlag, 2)[1].replace(/\/$/, '') : null;
const [siteArg, shotsArg] = args;
if (!siteArg) {
  console.error('usage: node harness.mjs SITE_DIR [SCREENSHOT_DIR]');
  process.exit(2);
}
const siteDir = resolve(siteArg);
const shotsDir = resolve(shotsArg || join(here, '..', '..', 'target', 'browser-screenshots'));

let passed = 0;
let failed = 0;
function record(ok, what, detail = '') {
  if (ok) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${what}${detail ? `\n     ${detail.replace(/\n/g, '\n     ')}` : ''}`);
  }
}

async function htmlFiles(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...await htmlFiles(path));
    else if (entry.name.endsWith('.html')) found.push(relative(siteDir, path).split(sep).join('/'));
  }
  return found.sort();
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml',
  '.js': 'text/javascript', '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
};

// The only scripts a page may have are the site's own: the search page's, from the site's
// assets, and, on the 404 page of a site with no base_url, the one written into it that finds
// the site's root.
function ownScripts(file, source) {
  const scripts = source.match(/<script\b[^>]*>/gi) || [];
  const strangers = scripts.filter((tag) => {
    if (/^<script type="module" src="(\.\.\/)*assets\/search\.js">$/.test(tag)) return false;
    if (tag === '<script>' && /(^|\/)404\.html$/.test(file)) return false;
    return true;
  });
  return strangers;
}

function serve(dir) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file = resolve(join(dir, path));
    try {
      if (!file.startsWith(dir)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': TYPES['.html'] });
      response.end(await readFile(join(dir, '404.html')).catch(() => 'not found'));
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// Every request that is not for this machine is stopped and counted.
async function guard(context, origin, outside) {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
}

async function axeCheck(page, name, axeSource) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE_TAGS);
  record(result.length === 0, `${name}: axe-core WCAG 2.2 A/AA`, result.join('\n'));
}

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

// Kinds of element whose focus has been seen to show, with how many were looked at. A kind is
// an element's tag and classes and those of its ancestors, and whether it holds a picture.
const focusShown = new Map();
const SEEN_OF_A_KIND = 3;

function kindOf(element) {
  return element.evaluate((el) => {
    const path = [];
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      path.push(`${node.tagName.toLowerCase()}.${[...node.classList].sort().join('.')}`);
    }
    return `${path.join('<')}|${el.querySelector('img, svg') ? 'picture' : 'words'}`;
  });
}

async function keyboardCheck(page, name, settle = 'load') {
  // The skip link is the first Tab stop, and following it puts focus on main.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const a = document.activeElement;
    const box = a.getBoundingClientRect();
    return { cls: a.className, href: a.getAttribute('href'), onScreen: box.left >= 0 && box.top >= 0 && box.width > 0 };
  });
  record(first.cls === 'skip-link' && first.href === '#main' && first.onScreen,
    `${name}: the skip link is the first Tab stop and is shown when focused`, JSON.stringify(first));
  if (first.href === '#main') {
    await page.keyboard.press('Enter');
    const afterSkip = await page.evaluate(() => `${document.activeElement.tagName.toLowerCase()}#${document.activeElement.id}`);
    record(afterSkip === 'main#main', `${name}: the skip link moves focus to main`, `focus is on ${afterSkip}`);
  } else {
    record(false, `${name}: the skip link moves focus to main`, 'there is no skip link to follow');
  }

  // Every link and control is reached by Tab, and looks different when it has focus.
  const expected = await page.evaluate((selector) => [...document.querySelectorAll(selector)].filter((el) => {
    const style = getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
  }).length, FOCUSABLE);
  // From a fresh load, so Tab starts at the top of the page, not where the skip link left it.
  await page.goto(page.url().split('#')[0], { waitUntil: settle });
  await page.evaluate((selector) => {
    [...document.querySelectorAll(selector)].forEach((el, i) => el.setAttribute('data-harness', String(i)));
  }, FOCUSABLE);
  const reached = new Set();
  const invisible = [];
  for (let step = 0; step < expected + 2; step += 1) {
    await page.keyboard.press('Tab');
    const active = await page.evaluateHandle(() => document.activeElement);
    const index = await active.evaluate((el) => el.getAttribute('data-harness'));
    if (index === null || reached.has(index)) break;
    reached.add(index);
    const element = active.asElement();
    const kind = await kindOf(element);
    if ((focusShown.get(kind) || 0) >= SEEN_OF_A_KIND) continue;
    const focused = await element.screenshot().catch(() => null);
    await element.evaluate((el) => el.blur());
    const unfocused = await element.screenshot().catch(() => null);
    if (!focused || !unfocused || Buffer.compare(focused, unfocused) === 0) {
      invisible.push(await element.evaluate((el) => el.outerHTML.slice(0, 80)));
    } else {
      focusShown.set(kind, (focusShown.get(kind) || 0) + 1);
    }
    await element.evaluate((el) => el.focus());
  }
  record(reached.size === expected, `${name}: Tab reaches all ${expected} links and controls`, `reached ${reached.size}`);
  record(invisible.length === 0, `${name}: every focused link and control shows a visible focus indicator`, invisible.join('\n'));
}

// On a desktop screen the menu uses the screen's width: no link wraps alone onto a line of
// its own (checked on each home page, whose menu every page shares).
async function menuCheck(page, name) {
  if (!/^([a-z]{2}\/)?index\.html$/.test(name)) return;
  for (const width of [1000, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const rows = await page.evaluate(() => {
      const tops = [...document.querySelectorAll('.site-nav li')].map((li) => Math.round(li.getBoundingClientRect().top));
      const counts = new Map();
      for (const top of tops) counts.set(top, (counts.get(top) || 0) + 1);
      return [...counts.values()];
    });
    const lonely = rows.length > 1 && rows[rows.length - 1] === 1;
    record(!lonely, `${name}: no menu link wraps alone at ${width} px`, `the menu's lines hold ${rows.join(', ')} links`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function reflowCheck(page, name) {
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  record(wide <= 320, `${name}: no sideways scrolling at 320 px`, `the page is ${wide} px wide`);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const cut = await page.evaluate(() => {
    const problems = [];
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`page is ${document.documentElement.scrollWidth} px wide`);
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.visually-hidden, .skip-link')) continue;
      const style = getComputedStyle(el);
      const clips = /(hidden|clip)/.test(style.overflowX + style.overflowY);
      if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
        problems.push(el.outerHTML.slice(0, 80));
      }
    }
    return problems;
  });
  record(cut.length === 0, `${name}: nothing is lost at 200% text size`, cut.join('\n'));
  await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
}

async function noScriptCheck(page, name, source) {
  const state = await page.evaluate(() => ({
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main').length,
    words: (document.querySelector('main')?.innerText || '').trim().length,
    nav: document.querySelectorAll('nav a[href]').length,
  }));
  record(state.h1 === 1 && state.main === 1 && state.words > 0 && state.nav > 0,
    `${name}: works with JavaScript off (one h1, a main with content, navigation)`, JSON.stringify(state));
  if (served) {
    const scripts = source.match(/<script\b[^>]*>/gi) || [];
    record(scripts.length === 1 && scripts[0].startsWith('<script src="/__chorus/live-reload.js"'),
      `${name}: has no scripts but the preview's live reload`, scripts.join('\n'));
  } else {
    const strangers = ownScripts(name, source);
    record(strangers.length === 0, `${name}: has no scripts but the site's own search and 404 scripts`, strangers.join('\n'));
  }
}

// The search page, searched: a word from the home page's title finds pages, each result a
// heading with a link to a page of the site; the answer is said in the status; the page with
// its results passes axe; a word found nowhere says so.
async function searchCheck(page, name, origin, axeSource) {
  const form = await page.$('.search-form');
  if (!form) return;
  const word = await page.evaluate(async () => {
    const root = document.querySelector('.search-form').dataset.root;
    const home = await (await fetch(`${root}index.html`)).text();
    const title = new DOMParser().parseFromString(home, 'text/html').title;
    return title.split(/[^\p{L}]+/u).find((w) => w.length >= 4);
  });
  const url = `${origin}/${name}`;
  await page.goto(`${url}?q=${encodeURIComponent(word)}`, { waitUntil: 'load' });
  const said = await page.waitForFunction(() => {
    const text = document.querySelector('.search-status').textContent;
    return text && !text.endsWith('…') ? text : null;
  }, null, { timeout: 10000 }).then((h) => h.jsonValue()).catch(() => null);
  const results = await page.$$eval('.search-results li', (items) => items.map((li) => ({
    heading: li.querySelector('h2 a')?.href, title: li.querySelector('h2 a')?.textContent,
  })));
  const working = said && said.includes(word) && results.length > 0 && results.every((r) => r.heading && r.title);
  record(working, `${name}: searching for "${word}" lists pages under headings and says so`, `${said}: ${JSON.stringify(results.slice(0, 3))}`);
  const broken = [];
  for (const r of results) {
    const answer = await page.request.get(r.heading).catch(() => null);
    if (!answer || !answer.ok()) broken.push(r.heading);
  }
  record(broken.length === 0, `${name}: every search result leads to a page of the site`, broken.join('\n'));
  await axeCheck(page, `${name}?q=${word}`, axeSource);
  await page.goto(`${url}?q=zzqxjv`, { waitUntil: 'load' });
  const none = await page.waitForFunction(() => {
    const text = document.querySelector('.search-status').textContent;
    return text && !text.endsWith('…') ? text : null;
  }, null, { timeout: 10000 }).then((h) => h.jsonValue()).catch(() => null);
  record(Boolean(none && none.includes('zzqxjv')) && (await page.$$('.search-results li')).length === 0,
    `${name}: a word found nowhere is said to be found nowhere`, String(none));
}

// A 404 page with the script that finds the site's root, shown at a deep address as a host
// shows it: its links lead to the site's pages.
async function deepNotFoundCheck(context, origin) {
  const source = await readFile(join(siteDir, '404.html'), 'utf8').catch(() => '');
  if (!/<script>/.test(source)) return;
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/no/such/folder/page.html`, { waitUntil: 'networkidle' });
    const home = await page.$eval('.site-name a', (a) => a.href);
    record(home === `${origin}/index.html`, '404.html at a deep address leads to the home page', home);
  } finally {
    await page.close();
  }
}

async function screenshots(context, origin, files) {
  await rm(shotsDir, { recursive: true, force: true });
  await mkdir(shotsDir, { recursive: true });
  const page = await context.newPage();
  // A served preview is pictured page by page: each is a state of the preview to look at.
  const pictured = served ? files.map((f) => [f.replace(/\.html$/, '').replace(/[^a-z0-9]+/gi, '-'), f]) : SCREENSHOT_PAGES;
  for (const [label, path] of pictured) {
    for (const [width, suffix] of [[1280, 'desktop'], [320, '320px']]) {
      await page.setViewportSize({ width, height: 800 });
      const response = await page.goto(`${origin}/${path}`, { waitUntil: 'networkidle' });
      // A page the site does not have is not pictured (the host would show its 404 page).
      if (!response || !response.ok()) continue;
      await page.screenshot({ path: join(shotsDir, `${label}-${suffix}.png`), fullPage: true });
    }
  }
  await page.close();
}

async function htmlCheck(files) {
  const jar = join(here, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  const run = promisify(execFile);
  let report;
  try {
    const { stderr } = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files.map((f) => join(siteDir, f))], { maxBuffer: 64 * 1024 * 1024 });
    report = stderr;
  } catch (error) {
    report = error.stderr;
    if (!report) {
      record(false, 'Nu HTML Checker ran', String(error));
      return;
    }
  }
  const messages = JSON.parse(report || '{"messages":[]}').messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  for (const file of files) {
    const own = messages.filter((m) => decodeURIComponent(m.url || '').endsWith(`/${file}`));
    record(own.length === 0, `${file}: Nu HTML Checker finds no errors`, own.map((m) => `line ${m.lastLine}: ${m.message}`).join('\n'));
  }
}

async function main() {
  const files = await htmlFiles(siteDir);
  if (files.length === 0) {
    console.log(`FAIL there are no pages in ${siteDir}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const axeSource = await readFile(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const server = served ? null : await serve(siteDir);
  const origin = served || `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), 'chorus-harness-'));
  const outside = [];
  const context = await chromium.launchPersistentContext(join(profile, 'js'), {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 800 },
  });
  const noScript = await chromium.launchPersistentContext(join(profile, 'nojs'), {
    executablePath: CHROMIUM, headless: true, args: FLAGS, javaScriptEnabled: false,
  });
  try {
    await guard(context, origin, outside);
    await guard(noScript, origin, outside);
    for (const file of files) {
      const source = await readFile(join(siteDir, file), 'utf8');
      // One page's surprise is recorded as its failure, and the other pages are still checked.
      const page = await context.newPage();
      try {
        // A page with a script of its own (search) is checked once the script has done what
        // it does on loading.
        const settle = /<script/i.test(source) ? 'networkidle' : 'load';
        await page.goto(`${origin}/${file}`, { waitUntil: settle });
        await axeCheck(page, file, axeSource);
        await page.reload({ waitUntil: settle });
        await keyboardCheck(page, file, settle);
        await menuCheck(page, file);
        await reflowCheck(page, file);
        await searchCheck(page, file, origin, axeSource);
      } catch (error) {
        record(false, `${file}: the checks ran to the end`, String(error));
      } finally {
        await page.close();
      }
      const plain = await noScript.newPage();
      try {
        await plain.goto(`${origin}/${file}`, { waitUntil: 'load' });
        await noScriptCheck(plain, file, source);
      } catch (error) {
        record(false, `${file}: the checks without JavaScript ran to the end`, String(error));
      } finally {
        await plain.close();
      }
    }
    if (!served) await deepNotFoundCheck(context, origin);
    await screenshots(context, origin, files);
    record(outside.length === 0, 'no page asks any other host for anything', [...new Set(outside)].join('\n'));
  } finally {
    await context.close();
    await noScript.close();
    if (server) server.close();
    await rm(profile, { recursive: true, force: true });
  }
  await htmlCheck(files);
  console.log(`checked ${files.length} pages; screenshots in ${shotsDir}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.log(`FAIL the harness itself stopped: ${error.stack || error}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
