// SPDX-License-Identifier: GPL-3.0-or-later
// tests/browser.js - headless Chromium (Debian's) for the EPUB's browser
// tests (tests/viewport.js, tests/reader.js), through the puppeteer-core
// that scripts/check-a11y --setup installs into ACE_DIR.
//
//   const { visit, eachView } = require('./browser');
//   await visit(aceDir, page => eachView(page, files, [360, 1024],
//       async (name, width) => { ... page.evaluate(...) ... }));
//
// visit() starts the browser with a profile of its own, gives the
// callback one page that loads nothing but local files (a book's links
// stay unfollowed: nothing leaves the machine), and closes it all
// whatever the callback does.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

async function visit(aceDir, fn) {
	const puppeteer = require(require.resolve('puppeteer-core',
	    { paths: [path.join(path.resolve(aceDir), 'node_modules')] }));
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-chromium.'));
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		userDataDir: profile,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
		    '--no-first-run', '--disable-background-networking',
		    '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await browser.newPage();
		await page.setRequestInterception(true);
		page.on('request', q => q.url().startsWith('file:') ? q.continue() : q.abort());
		return await fn(page);
	} finally {
		await browser.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

// Every file at every width on the page, in turn: fn(name, width) with
// the document loaded, its name "BOOK/c001" for BOOK/EPUB/c001.xhtml.
async function eachView(page, files, widths, fn) {
	for (const file of files) {
		const name = path.basename(path.dirname(path.dirname(file))) + '/' +
		    path.basename(file, '.xhtml');
		for (const width of widths) {
			await page.setViewport({ width, height: 800 });
			await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
			await fn(name, width);
		}
	}
}

module.exports = { visit, eachView };
