// The preview's live reload in a real browser (Debian's Chromium), as an editing group uses it:
//   node tests/browser/live-reload.mjs CHORUS_BINARY REPORT_DIR TODAY
// It serves REPORT_DIR with `chorus serve`, scrolls a story down, changes the story, and expects
// the page to reload with the change at the same place; then stops the server, starts it again
// on the same port, changes the story again, and expects the open page to reload by itself.
// Prints PASS/FAIL lines like the harness, and exits 1 on any failure.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const [binary, report, today] = process.argv.slice(2);
const CHROMIUM = process.env.CHORUS_CHROMIUM || '/usr/bin/chromium';
const PATIENCE = 20000;
const STORY = 'content/stories/the-saturday-club.md';
const PAGE = 'stories/the-saturday-club.html';

let passed = 0;
let failed = 0;
function record(ok, what, detail = '') {
  if (ok) passed += 1; else failed += 1;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}${ok || !detail ? '' : `\n  ${detail}`}`);
}

// `chorus serve` on a port (0 for any free one); resolves with the server and its address.
function serve(port) {
  const server = spawn(binary, ['serve', '--port', String(port), '--today', today, report], {
    env: { ...process.env, CHORUS_REAL_TODAY_FOR_TESTS: today },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const said = [];
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server never started; it said:\n${said.join('\n')}`)), PATIENCE);
    createInterface({ input: server.stderr }).on('line', (line) => {
      said.push(line);
      const at = line.match(/^The preview is at (\S+)/);
      if (at) {
        clearTimeout(timer);
        ok({ server, url: at[1].replace(/\/$/, '') });
      }
    });
    server.on('exit', () => fail(new Error(`the server ended; it said:\n${said.join('\n')}`)));
  });
}

function stop(server) {
  return new Promise((ok) => {
    server.on('exit', ok);
    server.kill('SIGINT');
  });
}

async function edit(from, to) {
  const path = join(report, STORY);
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${STORY} has no "${from}"`);
  await writeFile(path, text.replace(from, to));
}

// Resolves once the page has loaded again (a reload is a new navigation of the main frame).
function reloaded(page) {
  return page.waitForEvent('load', { timeout: PATIENCE });
}

// Waits (a few seconds at most) for the page to be back at `y`: on a busy machine the place is
// put back a moment after the load event, once the pictures above it have their size.
function settled(page, y) {
  return page
    .waitForFunction((to) => Math.abs(window.scrollY - to) <= 2, y, { timeout: 5000 })
    .catch(() => {});
}

async function main() {

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  let first = await serve(0);
  const port = new URL(first.url).port;
  try {
    // A short window, so that the story's page scrolls a long way.
    const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
    await page.goto(`${first.url}/${PAGE}`, { waitUntil: 'load' });
    const y = Math.floor((await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)) / 2);
    record(y > 200, 'the story scrolls far enough to test', `it scrolls ${y * 2} px`);
    await page.evaluate((to) => window.scrollTo(0, to), y);
    // The script is connected once it has heard the first build.
    await page.waitForTimeout(500);
    // The place the page is at when the file is saved is the one to keep (on a busy machine
    // the browser may still have moved it since, to keep what is shown in view).
    const place = await page.evaluate(() => window.scrollY);

    let load = reloaded(page);
    await edit('Every Saturday morning', 'Each Saturday morning');
    await load;
    const text = await page.textContent('main');
    record(text.includes('Each Saturday morning'), 'a saved change reloads the page with the change');
    await settled(page, place);
    const after = await page.evaluate(() => window.scrollY);
    record(Math.abs(after - place) <= 2, 'the reloaded page keeps its scroll position', `it was at ${place} px, and is at ${after} px`);

    await stop(first.server);
    first = null;
    // The page loses its connection while the preview is stopped, for longer than the
    // browser's own first try to connect again (3 seconds in Chromium).
    await page.waitForTimeout(4500);
    first = await serve(port);
    // A new run of the server: the page hears it and loads the new build by itself.
    await reloaded(page).catch(() => {});
    load = reloaded(page);
    await edit('Each Saturday morning', 'On Saturday mornings');
    let came_back = true;
    await load.catch(() => { came_back = false; });
    record(came_back, 'after the preview restarts, a saved change still reloads the page');
    const again = await page.textContent('main');
    record(again.includes('On Saturday mornings'), 'the page shows the change made after the restart');
    await settled(page, after);
    const kept = await page.evaluate(() => window.scrollY);
    record(Math.abs(kept - after) <= 2, 'the page keeps its scroll position after the restart', `it was at ${after} px, and is at ${kept} px`);
  } catch (error) {
    record(false, 'the live-reload checks ran to the end', String(error));
  } finally {
    await browser.close();
    if (first) await stop(first.server);

  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
