#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// tests/viewport.js - the EPUB's tables on a phone and on a tablet, in
// headless Chromium (Debian's), for tests/t/viewport.sh.
//
//   node tests/viewport.js ACE_DIR SHOT_DIR FILE.xhtml...
//
// Loads every content document at 360 and at 1024 CSS pixels and checks
// what a reader sees:
//  - at 360 px no table's box (nor its wrapper) reaches past the viewport,
//    none scrolls sideways inside, the page itself does not scroll
//    sideways; a table whose class says it stacks below that width is
//    stacked (blocks, column headings shown before the cells, header row
//    hidden from sight) and one without such a class is a grid;
//  - at 1024 px every table is a grid, as before stacking existed: table
//    display, header row shown, no column heading repeated in the cells;
//  - at both widths the repeated headings stay aria-hidden, and
//    Chromium's accessibility tree, which a screen reader reads, has
//    every table with its column headers and none of the repeated
//    headings, stacked or not.
// A full-page screenshot of every document at both widths goes to
// SHOT_DIR, to be looked at.  Prints "PASS name" / "FAIL name: why".
// The browser comes through tests/browser.js.
'use strict';

const path = require('path');
const { visit, eachView } = require('./browser');

const [aceDir, shotDir, ...files] = process.argv.slice(2);

const WIDTHS = [360, 1024];

// Runs in the page: every table's boxes, display and labels.
function inspect() {
	const vw = document.documentElement.clientWidth;
	const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
	const out = { vw, pageScroll: document.documentElement.scrollWidth - vw, tables: [],
		labelTexts: [...new Set([...document.querySelectorAll('.cell-label')]
		    .map(l => l.textContent.trim()))],
		colHeads: document.querySelectorAll('thead th').length };
	for (const wrap of document.querySelectorAll('.table-wrap')) {
		const table = wrap.querySelector('table');
		const m = /\bstack-(\d+)\b/.exec(wrap.className);
		const tr = table.getBoundingClientRect(), wr = wrap.getBoundingClientRect();
		const labels = [...table.querySelectorAll('.cell-label')];
		const thead = table.querySelector('thead');
		out.tables.push({
			index: [...document.querySelectorAll('.table-wrap')].indexOf(wrap) + 1,
			breakpoint: m ? Number(m[1]) * px : 0,
			left: Math.min(tr.left, wr.left),
			right: Math.max(tr.right, wr.right),
			wrapScroll: wrap.scrollWidth - wrap.clientWidth,
			tableScroll: table.scrollWidth - table.clientWidth,
			display: getComputedStyle(table).display,
			labels: labels.length,
			labelsShown: labels.filter(l => getComputedStyle(l).display !== 'none').length,
			labelsExposed: labels.filter(l => l.getAttribute('aria-hidden') !== 'true').length,
			headShown: thead ? thead.getBoundingClientRect().height > 2 : null,
		});
	}
	return out;
}

// The accessibility tree's tables, column headers and every name in it.
function axSummary(root) {
	const sum = { tables: 0, colHeads: 0, names: [] };
	(function walk(n) {
		if (n.role === 'table')
			sum.tables++;
		if (n.role === 'columnheader')
			sum.colHeads++;
		if (n.name)
			sum.names.push(n.name);
		for (const c of n.children || [])
			walk(c);
	})(root || {});
	return sum;
}

function verdicts(name, width, r, ax) {
	const bad = [];
	if (ax.tables !== r.tables.length || ax.colHeads !== r.colHeads)
		bad.push(`the accessibility tree has ${ax.tables} of ${r.tables.length} tables, ${ax.colHeads} of ${r.colHeads} column headers`);
	const heard = r.labelTexts.filter(l => ax.names.some(n => n.includes(l)));
	if (heard.length > 0)
		bad.push(`screen readers hear the repeated headings ${heard.join(', ')}`);
	if (r.pageScroll > 0)
		bad.push(`the page scrolls sideways by ${r.pageScroll}px`);
	for (const t of r.tables) {
		const at = `table ${t.index}`;
		if (t.labelsExposed > 0)
			bad.push(`${at}: ${t.labelsExposed} column headings not aria-hidden`);
		// max-width: Nem holds up to N em inclusive.
		const stacked = width <= t.breakpoint;
		if (width < 600) {
			if (t.left < -0.5 || t.right > r.vw + 0.5)
				bad.push(`${at}: box ${t.left.toFixed(1)}..${t.right.toFixed(1)} past the ${r.vw}px viewport`);
			if (t.wrapScroll > 0 || t.tableScroll > 0)
				bad.push(`${at}: scrolls inside by ${Math.max(t.wrapScroll, t.tableScroll)}px`);
		}
		if (stacked && t.display !== 'block')
			bad.push(`${at}: display ${t.display}, not stacked below ${t.breakpoint}px`);
		if (stacked && (t.labelsShown !== t.labels || t.headShown))
			bad.push(`${at}: stacked, but ${t.labelsShown} of ${t.labels} column headings shown, header row ${t.headShown ? 'shown' : 'hidden'}`);
		if (!stacked && t.display !== 'table')
			bad.push(`${at}: display ${t.display}, not a grid at ${width}px`);
		if (!stacked && (t.labelsShown > 0 || t.headShown === false))
			bad.push(`${at}: a grid, but ${t.labelsShown} column headings shown in cells, header row ${t.headShown ? 'shown' : 'hidden'}`);
	}
	const what = `${r.tables.length} tables, ${r.tables.filter(t => t.display === 'block').length} stacked`;
	if (bad.length === 0)
		console.log(`PASS viewport ${width}px ${name} (${what})`);
	else
		console.log(`FAIL viewport ${width}px ${name}: ${bad.join('; ')}`);
	return bad.length === 0;
}

async function main() {
	let ok = true;
	await visit(aceDir, page => eachView(page, files, WIDTHS, async (name, width) => {
		const r = await page.evaluate(inspect);
		const ax = axSummary(await page.accessibility.snapshot({ interestingOnly: false }));
		ok = verdicts(name, width, r, ax) && ok;
		await page.screenshot({ fullPage: true, path: path.join(shotDir,
		    `${name.replace('/', '-')}-${width}.png`) });
	}));
	return ok;
}

main().then(ok => process.exit(ok ? 0 : 1), err => {
	console.log(`FAIL viewport: ${err && err.stack ? err.stack : err}`);
	process.exit(1);
});
