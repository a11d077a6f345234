#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// tests/reader.js - what a reader sees of the EPUB's text, measured in
// headless Chromium (Debian's), for tests/t/viewport.sh.
//
//   node tests/reader.js ACE_DIR SHOT_DIR FILE.xhtml...
//
// Loads every document at 360, 768 and 1280 CSS pixels and measures:
//  - code: inline code is at least 0.85 of the size of the text around
//    it (in paragraphs, headings, cells, wherever);
//  - listings: no code block is centred or right-aligned, whatever holds
//    it, and the first character of every code block starts at the
//    block's left edge;
//  - notes: every block holding a <sup> (note references among them) is
//    exactly as tall as the same block with each <sup> turned into text
//    of the same size on the baseline, and a table cell's first line
//    starts where its row's other cells' first lines start;
//  - tables: at 360 px a two-column table that fits as a grid (nothing
//    overflows, no column narrower than its content or six of the
//    table's em) is a grid, its rows table-row;
//  - landmarks: the landmarks nav is display:none by the stylesheet, even
//    in a reading system that ignores the hidden attribute.
// A full-page screenshot of every document at 360 px goes to SHOT_DIR.
// Prints "PASS name" / "FAIL name: why"; the browser comes through
// tests/browser.js.
'use strict';

const path = require('path');
const { visit, eachView } = require('./browser');

const [aceDir, shotDir, ...files] = process.argv.slice(2);

const WIDTHS = [360, 768, 1280];

// Runs in the page.  Each check returns { n: what was measured, bad: [] }.
function inspect(width) {
	const css = (el) => getComputedStyle(el);
	const out = {};

	// Inline code against the element around it.
	const code = { n: 0, bad: [] };
	for (const c of document.querySelectorAll('code, kbd, samp')) {
		if (c.closest('pre') || c.parentElement.closest('code, kbd, samp'))
			continue;
		const ratio = parseFloat(css(c).fontSize) / parseFloat(css(c.parentElement).fontSize);
		code.n++;
		if (ratio < 0.85)
			code.bad.push(`"${c.textContent.slice(0, 20)}" at ${ratio.toFixed(2)} of its ${c.parentElement.localName}`);
	}
	out.code = code;

	// Code blocks: aligned to the left, first character at the left edge.
	const pre = { n: 0, bad: [] };
	for (const p of document.querySelectorAll('pre')) {
		const s = css(p);
		pre.n++;
		if (!['left', 'start', '-webkit-left'].includes(s.textAlign) ||
		    (s.textAlign === 'start' && s.direction !== 'ltr'))
			pre.bad.push(`a code block is text-align ${s.textAlign} (${s.direction})`);
		const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
		let t;
		while ((t = walker.nextNode()) && !/\S/.test(t.data))
			;
		if (t === null)
			continue;
		const k = t.data.search(/\S/);
		const r = document.createRange();
		r.setStart(t, k);
		r.setEnd(t, k + 1);
		const first = r.getClientRects()[0];
		const box = p.getBoundingClientRect();
		const left = box.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft);
		// The first line's leading spaces are part of the code.
		const all = p.textContent;
		const spaces = all.slice(0, all.search(/\S/)).split('\n').pop().length;
		if (first.left - left - spaces * first.width > 1)
			pre.bad.push(`the code "${t.data.trim().slice(0, 16)}" starts ${(first.left - left).toFixed(0)}px from its block's left edge`);
	}
	out.pre = pre;

	// Superscripts: each block holding one, as tall as with plain text.
	const notes = { n: 0, bad: [] };
	const holders = [...new Set([...document.querySelectorAll('sup')]
	    .map(s => s.parentElement.closest('p, li, td, th, dd, dt, h1, h2, h3, h4, h5, h6, figcaption, caption')))]
	    .filter(Boolean);
	const before = holders.map(h => h.getBoundingClientRect().height);
	const cellTops = [];
	const firstTop = (el) => {
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		let t;
		while ((t = walker.nextNode()) && !/\S/.test(t.data))
			;
		if (t === null)
			return null;
		const r = document.createRange();
		r.selectNodeContents(t);
		return r.getClientRects()[0].top;
	};
	for (const tr of document.querySelectorAll('tr'))
		if (tr.querySelector('sup') && css(tr).display === 'table-row')
			cellTops.push([...tr.children].map(firstTop).filter(v => v !== null));
	const sups = [...document.querySelectorAll('sup')];
	const plain = sups.map(s => {
		const span = document.createElement('span');
		span.style.fontSize = css(s).fontSize;
		while (s.firstChild)
			span.appendChild(s.firstChild);
		s.replaceWith(span);
		return [s, span];
	});
	holders.forEach((h, i) => {
		const after = h.getBoundingClientRect().height;
		notes.n++;
		if (Math.abs(after - before[i]) > 0.5)
			notes.bad.push(`a ${h.localName} ("${h.textContent.trim().slice(0, 24)}") is ${before[i].toFixed(1)}px tall with its superscripts, ${after.toFixed(1)}px without`);
	});
	for (const [s, span] of plain.reverse()) {
		while (span.firstChild)
			s.appendChild(span.firstChild);
		span.replaceWith(s);
	}
	for (const tops of cellTops) {
		notes.n++;
		if (Math.max(...tops) - Math.min(...tops) > 0.5)
			notes.bad.push(`a row's cells start their text at ${tops.map(v => v.toFixed(1)).join(', ')}px`);
	}
	out.notes = notes;

	// Two-column tables at a phone's width.
	const grid = { n: 0, bad: [] };
	const em = parseFloat(css(document.documentElement).fontSize);
	for (const wrap of (width <= 400 ? document.querySelectorAll('.table-wrap') : [])) {
		const table = wrap.querySelector('table');
		const row = table.querySelector('tr');
		if (row === null || [...row.children].reduce((n, c) => n + (c.colSpan || 1), 0) !== 2)
			continue;
		const cls = wrap.className;
		const rows = [...table.querySelectorAll('tr')];
		const stacked = rows.filter(r => css(r).display !== 'table-row').length;
		// The same table forced to a grid: its columns at their widest,
		// then as the screen allows.
		wrap.className = 'table-wrap';
		table.style.width = 'max-content';
		const widest = [...row.children].map(c => c.getBoundingClientRect().width);
		table.style.width = '';
		const cols = [...row.children].map(c => c.getBoundingClientRect().width);
		const overflow = wrap.scrollWidth > wrap.clientWidth ||
		    [...table.querySelectorAll('td, th')].some(c => c.scrollWidth > c.clientWidth);
		const tem = parseFloat(css(table).fontSize);
		const fits = !overflow && cols.every((w, k) => w + 0.5 >= Math.min(widest[k], 6 * tem));
		wrap.className = cls;
		if (!fits)
			continue;
		grid.n++;
		if (stacked > 0)
			grid.bad.push(`a two-column table ("${row.textContent.replace(/\s+/g, " ").trim().slice(0, 24)}") fits as a grid (columns ${cols.map(w => (w / em).toFixed(1)).join(' and ')} em) but ${stacked} of its ${rows.length} rows are stacked`);
	}
	out.grid = grid;

	// The landmarks, as a reading system that ignores hidden shows them.
	const marks = { n: 0, bad: [] };
	for (const nav of document.querySelectorAll('nav')) {
		if (nav.getAttributeNS('http://www.idpf.org/2007/ops', 'type') !== 'landmarks')
			continue;
		marks.n++;
		nav.removeAttribute('hidden');
		if (css(nav).display !== 'none')
			marks.bad.push(`the landmarks are display ${css(nav).display} without the hidden attribute`);
		nav.setAttribute('hidden', 'hidden');
	}
	out.landmarks = marks;
	return out;
}

async function main() {
	// Per check: the documents measured, and every failure.
	const sum = {};
	await visit(aceDir, page => eachView(page, files, WIDTHS, async (name, width) => {
		const r = await page.evaluate(inspect, width);
		for (const [check, v] of Object.entries(r)) {
			const s = sum[check] = sum[check] || { n: 0, bad: [] };
			s.n += v.n;
			s.bad.push(...v.bad.map(b => `${name} at ${width}px: ${b}`));
		}
		if (width === 360)
			await page.screenshot({ fullPage: true, path: path.join(shotDir,
			    `${name.replace('/', '-')}-reader.png`) });
	}));
	const what = {
		code: 'inline code at least 0.85 of the text around it',
		pre: 'code blocks aligned left',
		notes: 'superscripts leave the line height alone',
		grid: 'two-column tables that fit stay grids at 360px',
		landmarks: 'landmarks display:none without the hidden attribute',
	};
	let ok = true;
	for (const [check, label] of Object.entries(what)) {
		const s = sum[check] || { n: 0, bad: [] };
		if (s.n === 0) {
			console.log(`FAIL reader ${check}: nothing measured (${label})`);
			ok = false;
		} else if (s.bad.length === 0) {
			console.log(`PASS reader ${check}: ${label} (${s.n} measured)`);
		} else {
			console.log(`FAIL reader ${check}: ${s.bad.length} of ${s.n}: ${s.bad.slice(0, 4).join('; ')}`);
			ok = false;
		}
	}
	return ok;
}

main().then(ok => process.exit(ok ? 0 : 1), err => {
	console.log(`FAIL reader: ${err && err.stack ? err.stack : err}`);
	process.exit(1);
});
