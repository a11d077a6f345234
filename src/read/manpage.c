/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * manpage.c - man pages as projects write them, recognised once.
 *
 * Projects keep their man pages as Markdown written for go-md2man, pandoc
 * or ronn, and each of those tools reads the page's identity from its
 * own convention.  quire reads all of them here, before the title is
 * settled, and turns them into metadata and model nodes:
 *
 *  - a pandoc title block, "% foo(1) Source | Manual", "% Jane Doe",
 *    "% May 2017" (go-md2man reads "% foo 1 \"date\"" the same way);
 *  - a go-md2man first heading, "# foo \"1\" \"date\" \"source\" \"manual\"";
 *  - a ronn first heading, "foo(1) -- frob the things";
 *  - a file named "foo.1.md" (also .ronn, .markdown, .md.in);
 *  - the author's NAME section, "foo, bar - frob the things";
 *  - ronn's option lists, "* `-a`, `--all`:" followed by the text.
 *
 * Metadata from the front matter or -M always wins; the title line or
 * block is consumed.  manpage_finish() then settles what the man page's
 * header needs (struct manpage in doc.h) once every default is known.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/manpage.h"
#include "read/meta.h"

#define MAX_ARGS	5	/* .TH name section date source manual */

/* ---- text ------------------------------------------------------------- */

/* The text of a block's inlines, a line break as '\n' (malloc'd). */
static char *
lines_of(const struct node *block)
{
	struct node *n = NULL;
	struct buf b;
	int entering;

	buf_init(&b);
	buf_puts(&b, "");
	while ((n = doc_next(block, n, &entering)) != NULL)
		if (entering && (n->type == N_TEXT || n->type == N_CODE))
			buf_puts(&b, n->text);
		else if (entering && (n->type == N_SOFTBREAK ||
		    n->type == N_LINEBREAK))
			buf_putc(&b, '\n');
	return b.data;
}

static char *
trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Does s start with a quote mark, straight or curly (smart punctuation
 * makes "x" into “x”)?  Returns its length, or 0. */
static size_t
open_quote(const char *s)
{
	if (*s == '"')
		return 1;
	return strncmp(s, "\xe2\x80\x9c", 3) == 0 ? 3 : 0;
}

static size_t
close_quote(const char *s)
{
	if (*s == '"')
		return 1;
	return strncmp(s, "\xe2\x80\x9d", 3) == 0 ? 3 : 0;
}

/*
 * Split s in place into .TH-style arguments: quoted strings or words.
 * The last argument takes the rest of the line when `rest` is set and no
 * quote begins it (go-md2man's "% name 5 Some words").  Returns the count.
 */
static int
th_args(char *s, char *argv[MAX_ARGS], int rest)
{
	int argc = 0;
	size_t q;
	char *e;

	while (argc < MAX_ARGS) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '\n')
			break;
		if ((q = open_quote(s)) > 0) {
			argv[argc++] = s += q;
			while (*s != '\0' && *s != '\n' && close_quote(s) == 0)
				s++;
			q = close_quote(s);
			e = s;
			s += q != 0 ? q : 0;
			*e = '\0';
			if (q == 0)
				break;
			continue;
		}
		argv[argc++] = s;
		if (rest && argc > 2) {
			s[strcspn(s, "\n")] = '\0';
			trim(s);
			break;
		}
		s += strcspn(s, " \t\n");
		if (*s == '\0')
			break;
		*s++ = '\0';
	}
	return argc;
}

/*
 * A section as pages name themselves: a digit and letters ("1", "3pm",
 * "3ssl") or n, l, 0p, so "report.2024.md" or a "28" typed for "5" are
 * no sections.
 */
static int
page_section(const char *s)
{
	size_t i;

	for (i = 1; s[0] != '\0' && isalpha((unsigned char)s[i]); i++)
		;
	return s[0] != '\0' && s[i] == '\0' && meta_valid_section(s);
}

/* "name(section)": split in place; returns the section or NULL. */
static char *
page_ref(char *s)
{
	size_t n = strlen(s);
	char *open = strrchr(s, '(');

	if (n < 4 || s[n - 1] != ')' || open == NULL || open == s)
		return NULL;
	s[n - 1] = '\0';
	*open = '\0';
	if (!page_section(open + 1) || strchr(s, ' ') != NULL) {
		*open = '(';
		s[n - 1] = ')';
		return NULL;
	}
	return open + 1;
}

/* ---- metadata ----------------------------------------------------------- */

/* Set a field the front matter and -M left unset. */
static void
fill(struct doc *d, const char **slot, const char *v)
{
	if (*slot == NULL && v != NULL && *v != '\0')
		*slot = doc_strdup(d, v);
}

static void
fill_identity(struct doc *d, const char *name, const char *section)
{
	if (name != NULL && meta_valid_name(name))
		fill(d, &d->meta.name, name);
	if (section != NULL && page_section(section))
		fill(d, &d->meta.section, section);
}

/* The fields after name and section: date, source, manual. */
static void
fill_th(struct doc *d, char *argv[], int argc)
{
	if (argc > 2)
		fill(d, &d->meta.date, argv[2]);
	if (argc > 3)
		fill(d, &d->meta.source, argv[3]);
	if (argc > 4)
		fill(d, &d->meta.manual, argv[4]);
}

/*
 * A pandoc title block: "% title", "% authors" (separated by ';'),
 * "% date".  A title "name(section) source | manual" is read as pandoc's
 * man writer reads it; one of .TH's shape ("NAME 1 \"date\" ...") as
 * go-md2man passes it on.
 */
static int
pandoc_block(struct doc *d, const struct node *para)
{
	char *text = lines_of(para), *line[3], *argv[MAX_ARGS], *sec, *bar;
	char *p = text, *a, save;
	int nl = 0, argc;

	while (nl < 3 && *p == '%') {
		line[nl++] = p + 1;
		p += strcspn(p, "\n");
		if (*p == '\n')
			*p++ = '\0';
	}
	if (nl == 0 || *p != '\0') {
		free(text);
		return 0;
	}
	p = trim(line[0]);
	a = p + strcspn(p, " \t");
	save = *a;
	*a = '\0';
	if ((sec = page_ref(p)) != NULL) {
		fill_identity(d, p, sec);
		a += save != '\0';
		if ((bar = strchr(a, '|')) != NULL) {
			*bar = '\0';
			fill(d, &d->meta.manual, trim(bar + 1));
		}
		fill(d, &d->meta.source, trim(a));
	} else if ((*a = save, argc = th_args(p, argv, 1)) > 1 &&
	    meta_valid_section(argv[1])) {
		fill_identity(d, argv[0], argv[1]);
		/* Unquoted words after the section ("% foo 5 The foo
		 * file") are a footer, as in pandoc's form; not a date. */
		if (argc == 3 && argv[2][-1] != '"' &&
		    (unsigned char)argv[2][-1] != 0x9d)
			fill(d, &d->meta.source, argv[2]);
		else
			fill_th(d, argv, argc);
	}
	for (p = nl > 1 ? line[1] : ""; d->meta.authors == NULL && *p; ) {
		a = p;
		p += strcspn(p, ";");
		if (*p == ';')
			*p++ = '\0';
		if (*trim(a) != '\0')
			d->meta.authors = meta_list_add(d, d->meta.authors,
			    trim(a));
	}
	if (nl > 2)
		fill(d, &d->meta.date, trim(line[2]));
	free(text);
	return 1;
}

/* A go-md2man first heading: "# name \"1\" ..." (the section quoted, so
 * a heading such as "Chapter 1" is not taken for one). */
static int
md2man_heading(struct doc *d, const struct node *h)
{
	char *text = lines_of(h), *argv[MAX_ARGS], *s;
	int argc, ok;

	s = text + strcspn(text, " \t");
	s += strspn(s, " \t");
	argc = th_args(text, argv, 0);
	ok = argc >= 2 && open_quote(s) > 0 && meta_valid_section(argv[1]);
	if (ok) {
		fill_identity(d, argv[0], argv[1]);
		fill_th(d, argv, argc);
	}
	free(text);
	return ok;
}

/* Where "names - description" splits: " - ", " -- " (maybe made an en
 * dash by smart punctuation), " \- " or an em dash; NULL if nowhere. */
static char *
whatis_dash(char *s, size_t *len)
{
	static const char *const seps[] = { " - ", " -- ", " \\- ",
	    " \xe2\x80\x93 ", " \xe2\x80\x94 " };
	char *best = NULL, *p;
	size_t i;

	for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
		if ((p = strstr(s, seps[i])) != NULL && (best == NULL ||
		    p < best)) {
			best = p;
			*len = strlen(seps[i]);
		}
	return best;
}

/* A ronn first heading: "name(1) -- description" (also several names,
 * "a(1), b(1) -- ..."); the names' sections are dropped. */
static int
ronn_heading(struct doc *d, const struct node *h)
{
	char *text = lines_of(h), *dash, *sec, *first;
	size_t len;

	dash = whatis_dash(text, &len);
	if (dash != NULL)
		*dash = '\0';
	first = trim(text);
	first[strcspn(first, ",")] = '\0';
	if ((sec = page_ref(trim(first))) == NULL) {
		free(text);
		return 0;
	}
	fill_identity(d, first, sec);
	if (dash != NULL)
		fill(d, &d->meta.description, trim(dash + len));
	free(text);
	return 1;
}

/* The first block, unless the front matter left it blank. */
static struct node *
first_block(const struct node *ch)
{
	struct node *n;

	for (n = ch->first; n != NULL; n = n->next)
		if (n->type != N_HTML_BLOCK && (n->type != N_PARAGRAPH ||
		    doc_has_text(n)))
			return n;
	return NULL;
}

/* The title line or block, if the chapter starts with one: its metadata
 * is taken and it leaves the tree. */
static int
title_forms(struct doc *d, struct node *ch)
{
	struct node *n = first_block(ch);
	int found = 0;

	if (n == NULL)
		return 0;
	if (n->type == N_PARAGRAPH && n->first != NULL &&
	    n->first->type == N_TEXT && n->first->text[0] == '%')
		found = pandoc_block(d, n);
	else if (n->type == N_HEADING)
		found = md2man_heading(d, n) || ronn_heading(d, n);
	if (found)
		doc_unlink(n);
	return found;
}

char *
manpage_file_name(const char *path, const char **section)
{
	static const char *const exts[] = { ".md", ".ronn", ".markdown",
	    ".md.in", ".mkd", ".html" };
	const char *base = strrchr(path, '/');
	char *s, *dot, *sec;
	size_t i, n, e;

	s = xstrdup(base != NULL ? base + 1 : path);
	n = strlen(s);
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		e = strlen(exts[i]);
		if (n > e && strcmp(s + n - e, exts[i]) == 0) {
			s[n - e] = '\0';
			break;
		}
	}
	if ((dot = strrchr(s, '.')) != NULL && dot != s) {
		sec = dot + 1;
		if (page_section(sec)) {
			*dot = '\0';
			*section = sec;
			return s;
		}
	}
	free(s);
	return NULL;
}

/* The file name's identity, for fields still unset. */
static int
file_name(struct doc *d, const char *path, const char **alt)
{
	const char *sec;
	char *name = manpage_file_name(path, &sec);

	if (name == NULL)
		return 0;
	fill_identity(d, name, sec);
	*alt = doc_strdup(d, name);
	free(name);
	return 1;
}

/* ---- the NAME section --------------------------------------------------- */

/*
 * "runc start - ..." names the command as typed; whatis reads names
 * without spaces, so a name whose words joined by '-' make the page's
 * name ("runc-start") is written as that.
 */
static const char *
spaced_name(const struct doc *d, char *names)
{
	char *p;

	if (d->meta.name == NULL || strchr(names, ',') != NULL ||
	    strchr(names, ' ') == NULL || strlen(names) !=
	    strlen(d->meta.name))
		return names;
	for (p = names; *p != '\0'; p++)
		if (*p != d->meta.name[p - names] &&
		    (*p != ' ' || d->meta.name[p - names] != '-'))
			return names;
	return d->meta.name;
}

static int
is_name_heading(const struct node *n)
{
	char *t;
	int yes;

	if (n->type != N_HEADING)
		return 0;
	t = doc_text_dup(n, 0);
	yes = strcasecmp(trim(t), "name") == 0;
	free(t);
	return yes;
}

/*
 * The author's NAME section: the heading, the first node after its
 * blocks, and "names - description" read from them (lexgrog's form; the
 * dash may be any of whatis_dash's).  Without a dash the text is the
 * description of the page's name.
 */
static void
name_section(struct doc *d, const struct node *ch, const char **alt)
{
	struct manpage *m = &d->man;
	const struct node *n, *h = NULL;
	struct buf b;
	char *names, *dash;
	size_t len;

	for (n = ch->first; n != NULL && h == NULL; n = n->next)
		if (is_name_heading(n))
			h = n;
	if (h == NULL)
		return;
	buf_init(&b);
	buf_puts(&b, "");
	for (n = h->next; n != NULL && (n->type != N_HEADING ||
	    n->u.heading.level > h->u.heading.level); n = n->next) {
		if (b.len > 0)
			buf_putc(&b, ' ');
		doc_text(n, &b, TEXT_BLOCKS);
	}
	m->name_heading = h;
	m->name_end = n;
	names = trim(b.data);
	if ((dash = whatis_dash(names, &len)) != NULL) {
		*dash = '\0';
		m->whatis = doc_strdup(d, trim(dash + len));
		m->names = doc_strdup(d, spaced_name(d, trim(names)));
		names[strcspn(names, ", ")] = '\0';
		fill_identity(d, names, NULL);
		if (meta_valid_name(names))
			*alt = doc_strdup(d, names);
	} else if (*names != '\0')
		m->whatis = doc_strdup(d, names);
	fill(d, &d->meta.description, m->whatis);
	buf_free(&b);
}

/* ---- ronn's option lists ------------------------------------------------ */

/*
 * ronn makes a bullet list whose every item's first line ends in ':' a
 * definition list ("* `-a`, `--all`:" then the text on the next lines).
 * The break ending an item's first line (NULL when the line is all of
 * its paragraph), or the item itself when it does not qualify.
 */
static const struct node *
term_break(const struct node *item)
{
	const struct node *p = item->first, *brk, *last;
	size_t n;

	if (p == NULL || p->type != N_PARAGRAPH)
		return item;
	for (brk = p->first; brk != NULL && brk->type != N_SOFTBREAK &&
	    brk->type != N_LINEBREAK; brk = brk->next)
		;
	last = brk != NULL ? brk->prev : p->last;
	if (last == NULL || last->type != N_TEXT)
		return item;
	n = strlen(last->text);
	while (n > 0 && last->text[n - 1] == ' ')
		n--;
	/* The term must be more than the colon. */
	if (n == 0 || last->text[n - 1] != ':' || (n == 1 && last == p->first))
		return item;
	return brk;
}

/* One qualifying item: its first line a term, the rest a definition. */
static void
option_item(struct doc *d, struct node *dl, struct node *item)
{
	struct node *p = item->first, *brk = (struct node *)term_break(item);
	struct node *term, *data, *c, *text;
	size_t n;

	term = doc_node(d, N_DEFTERM, item->file, item->line);
	data = doc_node(d, N_DEFDATA, item->file, item->line);
	doc_append(dl, term);
	doc_append(dl, data);
	while ((c = p->first) != NULL && c != brk) {
		doc_unlink(c);
		doc_append(term, c);
	}
	text = term->last;
	n = strlen(text->text);
	while (n > 0 && text->text[n - 1] == ' ')
		n--;
	text->text = doc_strndup(d, text->text, n - 1);
	if (text->text[0] == '\0')
		doc_unlink(text);
	if (brk != NULL) {
		data->line = p->line = brk->line + 1;
		doc_unlink(brk);
	}
	if (p->first == NULL)
		doc_unlink(p);
	while ((c = item->first) != NULL) {
		doc_unlink(c);
		doc_append(data, c);
	}
}

/* The list as a definition list if it is ronn's option list: returns
 * what stands in its place. */
static struct node *
option_list(struct doc *d, struct node *list)
{
	struct node *item, *dl;

	if (list->u.list.ordered || list->first == NULL)
		return list;
	for (item = list->first; item != NULL; item = item->next)
		if (term_break(item) == item)
			return list;
	dl = doc_node(d, N_DEFLIST, list->file, list->line);
	doc_insert_before(list, dl);
	for (item = list->first; item != NULL; item = item->next)
		option_item(d, dl, item);
	doc_unlink(list);
	return dl;
}

/* Lists are taken on the way back up, so a nested one is converted
 * before the item holding it moves, as ronn does; the walk goes on
 * from whatever replaced the list. */
static void
option_lists(struct doc *d)
{
	struct node *n = NULL;
	int entering;

	while ((n = doc_next(d->root, n, &entering)) != NULL)
		if (!entering && n->type == N_LIST)
			n = option_list(d, n);
}

/* ---- the passes ------------------------------------------------------- */

static int
all_upper(const char *s)
{
	for (; *s != '\0'; s++)
		if (islower((unsigned char)*s))
			return 0;
	return 1;
}

void
manpage_recognise(struct doc *d)
{
	struct node *ch = d->root->first;
	const char *had = d->meta.name, *alt1 = NULL, *alt2 = NULL;
	int found;

	if (ch == NULL)
		return;
	found = title_forms(d, ch);
	found |= file_name(d, ch->u.chapter.path, &alt1);
	name_section(d, ch, &alt2);
	/*
	 * A title in capitals ("% FOO(1)", "% \"DOCKER\" \"1\"") is written
	 * as .TH prints it, often the project's name on every page: the
	 * file's name, else the NAME section's first, is the page's.
	 */
	if (had == NULL && d->meta.name != NULL && all_upper(d->meta.name) &&
	    (alt1 != NULL || alt2 != NULL))
		d->meta.name = alt1 != NULL ? alt1 : alt2;
	if (found || d->man.name_heading != NULL) {
		d->man.conventions = 1;
		option_lists(d);
	}
}

/* The customary manual names: groff's (an.tmac) for 1-9, and the ones
 * Perl's and POSIX's pages carry for theirs. */
static const char *
manual_of(const char *sec)
{
	static const char *const names[] = { "",
	    "General Commands Manual", "System Calls Manual",
	    "Library Functions Manual", "Kernel Interfaces Manual",
	    "File Formats Manual", "Games Manual",
	    "Miscellaneous Information Manual", "System Manager's Manual",
	    "Kernel Developer's Manual" };

	if (!strcmp(sec, "3pm") || !strcmp(sec, "3perl"))
		return "Perl Programmers Reference Guide";
	if (isdigit((unsigned char)sec[0]) && !strcmp(sec + 1, "p"))
		return "POSIX Programmer's Manual";
	if (sec[0] >= '1' && sec[0] <= '9')
		return names[sec[0] - '0'];
	return "";
}

/* The shallowest heading level among the chapters' own blocks. */
static int
top_level(const struct doc *d)
{
	const struct node *ch, *n;
	int top = 0;

	for (ch = d->root->first; ch != NULL; ch = ch->next)
		for (n = ch->first; n != NULL; n = n->next)
			if (n->type == N_HEADING && doc_has_text(n) &&
			    (top == 0 || n->u.heading.level < top))
				top = n->u.heading.level;
	return top == 0 ? 2 : top;
}

void
manpage_finish(struct doc *d)
{
	struct manpage *m = &d->man;
	struct meta *mt = &d->meta;
	time_t t = (time_t)d->date_epoch;
	char date[32];
	struct tm tm;
	size_t n;
	char *title;

	/* A man page is called by its name, "foo(1)". */
	if (mt->title == NULL && m->conventions) {
		n = strlen(mt->name) + strlen(mt->section) + 3;
		title = doc_alloc(d, n);
		snprintf(title, n, "%s(%s)", mt->name, mt->section);
		mt->title = title;
	} else if (mt->title == NULL) {
		/* Formats that must name the document say "Untitled"; a
		 * page need not print it. */
		mt->title = "Untitled";
		mt->untitled = 1;
	}
	if (m->names == NULL)
		m->names = mt->name;
	if (m->whatis == NULL)
		m->whatis = mt->description != NULL && *mt->description ?
		    mt->description : mt->subtitle != NULL && *mt->subtitle ?
		    mt->subtitle : mt->title;
	if (mt->date != NULL && *mt->date != '\0')
		m->th_date = mt->date;
	else {
		if (gmtime_r(&t, &tm) == NULL ||
		    strftime(date, sizeof(date), "%Y-%m-%d", &tm) == 0)
			snprintf(date, sizeof(date), "1970-01-01");
		m->th_date = doc_strdup(d, date);
	}
	m->th_manual = mt->manual != NULL ? mt->manual : manual_of(mt->section);
	m->sh_level = top_level(d);
}
