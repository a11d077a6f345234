#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// scripts/ace-books.js - Ace by DAISY over many EPUB books in one process,
// for scripts/check-a11y.
//
//   node scripts/ace-books.js ACE_DIR BOOK.epub...
//
// The ace-puppeteer command starts node and a browser for every book,
// which costs more than checking a small book; here one browser serves
// them all (Ace's core with its own puppeteer runner, whose launch and
// close are made to happen once).  Prints "PASS ace NAME: 0 violations"
// or "FAIL ace NAME: N violations" and the violations, one a line, for
// every book; exits 1 when any book failed.  Every failed assertion
// counts, whatever its impact (minor and moderate ones included).
'use strict';

const path = require('path');

const [aceDir, ...books] = process.argv.slice(2);
const from = { paths: [path.join(path.resolve(aceDir), 'node_modules', '@daisy', 'ace-core')] };
const ace = require(require.resolve('@daisy/ace-core', from));
const runner = require(require.resolve('@daisy/ace-axe-runner-puppeteer', from));
const winston = require(require.resolve('winston', from));

// Ace logs through winston; without a transport it complains on stderr.
winston.add(new winston.transports.Console({ silent: true }));

let launched = null;
const shared = Object.assign({}, runner, {
	launch: () => (launched = launched || runner.launch()),
	close: async () => {},
});

function violations(report) {
	const bad = [];
	for (const doc of report.assertions || [])
		for (const a of doc.assertions || [])
			if (a['earl:result']['earl:outcome'] !== 'pass')
				bad.push(`${doc['earl:testSubject'].url}: ` +
				    `${a['earl:test']['dct:title']} ` +
				    `(${a['earl:test']['earl:impact']})`);
	return bad;
}

async function main() {
	let failed = 0;

	for (const book of books) {
		const name = path.basename(book, '.epub');
		// Without a folder to save its HTML report in (which takes
		// longer to write than a small book takes to check), Ace
		// prints the report as JSON; it is returned here as well.
		const write = process.stdout.write;
		process.stdout.write = () => true;
		try {
			const [, report] = await ace(path.resolve(book), {
				cwd: process.cwd(),
				silent: true,
			}, shared).finally(() => { process.stdout.write = write; });
			const bad = violations(report);
			if (bad.length === 0) {
				console.log(`PASS ace ${name}: 0 violations`);
			} else {
				console.log(`FAIL ace ${name}: ${bad.length} violations`);
				for (const b of bad)
					console.log(`  ${b}`);
				failed = 1;
			}
		} catch (err) {
			console.log(`FAIL ace ${name}: Ace failed: ${err && err.message ? err.message : err}`);
			failed = 1;
		}
	}
	if (launched)
		await runner.close();
	return failed;
}

main().then(rc => process.exit(rc), err => {
	console.log(`FAIL ace: ${err && err.stack ? err.stack : err}`);
	process.exit(1);
});
