// SPDX-License-Identifier: GPL-3.0-or-later
// tests/spec/extract.js DIR - write the CommonMark spec examples (npm
// package commonmark-spec) into DIR: one file per example (ex-NNN.md) and
// one document per spec section (sec-NN.md, the section's examples in
// order, each under a heading of its own).  The spec shows tabs as "→".
'use strict';
const fs = require('fs');
const path = require('path');
const spec = require(process.env.SPEC_MODULE || 'commonmark-spec');
const dir = process.argv[2];
const sections = new Map();
for (const t of spec.tests) {
	const md = t.markdown.replace(/→/g, '\t');
	const n = String(t.number).padStart(3, '0');
	fs.writeFileSync(path.join(dir, `ex-${n}.md`), md);
	if (!sections.has(t.section)) sections.set(t.section, []);
	sections.get(t.section).push({ n: t.number, md });
}
let i = 0;
for (const [name, exs] of sections) {
	const num = String(++i).padStart(2, '0');
	// Each example after a heading and a fresh paragraph, so an open
	// construct (a list, a fence) cannot swallow the next example.
	let doc = `---\ntitle: "Spec: ${name.replace(/"/g, "'")}"\n---\n`;
	for (const e of exs)
		doc += `\n\n## Example ${e.n}\n\n${e.md}\n\n<!-- end -->\n`;
	fs.writeFileSync(path.join(dir, `sec-${num}.md`), doc);
}
console.log(`${spec.tests.length} examples, ${sections.size} sections`);
