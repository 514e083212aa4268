import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { referenceDesign } from './helpers.js';
import { requireServers } from './servers.js';

const CHROMIUM = process.env.DBARCHITECT_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && requireServers)
  throw new Error(`DBARCHITECT_REQUIRE_SERVERS=1 but no Chromium at ${CHROMIUM}: install Debian's chromium package (.ci/run does)`);
const skip = available ? false : `no Chromium at ${CHROMIUM}: install Debian's chromium package, or set DBARCHITECT_CHROMIUM, to run this test`;

describe('report.html in a real browser', () => {
  it('opens offline with no console errors, the ERD rendered as SVG and the capacity chart drawn', { skip }, async () => {
    const result = await referenceDesign();
    const html = result.artifacts.find((a) => a.path === 'report.html')!.content;
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href="http/, 'nothing is loaded from the network');
    const file = join(mkdtempSync(join(tmpdir(), 'dbarchitect-html-')), 'report.html');
    writeFileSync(file, html);

    // The flags keep headless Chromium off the network this machine does not have.
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      const requests: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) requests.push(request.url());
      });
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('#erd svg', { timeout: 30_000 });
      const entities = await page.locator('#erd svg g.node[id*="-entity-"]').count();
      assert.ok(entities >= 9, `the ERD shows every table (${entities} entity boxes)`);
      assert.equal(await page.locator('#capacity-chart polyline').count(), 1);
      assert.deepEqual(errors, [], 'no console errors');
      assert.deepEqual(requests, [], 'no network requests');
    } finally {
      await browser.close();
    }
  });
});
