/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests: the typed style (style.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/diag.h"
#include "util/file.h"
#include "model/style.h"

/* Write text to a scratch file and load it as a style. */
static struct style *
load_text(const char *text)
{
	static char path[] = "/tmp/quire-style-XXXXXX";
	struct style *st;
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/quire-style-XXXXXX");
	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		return NULL;
	fputs(text, fp);
	fclose(fp);
	st = style_load(path);
	remove(path);
	return st;
}

int
main(void)
{
	struct style *st;
	const char *key, *leaf;
	char *yaml, want[64];
	size_t i, len;
	int before, documented;

	diag_quiet = 1;

	/* The built-in defaults. */
	st = style_load(NULL);
	CHECK("defaults: the system's paper", st &&
	    strcmp(st->pdf.paper, "auto") == 0);
	/* A text block of 130 mm: 25 mm above, 40 mm at the sides. */
	CHECK("defaults: 25mm and 40mm margins", st &&
	    st->pdf.margin_top > 70.8 && st->pdf.margin_top < 70.9 &&
	    st->pdf.margin_left > 113.3 && st->pdf.margin_left < 113.4 &&
	    st->pdf.size_body == 11);
	CHECK("defaults: man width 78, auto tables", st &&
	    st->man.width == 78 && st->man.table == MAN_TABLE_AUTO);
	CHECK("defaults: label columns auto", st &&
	    st->pdf.table_label_column == STYLE_AUTO &&
	    st->epub.label_column == STYLE_AUTO);
	CHECK("defaults: fonts", st && strcmp(st->pdf.font[STYLE_MONO],
	    "Anonymous Pro") == 0 && strcmp(st->pdf.font[STYLE_SANS],
	    "Linux Biolinum O") == 0 && st->pdf.size_code == 8.2);
	CHECK("defaults: a monospace spare for code", strcmp(
	    style_spare_font(STYLE_MONO), "DejaVu Sans Mono") == 0);
	style_free(st);

	/* The shipped style loads without a single warning, and every key
	 * quire knows is written in it (set, or commented with its
	 * meaning). */
	before = diag_warnings;
	st = style_load("styles/default.yaml");
	CHECK("default.yaml loads", st != NULL);
	CHECK("default.yaml: no warnings", diag_warnings == before);
	style_free(st);
	CHECK("default.yaml readable", file_read("styles/default.yaml",
	    1 << 20, &yaml, &len) == 0);
	documented = 1;
	for (i = 0; (key = style_key_name(i)) != NULL; i++) {
		leaf = strrchr(key, '.') + 1;
		snprintf(want, sizeof(want), " %s:", leaf);
		if (strstr(yaml, want) == NULL) {
			printf("FAIL key %s not in styles/default.yaml\n", key);
			documented = 0;
		}
	}
	CHECK("every key documented in default.yaml", documented && i > 25);
	free(yaml);

	/* Values are typed and checked. */
	before = diag_warnings;
	st = load_text("pdf:\n  paper: letter\n  margin: { top: 1in }\n"
	    "  size: { body: 12pt }\n  justify: no\n"
	    "  table: { label-column: yes, widths: [30%, 2cm] }\n"
	    "epub: { split-level: 1, toc-title: Inhalt }\n"
	    "man: { table: stacked, width: 100 }\n");
	CHECK("good values: no warning", st && diag_warnings == before);
	CHECK("letter", st && strcmp(st->pdf.paper, "letter") == 0);
	CHECK("1in is 72pt", st && st->pdf.margin_top == 72);
	CHECK("12pt", st && st->pdf.size_body == 12);
	CHECK("justify: no", st && st->pdf.justify == 0);
	CHECK("label-column: yes", st && st->pdf.table_label_column == 1);
	CHECK("widths: 30% and 2cm", st && st->pdf.ntable_widths == 2 &&
	    st->pdf.table_widths[0].pct && st->pdf.table_widths[0].value == 30
	    && !st->pdf.table_widths[1].pct &&
	    st->pdf.table_widths[1].value > 56.6 &&
	    st->pdf.table_widths[1].value < 56.7);
	CHECK("epub split and title", st && st->epub.split_level == 1 &&
	    strcmp(st->epub.toc_title, "Inhalt") == 0);
	CHECK("man stacked, 100", st && st->man.table == MAN_TABLE_STACKED &&
	    st->man.width == 100);
	style_free(st);

	/* Unknown keys and bad values warn (one each) and keep defaults. */
	before = diag_warnings;
	st = load_text("pdf:\n  papr: a4\n  paper: b99\n  size: { body: 99 }\n"
	    "  margin: { top: 2 furlongs }\n  justify: maybe\n"
	    "man: { width: 12.5 }\n");
	CHECK("bad style still loads", st != NULL);
	CHECK("six warnings", diag_warnings - before == 6);
	CHECK("bad values keep defaults", st && strcmp(st->pdf.paper, "auto")
	    == 0 && st->pdf.size_body == 11 && st->pdf.justify == 1 &&
	    st->man.width == 78 && st->pdf.margin_top > 70.8);
	style_free(st);

	CHECK("style_set --paper", (st = style_load(NULL)) != NULL &&
	    style_set(st, "pdf.paper", "letter") == 0 &&
	    strcmp(st->pdf.paper, "letter") == 0);
	style_free(st);
	CHECK("parse_len", style_parse_len("2.54cm", &(double){0}) == 0 &&
	    style_parse_len("3 parsecs", &(double){0}) != 0);
	return check_failed;
}
